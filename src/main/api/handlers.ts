import type { HandlersFor, LedgerHandlers } from '../../shared/contract';
import type { CORE_CALLS } from '../../shared/api/core.names';
import { createAllocationHandlers } from '../allocation/handlers';
import { checkLedger } from '../check/check';
import { createBackupHandlers } from '../backup/handlers';
import { createDownloadHandlers } from '../export/download';
import { createExportHandlers } from '../export/handlers';
import { createGridHandlers } from '../grid/handlers';
import { createHubHandlers } from '../hub/handlers';
import { createImportHandlers } from '../import/handlers';
import { ledgerStats } from '../info/info';
import { JobRegistry } from '../jobs/registry';
import { neverWaitOnMainThread } from './dispatch';
import { assertNoLongWrite } from '../ledger/long-write';
import type { ApiContext, DesktopIntegration } from './context';
import { listRegions } from '../regions/list';
import { currentClerk, getSettings, updateSettings } from '../settings/settings';

const disposers = new WeakMap<LedgerHandlers, (() => void)[]>();

/** Releases what the handlers hold (uploaded files, their temp folder): when the app or web host stops. */
export function disposeHandlers(handlers: LedgerHandlers): void {
  for (const release of disposers.get(handlers)?.splice(0) ?? []) {
    try {
      release();
    } catch (error) {
      console.error('[ledger] dispose failed', error);
    }
  }
}

function createCoreHandlers({ ledger, appVersion, jobs }: ApiContext): HandlersFor<(typeof CORE_CALLS)[number]> {
  const { db } = ledger;
  return {
    getInfo: () => ({
      ledgerPath: ledger.path,
      appVersion,
      ...ledgerStats(db),
      clerk: currentClerk(db),
    }),
    getSettings: () => getSettings(db),
    updateSettings: (patch) => {
      assertNoLongWrite(ledger);
      return updateSettings(db, patch);
    },
    listRegions: ({ provinceCode }) => listRegions(db, provinceCode),
    checkLedger: () => checkLedger(db),
    getJob: ({ jobId }) => jobs.get(jobId),
    cancelJob: ({ jobId }) => jobs.cancel(jobId),
  };
}

/** The main-side implementation of every contract call, by feature. Inputs arrive validated. */
export function createHandlers(
  context: Omit<ApiContext, 'jobs' | 'desktop'> & { jobs?: JobRegistry; desktop?: DesktopIntegration },
): LedgerHandlers {
  // The window's calls run on the main thread: its connection never sleeps waiting for a lock;
  // dispatch retries instead (see dispatch.ts).
  neverWaitOnMainThread(context.ledger);
  const releases: (() => void)[] = [];
  const full: ApiContext = {
    ...context,
    jobs: context.jobs ?? new JobRegistry(),
    desktop: context.desktop ?? {},
    onDispose: (release) => releases.push(release),
  };
  const downloads = createDownloadHandlers(full);
  const handlers: LedgerHandlers = {
    ...createCoreHandlers(full),
    ...createGridHandlers(full),
    ...createImportHandlers(full),
    ...createExportHandlers(full),
    ...downloads.handlers,
    ...createBackupHandlers(full),
    ...createAllocationHandlers(full),
    ...createHubHandlers(full),
  };
  downloads.guard(handlers);
  disposers.set(handlers, releases);
  return handlers;
}
