import type { HandlersFor, LedgerHandlers } from '../../shared/contract';
import type { CORE_CALLS } from '../../shared/api/core.names';
import { checkLedger } from '../check/check';
import { createBackupHandlers } from '../backup/handlers';
import { createExportHandlers } from '../export/handlers';
import { createGridHandlers } from '../grid/handlers';
import { createImportHandlers } from '../import/handlers';
import { ledgerStats } from '../info/info';
import { JobRegistry } from '../jobs/registry';
import { assertNoLongWrite } from '../ledger/long-write';
import type { Ledger } from '../ledger/open';
import type { SessionControl } from './session';
import { listRegions } from '../regions/list';
import { currentClerk, getSettings, updateSettings } from '../settings/settings';

export interface ApiContext {
  ledger: Ledger;
  appVersion: string;
  /** Long work; one registry per app (or web host) run. */
  jobs: JobRegistry;
  /** Present when the transport can switch ledgers (app, web host): restore and open reopen through it. */
  session?: SessionControl;
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
export function createHandlers(context: Omit<ApiContext, 'jobs'> & { jobs?: JobRegistry }): LedgerHandlers {
  const full: ApiContext = { ...context, jobs: context.jobs ?? new JobRegistry() };
  return {
    ...createCoreHandlers(full),
    ...createGridHandlers(full),
    ...createImportHandlers(full),
    ...createExportHandlers(full),
    ...createBackupHandlers(full),
  };
}
