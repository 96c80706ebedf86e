// Undoing a whole import as one operation. It follows the audit convention of audit/operations.ts
// and the state of audit/undo.ts (the 'undo' operation reverts the import's; the import is marked
// undone, so the grid's redo can bring it back), but works set by set instead of entry by entry:
// an import of a million rows is taken back in seconds. It refuses when a later operation has
// changed any row the import wrote, so an undo never erases a clerk's later work.
import type Database from 'better-sqlite3';
import type { ImportUndoResult } from '../../shared/api/import.contract';
import { LedgerError } from '../../shared/errors';
import { nkSortKey } from '../../shared/nk-collation';
import { beginOperation, CREATED_RANGE, ENTITY_TABLES, rowJsonSql, type AuditEntity } from '../audit/operations';
import { deleteCreatedRange } from '../audit/undo';

const DELETE_ORDER: readonly AuditEntity[] = ['placement', 'county_request', 'person', 'decision_file', 'cohort'];

interface Later {
  entity: string;
  entity_id: number;
  kind: string;
  clerk: string;
  started_at: string;
}

export function undoImport(db: Database.Database, decisionFileId: number, clerk: string): ImportUndoResult {
  return db.transaction((): ImportUndoResult => {
    const file = db.prepare('SELECT id, file_name, operation_id FROM decision_files WHERE id = ?').get(decisionFileId) as
      | { id: number; file_name: string; operation_id: number | null }
      | undefined;
    if (!file || file.operation_id === null) {
      throw new LedgerError('import_undo_not_found', `no import ${decisionFileId}`, { id: decisionFileId });
    }
    const operation = db.prepare("SELECT id, description, undone FROM operations WHERE id = ? AND kind = 'import'").get(file.operation_id) as
      | { id: number; description: string | null; undone: number }
      | undefined;
    if (!operation) throw new LedgerError('import_undo_not_found', `no import operation for ${decisionFileId}`, { id: decisionFileId });
    if (operation.undone === 1) throw new LedgerError('import_undo_already', `import ${decisionFileId} was undone`, { file: file.file_name });

    // Rows of this import touched by a later operation that still stands: rows it recorded one
    // by one, and rows it created in bulk (a range of ids each).
    const standing = `o.undone = 0 AND o.kind NOT IN ('undo', 'redo')`;
    let later = db
      .prepare(
        `SELECT a.entity, a.entity_id, o.kind, o.clerk, o.started_at FROM audit_log mine
           JOIN audit_log a ON a.entity = mine.entity AND a.entity_id = mine.entity_id AND a.operation_id > mine.operation_id
           JOIN operations o ON o.id = a.operation_id
          WHERE mine.operation_id = ? AND mine.field <> '${CREATED_RANGE}' AND ${standing}
          LIMIT 1`,
      )
      .get(operation.id) as Later | undefined;
    const ranges = db
      .prepare(`SELECT entity, entity_id AS first, CAST(new_value AS INTEGER) AS last FROM audit_log WHERE operation_id = ? AND field = '${CREATED_RANGE}' ORDER BY id DESC`)
      .all(operation.id) as { entity: AuditEntity; first: number; last: number }[];
    const laterInRange = db.prepare(
      `SELECT a.entity, a.entity_id, o.kind, o.clerk, o.started_at FROM audit_log a JOIN operations o ON o.id = a.operation_id
        WHERE a.entity = ? AND a.entity_id BETWEEN ? AND ? AND a.operation_id > ? AND ${standing} LIMIT 1`,
    );
    for (const r of ranges) later ??= laterInRange.get(r.entity, r.first, r.last, operation.id) as Later | undefined;
    if (later) {
      throw new LedgerError('import_undo_conflict', `${later.entity} ${later.entity_id} was changed later (${later.kind} by ${later.clerk})`, {
        file: file.file_name,
        clerk: later.clerk,
        at: later.started_at,
      });
    }

    const undo = beginOperation(db, 'undo', clerk, operation.description);
    db.prepare('UPDATE operations SET reverts_operation_id = ? WHERE id = ?').run(operation.id, undo.id);
    const now = new Date().toISOString();
    let reverted = 0;

    // 1. Field changes, newest first: each must still hold the value the import left.
    const updates = db
      .prepare(`SELECT entity, entity_id, field, old_value, new_value FROM audit_log WHERE operation_id = ? AND field NOT IN ('+', '-', '${CREATED_RANGE}') ORDER BY id DESC`)
      .all(operation.id) as { entity: AuditEntity; entity_id: number; field: string; old_value: string | null; new_value: string | null }[];
    for (const u of updates) {
      const table = ENTITY_TABLES[u.entity];
      if (!/^[a-z_0-9]+$/.test(u.field)) throw new LedgerError('import_undo_conflict', `unknown field ${u.field}`, { file: file.file_name, clerk: '', at: '' });
      const current = db.prepare(`SELECT "${u.field}" AS v FROM ${table} WHERE id = ?`).get(u.entity_id) as { v: unknown } | undefined;
      const text = current?.v === null || current?.v === undefined ? null : String(current.v);
      if (!current || text !== u.new_value) {
        throw new LedgerError('import_undo_conflict', `${table} ${u.entity_id} ${u.field} changed since`, { file: file.file_name, clerk: '', at: '' });
      }
      const sortKey = table === 'persons' && u.field === 'name' ? ', name_sort_key = @key' : '';
      const stamp = table === 'persons' || table === 'placements' || table === 'county_requests' ? ', updated_at = @now' : '';
      db.prepare(`UPDATE ${table} SET "${u.field}" = @value${sortKey}${stamp} WHERE id = @id`).run({
        value: u.old_value,
        id: u.entity_id,
        ...(sortKey ? { key: nkSortKey(u.old_value ?? '') } : {}),
        ...(stamp ? { now } : {}),
      });
      undo.record({ entity: u.entity, entityId: u.entity_id, field: u.field, oldValue: u.new_value, newValue: u.old_value });
      reverted++;
    }

    // 2. Rows the import created, dependants first; each deletion recorded with the whole row.
    const refuse = (why: string) => new LedgerError('import_undo_conflict', why, { file: file.file_name, clerk: '', at: '' });
    for (const entity of DELETE_ORDER) {
      for (const r of ranges) if (r.entity === entity) reverted += deleteCreatedRange(db, entity, r.first, r.last, undo, refuse);
      const table = ENTITY_TABLES[entity];
      const ids = `SELECT entity_id FROM audit_log WHERE operation_id = ${operation.id} AND entity = '${entity}' AND field = '+'`;
      const expected = (db.prepare(`SELECT count(*) AS n FROM (${ids})`).get() as { n: number }).n;
      if (expected === 0) continue;
      const present = (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE id IN (${ids})`).get() as { n: number }).n;
      if (present !== expected) throw refuse(`${expected - present} ${table} row(s) of the import are gone`);
      db.prepare(
        `INSERT INTO audit_log (operation_id, entity, entity_id, field, old_value, new_value, at, clerk)
         SELECT ?, ?, t.id, '-', ${rowJsonSql(db, table)}, NULL, ?, ? FROM ${table} t WHERE t.id IN (${ids})`,
      ).run(undo.id, entity, now, clerk);
      try {
        db.prepare(`DELETE FROM ${table} WHERE id IN (${ids})`).run();
      } catch (error) {
        throw refuse(`${table}: ${(error as Error).message}`);
      }
      reverted += expected;
    }
    db.prepare('UPDATE operations SET undone = 1 WHERE id = ?').run(operation.id);
    return { decisionFileId, operationId: operation.id, undoOperationId: undo.id, entriesReverted: reverted };
  }).immediate();
}
