// Undo and redo of big operations in a worker thread on its own connection: taking back a
// million imported rows (each recorded whole, for a redo), or bringing them back, takes seconds,
// and the app's main thread keeps answering the window meanwhile. The transaction is the
// worker's; the app's reads see the ledger before or after it, never between. Used by the Import
// page (undo one import) and by the grids' Ctrl+Z / Ctrl+Y when the operation is big.
import { parentPort, workerData } from 'node:worker_threads';
import { LedgerError } from '../../shared/errors';
import { undoImport } from '../import/undo';
import { ledgerErrorFrom, openLedger } from '../ledger/open';
import type { WorkerTaskAnswer } from '../workers/launch';
import { redo, undo } from './undo';

export type UndoWorkerData = { path: string; busyTimeoutMs: number; clerk: string } & (
  | { task: 'import'; decisionFileId: number }
  /** `expected`: the operation the clerk saw as next to undo / redo (refused if another came first). */
  | { task: 'undo' | 'redo'; expected: number }
);

const data = workerData as UndoWorkerData;
let answer: WorkerTaskAnswer<unknown>;
try {
  const ledger = openLedger(data.path, { busyTimeoutMs: data.busyTimeoutMs, create: false });
  try {
    const { db } = ledger;
    const value = data.task === 'import' ? undoImport(db, data.decisionFileId, data.clerk) : data.task === 'undo' ? undo(db, data.clerk, data.expected) : redo(db, data.clerk, data.expected);
    answer = { ok: true, value };
  } finally {
    ledger.close();
  }
} catch (error) {
  const mapped = ledgerErrorFrom(error, data.path, data.busyTimeoutMs);
  answer = mapped instanceof LedgerError ? { ok: false, error: mapped.toData(), message: mapped.message } : { ok: false, error: null, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort!.postMessage(answer);
