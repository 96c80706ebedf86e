import type { Migration } from '../migration-types';

// The term's figures (figures/term-figures.ts: decided, assigned, notified, arrived per
// city/county and sector, and arrivals per day) read a small tally instead of counting a
// million placements on every look at the Dashboard: one row per term, city/county, sector,
// status, with or without a workplace, and — for arrived placements — arrival date, holding how
// many placements are so. Triggers keep it with every insert, update and delete of a placement,
// whoever writes (grid, import, undo, allocation), in the writer's own transaction; it is never
// written by hand. Rows that fall to zero stay (harmless to sums, and few).
const KEY_NEW = `new.cohort_id, new.dest_county_id, new.sector, new.status, new.request_id IS NOT NULL,
                 CASE WHEN new.status = 'arrived' THEN coalesce(new.arrival_date, '') ELSE '' END`;
const MATCH_OLD = `cohort_id = old.cohort_id AND county_id = old.dest_county_id AND sector = old.sector AND status = old.status
                   AND assigned = (old.request_id IS NOT NULL)
                   AND arrival_day = CASE WHEN old.status = 'arrived' THEN coalesce(old.arrival_date, '') ELSE '' END`;
const ADD_NEW = `INSERT INTO placement_tally (cohort_id, county_id, sector, status, assigned, arrival_day, n)
                 VALUES (${KEY_NEW}, 1)
                 ON CONFLICT (cohort_id, county_id, sector, status, assigned, arrival_day) DO UPDATE SET n = n + 1;`;
const REMOVE_OLD = `UPDATE placement_tally SET n = n - 1 WHERE ${MATCH_OLD};`;

export const migration0009: Migration = {
  version: 9,
  name: 'placement-tally',
  up(db) {
    db.exec(`
      CREATE TABLE placement_tally (
        cohort_id   INTEGER NOT NULL,
        county_id   INTEGER NOT NULL,
        sector      TEXT NOT NULL,
        status      TEXT NOT NULL,
        assigned    INTEGER NOT NULL,
        arrival_day TEXT NOT NULL,
        n           INTEGER NOT NULL,
        PRIMARY KEY (cohort_id, county_id, sector, status, assigned, arrival_day)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO placement_tally (cohort_id, county_id, sector, status, assigned, arrival_day, n)
        SELECT cohort_id, dest_county_id, sector, status, request_id IS NOT NULL,
               CASE WHEN status = 'arrived' THEN coalesce(arrival_date, '') ELSE '' END, count(*)
          FROM placements GROUP BY 1, 2, 3, 4, 5, 6;
      CREATE TRIGGER placements_tally_insert AFTER INSERT ON placements BEGIN
        ${ADD_NEW}
      END;
      CREATE TRIGGER placements_tally_delete AFTER DELETE ON placements BEGIN
        ${REMOVE_OLD}
      END;
      CREATE TRIGGER placements_tally_update AFTER UPDATE OF cohort_id, dest_county_id, sector, status, request_id, arrival_date ON placements
      WHEN old.cohort_id IS NOT new.cohort_id OR old.dest_county_id IS NOT new.dest_county_id OR old.sector IS NOT new.sector
        OR old.status IS NOT new.status OR (old.request_id IS NULL) <> (new.request_id IS NULL) OR old.arrival_date IS NOT new.arrival_date
      BEGIN
        ${REMOVE_OLD}
        ${ADD_NEW}
      END;
    `);
  },
};
