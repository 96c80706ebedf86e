// Checking a backup copied for a restore (restore.ts): application id, migration level, the
// ledger's own check, migrating an older level, converting a different page size. Runs in a
// worker (stage.worker.ts) on the staging copy, never on the live ledger.
import { LedgerError } from '../../shared/errors';
import { checkLedger } from '../check/check';
import { APPLICATION_ID } from '../ledger/constants';
import { migrate } from '../ledger/migrate';
import { LATEST_VERSION, MIGRATIONS } from '../ledger/migrations';
import { ledgerErrorFrom } from '../ledger/open';
import { openDatabase } from '../ledger/sqlite';

export interface StageWorkerData {
  /** The file the clerk chose (named in every refusal). */
  source: string;
  /** Its copy, to check and migrate. */
  staging: string;
  /** The live ledger's page size, which the copy must have. */
  pageSize: number;
  resourcesDir: string;
}

export interface StagedCopy {
  persons: number;
  migratedFrom: number | null;
}

/** A failure reading or checking the chosen file is said about that file. */
export function refusalFor(error: unknown, source: string): unknown {
  if (error instanceof LedgerError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB') return new LedgerError('restore_not_ledger', `${source}: not SQLite`, { path: source });
  if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) {
    return new LedgerError('restore_damaged', `${source}: ${(error as Error).message}`, { path: source, reason: (error as Error).message });
  }
  return ledgerErrorFrom(error, source, 0);
}

/** Checks and (when older) migrates the copy in `staging`; throws the refusal that names `source`. */
export function verifyStagedCopy({ source, staging, pageSize, resourcesDir }: StageWorkerData): StagedCopy {
  const db = openDatabase(staging, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new LedgerError('restore_not_ledger', `${source} has application_id ${appId}`, { path: source });
    const level = db.pragma('user_version', { simple: true }) as number;
    if (level > LATEST_VERSION) {
      throw new LedgerError('restore_too_new', `${source} is at level ${level}`, { path: source, found: level, supported: LATEST_VERSION });
    }
    const damaged = (when: string) => {
      const report = checkLedger(db);
      if (!report.ok) {
        throw new LedgerError('restore_damaged', `${source} failed the check ${when}`, {
          path: source,
          reason: report.problems.map((p) => p.message).join('; '),
        });
      }
    };
    damaged('as it is');
    let migratedFrom: number | null = null;
    if (level < LATEST_VERSION) {
      db.pragma('foreign_keys = ON');
      migrate(db, MIGRATIONS, { resourcesDir }, LATEST_VERSION);
      migratedFrom = level;
      damaged('after migrating it');
    }
    // The backup API cannot change the page size of a ledger in WAL mode: convert the copy.
    if ((db.pragma('page_size', { simple: true }) as number) !== pageSize) {
      db.pragma(`page_size = ${pageSize}`);
      db.exec('VACUUM');
      const now = db.pragma('page_size', { simple: true }) as number;
      if (now !== pageSize) {
        throw new LedgerError('restore_page_size', `${source}: page size ${now}, ledger ${pageSize}`, {
          path: source,
          reason: `page size ${now} ≠ ${pageSize}`,
        });
      }
    }
    const persons = (db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
    return { persons, migratedFrom };
  } catch (error) {
    throw refusalFor(error, source);
  } finally {
    db.close();
  }
}
