// Undoing one import (the Import page) in a worker thread on its own connection: taking back a
// million imported rows takes seconds, and the app's main thread keeps answering the window
// meanwhile; the page shows how many rows are taken back so far. (Its file name is not
// undo.worker.ts: every worker is bundled under its file name alone, beside audit/undo.worker.ts.)
import { workerData } from 'node:worker_threads';
import { answerWithLedger, progressToParent, type LedgerAt } from '../workers/answer';
import { undoImport } from './undo';

export type ImportUndoWorkerData = LedgerAt & { clerk: string; decisionFileId: number };

const data = workerData as ImportUndoWorkerData;
void answerWithLedger(data, (db) => undoImport(db, data.decisionFileId, data.clerk, progressToParent()));
