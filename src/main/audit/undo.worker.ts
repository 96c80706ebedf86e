// Undo and redo of big operations in a worker thread on its own connection: taking back a
// million imported rows (each recorded whole, for a redo), or bringing them back, takes seconds,
// and the app's main thread keeps answering the window meanwhile. The transaction is the
// worker's; the app's reads see the ledger before or after it, never between. Used by the grids'
// Ctrl+Z / Ctrl+Y when the operation is big (the Import page's undo of one import has its own
// worker: import/import-undo.worker.ts).
import { workerData } from 'node:worker_threads';
import { answerWithLedger, type LedgerAt } from '../workers/answer';
import { redo, undo } from './undo';

/** `expected`: the operation the clerk saw as next to undo / redo (refused if another came first). */
/** `own`: only that clerk's operations (a hub account; see undo.ts). */
export type UndoWorkerData = LedgerAt & { clerk: string; task: 'undo' | 'redo'; expected: number; own?: string };

const data = workerData as UndoWorkerData;
void answerWithLedger(data, (db) =>
  data.task === 'undo' ? undo(db, data.clerk, data.expected, data.own) : redo(db, data.clerk, data.expected, data.own),
);
