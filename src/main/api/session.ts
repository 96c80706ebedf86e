// The ledger the app (or web host) has open, with the handlers built on it. Restoring a backup
// or opening another ledger file replaces both: the new connection is opened first (a refused
// file leaves the app on the old one), then the handlers are rebuilt on it — so no statement,
// view plan, count or cache of the old ledger (all keyed by its connection) survives — and the
// old connection is closed.
import { dirname, isAbsolute, resolve } from 'node:path';
import type { LedgerHandlers } from '../../shared/contract';
import { HUB_LOCAL_CALLS } from '../../shared/api/hub.names';
import { LedgerError, type Result } from '../../shared/errors';
import { sweepBackupLeftoversSoon } from '../backup/backups';
import { timedFs } from '../backup/timed-fs';
import { JobRegistry } from '../jobs/registry';
import type { HubPins } from '../hub/pins';
import { assertNoLongWrite } from '../ledger/long-write';
import { openLedger, type Ledger, type OpenLedgerOptions } from '../ledger/open';
import { dispatch, type Logger } from './dispatch';
import type { ConnectedHub, DesktopIntegration, HubSessionControl, SessionControl } from './context';
import { createHandlers, disposeHandlers } from './handlers';

export interface LedgerSession extends SessionControl {
  readonly ledger: Ledger;
  readonly handlers: LedgerHandlers;
  readonly jobs: JobRegistry;
  dispatch(name: unknown, input: unknown, log?: Logger): Result<unknown> | Promise<Result<unknown>>;
  close(): void;
}

export function createSession(options: {
  ledger: Ledger;
  appVersion: string;
  openOptions?: OpenLedgerOptions;
  jobs?: JobRegistry;
  /** Told when the clerk has switched to another ledger file (the desktop app remembers it). */
  onSwitched?: (path: string) => void;
  /** Native dialogs and the file manager: the desktop app only. */
  desktop?: DesktopIntegration;
  /** This PC's pinned hubs: given where the app may work on an office hub (app, web host). */
  hubPins?: HubPins;
}): LedgerSession {
  const jobs = options.jobs ?? new JobRegistry();
  let ledger = options.ledger;
  let handlers: LedgerHandlers;
  // Working on an office hub: every call but this PC's own goes there; this PC's ledger is closed.
  let remote: ConnectedHub | null = null;
  const hub: HubSessionControl | undefined = options.hubPins && {
    pins: options.hubPins,
    get remote() {
      return remote;
    },
    async connect(next) {
      if (remote === null) {
        // An import committing here would lose its connection: refused with a sentence instead.
        assertNoLongWrite(ledger);
        // Sharing this PC's ledger ends first: nothing may reach it once it is closed.
        await handlers.stopSharing({});
        disposeHandlers(handlers);
        ledger.close();
      }
      const previous = remote;
      remote = next;
      options.hubPins!.setConnected(next.status().addresses[0] ?? null);
      await previous?.close();
    },
    async disconnect() {
      if (remote === null) return;
      const previous = remote;
      const next = openLedger(ledger.path, { ...options.openOptions, create: false });
      ledger = next;
      handlers = build();
      remote = null;
      options.hubPins!.setConnected(null);
      await previous.close();
    },
    status: () => (remote ? remote.status() : handlers.getHubStatus({})),
  };
  const session: LedgerSession = {
    get ledger() {
      return ledger;
    },
    get handlers() {
      return handlers;
    },
    jobs,
    dispatch: (name, input, log) =>
      remote !== null && !(typeof name === 'string' && HUB_LOCAL_CALLS.includes(name) && name !== 'getHubStatus')
        ? remote.dispatch(name, input)
        : dispatch(handlers, ledger, name, input, log),
    reopen(path, create) {
      const absolute = resolve(path);
      const existed = absolute === ledger.path;
      const next = openLedger(absolute, { ...options.openOptions, create });
      const old = ledger;
      const oldHandlers = handlers;
      ledger = next;
      handlers = build();
      disposeHandlers(oldHandlers);
      if (old !== next) old.close();
      sweepBackupLeftoversSoon(next.path);
      return { ledgerPath: next.path, created: create && !existed };
    },
    async switchTo(path, create) {
      if (!isAbsolute(path)) throw new LedgerError('ledger_missing', `not an absolute path: ${path}`, { path });
      // A dead network share answers nothing: ask asynchronously, with a time limit, before
      // SQLite opens anything there on this thread.
      const stat = await timedFs.stat(path);
      if (stat === null && !create) throw new LedgerError('ledger_missing', `no ledger at ${path}`, { path });
      if (stat !== null && create && stat.size > 0) throw new LedgerError('file_exists', `${path} already exists`, { path });
      await timedFs.stat(dirname(path));
      const created = stat === null || stat.size === 0;
      const opened = session.reopen(path, create);
      try {
        options.onSwitched?.(opened.ledgerPath);
      } catch (error) {
        console.error('[ledger] could not remember the ledger file', error);
      }
      return { ...opened, created: create && created };
    },
    hub,
    close() {
      disposeHandlers(handlers);
      ledger.close();
      void remote?.close();
      remote = null;
    },
  };
  const build = () => createHandlers({ ledger, appVersion: options.appVersion, jobs, session, desktop: options.desktop ?? {} });
  handlers = build();
  sweepBackupLeftoversSoon(ledger.path);
  return session;
}
