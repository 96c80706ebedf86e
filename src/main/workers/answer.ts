// The worker side of runWorkerTask (launch.ts): run the task, then post its value or its
// LedgerError (code and details intact) — a plain message and stack for anything unexpected.
import { parentPort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { LedgerError } from '../../shared/errors';
import { ledgerErrorFrom, openLedger } from '../ledger/open';
import type { WorkerTaskAnswer, WorkerTaskProgress } from './launch';

export async function answerParent<T>(task: () => T | Promise<T>, mapError: (error: unknown) => unknown = (error) => error): Promise<void> {
  let answer: WorkerTaskAnswer<T>;
  try {
    answer = { ok: true, value: await task() };
  } catch (error) {
    const mapped = mapError(error);
    answer =
      mapped instanceof LedgerError
        ? { ok: false, error: mapped.toData(), message: mapped.message }
        : { ok: false, error: null, message: mapped instanceof Error ? (mapped.stack ?? mapped.message) : String(mapped) };
  }
  parentPort!.postMessage(answer);
}

/** Where a worker's own connection goes: the ledger the app has open, waiting as long as it does. */
export interface LedgerAt {
  path: string;
  busyTimeoutMs: number;
}

/**
 * answerParent for a task on the worker's own connection to the ledger (closed after it); a
 * failure is said as the app says it (ledgerErrorFrom: busy, locked, not a ledger …).
 */
export function answerWithLedger<T>(at: LedgerAt, task: (db: Database.Database) => T): Promise<void> {
  return answerParent(
    () => {
      const ledger = openLedger(at.path, { busyTimeoutMs: at.busyTimeoutMs, create: false });
      try {
        return task(ledger.db);
      } finally {
        ledger.close();
      }
    },
    (error) => ledgerErrorFrom(error, at.path, at.busyTimeoutMs),
  );
}

/**
 * Posts how far a task is (the parent's onProgress hears it) at most ten times a second, and
 * always its start and its end.
 */
export function progressToParent(): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 100 && done !== 0 && done !== total) return;
    last = now;
    parentPort!.postMessage({ progress: { done, total } satisfies WorkerTaskProgress });
  };
}
