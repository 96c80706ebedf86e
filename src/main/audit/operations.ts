import type Database from 'better-sqlite3';
import { prepared } from '../util/statements';
import { ENTITY_TABLES, type AuditEntity } from '../domain/entities';
import { DERIVED_COLUMNS } from '../domain/persons';

export { ENTITY_TABLES, type AuditEntity };

export type OperationKind = 'edit' | 'paste' | 'fill' | 'add' | 'delete' | 'import' | 'place' | 'allocate' | 'undo' | 'redo' | 'settings';

/**
 * How changes are written to audit_log, so that ONE undo engine (audit/undo.ts) can revert any
 * operation — an edit, a paste, an import — by replaying its entries backwards:
 * - a row created:  field '+', old_value NULL, new_value = JSON of the whole row (every column);
 * - rows created in bulk (an import's persons and placements): field '+*', entity_id = the first
 *   id, new_value = the last id — every id from first to last was created by the operation. The
 *   rows' values at creation are the rows themselves, less what later entries changed (each of
 *   those is recorded field by field), so nothing is lost; a million-row import writes a few
 *   entries instead of two million JSON copies of its rows. Undo records each deleted row whole;
 * - a row deleted:  field '-', old_value = JSON of the whole row, new_value NULL;
 * - rows deleted in bulk (an undo taking back an import's range): field '-*', entity_id = the
 *   first id, new_value = the last id, old_value = where the rows are kept — "ROWID@LEVEL": the
 *   rowid of the first in the entity's row store (audit/row-store.ts), the others following in
 *   id order, and the migration level they were stored at;
 * - a field changed: field = the column name, old_value / new_value as text (NULL for NULL).
 * entity names map to tables by ENTITY_TABLES (domain/entities.ts). Use recordInsert / recordCreatedRange /
 * recordDelete / recordUpdate.
 */

/** The field of an entry for rows created in bulk (see above). */
export const CREATED_RANGE = '+*';
/** The field of an entry for rows deleted in bulk, kept in a row store (see above). */
export const DELETED_RANGE = '-*';

export interface AuditChange {
  entity: AuditEntity;
  entityId: number | null;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/** Starts operations on one connection, with its two inserts prepared once (an edit runs them each time). */
export class OperationLog {
  private readonly operation: Database.Statement;
  private readonly entry: Database.Statement;

  constructor(db: Database.Database) {
    this.operation = db.prepare('INSERT INTO operations (kind, clerk, started_at, description) VALUES (?, ?, ?, ?)');
    this.entry = db.prepare(
      `INSERT INTO audit_log (operation_id, entity, entity_id, field, old_value, new_value, at, clerk)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** See beginOperation. */
  begin(kind: OperationKind, clerk: string, description: string | null = null): OperationRecorder {
    const at = new Date().toISOString();
    return new OperationRecorder(this.entry, Number(this.operation.run(kind, clerk, at, description).lastInsertRowid), at, clerk);
  }
}

const operationLogs = new WeakMap<Database.Database, OperationLog>();

/** The connection's OperationLog, made on first use. */
export function operationLogOf(db: Database.Database): OperationLog {
  let log = operationLogs.get(db);
  if (!log) operationLogs.set(db, (log = new OperationLog(db)));
  return log;
}

/** One operation being recorded: its id and time, and how to record its changes. */
export class OperationRecorder {
  constructor(
    private readonly entry: Database.Statement,
    readonly id: number,
    /** When the operation began (ISO): also the rows' updated_at. */
    readonly at: string,
    readonly clerk: string,
  ) {}

  /** Records one change; returns the entry's id. */
  record(change: AuditChange): number {
    return this.field(change.entity, change.entityId, change.field, change.oldValue, change.newValue);
  }

  /** How many entries the operation has recorded so far. */
  entries = 0;
  /** Set by a write that leaves no entry of its own (a name's sort key repaired): the operation changed the ledger. */
  wroteUnrecorded = false;

  /** The same, as arguments (a cell edit's path: no object per change). */
  field(entity: AuditEntity, entityId: number | null, field: string, oldValue: string | null, newValue: string | null): number {
    this.entries++;
    return Number(this.entry.run(this.id, entity, entityId, field, oldValue, newValue, this.at, this.clerk).lastInsertRowid);
  }
}

/**
 * Starts an operation (one clerk action: an edit, a paste, an import …) and returns its
 * recorder. Call inside the write transaction of the change, so the data and its audit trail
 * commit together or not at all.
 */
export function beginOperation(
  db: Database.Database,
  kind: OperationKind,
  clerk: string,
  description: string | null = null,
): OperationRecorder {
  return operationLogOf(db).begin(kind, clerk, description);
}

type Recorder = OperationRecorder;
type Row = Record<string, unknown>;

export function asText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Records a created row (the whole row, as stored). */
export function recordInsert(op: Recorder, entity: AuditEntity, id: number, row: Row): void {
  op.record({ entity, entityId: id, field: '+', oldValue: null, newValue: JSON.stringify(row) });
}

/** Ascending ids as runs of consecutive ids: [first, last] each. */
export function idRuns(ids: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < ids.length;) {
    const first = ids[i]!;
    let last = first;
    while (i + 1 < ids.length && ids[i + 1] === last + 1) last = ids[++i]!;
    i++;
    runs.push([first, last]);
  }
  return runs;
}

/** Records that every id from `first` to `last` of an entity was created by the operation; returns the entry's id. */
export function recordCreatedRange(op: Recorder, entity: AuditEntity, first: number, last: number): number {
  return op.record({ entity, entityId: first, field: CREATED_RANGE, oldValue: null, newValue: String(last) });
}

/** Extends a '+*' entry to a new last id (rows created right after the range it holds). */
export function extendCreatedRange(db: Database.Database, entryId: number, last: number): void {
  prepared(db, `UPDATE audit_log SET new_value = ? WHERE id = ? AND field = '${CREATED_RANGE}'`).run(String(last), entryId);
}

/** Every column of a table, in table order: what a whole-row entry holds. */
export function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

/** `json_object('id', t."id", 'col', t."col", …)` over every column of a table, in table order. */
export function rowJsonSql(db: Database.Database, table: string, alias = 't'): string {
  return `json_object(${columnsOf(db, table)
    .map((c) => `'${c}', ${alias}."${c}"`)
    .join(', ')})`;
}

/** Records a deleted row (the whole row, as it was). */
export function recordDelete(op: Recorder, entity: AuditEntity, id: number, row: Row): void {
  op.record({ entity, entityId: id, field: '-', oldValue: JSON.stringify(row), newValue: null });
}

/** Records each column whose value differs between `before` and `after`. */
export function recordUpdate(op: Recorder, entity: AuditEntity, id: number, before: Row, after: Row): number {
  let changed = 0;
  for (const column in after) {
    if (DERIVED_COLUMNS.has(column)) continue;
    const oldValue = asText(before[column]);
    const newValue = asText(after[column]);
    if (oldValue !== newValue) {
      op.field(entity, id, column, oldValue, newValue);
      changed++;
    }
  }
  return changed;
}
