import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/shared/errors';
import { APPLICATION_ID, openLedger } from '../../src/main/ledger/open';
import { LATEST_VERSION } from '../../src/main/ledger/migrations';
import { tempDir } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function folder(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function expectRefusal(fn: () => unknown, code: string): LedgerError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).code).toBe(code);
    return error as LedgerError;
  }
  throw new Error(`expected a refusal with ${code}`);
}

describe('opening the ledger', () => {
  it('creates a new ledger with WAL, synchronous=FULL, foreign keys and a busy timeout, all read back', () => {
    const path = join(folder(), 'new.sqlite');
    const ledger = openLedger(path, { busyTimeoutMs: 1234 });
    try {
      const { db } = ledger;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      const regions = db.prepare('SELECT count(*) AS n FROM regions').get() as { n: number };
      expect(regions.n).toBe(212);
    } finally {
      ledger.close();
    }
  });

  it('sets the pragmas again on every open of an existing ledger', () => {
    const path = join(folder(), 'l.sqlite');
    openLedger(path).close();
    const ledger = openLedger(path);
    try {
      expect(ledger.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() =>
        ledger.db
          .prepare("INSERT INTO placements (person_id, cohort_id, dest_county_id, created_at, updated_at) VALUES (999, 999, 999, 'x', 'x')")
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      ledger.close();
    }
  });

  it('refuses a file that is not SQLite (a renamed PDF) and leaves it untouched', () => {
    const path = join(folder(), 'report.sqlite');
    writeFileSync(path, '%PDF-1.7\n' + 'x'.repeat(5000));
    const before = sha(path);
    const error = expectRefusal(() => openLedger(path), 'ledger_not_sqlite');
    expect(error.details?.path).toBe(path);
    expect(sha(path)).toBe(before);
  });

  it('refuses a truncated ledger and leaves it untouched', () => {
    const dir = folder();
    const path = join(dir, 'l.sqlite');
    const ledger = openLedger(path);
    ledger.db.pragma('wal_checkpoint(TRUNCATE)');
    ledger.close();
    const bytes = readFileSync(path);
    const cut = join(dir, 'cut.sqlite');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = sha(cut);
    expectRefusal(() => openLedger(cut), 'ledger_damaged');
    expect(sha(cut)).toBe(before);
  });

  it('opens a ledger whose file is shorter than its header while its write-ahead log holds the rest (a stop mid-checkpoint)', () => {
    const dir = folder();
    const path = join(dir, 'l.sqlite');
    const ledger = openLedger(path);
    ledger.db.pragma('wal_autocheckpoint = 0');
    ledger.db.exec(
      'CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT hex(randomblob(500)) FROM n;',
    );
    const bytes = readFileSync(path);
    // What a stop mid-checkpoint leaves: the main file behind, the log beside it intact.
    writeFileSync(`${path}.copy-wal`, readFileSync(`${path}-wal`));
    ledger.db.close();
    writeFileSync(path, bytes);
    writeFileSync(`${path}-wal`, readFileSync(`${path}.copy-wal`));
    const header = Buffer.from(readFileSync(path));
    header.writeUInt32BE(header.readUInt32BE(28) + 50, 28); // claims more pages than the file has
    writeFileSync(path, header);
    const reopened = openLedger(path);
    expect(reopened.db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 2000 });
    reopened.close();
  });

  it('refuses a ledger from a newer app version and leaves it untouched', () => {
    const path = join(folder(), 'future.sqlite');
    openLedger(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = sha(path);
    const error = expectRefusal(() => openLedger(path), 'ledger_too_new');
    expect(error.details).toMatchObject({ found: LATEST_VERSION + 5, supported: LATEST_VERSION });
    expect(sha(path)).toBe(before);
  });

  it("refuses another program's SQLite database and adds nothing to it", () => {
    const path = join(folder(), 'other.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES (1);');
    raw.close();
    const before = sha(path);
    expectRefusal(() => openLedger(path), 'ledger_foreign');
    expect(sha(path)).toBe(before);
  });

  it('refuses a path whose folder cannot be written, with a clear code', () => {
    expectRefusal(() => openLedger('/proc/placement-ledger-test/ledger.sqlite'), 'ledger_unwritable');
    const dir = folder();
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a folder');
    expectRefusal(() => openLedger(join(file, 'ledger.sqlite')), 'ledger_unwritable');
  });

  it('turns an empty (0-byte) file into a new ledger', () => {
    const path = join(folder(), 'empty.sqlite');
    writeFileSync(path, '');
    const ledger = openLedger(path);
    expect(ledger.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    ledger.close();
  });
});
