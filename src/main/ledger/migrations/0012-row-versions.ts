import type { Migration } from '../migration-types';

// Many clerks at once (issue 15, docs/hub.md): every row of the four edited tables carries a
// version, 1 when made, one more after every update — whoever writes (a grid, the import, undo,
// allocation, a foreign tool), in the writer's own statement's transaction. A grid's write names
// the versions its rows had when the clerk saw them, and a row whose version moved on since is
// refused (grid/versions.ts) instead of written over.
//
// The column is added in place (no table rewrite: a million-row ledger migrates at once); the
// trigger fires only when the update left the version as it was (WHEN new.version = old.version),
// so a writer that moves it itself pays nothing more, and its own UPDATE of the version does not
// fire it again (recursive triggers are off). Rows deleted before this migration were recorded
// whole without the column: brought back by an undo or a redo, they get its default (1).
export const VERSIONED_TABLES = ['persons', 'county_requests', 'placements', 'cohorts'] as const;

export const migration0012: Migration = {
  version: 12,
  name: 'row-versions',
  up(db) {
    for (const table of VERSIONED_TABLES) {
      db.exec(`
        ALTER TABLE ${table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
        CREATE TRIGGER ${table}_version AFTER UPDATE ON ${table} WHEN new.version = old.version BEGIN
          UPDATE ${table} SET version = old.version + 1 WHERE id = new.id;
        END;
      `);
    }
  },
};
