// Undoing one import, chosen on the Import page, as one operation: the grid's undo engine
// (audit/undo.ts replayBack) takes its entries back, so the grid's redo can bring it back. Unlike
// Ctrl+Z it may be asked for an import that is not the newest operation, so it first refuses when
// a later operation has changed any row the import wrote: an undo never erases a clerk's later work.
import type Database from 'better-sqlite3';
import type { ImportUndoResult } from '../../shared/api/import.contract';
import { LedgerError } from '../../shared/errors';
import { beginOperation, CREATED_RANGE, type AuditEntity } from '../audit/operations';
import { BULK_ROWS } from '../audit/bulk';
import { replayBack, replaySize, whenBig } from '../audit/undo';

interface Later {
  entity: string;
  entity_id: number;
  kind: string;
  clerk: string;
  started_at: string;
}

/** `progress` hears how many rows are taken back so far, of how many (a page at a time). */
export function undoImport(
  db: Database.Database,
  decisionFileId: number,
  clerk: string,
  progress?: (done: number, total: number) => void,
): ImportUndoResult {
  const operationId = db.prepare('SELECT operation_id FROM decision_files WHERE id = ?').pluck().get(decisionFileId) as number | null;
  const big = operationId != null && replaySize(db, operationId, BULK_ROWS) >= BULK_ROWS;
  return whenBig(db, big, () => undoImportTransaction(db, decisionFileId, clerk, progress), 'watched');
}

function undoImportTransaction(
  db: Database.Database,
  decisionFileId: number,
  clerk: string,
  progress?: (done: number, total: number) => void,
): ImportUndoResult {
  return db
    .transaction((): ImportUndoResult => {
      const file = db.prepare('SELECT id, file_name, operation_id FROM decision_files WHERE id = ?').get(decisionFileId) as
        { id: number; file_name: string; operation_id: number | null } | undefined;
      if (!file || file.operation_id === null) {
        throw new LedgerError('import_undo_not_found', `no import ${decisionFileId}`, { id: decisionFileId });
      }
      const operation = db
        .prepare("SELECT id, description, undone FROM operations WHERE id = ? AND kind = 'import'")
        .get(file.operation_id) as { id: number; description: string | null; undone: number } | undefined;
      if (!operation) throw new LedgerError('import_undo_not_found', `no import operation for ${decisionFileId}`, { id: decisionFileId });
      if (operation.undone === 1)
        throw new LedgerError('import_undo_already', `import ${decisionFileId} was undone`, { file: file.file_name });

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
        .prepare(
          `SELECT entity, entity_id AS first, CAST(new_value AS INTEGER) AS last FROM audit_log WHERE operation_id = ? AND field = '${CREATED_RANGE}' ORDER BY id DESC`,
        )
        .all(operation.id) as { entity: AuditEntity; first: number; last: number }[];
      const laterInRange = db.prepare(
        `SELECT a.entity, a.entity_id, o.kind, o.clerk, o.started_at FROM audit_log a JOIN operations o ON o.id = a.operation_id
        WHERE a.entity = ? AND a.entity_id BETWEEN ? AND ? AND a.operation_id > ? AND ${standing} LIMIT 1`,
      );
      for (const r of ranges) later ??= laterInRange.get(r.entity, r.first, r.last, operation.id) as Later | undefined;
      if (later) {
        throw new LedgerError(
          'import_undo_conflict',
          `${later.entity} ${later.entity_id} was changed later (${later.kind} by ${later.clerk})`,
          {
            file: file.file_name,
            clerk: later.clerk,
            at: later.started_at,
          },
        );
      }

      const undo = beginOperation(db, 'undo', clerk, operation.description);
      db.prepare('UPDATE operations SET reverts_operation_id = ? WHERE id = ?').run(operation.id, undo.id);
      // The same replay as the grid's undo: field changes back, created rows deleted (in bulk for
      // ranges), each recorded so the grid's redo can bring the import back.
      const refuse = (why: string) => new LedgerError('import_undo_conflict', why, { file: file.file_name, clerk: '', at: '' });
      const total = progress ? replaySize(db, operation.id, Number.MAX_SAFE_INTEGER) : 0;
      progress?.(0, total);
      const reverted = replayBack(db, operation.id, undo, refuse, progress && ((done) => progress(done, total)));
      db.prepare('UPDATE operations SET undone = 1 WHERE id = ?').run(operation.id);
      return { decisionFileId, operationId: operation.id, undoOperationId: undo.id, entriesReverted: reverted };
    })
    .immediate();
}
