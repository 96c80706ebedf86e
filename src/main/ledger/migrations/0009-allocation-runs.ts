import type { Migration } from '../migration-types';

// Automatic allocation (issue 13, docs/allocation.md "Runs, pins, accept"):
// - operations may be of kind 'allocate' (a proposal accepted: one undoable operation). SQLite
//   changes a CHECK only by rebuilding the table (foreign keys off: audit_log points to it by id);
// - allocation_runs: one row per run — settings, scope, the pins it honoured, input hash, the
//   objective, counts, solver figures, clerk, time, state (proposed → accepted | discarded) and the
//   operation that accepted it. A run whose operation was undone reads as 'undone';
// - allocation_assignments: the proposal, one row per person of the run (request or none, the
//   reason, seat, pinned / moved by hand) with the updated_at of the placement and person read, so
//   Accept refuses when a row it touches changed since;
// - allocation_run_requests: the requests a run read, with their seats taken before it and their
//   updated_at (the same check, and the proposal's fill rates);
// - allocation_pins: the clerk's pins of a term (placement → request, or NULL = keep without a
//   workplace); every run honours them, they survive restarts.
// Placement and request ids are plain integers here, not foreign keys: undoing an import may
// delete the rows a run once read; the run is then stale and Accept refuses it.
export const migration0009: Migration = {
  version: 9,
  name: 'allocation-runs',
  foreignKeysOff: true,
  up(db) {
    db.exec(`
      CREATE TABLE operations_new (
        id                  INTEGER PRIMARY KEY,
        kind                TEXT NOT NULL CHECK (kind IN ('edit', 'paste', 'fill', 'add', 'delete',
                                                          'import', 'place', 'allocate', 'undo', 'redo', 'settings')),
        clerk               TEXT NOT NULL,
        started_at          TEXT NOT NULL,
        description         TEXT,
        reverts_operation_id INTEGER REFERENCES operations(id),
        undone              INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
      ) STRICT;
      INSERT INTO operations_new (id, kind, clerk, started_at, description, reverts_operation_id, undone)
        SELECT id, kind, clerk, started_at, description, reverts_operation_id, undone FROM operations;
      DROP TABLE operations;
      ALTER TABLE operations_new RENAME TO operations;
      CREATE INDEX operations_kind ON operations(kind, id);

      CREATE TABLE allocation_runs (
        id            INTEGER PRIMARY KEY,
        cohort_id     INTEGER NOT NULL REFERENCES cohorts(id),
        county_ids    TEXT NOT NULL CHECK (json_valid(county_ids)),
        settings      TEXT NOT NULL CHECK (json_valid(settings)),
        pins          TEXT NOT NULL CHECK (json_valid(pins)),
        input_hash    TEXT NOT NULL CHECK (length(input_hash) = 64),
        objective     INTEGER NOT NULL,
        persons       INTEGER NOT NULL CHECK (persons >= 0),
        assigned      INTEGER NOT NULL CHECK (assigned >= 0),
        unassigned    INTEGER NOT NULL CHECK (unassigned >= 0),
        cross_sector  INTEGER NOT NULL CHECK (cross_sector >= 0),
        solver        TEXT NOT NULL CHECK (json_valid(solver)),
        counties      TEXT NOT NULL CHECK (json_valid(counties)),
        clerk         TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        state         TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'accepted', 'discarded')),
        accepted_at   TEXT,
        operation_id  INTEGER REFERENCES operations(id),
        CHECK ((state = 'accepted') = (operation_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX allocation_runs_cohort ON allocation_runs(cohort_id, id);

      CREATE TABLE allocation_assignments (
        run_id               INTEGER NOT NULL REFERENCES allocation_runs(id) ON DELETE CASCADE,
        placement_id         INTEGER NOT NULL,
        county_id            INTEGER NOT NULL,
        request_id           INTEGER,
        reason               TEXT CHECK (reason IN ('county_has_no_requests', 'no_request_of_sector', 'all_full_before', 'seats_taken', 'kept_unassigned')),
        seat                 INTEGER NOT NULL DEFAULT 0,
        pinned               INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
        moved                INTEGER NOT NULL DEFAULT 0 CHECK (moved IN (0, 1)),
        placement_updated_at TEXT NOT NULL,
        person_updated_at    TEXT NOT NULL,
        CHECK ((request_id IS NULL) = (reason IS NOT NULL)),
        PRIMARY KEY (run_id, placement_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX allocation_assignments_county ON allocation_assignments(run_id, county_id, request_id);

      CREATE TABLE allocation_run_requests (
        run_id       INTEGER NOT NULL REFERENCES allocation_runs(id) ON DELETE CASCADE,
        request_id   INTEGER NOT NULL,
        county_id    INTEGER NOT NULL,
        taken_before INTEGER NOT NULL CHECK (taken_before >= 0),
        updated_at   TEXT NOT NULL,
        objective    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, request_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE allocation_pins (
        placement_id INTEGER PRIMARY KEY,
        cohort_id    INTEGER NOT NULL REFERENCES cohorts(id),
        request_id   INTEGER,
        clerk        TEXT NOT NULL,
        pinned_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX allocation_pins_cohort ON allocation_pins(cohort_id);
    `);
  },
};
