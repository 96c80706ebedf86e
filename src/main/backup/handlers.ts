import { basename, join } from 'node:path';
import type { BACKUP_CALLS } from '../../shared/api/backup.names';
import type { HandlersFor } from '../../shared/contract';
import { LedgerError } from '../../shared/errors';
import { localDateTime } from '../../shared/grid-display';
import type { ApiContext } from '../api/context';
import { backupFolderOf, listBackups, parseBackupName } from './backups';
import { restoreBackup } from './restore';

/** Backups, restore and switching the ledger file (src/shared/api/backup.contract.ts). */
export function createBackupHandlers(context: ApiContext): HandlersFor<(typeof BACKUP_CALLS)[number]> {
  const { ledger, jobs, session, desktop } = context;
  const assertIdle = () => {
    if (jobs.runningCount() > 0) throw new LedgerError('restore_busy', `${jobs.runningCount()} job(s) running`);
  };
  return {
    listBackups: () => listBackups(ledger.path),
    restoreBackup: async ({ name }) => {
      // Only a file of this ledger's backups folder, by its name: never a path from the window.
      if (basename(name) !== name || parseBackupName(name) === null) {
        throw new LedgerError('backup_not_found', `not a backup name: ${name}`, { name });
      }
      assertIdle();
      const path = join(backupFolderOf(ledger.path), name);
      let result;
      try {
        result = await restoreBackup(ledger, path);
      } catch (error) {
        // The clerk chose "the backup of 2027.03.14 09:15", not a file name with a time code.
        const parsed = parseBackupName(name);
        if (error instanceof LedgerError && error.details?.path === path && parsed) {
          throw new LedgerError(error.code, error.message, {
            ...error.details,
            path: localDateTime(new Date(parsed.time).toISOString(), { seconds: false }),
          });
        }
        throw error;
      }
      // Every statement, plan and cache of the old content goes with the old connection.
      session?.reopen(ledger.path, false);
      return result;
    },
    getLedgerFileOptions: () => ({ ledgerPath: ledger.path, canChoose: desktop.chooseLedgerFile !== undefined }),
    chooseLedgerFile: async ({ mode }) => {
      if (!desktop.chooseLedgerFile) return { path: null };
      return { path: await desktop.chooseLedgerFile(mode, ledger.path) };
    },
    openLedgerFile: async ({ path, create }) => {
      assertIdle();
      if (!session) throw new LedgerError('restore_busy', 'this host cannot switch ledgers');
      return session.switchTo(path, create);
    },
  };
}
