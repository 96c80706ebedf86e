// Is this file a ledger SQLite may open? Answered WITHOUT opening the file ourselves: POSIX
// advisory locks belong to the process, so closing any descriptor of the ledger file (a peek at
// its header with fs.openSync/closeSync) drops every lock the process holds on it — also those of
// the app's open connection and of worker threads — and the next program that opens and closes
// the database deletes -wal and -shm under the app ("How To Corrupt An SQLite Database File",
// §2.2). So: stat (no descriptor) before the open, and the header read by SQLite itself after it.
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { LedgerError } from '../../shared/errors';

/** True when a non-empty write-ahead log lies beside the file (stat only). */
export function hasWriteAheadLog(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

/**
 * True when `candidate` is the ledger file, its -wal or its -shm (by device and inode: any name
 * or link). Such a file is never read by our code as an import file, a backup to restore… —
 * reading it would open and close a descriptor of it (see above).
 */
export function isLedgerFile(candidate: string, ledgerPath: string): boolean {
  let c;
  try {
    c = statSync(candidate);
  } catch {
    return false;
  }
  for (const own of [ledgerPath, `${ledgerPath}-wal`, `${ledgerPath}-shm`, `${ledgerPath}-journal`]) {
    try {
      const o = statSync(own);
      if (o.dev === c.dev && o.ino === c.ino) return true;
    } catch {
      // not there
    }
  }
  return false;
}

export type HeaderVerdict = { kind: 'missing' } | { kind: 'empty' } | { kind: 'file'; size: number };

/** What is at `path`, by stat alone (no descriptor is opened): nothing, 0 bytes, or a file. */
export function inspectLedgerFile(path: string): HeaderVerdict {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  if (!stat.isFile()) throw new LedgerError('ledger_not_sqlite', `${path} is not a file`, { path });
  return stat.size === 0 ? { kind: 'empty' } : { kind: 'file', size: stat.size };
}

/**
 * SQLite refuses a header that claims more pages than the file holds (SQLITE_CORRUPT before it
 * reads any page but the first); with writable_schema on it reads on with the file's own size.
 * So a header-only question that fails without it and answers with it means: cut short.
 */
function headerClaimsMorePages(db: Database.Database): boolean {
  // writable_schema counts only outside SQLite's defensive mode, which better-sqlite3 turns on;
  // unsafe mode lifts it for this one read-only question.
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.pragma('page_count', { simple: true });
    return true;
  } catch {
    return false; // damaged in another way
  } finally {
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
  }
}

const isCorrupt = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_CORRUPT');
};

/**
 * Lets SQLite read the header of a just-opened connection, before anything writes: a file that
 * is not SQLite fails here with SQLITE_NOTADB, one whose header claims more pages than the file
 * holds with SQLITE_CORRUPT (or by the size check below). A process stopped in the middle of a
 * checkpoint can leave page 1 (with the new size) written before the pages after it; the
 * write-ahead log beside the file still holds them and SQLite completes the file from it. So
 * only a file without such a log is really cut short.
 */
export function checkLedgerHeader(db: Database.Database, path: string): { pageSize: number; pages: number } {
  const truncated = (size: number, reason: string) =>
    new LedgerError('ledger_damaged', `${path} is shorter than its header says (truncated)`, {
      path,
      reason: `truncated: ${reason || `the file has ${size} bytes, fewer than its header says`}`,
    });
  // An SQLite file is whole pages (512 bytes at least): any other size was cut short.
  const oddSize = () => {
    const size = statSync(path).size;
    return size % 512 !== 0 && !hasWriteAheadLog(path) ? size : null;
  };
  let pageSize: number;
  let pages: number;
  try {
    // Header-only questions first: they read page 1 and nothing else.
    pageSize = db.pragma('page_size', { simple: true }) as number;
    pages = db.pragma('page_count', { simple: true }) as number;
  } catch (error) {
    if (!isCorrupt(error)) throw error;
    const odd = oddSize();
    if (odd !== null || (!hasWriteAheadLog(path) && headerClaimsMorePages(db))) throw truncated(odd ?? statSync(path).size, '');
    throw error;
  }
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    if (!isCorrupt(error)) throw error;
    const odd = oddSize();
    if (odd !== null) throw truncated(odd, '');
    throw error;
  }
  // Stat after SQLite has read the size: a checkpoint that emptied the log meanwhile had
  // already written the pages into the file.
  const size = statSync(path).size;
  if (pages > 0 && size < pages * pageSize && !hasWriteAheadLog(path)) throw truncated(size, `${size} of ${pages * pageSize} bytes`);
  return { pageSize, pages };
}
