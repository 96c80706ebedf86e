import { rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LedgerError } from '../../shared/errors';
import { checkLedger } from '../check/check';
import { APPLICATION_ID } from '../ledger/constants';
import { tableCounts } from '../info/info';
import { ledgerErrorFrom, type Ledger } from '../ledger/open';
import { openDatabase } from '../ledger/sqlite';
import { withTimeLimit } from '../util/user-path';
import { timedFs } from './timed-fs';

export interface BackupResult {
  path: string;
  bytes: number;
  migrationLevel: number;
  counts: Record<string, number>;
}

/** Where a backup is written before it is verified: the writer's process id marks whose it is. */
export function partialPathFor(target: string, pid = process.pid): string {
  return `${target}.${pid}.partial`;
}

const PARTIAL_SUFFIXES = ['', '-wal', '-shm', '-journal'];

/** A full disk or an I/O error while writing the copy is said about the copy's place, not the ledger. */
function diskError(error: unknown, target: string): unknown {
  const mapped = ledgerErrorFrom(error, target, 0);
  return mapped instanceof LedgerError && (mapped.code === 'disk_full' || mapped.code === 'disk_io_error') ? mapped : error;
}

/**
 * Copies the ledger with SQLite's online backup API (a consistent snapshot even while another
 * process writes), into `OUT.<pid>.partial` first and renamed into place only once the copy has
 * passed the full check — so OUT is either absent or a verified ledger. The ledger file itself is
 * only ever read by SQLite (never opened by us: see ledger/header.ts).
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
  if ((await timedFs.stat(target)) !== null && !options.overwrite) {
    throw new LedgerError('file_exists', `${target} already exists`, { path: target });
  }
  const partial = partialPathFor(target);
  const removePartial = () => Promise.all(PARTIAL_SUFFIXES.map((suffix) => timedFs.rm(partial + suffix))).catch(() => undefined);
  await removePartial();
  try {
    try {
      await ledger.db.backup(partial);
    } catch (error) {
      throw diskError(error, target);
    }
    // The copy is a single self-contained file: rollback journal, no -wal/-shm beside it.
    const copy = openDatabase(partial, {
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    let result: BackupResult;
    try {
      try {
        copy.pragma('journal_mode = DELETE');
      } catch (error) {
        throw diskError(error, target);
      }
      const report = checkLedger(copy);
      const appId = copy.pragma('application_id', { simple: true }) as number;
      if (!report.ok || appId !== APPLICATION_ID) {
        // The backup API copies the ledger's pages as they are: what is wrong in the copy is
        // wrong in the ledger. Say so about the ledger, not about the backup.
        throw new LedgerError('ledger_damaged', `the ledger failed the check of its backup copy`, {
          path: ledger.path,
          reason: report.problems.map((p) => p.message).join('; ') || 'application id missing',
        });
      }
      const level = copy.pragma('user_version', { simple: true }) as number;
      const counts = tableCounts(copy);
      const bytes = (copy.pragma('page_count', { simple: true }) as number) * (copy.pragma('page_size', { simple: true }) as number);
      result = { path: target, bytes, migrationLevel: level, counts };
    } finally {
      if (copy.open) copy.close();
    }
    await withTimeLimit(target, rename(partial, target));
    return result;
  } catch (error) {
    await removePartial();
    throw error;
  }
}
