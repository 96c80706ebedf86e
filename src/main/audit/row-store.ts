// Rows an undo takes out in bulk (an import of a million persons taken back), kept as rows
// rather than as a million whole-row JSON entries: one table per entity table (audit_rows_persons
// …, made by migration 0013, without the table's constraints), and ONE audit entry per run of
// rows ('-*', see operations.ts) that points at them. Copying rows is a plain sequential insert —
// no JSON to build or parse, no audit index entries per row — so an undo writes a fraction of
// what it did, and its redo copies them back in key order. The stored rows stay (as '-' entries'
// JSON does): History reads them, and the audit trail keeps what was taken out.
import type Database from 'better-sqlite3';
import { migrationLevel } from '../ledger/migrate';
import { tableSql } from '../ledger/schema';
import { prepared } from '../util/statements';
import { columnsOf, type AuditEntity, type OperationRecorder, DELETED_RANGE } from './operations';

/** The entity tables that have a row store (what can be created in bulk, by an import or a redo). */
export const STORED_TABLES = ['persons', 'placements', 'county_requests'] as const;

export const storeOf = (table: string): string => `audit_rows_${table}`;

/** Whether a table's deleted rows can go to a store (else each is recorded whole, '-'). */
export function hasRowStore(db: Database.Database, table: string): boolean {
  if (!(STORED_TABLES as readonly string[]).includes(table)) return false;
  return tableSql(db, storeOf(table)) !== null;
}

/**
 * The columns a table and its store share, after adding to the store any the table has gained
 * since (a migration's new column): its rows go in whole, and come back with what they had.
 */
function sharedColumns(db: Database.Database, table: string, addMissing: boolean): string[] {
  const store = storeOf(table);
  const stored = new Set(columnsOf(db, store));
  const columns = columnsOf(db, table);
  if (addMissing) {
    for (const c of columns.filter((c) => !stored.has(c))) {
      db.exec(`ALTER TABLE ${store} ADD COLUMN "${c}"`);
      stored.add(c);
    }
  }
  return columns.filter((c) => stored.has(c));
}

const list = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(', ');

/**
 * Copies rows first…last of `table` (all present) into its store and records one '-*' entry in
 * `op`: entity_id the first id, new_value the last, old_value the store's rowid of the first
 * (the run's rows follow it in id order). Call before deleting them, in the same transaction.
 */
export function storeRows(
  db: Database.Database,
  entity: AuditEntity,
  table: string,
  first: number,
  last: number,
  op: OperationRecorder,
): void {
  const store = storeOf(table);
  const columns = sharedColumns(db, table, true);
  const start = ((prepared(db, `SELECT coalesce(max(rowid), 0) FROM ${store}`).pluck().get() as number) ?? 0) + 1;
  const copied = prepared(
    db,
    `INSERT INTO ${store} (rowid, ${list(columns)}) SELECT ? + (id - ?), ${list(columns)} FROM ${table} WHERE id BETWEEN ? AND ? ORDER BY id`,
  ).run(start, first, first, last).changes;
  if (copied !== last - first + 1) throw new Error(`${table} ${first}…${last}: ${copied} rows stored, ${last - first + 1} expected`);
  op.record({ entity, entityId: first, field: DELETED_RANGE, oldValue: `${start}@${migrationLevel(db)}`, newValue: String(last) });
}

/** Where a '-*' entry's rows are kept (old_value "ROWID@LEVEL": the first's rowid, the migration level they were stored at). */
export function storedAt(oldValue: string | null): { start: number; level: number | null } {
  const [start, level] = String(oldValue ?? '').split('@');
  return { start: Number(start), level: level === undefined ? null : Number(level) };
}

/**
 * Inserts back into `table` the rows a '-*' entry stored (ids first…last, from store rowid
 * `start`), in id order. Rows stored at the ledger's present migration level passed the table's
 * CHECK constraints when they were taken out, under the same schema: they are not checked again
 * (a quarter of an insert's cost, as in the import's writer). Rows stored at another level are.
 */
export function restoreStoredRows(db: Database.Database, table: string, first: number, last: number, oldValue: string | null): number {
  const { start, level } = storedAt(oldValue);
  const columns = sharedColumns(db, table, false);
  const trusted = level === migrationLevel(db);
  // Only around this statement: SQLite re-prepares every statement when the flag changes.
  if (trusted) db.pragma('ignore_check_constraints = ON');
  try {
    return db
      .prepare(
        `INSERT INTO ${table} (${list(columns)}) SELECT ${list(columns)} FROM ${storeOf(table)} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`,
      )
      .run(start, start + (last - first)).changes;
  } finally {
    if (trusted) db.pragma('ignore_check_constraints = OFF');
  }
}
