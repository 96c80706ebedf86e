import type Database from 'better-sqlite3';

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
): { id: number; record(change: AuditChange): void } {
  const at = new Date().toISOString();
  const id = Number(
    db
      .prepare('INSERT INTO operations (kind, clerk, started_at, description) VALUES (?, ?, ?, ?)')
      .run(kind, clerk, at, description).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO audit_log (operation_id, entity, entity_id, field, old_value, new_value, at, clerk)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    id,
    record(change) {
      insert.run(id, change.entity, change.entityId, change.field, change.oldValue, change.newValue, at, clerk);
    },
  };
}
