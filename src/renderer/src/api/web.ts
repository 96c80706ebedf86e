// The ledger API over HTTP, for the web host (e2e tests, `npm run web`). Built from API_CALLS so it
// covers exactly the contract. The host answers every request, errors included, with an envelope.
import { API_CALLS, type ApiCallName } from '../../../shared/api-names';
import type { LedgerApi } from '../../../shared/contract';
import { isLedgerErrorData, type Result } from '../../../shared/errors';

const TOKEN_KEY = 'ledger.token';

/**
 * Takes the access token from `#token=…` (first load) or sessionStorage (reloads). A token found in
 * the address bar is kept in sessionStorage and removed from the address bar at once, so it does not
 * linger in history or get copied with the URL.
 */
export function takeWebToken(): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  if (hash !== '' && !hash.startsWith('/')) {
    const params = new URLSearchParams(hash);
    const token = params.get('token');
    if (token !== null && token !== '') {
      try {
        window.sessionStorage.setItem(TOKEN_KEY, token);
      } catch {
        // Storage unavailable: the token still works for this page's lifetime.
      }
      const { pathname, search } = window.location;
      window.history.replaceState(window.history.state, '', pathname + search);
      return token;
    }
  }
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'internal', message } };
}

function isEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; value?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok === false) return isLedgerErrorData(v.error);
  return false;
}

async function post(name: ApiCallName, input: unknown, token: string | null): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ledger-token': token ?? '' },
      body: JSON.stringify(input ?? {}),
    });
  } catch (cause) {
    return failure(`Could not reach the ledger host: ${String(cause)}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failure(`The ledger host answered ${response.status} without a JSON envelope.`);
  }
  return isEnvelope(body) ? body : failure(`The ledger host answered ${response.status} with an unexpected body.`);
}

export function createWebApi(token: string | null): LedgerApi {
  const api: Partial<Record<ApiCallName, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of API_CALLS) api[name] = (input: unknown) => post(name, input, token);
  // Every name of API_CALLS got a function above, so the object is a complete LedgerApi.
  return Object.freeze(api) as LedgerApi;
}
