// The rules of a person's row that every writer keeps — the grid's edits and pastes, the import,
// undo and redo: the name's sort key follows the name.
import { nkSortKey } from './nk-collation';

/** The columns a person's name sets: the name and the key the grids sort it by (ㄱㄴㄷ order). */
export function personNameColumns(name: string): { name: string; name_sort_key: string } {
  return { name, name_sort_key: nkSortKey(name) };
}

/**
 * Columns derived from others: never recorded in the audit log (undo re-derives them). A row's
 * version only ever moves forward (a trigger adds one on every update, undo's too), so that a
 * clerk's stale copy never matches again.
 */
export const DERIVED_COLUMNS: ReadonlySet<string> = new Set(['name_sort_key', 'updated_at', 'version']);
