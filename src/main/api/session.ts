// The ledger the app (or web host) has open, with the handlers built on it. Restoring a backup
// or opening another ledger file replaces both: the new connection is opened first (a refused
// file leaves the app on the old one), then the handlers are rebuilt on it — so no statement,
// view plan, count or cache of the old ledger (all keyed by its connection) survives — and the
// old connection is closed.
import { dirname, isAbsolute, resolve } from 'node:path';
import type { LedgerHandlers } from '../../shared/contract';
import { LedgerError, type Result } from '../../shared/errors';
import { sweepBackupLeftoversSoon } from '../backup/backups';
import { timedFs } from '../backup/timed-fs';
import { JobRegistry } from '../jobs/registry';
import { openLedger, type Ledger, type OpenLedgerOptions } from '../ledger/open';
import { dispatch, type Logger } from './dispatch';
import type { DesktopIntegration, SessionControl } from './context';
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
}): LedgerSession {
  const jobs = options.jobs ?? new JobRegistry();
  let ledger = options.ledger;
  let handlers: LedgerHandlers;
  const session: LedgerSession = {
    get ledger() {
      return ledger;
    },
    get handlers() {
      return handlers;
    },
    jobs,
    dispatch: (name, input, log) => dispatch(handlers, ledger, name, input, log),
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
    close() {
      disposeHandlers(handlers);
      ledger.close();
    },
  };
  const build = () => createHandlers({ ledger, appVersion: options.appVersion, jobs, session, desktop: options.desktop ?? {} });
  handlers = build();
  sweepBackupLeftoversSoon(ledger.path);
  return session;
}
