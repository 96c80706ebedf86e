import { API_CALLS, type ApiCallName } from '../../shared/api-names';
import { contract, type LedgerHandlers } from '../../shared/contract';
import { LedgerError, type Result } from '../../shared/errors';
import { invalidInputError } from '../../shared/validation';
import { ledgerErrorFrom } from '../ledger/open';
import type { Ledger } from '../ledger/open';
import { compileSchema, type FastParser } from './fast-parse';

const CALL_NAMES: ReadonlySet<string> = new Set(API_CALLS);

export function isApiCallName(name: unknown): name is ApiCallName {
  return typeof name === 'string' && CALL_NAMES.has(name);
}

/** Per call: its compiled validator (null: zod only), made on first use. */
const fastParsers = new Map<ApiCallName, FastParser | null>();

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
  // The contract's check of the input: the compiled validator when it can answer, else zod.
  const input = rawInput ?? {};
  let fast = fastParsers.get(name);
  if (fast === undefined) fastParsers.set(name, (fast = compileSchema(contract[name].input)));
  const quick = fast === null ? null : fast(input);
  let data: unknown;
  if (quick !== null) {
    data = quick.value;
  } else {
    const parsed = contract[name].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: invalidInputError(parsed.error, name) };
    data = parsed.data;
  }
  let value: unknown;
  try {
    value = (handlers[name] as (input: unknown) => unknown)(data);
  } catch (error) {
    return failure(ledger, name, error, log);
  }
  if (isPromiseLike(value)) {
    return Promise.resolve(value).then(
      (resolved): Result<unknown> => ({ ok: true, value: resolved }),
      (error: unknown) => failure(ledger, name, error, log),
    );
  }
  return { ok: true, value };
}

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
