import type { LedgerHandlers } from '../../shared/contract';
import { checkLedger } from '../check/check';
import { ledgerStats } from '../info/info';
import type { Ledger } from '../ledger/open';
import { listRegions } from '../regions/list';
import { currentClerk, getSettings, updateSettings } from '../settings/settings';

export interface ApiContext {
  ledger: Ledger;
  appVersion: string;
}

/** The main-side implementation of every contract call. Inputs arrive already validated. */
export function createHandlers({ ledger, appVersion }: ApiContext): LedgerHandlers {
  const { db } = ledger;
  return {
    getInfo: () => ({
      ledgerPath: ledger.path,
      appVersion,
      ...ledgerStats(db),
      clerk: currentClerk(db),
    }),
    getSettings: () => getSettings(db),
    updateSettings: (patch) => updateSettings(db, patch),
    listRegions: ({ provinceCode }) => listRegions(db, provinceCode),
    checkLedger: () => checkLedger(db),
  };
}
