// Who is calling, while a hub request runs (docs/hub.md "Who did it"). The hub runs every /api
// call inside runAsClerk with its signed-in account; currentClerk() (settings.ts) answers that
// account's name there, so every operation and audit entry the call writes — and every job it
// starts — carries the real clerk. Outside a request (the desktop app, the CLI) there is none.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../../shared/api/hub.contract';

export interface RequestClerk {
  name: string;
  role: Role;
}

const storage = new AsyncLocalStorage<RequestClerk>();

/** Runs `fn` (and everything it starts asynchronously) as `clerk`. */
export function runAsClerk<T>(clerk: RequestClerk, fn: () => T): T {
  return storage.run({ name: clerk.name, role: clerk.role }, fn);
}

/** The account of the hub request running now; undefined outside one. */
export function requestClerk(): RequestClerk | undefined {
  return storage.getStore();
}

/** Ledgers (their connections) this PC shares now: their own clerk works beside the office's. */
const shared = new WeakSet<object>();

/** Marks the ledger of connection `db` as shared on the office network (Settings → share) or not. */
export function markShared(db: object, on: boolean): void {
  if (on) shared.add(db);
  else shared.delete(db);
}

/** Whether this PC shares the ledger of connection `db` now. */
export function isShared(db: object): boolean {
  return shared.has(db);
}
