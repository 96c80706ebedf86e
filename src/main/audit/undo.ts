// Undo and redo of whole operations (an edit, a paste, a fill, an import …), from the audit log
// alone: an operation's entries are replayed backwards (undo) or forwards (redo) inside a new
// operation that records what it did. The state lives in the ledger, so it survives a restart.
import type Database from 'better-sqlite3';
import type { UndoState } from '../../shared/api/grid.contract';
import { LedgerError } from '../../shared/errors';
import { nkSortKey } from '../../shared/nk-collation';
import { beginOperation, ENTITY_TABLES, type AuditEntity } from './operations';

/** Operations a clerk can undo; undo/redo themselves and settings are not on the stack. */
export const UNDOABLE_KINDS = ['edit', 'paste', 'fill', 'add', 'delete', 'import', 'place'] as const;
const KINDS_SQL = UNDOABLE_KINDS.map((k) => `'${k}'`).join(', ');

interface OperationRow {
  id: number;
  kind: string;
  description: string | null;
}

interface AuditRow {
  entity: AuditEntity;
  entity_id: number | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

/** The operation Ctrl+Z would take back: the newest undoable one not undone yet. */
function undoTarget(db: Database.Database): OperationRow | undefined {
  return db.prepare(`SELECT id, kind, description FROM operations WHERE kind IN (${KINDS_SQL}) AND undone = 0 ORDER BY id DESC LIMIT 1`).get() as
    | OperationRow
    | undefined;
}

/**
 * The operation Ctrl+Y would bring back: the one the newest undo took back, as long as no new
 * change has been made since (a new change clears the redo stack, as in every editor).
 */
function redoTarget(db: Database.Database): OperationRow | undefined {
  const lastUndo = db
    .prepare(
      `SELECT u.id, u.reverts_operation_id AS target FROM operations u
        WHERE u.kind = 'undo' AND NOT EXISTS (SELECT 1 FROM operations r WHERE r.kind = 'redo' AND r.reverts_operation_id = u.id)
        ORDER BY u.id DESC LIMIT 1`,
    )
    .get() as { id: number; target: number } | undefined;
  if (!lastUndo) return undefined;
  const newer = db.prepare(`SELECT 1 FROM operations WHERE id > ? AND kind IN (${KINDS_SQL}) AND undone = 0 LIMIT 1`).get(lastUndo.id);
  if (newer) return undefined;
  return db.prepare('SELECT id, kind, description FROM operations WHERE id = ? AND undone = 1').get(lastUndo.target) as OperationRow | undefined;
}

export function undoState(db: Database.Database): UndoState {
  const undo = undoTarget(db);
  const redo = redoTarget(db);
  return {
    canUndo: !!undo,
    canRedo: !!redo,
    undoKind: undo?.kind ?? null,
    undoDescription: undo?.description ?? null,
    redoKind: redo?.kind ?? null,
    redoDescription: redo?.description ?? null,
  };
}

function tableOf(entity: AuditEntity): string {
  return ENTITY_TABLES[entity];
}

function conflict(operation: OperationRow, why: string): LedgerError {
  return new LedgerError('undo_conflict', `operation ${operation.id}: ${why}`, { operation: operation.kind });
}

/**
 * Makes one entry happen in one direction: 'back' restores old values (undo), 'forward'
 * applies new ones (redo). Checks first that the ledger still holds what the entry left, so an
 * undo never overwrites a later change.
 */
function replay(db: Database.Database, operation: OperationRow, entry: AuditRow, direction: 'back' | 'forward', record: ReturnType<typeof beginOperation>['record']): void {
  const table = tableOf(entry.entity);
  const id = entry.entity_id;
  const from = direction === 'back' ? entry.new_value : entry.old_value;
  const to = direction === 'back' ? entry.old_value : entry.new_value;
  const created = (entry.field === '+') === (direction === 'back'); // the row must go away
  if (entry.field === '+' || entry.field === '-') {
    if (created) {
      const existing = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
      if (!existing) throw conflict(operation, `${table} ${id} is already gone`);
      try {
        db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id);
      } catch (error) {
        throw conflict(operation, `${table} ${id} is still referred to: ${(error as Error).message}`);
      }
      record({ entity: entry.entity, entityId: id, field: '-', oldValue: JSON.stringify(existing), newValue: null });
    } else {
      const row = JSON.parse((entry.field === '-' ? entry.old_value : entry.new_value) ?? '{}') as Record<string, unknown>;
      const columns = Object.keys(row);
      try {
        db.prepare(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
          ...columns.map((c) => row[c] as never),
        );
      } catch (error) {
        throw conflict(operation, `${table} ${id} cannot be restored: ${(error as Error).message}`);
      }
      record({ entity: entry.entity, entityId: id, field: '+', oldValue: null, newValue: JSON.stringify(row) });
    }
    return;
  }
  if (!/^[a-z_0-9.]+$/.test(entry.field)) throw conflict(operation, `unknown field ${entry.field}`);
  if (entry.entity === 'setting') {
    const current = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(entry.field) as string | undefined;
    if ((current ?? null) !== from) throw conflict(operation, `setting ${entry.field} changed since`);
    if (to === null) db.prepare('DELETE FROM settings WHERE key = ?').run(entry.field);
    else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(entry.field, to);
    record({ entity: 'setting', entityId: null, field: entry.field, oldValue: from, newValue: to });
    return;
  }
  const current = db.prepare(`SELECT "${entry.field}" AS v FROM ${table} WHERE id = ?`).get(id) as { v: unknown } | undefined;
  if (!current) throw conflict(operation, `${table} ${id} is gone`);
  const currentText = current.v === null || current.v === undefined ? null : String(current.v);
  if (currentText !== from) throw conflict(operation, `${table} ${id} ${entry.field} changed since`);
  const extra = table === 'persons' && entry.field === 'name' ? ', name_sort_key = ?' : '';
  const params: unknown[] = [to];
  if (extra) params.push(nkSortKey(to ?? ''));
  const stamp = table === 'cohorts' || table === 'regions' || table === 'decision_files' ? '' : ', updated_at = ?';
  if (stamp) params.push(new Date().toISOString());
  try {
    db.prepare(`UPDATE ${table} SET "${entry.field}" = ?${extra}${stamp} WHERE id = ?`).run(...(params as never[]), id);
  } catch (error) {
    throw conflict(operation, `${table} ${id} ${entry.field}: ${(error as Error).message}`);
  }
  record({ entity: entry.entity, entityId: id, field: entry.field, oldValue: from, newValue: to });
}

function entriesOf(db: Database.Database, operationId: number, order: 'ASC' | 'DESC'): AuditRow[] {
  return db.prepare(`SELECT entity, entity_id, field, old_value, new_value FROM audit_log WHERE operation_id = ? ORDER BY id ${order}`).all(operationId) as AuditRow[];
}

/** Takes back the newest operation, as one new 'undo' operation. All or nothing. */
export function undo(db: Database.Database, clerk: string): UndoState {
  db.transaction(() => {
    const target = undoTarget(db);
    if (!target) throw new LedgerError('nothing_to_undo', 'nothing to undo');
    const op = beginOperation(db, 'undo', clerk, target.description);
    db.prepare('UPDATE operations SET reverts_operation_id = ? WHERE id = ?').run(target.id, op.id);
    for (const entry of entriesOf(db, target.id, 'DESC')) replay(db, target, entry, 'back', op.record);
    db.prepare('UPDATE operations SET undone = 1 WHERE id = ?').run(target.id);
  }).immediate();
  return undoState(db);
}

/** Brings back the operation the newest undo took back, as one new 'redo' operation. */
export function redo(db: Database.Database, clerk: string): UndoState {
  db.transaction(() => {
    const target = redoTarget(db);
    if (!target) throw new LedgerError('nothing_to_redo', 'nothing to redo');
    const lastUndo = db.prepare(`SELECT id FROM operations WHERE kind = 'undo' AND reverts_operation_id = ? ORDER BY id DESC LIMIT 1`).pluck().get(target.id) as number;
    const op = beginOperation(db, 'redo', clerk, target.description);
    db.prepare('UPDATE operations SET reverts_operation_id = ? WHERE id = ?').run(lastUndo, op.id);
    for (const entry of entriesOf(db, target.id, 'ASC')) replay(db, target, entry, 'forward', op.record);
    db.prepare('UPDATE operations SET undone = 0 WHERE id = ?').run(target.id);
  }).immediate();
  return undoState(db);
}
