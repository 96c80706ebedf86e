// What a big undo sets aside when it empties a table (a fresh ledger's import of a million rows
// taken back): the table's derived data — the persons' search index, the placements' tally —
// exactly as it was for the rows it takes out. A redo that brings back those very rows into the
// emptied table puts it back in place instead of making it again from a million rows (seconds
// each). Each is named after its run of rows: the undo operation and the run's first id.
// Everything happens inside the undo's or redo's transaction, so a rollback or a killed process
// leaves nothing set aside that the ledger did not hold before. What is set aside is only ever a
// shortcut: when it is missing or does not fit, the redo makes the data afresh.
import type Database from 'better-sqlite3';

/** The derived tables that can be set aside. */
export type AsideBase = 'person_search' | 'placement_tally';

const ASIDE = /^(person_search|placement_tally)_undone_(\d+)_(\d+)$/;

/** Where undo operation `undoId` keeps `base` as it was for its run of rows starting at `first`. */
export function asideName(base: AsideBase, undoId: number, first: number): string {
  return `${base}_undone_${undoId}_${first}`;
}

/**
 * Drops everything set aside, except what undo operation `keepUndoId` set aside: called by each
 * big undo or redo and each decision import, so one undo's is kept at a time (a new operation
 * usually clears the redo stack; a redo whose aside went makes the data afresh). A search index
 * set aside is a virtual table: dropping it drops its shadow tables.
 */
export function dropAsides(db: Database.Database, keepUndoId?: number): void {
  const names = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE '%\\_undone\\_%' ESCAPE '\\'")
    .pluck()
    .all() as string[];
  for (const name of names) {
    const match = ASIDE.exec(name);
    if (match && Number(match[2]) !== keepUndoId) db.exec(`DROP TABLE "${name}"`);
  }
}
