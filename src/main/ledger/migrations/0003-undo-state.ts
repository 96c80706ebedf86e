import type { Migration } from '../migration-types';

// Undo and redo live in the ledger: an operation that has been undone is marked, so the undo
// and redo stacks survive a restart.
export const migration0003: Migration = {
  version: 3,
  name: 'undo-state',
  up(db) {
    db.exec(`
      ALTER TABLE operations ADD COLUMN undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1));
      CREATE INDEX operations_kind ON operations(kind, id);
    `);
  },
};
