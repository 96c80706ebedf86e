// Each grid's view (column order, widths, visibility, sort, filters) remembered in the ledger's
// settings, so it survives restarts; null resets it.
import type Database from 'better-sqlite3';
import type { GridId } from '../../shared/grids';

const keyOf = (grid: GridId) => `view.${grid}`;

export function getGridView(db: Database.Database, grid: GridId): Record<string, unknown> | null {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(keyOf(grid)) as string | undefined;
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Saves (or with null forgets) a view. Not audited: a view is how a clerk looks, not ledger data. */
export function saveGridView(db: Database.Database, grid: GridId, state: Record<string, unknown> | null): { saved: boolean } {
  if (state === null) db.prepare('DELETE FROM settings WHERE key = ?').run(keyOf(grid));
  else
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      keyOf(grid),
      JSON.stringify(state),
    );
  return { saved: true };
}
