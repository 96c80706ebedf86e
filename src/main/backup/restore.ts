// Bringing a backup back. The chosen file is first copied (by SQLite) into a staging file beside
// the backups and verified there — application id, migration level, integrity, foreign keys and
// the ledger's own invariants; an older level is migrated, a different page size converted — so
// a damaged or foreign file is refused with the ledger untouched. Then the ledger as it is now is
// kept as an automatic backup, and the staging copy is written INTO the live ledger with SQLite's
// backup API: one write transaction on the ledger's own file (its WAL), committed at the end. No
// file is renamed or opened by us under the app's open connections, and a kill -9 at any moment
// leaves either the old ledger (the transaction never committed: its frames in the WAL are
// ignored) or the restored one (committed) — never a mix, never a stale -wal over another file.
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { RestoreResult } from '../../shared/api/backup.contract';
import { LedgerError } from '../../shared/errors';
import { startLongWrite } from '../ledger/long-write';
import { assertLedgerWritable, ledgerErrorFrom, type Ledger } from '../ledger/open';
import { openDatabase } from '../ledger/sqlite';
import { resourcesDir } from '../util/resources';
import { partialPathFor } from './backup';
import { backupFolderOf, makeAutomaticBackup } from './backups';
import { refusalFor, type StagedCopy, type StageWorkerData } from './stage';
import { timedFs } from './timed-fs';
import { runWorkerTask } from '../workers/launch';

/** Pages copied per step of the backup API (the event loop turns between steps). */
const PAGES_PER_STEP = 2048;

async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([timedFs.stat(a), timedFs.stat(b)]);
  return x !== null && y !== null && x.dev === y.dev && x.ino === y.ino;
}

/**
 * Copies the chosen file into `staging` (SQLite's backup API, in steps), then checks and (when
 * older) migrates the copy in a worker thread: a big ledger's integrity check takes seconds, and
 * the window keeps answering meanwhile.
 */
async function stageCopy(source: string, staging: string, pageSize: number): Promise<StagedCopy> {
  let from: Database.Database | null = null;
  try {
    from = openDatabase(source, { readonly: true, fileMustExist: true });
    from.prepare('SELECT count(*) FROM sqlite_schema').get();
    await from.backup(staging);
  } catch (error) {
    throw refusalFor(error, source);
  } finally {
    from?.close();
  }
  const data: StageWorkerData = { source, staging, pageSize, resourcesDir: resourcesDir() };
  return runWorkerTask<StagedCopy>('backup/stage.worker.ts', data, 'restore-check');
}

export interface RestoreOptions {
  /** Called after the ledger has been kept as a backup, before it is overwritten (tests). */
  onKept?(path: string): void;
}

/**
 * Restores `backupPath` into the open ledger. The caller reopens the app on the ledger
 * afterwards (every cached statement and plan of the old content dropped).
 */
export async function restoreBackup(ledger: Ledger, backupPath: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const source = resolve(backupPath);
  const sourceStat = await timedFs.stat(source);
  if (sourceStat === null || !sourceStat.isFile())
    throw new LedgerError('backup_not_found', `no backup ${source}`, { name: basename(source), path: source });
  for (const own of [ledger.path, `${ledger.path}-wal`, `${ledger.path}-shm`]) {
    if (await sameFile(source, own)) throw new LedgerError('restore_same_file', `${source} is the ledger`, { path: source });
  }
  assertLedgerWritable(ledger.path);
  const folder = backupFolderOf(ledger.path);
  await timedFs.mkdir(folder);
  const staging = partialPathFor(join(folder, `.restore-${randomBytes(6).toString('hex')}.sqlite`));
  const removeStaging = () => Promise.all(['', '-journal', '-wal', '-shm'].map((s) => timedFs.rm(staging + s))).catch(() => undefined);
  const end = startLongWrite(ledger, 'restore');
  try {
    const pageSize = ledger.db.pragma('page_size', { simple: true }) as number;
    const staged = await stageCopy(source, staging, pageSize);
    const protect = dirname(source) === folder ? [basename(source)] : [];
    const kept = await makeAutomaticBackup(ledger, 'restore', { folder, protect });
    options.onKept?.(kept.path);
    const from = openDatabase(staging, { readonly: true, fileMustExist: true });
    try {
      await from.backup(ledger.path, { progress: () => PAGES_PER_STEP });
    } catch (error) {
      throw ledgerErrorFrom(error, ledger.path, ledger.busyTimeoutMs);
    } finally {
      from.close();
    }
    // The backup API's own connection commits without syncing the log; a checkpoint through the
    // ledger's connection (synchronous=FULL) syncs it. PASSIVE: never waits for readers.
    try {
      ledger.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy: the next checkpoint syncs it.
    }
    return { keptAs: kept.path, restored: source, persons: staged.persons, migratedFrom: staged.migratedFrom };
  } finally {
    end();
    await removeStaging();
  }
}
