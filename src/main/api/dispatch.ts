import { API_CALLS, type ApiCallName } from '../../shared/api-names';
import { contract, type LedgerHandlers } from '../../shared/contract';
import { LedgerError, type Result } from '../../shared/errors';
import { invalidInputError } from '../../shared/validation';
import { ledgerErrorFrom } from '../ledger/open';
import type { Ledger } from '../ledger/open';

export function isApiCallName(name: unknown): name is ApiCallName {
  return typeof name === 'string' && (API_CALLS as readonly string[]).includes(name);
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
  const parsed = contract[name].input.safeParse(rawInput ?? {});
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
