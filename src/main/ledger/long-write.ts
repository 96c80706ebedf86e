// The ledger's long writes — an import's commit, undoing an import, an undo or redo of thousands
// of rows — run on a connection of their own (a worker's, the import's writer) and hold SQLite's
// write lock for seconds. A write on the app's own connection meanwhile would wait in SQLite's
// busy handler, which blocks the main thread (so every call of the window) and then fails. So
// while one runs, the app's other writes are refused at once with a sentence the clerk can act
// on, and small bookkeeping writes (a grid's column widths) wait for it to end. On a hub, the
// refusal names the clerk whose long write it is (a colleague's import, say); a clerk refused by
// their own long write reads today's sentence.
import { LedgerError } from '../../shared/errors';
import { currentClerk } from '../settings/settings';
import { isBusy, retryWhileBusy } from './busy';
import type { Ledger } from './open';

interface LongWrite {
  what: string;
  /** Who started it (the hub request's account, or this PC's clerk). */
  clerk: string;
  /** Writes put off until it ends, by key (the latest of each kind wins). */
  deferred: Map<string, () => void>;
}

const running = new WeakMap<Ledger, LongWrite>();

/** The long write under way on this ledger ('import-commit', 'undo' …), or null. */
export function longWriteRunning(ledger: Ledger): string | null {
  return running.get(ledger)?.what ?? null;
}

/** Refuses when a long write is under way: call before any write on the app's connection. */
export function assertNoLongWrite(ledger: Ledger): void {
  const write = running.get(ledger);
  if (write === undefined) return;
  const { what, clerk } = write;
  const colleague = clerk !== currentClerk(ledger.db);
  throw new LedgerError('long_write_running', `${what} is running`, colleague ? { what, clerk } : { what });
}

/** Marks a long write as started (refused when one is already); returns its end. */
export function startLongWrite(ledger: Ledger, what: string): () => void {
  assertNoLongWrite(ledger);
  const write: LongWrite = { what, clerk: currentClerk(ledger.db), deferred: new Map() };
  running.set(ledger, write);
  return () => {
    if (running.get(ledger) !== write) return;
    running.delete(ledger);
    for (const run of write.deferred.values()) {
      try {
        run();
      } catch (error) {
        // Another process writing just now: tried again shortly, without blocking (busy.ts).
        if (isBusy(error)) void retryWhileBusy(run, Date.now() + ledger.busyTimeoutMs);
        else console.error('[ledger] a deferred write failed', error);
      }
    }
  };
}

/** Runs a small write now, or once the long write under way has ended. True when it ran now. */
export function writeWhenFree(ledger: Ledger, key: string, run: () => void): boolean {
  const write = running.get(ledger);
  if (!write) {
    run();
    return true;
  }
  write.deferred.set(key, run);
  return false;
}
