// Waiting for another process's write lock without sleeping the thread: SQLite's busy handler
// sleeps the calling thread for up to the whole busy timeout, which on the main thread freezes
// every call of the window (and the web host). Connections of the main thread keep a busy
// timeout of 0 and go through here instead: a step that meets the lock fails at once with
// SQLITE_BUSY, having changed nothing (SQLite rolls its transaction back), and is tried again a
// little later, asynchronously, until it goes through or the deadline passes.
import type Database from 'better-sqlite3';
import { LedgerError } from '../../shared/errors';

export function isBusy(error: unknown): boolean {
  if (error instanceof LedgerError) return error.code === 'ledger_busy';
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const FIRST_RETRY_MS = 10;
const LONGEST_RETRY_MS = 200;

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Runs `run` again (after 10, 20, 40 … 200 ms) while it fails with SQLITE_BUSY, until `deadline` (Date.now() ms). */
export async function retryWhileBusy(run: () => unknown, deadline: number): Promise<Outcome> {
  let wait = FIRST_RETRY_MS;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return { ok: false, error: busyError() };
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, left)));
    wait = Math.min(wait * 2, LONGEST_RETRY_MS);
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) return { ok: false, error };
    }
  }
}

function busyError(): Error {
  return Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
}

/**
 * BEGIN IMMEDIATE on a main-thread connection without blocking the thread: tried at once, then
 * again asynchronously until `timeoutMs` has passed (then the SQLITE_BUSY error is thrown).
 * For a connection whose busy_timeout is 0 (e.g. an import's own writer in the app).
 */
export async function beginImmediateWhenFree(db: Database.Database, timeoutMs: number): Promise<void> {
  const begin = () => db.exec('BEGIN IMMEDIATE');
  try {
    begin();
    return;
  } catch (error) {
    if (!isBusy(error)) throw error;
  }
  const outcome = await retryWhileBusy(begin, Date.now() + timeoutMs);
  if (!outcome.ok) throw outcome.error;
}
