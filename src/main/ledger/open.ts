import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { LedgerError } from '../../shared/errors';
import { resourcesDir as defaultResourcesDir } from '../util/resources';
import { checkLedgerHeader, inspectLedgerFile } from './header';
import { migrate, migrationLevel } from './migrate';
import { openDatabase } from './sqlite';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { APPLICATION_ID, DEFAULT_BUSY_TIMEOUT_MS } from './constants';

export { APPLICATION_ID, DEFAULT_BUSY_TIMEOUT_MS };

export interface OpenLedgerOptions {
  /** How long to wait for another process's write lock before giving up (ms). */
  busyTimeoutMs?: number;
  /** Path to a better_sqlite3.node built for this runtime (Electron keeps its own build). */
  nativeBinding?: string;
  resourcesDir?: string;
  /** Migrate only up to this level (tests of individual migrations). */
  targetVersion?: number;
  /**
   * Create a new ledger when there is none (no file, or a 0-byte one). Default true: `init`, the
   * app's first start and tests. Read-only commands and second connections pass false and get
   * `ledger_missing` instead of a fresh empty ledger at a mistyped path.
   */
  create?: boolean;
}

export interface Ledger {
  readonly path: string;
  readonly db: Database.Database;
  readonly busyTimeoutMs: number;
  close(): void;
}

function busyTimeoutFromEnv(): number | undefined {
  const raw = process.env.LEDGER_BUSY_TIMEOUT_MS;
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** False when the file exists and cannot be written (stat/access only: no descriptor opened). */
export function fileWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Refuses before anything is done (e.g. the automatic backup) when the ledger file is read-only. */
export function assertLedgerWritable(path: string): void {
  if (!fileWritable(path)) throw new LedgerError('ledger_readonly', `${path} is read-only`, { path });
}

/** Turns an SQLite (or file system) failure into the clerk-facing error for this ledger file. */
export function ledgerErrorFrom(error: unknown, path: string, busyTimeoutMs: number): unknown {
  if (error instanceof LedgerError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  const reason = (error as Error).message;
  if (code === 'SQLITE_NOTADB') return new LedgerError('ledger_not_sqlite', `${path}: ${reason}`, { path });
  if (code.startsWith('SQLITE_CORRUPT')) return new LedgerError('ledger_damaged', `${path}: ${reason}`, { path, reason });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new LedgerError('ledger_busy', `${path}: ${reason}`, {
      path,
      seconds: Math.round(busyTimeoutMs / 100) / 10,
    });
  }
  // A full disk (SQLite's own, or a write of ours); max_page_count reached gives the same code.
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new LedgerError('disk_full', `${path}: ${reason}`, { path });
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new LedgerError('disk_io_error', `${path}: ${reason}`, { path });
  }
  if (code.startsWith('SQLITE_READONLY') && !fileWritable(path)) {
    return new LedgerError('ledger_readonly', `${path}: ${reason}`, { path });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') {
    return new LedgerError('ledger_unwritable', `${path}: ${reason}`, { path });
  }
  if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM' || code === 'ENOTDIR' || code === 'ENOENT') {
    return new LedgerError('ledger_unwritable', `${path}: ${reason}`, { path });
  }
  return error;
}

function checkPragma(db: Database.Database, pragma: string, expected: string | number): void {
  const actual = db.pragma(pragma, { simple: true }) as string | number;
  const same = typeof expected === 'string' ? String(actual).toLowerCase() === expected : Number(actual) === expected;
  if (!same) {
    throw new LedgerError('ledger_pragma_failed', `PRAGMA ${pragma} is ${String(actual)}, expected ${expected}`, {
      pragma,
      actual: String(actual),
    });
  }
}

/**
 * Opens (creating and migrating when new) the ledger at `path`. The file is checked through
 * SQLite before anything writes, and refused untouched when it is not SQLite, truncated, another program's database, or from a
 * newer app version. Then WAL, synchronous=FULL, foreign keys and a busy timeout are set and
 * read back.
 */
export function openLedger(path: string, options: OpenLedgerOptions = {}): Ledger {
  const absolute = resolve(path);
  const busyTimeoutMs = options.busyTimeoutMs ?? busyTimeoutFromEnv() ?? DEFAULT_BUSY_TIMEOUT_MS;
  let verdict: ReturnType<typeof inspectLedgerFile>;
  try {
    verdict = inspectLedgerFile(absolute);
  } catch (error) {
    throw ledgerErrorFrom(error, absolute, busyTimeoutMs);
  }
  const create = options.create ?? true;
  if ((verdict.kind === 'missing' || verdict.kind === 'empty') && !create) {
    throw new LedgerError('ledger_missing', `no ledger at ${absolute} (${verdict.kind === 'empty' ? 'an empty file' : 'no file'})`, {
      path: absolute,
    });
  }
  if (verdict.kind === 'missing') {
    const folder = dirname(absolute);
    try {
      if (!existsSync(folder) || !statSync(folder).isDirectory()) throw Object.assign(new Error(`no folder ${folder}`), { code: 'ENOENT' });
      accessSync(folder, constants.W_OK);
    } catch (error) {
      throw ledgerErrorFrom(error, absolute, busyTimeoutMs);
    }
  }

  let db: Database.Database;
  try {
    db = openDatabase(absolute, {
      timeout: busyTimeoutMs,
      ...(verdict.kind === 'missing' ? {} : { fileMustExist: true }),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw ledgerErrorFrom(error, absolute, busyTimeoutMs);
  }

  try {
    // Read-only questions first: nothing below writes until the file is known to be ours.
    // SQLite reads the header (never our own descriptor: see header.ts).
    if (verdict.kind === 'file') checkLedgerHeader(db, absolute);
    const level = migrationLevel(db);
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (level > LATEST_VERSION) {
      throw new LedgerError('ledger_too_new', `${absolute} is at migration level ${level}; this app knows ${LATEST_VERSION}`, {
        path: absolute,
        found: level,
        supported: LATEST_VERSION,
      });
    }
    if (appId !== APPLICATION_ID) {
      const objects = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
      if (appId !== 0 || level !== 0 || objects.n > 0) {
        throw new LedgerError('ledger_foreign', `${absolute} has application_id ${appId} and ${objects.n} objects`, {
          path: absolute,
        });
      }
    }

    db.pragma(`busy_timeout = ${Math.max(0, Math.round(busyTimeoutMs))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    checkPragma(db, 'journal_mode', 'wal');
    checkPragma(db, 'synchronous', 2);
    checkPragma(db, 'foreign_keys', 1);
    checkPragma(db, 'busy_timeout', Math.max(0, Math.round(busyTimeoutMs)));

    migrate(db, MIGRATIONS, { resourcesDir: options.resourcesDir ?? defaultResourcesDir() }, options.targetVersion ?? LATEST_VERSION);
  } catch (error) {
    db.close();
    throw ledgerErrorFrom(error, absolute, busyTimeoutMs);
  }

  return {
    path: absolute,
    db,
    busyTimeoutMs,
    close: () => {
      if (db.open) db.close();
    },
  };
}
