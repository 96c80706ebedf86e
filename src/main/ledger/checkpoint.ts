// After a big commit (an import, the undo or redo of one) the WAL holds hundreds of megabytes;
// copying them into the ledger file takes seconds. A worker thread does that instead (a PASSIVE
// checkpoint: it never blocks readers or writers), so neither the commit nor the app's next
// write waits for it.
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { startWorker } from '../workers/launch';

/** The checkpoints started and not ended yet. */
const pending = new Set<Promise<void>>();

/** Resolves when every checkpoint started so far in the background has ended (the app idle again). */
export async function backgroundCheckpoints(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/** Copies the WAL of the ledger at `path` into the file, in a worker thread; resolves when it is done or could not start. */
export function checkpointInBackground(path: string): Promise<void> {
  const done = startCheckpoint(path);
  pending.add(done);
  void done.then(() => pending.delete(done));
  return done;
}

function startCheckpoint(path: string): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = startWorker('ledger/checkpoint.worker.ts', { workerData: { path }, name: 'ledger-checkpoint' });
    } catch {
      resolve();
      return;
    }
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
  });
}

/**
 * Runs `transaction` — one whole write transaction on a connection not already in one — with
 * the connection's automatic checkpoint off, so its COMMIT copies nothing into the ledger file,
 * then has a worker copy the WAL (checkpointInBackground). Inside an outer transaction (the
 * hub's group commit) or on a ledger in memory, just runs it: the outer commit checkpoints.
 */
export function commitThenCheckpoint<T>(db: Database.Database, transaction: () => T): T {
  if (db.inTransaction || db.memory) return transaction();
  const before = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  let committed = false;
  try {
    const result = transaction();
    committed = true;
    return result;
  } finally {
    db.pragma(`wal_autocheckpoint = ${before}`);
    if (committed) void checkpointInBackground(db.name);
  }
}
