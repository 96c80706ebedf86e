// The import writes through its own connection to the ledger file, so its long transaction
// (open across many turns of the event loop while the worker reads) never swallows another
// call's writes made on the app's connection meanwhile: those wait for the lock instead.
import type { Worker } from 'node:worker_threads';
import { openLedger, type Ledger } from '../ledger/open';
import { startWorker } from '../workers/launch';

/** A second connection to the same ledger file, with the same pragmas (openDatabase picks the build). */
export function openSecondConnection(ledger: Ledger): Ledger {
  return openLedger(ledger.path, { busyTimeoutMs: ledger.busyTimeoutMs, create: false });
}

/**
 * After a big commit the WAL holds the whole import; copying it into the ledger file takes
 * seconds. A worker thread does that (a PASSIVE checkpoint: it never blocks readers or writers),
 * so neither the commit nor the app's next write waits for it.
 */
export function checkpointInBackground(path: string): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = startWorker('import/checkpoint.worker.ts', { workerData: { path }, name: 'import-checkpoint' });
    } catch {
      resolve();
      return;
    }
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
  });
}
