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

/** The contract's check of a call's input: the compiled path when it can answer, else zod. */
function parseInput(name: ApiCallName, rawInput: unknown): { success: true; data: unknown } | { success: false; error: import('zod').ZodError } {
  let fast = fastParsers.get(name);
  if (fast === undefined) fastParsers.set(name, (fast = compileSchema(contract[name].input)));
  const quick = fast?.(rawInput);
  if (quick) return { success: true, data: quick.value };
  return contract[name].input.safeParse(rawInput);
}

export type Logger = (message: string, error?: unknown) => void;

const defaultLogger: Logger = (message, error) => console.error(`[ledger] ${message}`, error ?? '');

/**
 * The one entry point every transport uses (Electron IPC, the web host, tests): looks up the
 * call, validates the raw input with the contract's schema, runs the handler, and always
 * answers with an envelope. Expected failures keep their code; anything else is logged with its
 * stack and reaches the clerk only as `internal`.
 */
export async function dispatch(
  handlers: LedgerHandlers,
  ledger: Ledger,
  name: unknown,
  rawInput: unknown,
  log: Logger = defaultLogger,
): Promise<Result<unknown>> {
  if (!isApiCallName(name)) {
    return { ok: false, error: { code: 'unknown_call', message: `unknown call ${String(name)}`, details: { name: String(name) } } };
  }
  const parsed = parseInput(name, rawInput ?? {});
  if (!parsed.success) return { ok: false, error: invalidInputError(parsed.error, name) };
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    const mapped = ledgerErrorFrom(error, ledger.path, ledger.busyTimeoutMs);
    if (mapped instanceof LedgerError) return { ok: false, error: mapped.toData() };
    log(`call ${name} failed`, error);
    return { ok: false, error: { code: 'internal', message: `call ${name} failed` } };
  }
}
