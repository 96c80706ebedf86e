// Undoing a whole import in a worker thread on its own connection: taking back a million rows
// (each recorded whole, for a redo) takes seconds, and the app's main thread keeps answering
// the window meanwhile. The transaction is the worker's; the app's reads see the ledger before
// or after it, never between.
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportUndoResult } from '../../shared/api/import.contract';
import { LedgerError } from '../../shared/errors';
import { ledgerErrorFrom, openLedger } from '../ledger/open';
import type { WorkerTaskAnswer } from '../workers/launch';
import { undoImport } from './undo';

export interface UndoWorkerData {
  path: string;
  busyTimeoutMs: number;
  decisionFileId: number;
  clerk: string;
}

const data = workerData as UndoWorkerData;
let answer: WorkerTaskAnswer<ImportUndoResult>;
try {
  const ledger = openLedger(data.path, { busyTimeoutMs: data.busyTimeoutMs });
  try {
    answer = { ok: true, value: undoImport(ledger.db, data.decisionFileId, data.clerk) };
  } finally {
    ledger.close();
  }
} catch (error) {
  const mapped = ledgerErrorFrom(error, data.path, data.busyTimeoutMs);
  answer = mapped instanceof LedgerError ? { ok: false, error: mapped.toData(), message: mapped.message } : { ok: false, error: null, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort!.postMessage(answer);
