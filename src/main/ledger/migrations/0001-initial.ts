import { APPLICATION_ID } from '../constants';
import type { Migration } from '../migration-types';

// The initial schema. Shipped migrations are never edited: add a new file instead.
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    // In the same transaction as the schema: a ledger file is marked ours exactly when it has it.
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE regions (
        id        INTEGER PRIMARY KEY,
        code      TEXT NOT NULL UNIQUE,
        level     INTEGER NOT NULL CHECK (level IN (1, 2)),
        parent_id INTEGER REFERENCES regions(id),
        name_ko   TEXT NOT NULL,
        name_en   TEXT NOT NULL,
        type      TEXT NOT NULL CHECK (type IN ('province', 'municipality', 'special_city',
                                                'city', 'county', 'district', 'workers_district')),
        source    TEXT,
        CHECK ((level = 1) = (parent_id IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX regions_parent_name ON regions(parent_id, name_ko);

      CREATE TABLE cohorts (
        id         INTEGER PRIMARY KEY,
        year       INTEGER NOT NULL CHECK (year BETWEEN 1948 AND 2200),
        term       TEXT NOT NULL CHECK (term IN ('spring', 'summer', 'fall')),
        notes      TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (year, term)
      ) STRICT;

      CREATE TABLE operations (
        id                  INTEGER PRIMARY KEY,
        kind                TEXT NOT NULL CHECK (kind IN ('edit', 'paste', 'fill', 'add', 'delete',
                                                          'import', 'place', 'undo', 'redo', 'settings')),
        clerk               TEXT NOT NULL,
        started_at          TEXT NOT NULL,
        description         TEXT,
        reverts_operation_id INTEGER REFERENCES operations(id)
      ) STRICT;

      CREATE TABLE persons (
        id             INTEGER PRIMARY KEY,
        service_no     TEXT NOT NULL UNIQUE CHECK (length(service_no) > 0 AND service_no NOT GLOB '*[^0-9A-Za-z-]*'),
        name           TEXT NOT NULL CHECK (length(name) > 0),
        name_sort_key  TEXT NOT NULL,
        sex            TEXT CHECK (sex IN ('M', 'F')),
        birth_date     TEXT CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        home_province  TEXT,
        home_county    TEXT,
        unit           TEXT,
        rank           TEXT CHECK (rank IN ('전사', '상등병', '하사', '중사', '상사', '특무상사')),
        discharge_date TEXT CHECK (discharge_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        skill          TEXT,
        education      TEXT,
        notes          TEXT,
        cohort_id      INTEGER REFERENCES cohorts(id),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX persons_name_sort ON persons(name_sort_key, id);
      CREATE INDEX persons_cohort ON persons(cohort_id);

      CREATE TABLE county_requests (
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
        UNIQUE (county_id, workplace, cohort_id)
      ) STRICT;
      CREATE INDEX county_requests_cohort ON county_requests(cohort_id, county_id);

      CREATE TABLE decision_files (
        id               INTEGER PRIMARY KEY,
        file_name        TEXT NOT NULL,
        sha256           TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
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
        skipped_invalid  INTEGER NOT NULL DEFAULT 0 CHECK (skipped_invalid IN (0, 1))
      ) STRICT;

      CREATE TABLE placements (
        id               INTEGER PRIMARY KEY,
        person_id        INTEGER NOT NULL REFERENCES persons(id),
        cohort_id        INTEGER NOT NULL REFERENCES cohorts(id),
        dest_county_id   INTEGER NOT NULL REFERENCES regions(id),
        sector           TEXT NOT NULL DEFAULT 'other' CHECK (sector IN ('local_factory', 'rural_housing', 'farm_team', 'other')),
        request_id       INTEGER REFERENCES county_requests(id),
        status           TEXT NOT NULL DEFAULT 'decided' CHECK (status IN ('proposed', 'decided', 'notified', 'arrived', 'cancelled')),
        decision_file_id INTEGER REFERENCES decision_files(id),
        decided_on       TEXT,
        notified_on      TEXT,
        arrival_date     TEXT,
        cancelled_on     TEXT,
        notes            TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        UNIQUE (person_id, cohort_id)
      ) STRICT;
      CREATE INDEX placements_dest ON placements(dest_county_id, cohort_id);
      CREATE INDEX placements_request ON placements(request_id);

      CREATE TABLE audit_log (
        id           INTEGER PRIMARY KEY,
        operation_id INTEGER NOT NULL REFERENCES operations(id),
        entity       TEXT NOT NULL CHECK (entity IN ('person', 'cohort', 'county_request', 'placement',
                                                     'region', 'decision_file', 'setting')),
        entity_id    INTEGER,
        field        TEXT NOT NULL,
        old_value    TEXT,
        new_value    TEXT,
        at           TEXT NOT NULL,
        clerk        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
      CREATE INDEX audit_log_operation ON audit_log(operation_id);
      CREATE INDEX audit_log_at ON audit_log(at);
    `);
  },
};
