import type Database from 'better-sqlite3';
import { prepared } from '../util/statements';

export type OperationKind =
  | 'edit'
  | 'paste'
  | 'fill'
  | 'add'
  | 'delete'
  | 'import'
  | 'place'
  | 'undo'
  | 'redo'
  | 'settings';

export type AuditEntity = 'person' | 'cohort' | 'county_request' | 'placement' | 'region' | 'decision_file' | 'setting';

/**
 * How changes are written to audit_log, so that ONE undo engine (audit/undo.ts) can revert any
 * operation — an edit, a paste, an import — by replaying its entries backwards:
 * - a row created:  field '+', old_value NULL, new_value = JSON of the whole row (every column);
 * - a row deleted:  field '-', old_value = JSON of the whole row, new_value NULL;
 * - a field changed: field = the column name, old_value / new_value as text (NULL for NULL).
 * entity names map to tables by ENTITY_TABLES. Use recordInsert / recordDelete / recordUpdate.
 */
export const ENTITY_TABLES = {
  person: 'persons',
  cohort: 'cohorts',
  county_request: 'county_requests',
  placement: 'placements',
  region: 'regions',
  decision_file: 'decision_files',
  setting: 'settings',
} as const;

export interface AuditChange {
  entity: AuditEntity;
  entityId: number | null;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/**
 * Starts an operation (one clerk action: an edit, a paste, an import …) and returns a function
 * that records one field change under it. Call inside the write transaction of the change, so
 * the data and its audit trail commit together or not at all.
 */
export function beginOperation(
  db: Database.Database,
  kind: OperationKind,
  clerk: string,
  description: string | null = null,
): { id: number; /** When the operation began (ISO): also the rows' updated_at. */ at: string; record(change: AuditChange): void } {
  const at = new Date().toISOString();
  const id = Number(
    prepared(db, 'INSERT INTO operations (kind, clerk, started_at, description) VALUES (?, ?, ?, ?)').run(kind, clerk, at, description).lastInsertRowid,
  );
  const insert = prepared(
    db,
    `INSERT INTO audit_log (operation_id, entity, entity_id, field, old_value, new_value, at, clerk)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    id,
    at,
    record(change) {
      insert.run(id, change.entity, change.entityId, change.field, change.oldValue, change.newValue, at, clerk);
    },
  };
}

type Recorder = ReturnType<typeof beginOperation>;
type Row = Record<string, unknown>;

function asText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Records a created row (the whole row, as stored). */
export function recordInsert(op: Recorder, entity: AuditEntity, id: number, row: Row): void {
  op.record({ entity, entityId: id, field: '+', oldValue: null, newValue: JSON.stringify(row) });
}

/** Records a deleted row (the whole row, as it was). */
export function recordDelete(op: Recorder, entity: AuditEntity, id: number, row: Row): void {
  op.record({ entity, entityId: id, field: '-', oldValue: JSON.stringify(row), newValue: null });
}

/** Records each column whose value differs between `before` and `after`. */
export function recordUpdate(op: Recorder, entity: AuditEntity, id: number, before: Row, after: Row): number {
  let changed = 0;
  for (const [column, value] of Object.entries(after)) {
    if (column === 'updated_at' || column === 'name_sort_key') continue;
    const oldValue = asText(before[column]);
    const newValue = asText(value);
    if (oldValue !== newValue) {
      op.record({ entity, entityId: id, field: column, oldValue, newValue });
      changed++;
    }
  }
  return changed;
}
