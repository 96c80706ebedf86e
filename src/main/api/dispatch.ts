import { API_CALLS, type ApiCallName } from '../../shared/api-names';
import { contract, type LedgerHandlers } from '../../shared/contract';
import { LedgerError, type Result } from '../../shared/errors';
import { invalidInputError } from '../../shared/validation';
import { ledgerErrorFrom } from '../ledger/open';
import type { Ledger } from '../ledger/open';
import { isBusy, retryWhileBusy, type Outcome } from '../ledger/busy';

const CALL_NAMES: ReadonlySet<string> = new Set(API_CALLS);

export function isApiCallName(name: unknown): name is ApiCallName {
  return typeof name === 'string' && CALL_NAMES.has(name);
}

export type Logger = (message: string, error?: unknown) => void;

const defaultLogger: Logger = (message, error) => console.error(`[ledger] ${message}`, error ?? '');

/**
 * The one entry point every transport uses (Electron IPC, the web host, tests): looks up the
 * call, validates the raw input with the contract's schema, runs the handler, and always
 * answers with an envelope. Expected failures keep their code; anything else is logged with its
 * stack and reaches the clerk only as `internal`. A handler that answers at once (most: the
 * ledger is synchronous) gets its envelope at once; one that returns a promise, a promise of it.
 * Callers await either.
 */
export function dispatch(
  handlers: LedgerHandlers,
  ledger: Ledger,
  name: unknown,
  rawInput: unknown,
  log: Logger = defaultLogger,
): Result<unknown> | Promise<Result<unknown>> {
  if (!isApiCallName(name)) {
    return { ok: false, error: { code: 'unknown_call', message: `unknown call ${String(name)}`, details: { name: String(name) } } };
  }
  // The contract's check of the input. zod alone: a compiled fast path (fast-parse.ts) saved
  // under 1 ms per call at realistic sizes in bench:grid and was removed (issue #12 §7).
  const parsed = contract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: invalidInputError(parsed.error, name) };
  const data: unknown = parsed.data;
  const run = () => (handlers[name] as (input: unknown) => unknown)(data);
  let value: unknown;
  try {
    value = run();
  } catch (error) {
    if (isBusy(error)) return retryWhileBusy(run, Date.now() + ledger.busyTimeoutMs).then(settled(ledger, name, log));
    return failure(ledger, name, error, log);
  }
  if (isPromiseLike(value)) {
    return Promise.resolve(value).then(
      (resolved): Result<unknown> => ({ ok: true, value: resolved }),
      (error: unknown) =>
        isBusy(error)
          ? retryWhileBusy(run, Date.now() + ledger.busyTimeoutMs).then(settled(ledger, name, log))
          : failure(ledger, name, error, log),
    );
  }
  return { ok: true, value };
}

// ---- another process holds the write lock --------------------------------------------------
//
// The app's own connection (the main thread's) waits for no lock: its busy timeout is 0
// (`neverWaitOnMainThread`), because SQLite's busy handler sleeps the thread — and with it every
// call of the window — for up to the whole timeout while another process (the CLI) writes. A
// call that meets the lock fails at once with SQLITE_BUSY, having changed nothing (SQLite rolls
// its transaction back), and is run again here a little later, asynchronously, until it goes
// through or the ledger's busy timeout has passed: then ledger_busy with its sentence.
// Long writes of our own are refused before they get here (long-write.ts); worker threads keep
// their connection's own busy timeout (they block only themselves).

/** The main thread's connection answers SQLITE_BUSY at once instead of sleeping in SQLite. */
export function neverWaitOnMainThread(ledger: Ledger): void {
  ledger.db.pragma('busy_timeout = 0');
}

const settled =
  (ledger: Ledger, name: ApiCallName, log: Logger) =>
  (outcome: Outcome): Result<unknown> =>
    outcome.ok ? { ok: true, value: outcome.value } : failure(ledger, name, outcome.error, log);

/** A handler's failure as an envelope: expected ones keep their code, anything else is logged. */
function failure(ledger: Ledger, name: ApiCallName, error: unknown, log: Logger): Result<unknown> {
  const mapped = ledgerErrorFrom(error, ledger.path, ledger.busyTimeoutMs);
  if (mapped instanceof LedgerError) return { ok: false, error: mapped.toData() };
  log(`call ${name} failed`, error);
  return { ok: false, error: { code: 'internal', message: `call ${name} failed` } };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
