import type { Migration } from '../migration-types';

// County requests: a workplace may ask for workers of two sectors, or of different skills, in the
// same term — two requests. The key of a request becomes (city/county, workplace, term, sector,
// skills wanted) instead of (city/county, workplace, term); SQLite changes a UNIQUE constraint
// only by rebuilding the table (with foreign keys off: placements point to it by id, kept as is).
// Imported files also record the sheets they gave (a JSON array of {name, rows}): a workbook whose
// sheets were imported in two goes (some left out the first time) has two rows of the same
// SHA-256, so that key is an index now, not UNIQUE (rebuilt the same way).
export const migration0007: Migration = {
  version: 7,
  name: 'request-keys-and-sheets',
  foreignKeysOff: true,
  up(db) {
    db.exec(`
      CREATE TABLE county_requests_new (
        id               INTEGER PRIMARY KEY,
        county_id        INTEGER NOT NULL REFERENCES regions(id),
        workplace        TEXT NOT NULL CHECK (length(workplace) > 0),
        sector           TEXT NOT NULL CHECK (sector IN ('local_factory', 'rural_housing', 'farm_team', 'other')),
        headcount        INTEGER NOT NULL CHECK (headcount > 0),
        skills_wanted    TEXT NOT NULL DEFAULT '',
        cohort_id        INTEGER NOT NULL REFERENCES cohorts(id),
        priority         INTEGER NOT NULL DEFAULT 3 CHECK (priority >= 1),
        housing_provided INTEGER NOT NULL DEFAULT 0 CHECK (housing_provided IN (0, 1)),
        status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'closed', 'cancelled')),
        dev_20x10        INTEGER NOT NULL DEFAULT 0 CHECK (dev_20x10 IN (0, 1)),
        notes            TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        UNIQUE (county_id, workplace, cohort_id, sector, skills_wanted)
      ) STRICT;
      INSERT INTO county_requests_new SELECT id, county_id, workplace, sector, headcount, skills_wanted, cohort_id, priority,
        housing_provided, status, dev_20x10, notes, created_at, updated_at FROM county_requests;
      DROP TABLE county_requests;
      ALTER TABLE county_requests_new RENAME TO county_requests;
      CREATE INDEX county_requests_cohort ON county_requests(cohort_id, county_id);
      CREATE TABLE decision_files_new (
        id               INTEGER PRIMARY KEY,
        file_name        TEXT NOT NULL,
        sha256           TEXT NOT NULL CHECK (length(sha256) = 64),
        kind             TEXT NOT NULL DEFAULT 'decision' CHECK (kind IN ('decision', 'requests')),
        decision_no      TEXT,
        cohort_id        INTEGER REFERENCES cohorts(id),
        imported_at      TEXT NOT NULL,
        operation_id     INTEGER REFERENCES operations(id),
        rows_data        INTEGER NOT NULL DEFAULT 0,
        rows_valid       INTEGER NOT NULL DEFAULT 0,
        rows_invalid     INTEGER NOT NULL DEFAULT 0,
        rows_skipped     INTEGER NOT NULL DEFAULT 0,
        persons_new      INTEGER NOT NULL DEFAULT 0,
        persons_updated  INTEGER NOT NULL DEFAULT 0,
        placements_new   INTEGER NOT NULL DEFAULT 0,
        placements_moved INTEGER NOT NULL DEFAULT 0,
        skipped_invalid  INTEGER NOT NULL DEFAULT 0 CHECK (skipped_invalid IN (0, 1)),
        sheets           TEXT CHECK (sheets IS NULL OR json_valid(sheets))
      ) STRICT;
      INSERT INTO decision_files_new SELECT *, NULL FROM decision_files;
      DROP TABLE decision_files;
      ALTER TABLE decision_files_new RENAME TO decision_files;
      CREATE INDEX decision_files_sha ON decision_files(sha256);
    `);
  },
};
