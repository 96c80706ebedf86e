import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { LedgerError } from '../../shared/errors';
import { checkLedger } from '../check/check';
import { APPLICATION_ID } from '../ledger/constants';
import { tableCounts } from '../info/info';
import type { Ledger } from '../ledger/open';
import { openDatabase } from '../ledger/sqlite';

export interface BackupResult {
  path: string;
  bytes: number;
  migrationLevel: number;
  counts: Record<string, number>;
}

/**
 * Copies the ledger with SQLite's online backup API (a consistent snapshot even while another
 * process writes), into `OUT.partial` first and renamed into place only once the copy has
 * passed the full check — so OUT is either absent or a verified ledger.
 */
export async function backupLedger(
  ledger: Ledger,
  out: string,
  options: { overwrite?: boolean; nativeBinding?: string } = {},
): Promise<BackupResult> {
  const target = resolve(out);
  if (target === ledger.path) {
    throw new LedgerError('backup_onto_ledger', 'the backup cannot overwrite the ledger itself', { path: target });
  }
  if (existsSync(target) && !options.overwrite) {
    throw new LedgerError('file_exists', `${target} already exists`, { path: target });
  }
  const partial = `${target}.partial`;
  const removePartial = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(partial + suffix, { force: true });
  };
  removePartial();
  let bytes: number;
  try {
    await ledger.db.backup(partial);
    // The copy is a single self-contained file: rollback journal, no -wal/-shm beside it.
    const copy = openDatabase(partial, {
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    try {
      copy.pragma('journal_mode = DELETE');
      const report = checkLedger(copy);
      const appId = copy.pragma('application_id', { simple: true }) as number;
      if (!report.ok || appId !== APPLICATION_ID) {
        throw new LedgerError('ledger_damaged', `backup copy failed verification`, {
          path: target,
          reason: report.problems.map((p) => p.message).join('; ') || 'application id missing',
        });
      }
      const level = copy.pragma('user_version', { simple: true }) as number;
      const counts = tableCounts(copy);
      bytes = (copy.pragma('page_count', { simple: true }) as number) * (copy.pragma('page_size', { simple: true }) as number);
      copy.close();
      renameSync(partial, target);
      return { path: target, bytes, migrationLevel: level, counts };
    } finally {
      if (copy.open) copy.close();
    }
  } catch (error) {
    removePartial();
    throw error;
  }
}
