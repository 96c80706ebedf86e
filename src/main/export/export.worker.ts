// The export's worker thread: its own read-only connection to the ledger file (WAL lets it read
// while the app writes), then runExport. Messages to main: progress, staging (the temporary
// folder, so main can remove it if it must stop the thread), done, failed, cancelled. Cancel
// arrives as a flag in shared memory, read between rows.
import { parentPort, workerData } from 'node:worker_threads';
import { LedgerError } from '../../shared/errors';
import { JobCancelled } from '../jobs/registry';
import { ledgerErrorFrom } from '../ledger/open';
import { openDatabase } from '../ledger/sqlite';
import { runExport, type ExportOptions } from './run';

export interface ExportWorkerData {
  ledgerPath: string;
  busyTimeoutMs: number;
  options: ExportOptions;
  /** Int32Array(1) over a SharedArrayBuffer: 1 = cancel. */
  cancel: SharedArrayBuffer;
}

export type ExportWorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'staging'; path: string }
  | { type: 'done'; result: Awaited<ReturnType<typeof runExport>> }
  | {
      type: 'failed';
      error: { code: string; message: string; details?: Record<string, string | number | boolean | null> } | null;
      message: string;
    }
  | { type: 'cancelled' };

const data = workerData as ExportWorkerData;
const flag = new Int32Array(data.cancel);
const post = (message: ExportWorkerMessage) => parentPort!.postMessage(message);

async function main(): Promise<void> {
  // openDatabase: under Electron, the better-sqlite3 build for Electron (LEDGER_NATIVE_BINDING).
  const db = openDatabase(data.ledgerPath, { readonly: true, fileMustExist: true, timeout: data.busyTimeoutMs });
  try {
    const result = await runExport(db, data.options, {
      progress: (p) => post({ type: 'progress', ...p }),
      cancelled: () => Atomics.load(flag, 0) === 1,
      staging: (path) => post({ type: 'staging', path }),
    });
    post({ type: 'done', result });
  } finally {
    db.close();
  }
}

main().catch((caught: unknown) => {
  const error = ledgerErrorFrom(caught, data.ledgerPath, data.busyTimeoutMs);
  if (error instanceof JobCancelled) post({ type: 'cancelled' });
  else if (error instanceof LedgerError) post({ type: 'failed', error: error.toData(), message: error.message });
  else post({ type: 'failed', error: null, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
});
