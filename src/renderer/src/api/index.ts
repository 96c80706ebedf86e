// The one way the renderer reaches the ledger: `window.ledger` in Electron, HTTP in the web host.
import type { ApiCallName } from '../../../shared/api-names';
import type { CallInput, CallOutput, LedgerApi } from '../../../shared/contract';
import { isLedgerErrorData, type LedgerErrorData, type Result } from '../../../shared/errors';
import { createWebApi, takeWebToken } from './web';

function resolveApi(): LedgerApi {
  if (window.ledger !== undefined) return window.ledger;
  return createWebApi(takeWebToken());
}

/** Resolved once, when the renderer starts (before the router reads the address bar). */
export const ledger: LedgerApi = resolveApi();

/** What a failed call throws: the error data of the envelope, for `errorSentence`. */
export class LedgerCallError extends Error {
  readonly data: LedgerErrorData;
  constructor(data: LedgerErrorData) {
    super(data.message);
    this.name = 'LedgerCallError';
    this.data = data;
  }
}

/** The value of a successful envelope; throws LedgerCallError for a failed one. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new LedgerCallError(result.error);
}

/** Calls one ledger API function and unwraps its envelope. */
export async function call<K extends ApiCallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const fn = ledger[name] as (input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
  let result: Result<CallOutput<K>>;
  try {
    result = await fn(input);
  } catch (cause) {
    throw new LedgerCallError({ code: 'internal', message: `Call ${name} failed: ${String(cause)}` });
  }
  return unwrap(result);
}

/** Error data for anything caught around a call, so the UI can always show a sentence. */
export function toErrorData(error: unknown): LedgerErrorData {
  if (error instanceof LedgerCallError) return error.data;
  if (isLedgerErrorData(error)) return error;
  return { code: 'internal', message: String(error) };
}
