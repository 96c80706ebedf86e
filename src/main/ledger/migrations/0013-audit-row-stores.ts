import type { Migration } from '../migration-types';

// Rows an undo takes out in bulk are kept in a row store per table (audit/row-store.ts) instead
// of one whole-row JSON entry each: the table's columns without its constraints, indexes or
// triggers, filled in id order. Columns the table gains later are added on use.
export const migration0013: Migration = {
  version: 13,
  name: 'audit-row-stores',
  up(db) {
    for (const table of ['persons', 'placements', 'county_requests']) {
      db.exec(`CREATE TABLE audit_rows_${table} AS SELECT * FROM ${table} WHERE 0`);
    }
  },
};
