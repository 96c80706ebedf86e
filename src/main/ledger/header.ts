import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { LedgerError } from '../../shared/errors';

const MAGIC = 'SQLite format 3\u0000';

function hasWriteAheadLog(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

export type HeaderVerdict = { kind: 'missing' } | { kind: 'empty' } | { kind: 'sqlite'; pageSize: number; pages: number | null };

/**
 * Looks at the first 100 bytes of a ledger file before SQLite opens it, so a file that is not
 * SQLite, or one cut short, is refused without being touched.
 */
export function inspectLedgerFile(path: string): HeaderVerdict {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) {
      throw new LedgerError('ledger_not_sqlite', `${path} is not a file`, { path });
    }
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  if (size === 0) return { kind: 'empty' };
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== MAGIC) {
    throw new LedgerError('ledger_not_sqlite', `${path} is not an SQLite database`, { path });
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw new LedgerError('ledger_damaged', `${path}: invalid page size ${rawPageSize}`, {
      path,
      reason: 'invalid page size',
    });
  }
  // The in-header page count is valid when the change counter matches "version-valid-for".
  const pagesValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  const pages = pagesValid ? header.readUInt32BE(28) : null;
  // A process stopped in the middle of a checkpoint can leave page 1 (with the new size) written
  // before the pages after it; the write-ahead log beside the file still holds them and SQLite
  // completes the file from it on open. Only a file without such a log is really cut short.
  if (pages !== null && pages > 0 && size < pages * pageSize && !hasWriteAheadLog(path)) {
    throw new LedgerError('ledger_damaged', `${path} is shorter than its header says (truncated)`, {
      path,
      reason: `truncated: ${size} of ${pages * pageSize} bytes`,
    });
  }
  return { kind: 'sqlite', pageSize, pages };
}
