// Faults around the ledger file and its automatic backups (issue 10, §5): a full disk and I/O
// errors become sentences, a read-only ledger file is said to be one before a backup is made,
// damage found while verifying the automatic backup is said about the ledger, a killed backup's
// leftover is swept, same-second backups rotate by their real order, and read-only commands
// never create a ledger.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSession } from '../../src/main/api/session';
import { makeAutomaticBackup } from '../../src/main/backup/backups';
import { backupBeforeImport } from '../../src/main/import/service';
import { ledgerErrorFrom, openLedger } from '../../src/main/ledger/open';
import { LedgerError } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { contentDigest } from '../helpers/digest';
import { importFile } from '../helpers/import';
import { insertCohort, insertPerson, tempDir } from '../helpers/ledger';
import { runCliCaptured } from '../helpers/unit';

const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  while (cleanups.length) await cleanups.pop()!();
});
function folder(prefix = 'ledger-faults-'): string {
  const t = tempDir(prefix);
  cleanups.push(t.cleanup);
  return t.dir;
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The CLI in-process, in English. */
const cli = (args: string[]) => runCliCaptured(args, { LEDGER_LANG: 'en' });

function mountTmpfs(dir: string, size: string): string | null {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return `mount -t tmpfs is not possible here: ${(r.stderr || r.error?.message || '').trim()}`;
  cleanups.push(() => spawnSync('umount', ['-l', dir]));
  return null;
}

describe('read-only commands never create a ledger', () => {
  it('stats, dump and check on a mistyped --db exit 1 with "no ledger at PATH" and create nothing', async () => {
    const dir = folder();
    const missing = join(dir, 'ledgr.sqlite');
    for (const argv of [['stats', '--json'], ['dump', 'persons'], ['check'], ['backups']]) {
      const c = await cli([...argv, '--db', missing]);
      expect(c.code).toBe(1);
      expect(c.stderr).toContain(`There is no ledger at “${missing}”`);
      expect(existsSync(missing)).toBe(false);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a 0-byte ledger is refused by stats and left 0 bytes; init makes it a ledger', async () => {
    const path = join(folder(), 'empty.sqlite');
    writeFileSync(path, '');
    const c = await cli(['stats', '--db', path]);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('no file, or an empty one');
    expect(statSync(path).size).toBe(0);
    expect((await cli(['init', '--db', path])).code).toBe(0);
    expect(statSync(path).size).toBeGreaterThan(0);
  });
});

describe('automatic backups', () => {
  it('backups made in the same second rotate by their real order and never lose the newest', async () => {
    const dir = folder();
    const ledger = openLedger(join(dir, 'ledger.sqlite'));
    cleanups.push(() => ledger.close());
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-14T09:15:02.000Z'));
    const made: string[] = [];
    for (let i = 0; i < 13; i++) {
      made.push(await backupBeforeImport(ledger));
      // The newest is always there: the clerk is told of a file that exists.
      expect(existsSync(made[made.length - 1]!)).toBe(true);
    }
    const left = readdirSync(join(dir, 'backups')).sort();
    expect(left).toHaveLength(10);
    expect(new Set(left)).toEqual(new Set(made.slice(3).map((p) => basename(p))));
  });

  it('a copy left half-written by a killed backup is swept at the next run', async () => {
    const dir = folder();
    const ledger = openLedger(join(dir, 'ledger.sqlite'));
    cleanups.push(() => ledger.close());
    const backups = join(dir, 'backups');
    mkdirSync(backups);
    // A process that has ended: its pid names the partial it left.
    const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
    const leftovers = [
      join(backups, `ledger-before-import-20270314T091502123Z.sqlite.${deadPid}.partial`),
      join(backups, `ledger-before-import-20270314T091502123Z.sqlite.${deadPid}.partial-journal`),
      join(backups, 'ledger-before-import-20270101T000000Z.sqlite.partial'),
    ];
    for (const f of leftovers) writeFileSync(f, Buffer.alloc(256 * 1024, 1));
    // One being written right now by a live process is left alone.
    const live = join(backups, `ledger-before-import-20270314T091503000Z.sqlite.${process.ppid}.partial`);
    writeFileSync(live, 'x');
    await makeAutomaticBackup(ledger, 'import');
    for (const f of leftovers) expect(existsSync(f)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it('damage found while verifying the automatic backup is said about the ledger, not the backup', async () => {
    const dir = folder();
    const path = join(dir, 'ledger.sqlite');
    const ledger = openLedger(path);
    cleanups.push(() => ledger.close());
    const cohort = insertCohort(ledger.db, 2027, 'spring');
    insertPerson(ledger.db, { serviceNo: '12345678', name: '김철수', cohortId: cohort });
    ledger.db.prepare("UPDATE persons SET name_sort_key = 'stale'").run();
    const error = await importFile(ledger, join(SAMPLES, 'decision-11-fall-clean.xlsx')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).code).toBe('ledger_damaged');
    expect((error as LedgerError).details?.path).toBe(path);
    expect(errorSentence((error as LedgerError).toData(), 'en')).toContain(`The ledger file “${path}” is damaged`);
    expect(readdirSync(join(dir, 'backups'))).toEqual([]);
  });

  it('a read-only ledger file is said to be one before any backup is made', async (ctx) => {
    const dir = folder();
    const path = join(dir, 'ledger.sqlite');
    openLedger(path).close();
    // Root ignores file modes: a read-only bind mount of the file itself (the folder stays writable).
    const bind = spawnSync('mount', ['--bind', path, path], { encoding: 'utf8' });
    if (bind.status !== 0) ctx.skip(`a read-only bind mount is not possible here: ${bind.stderr.trim()}`);
    cleanups.push(() => spawnSync('umount', ['-l', path]));
    const ro = spawnSync('mount', ['-o', 'remount,bind,ro', path], { encoding: 'utf8' });
    if (ro.status !== 0) ctx.skip(`cannot remount read-only: ${ro.stderr.trim()}`);
    const ledger = openLedger(path);
    cleanups.push(() => ledger.close());
    const error = await importFile(ledger, join(SAMPLES, 'decision-11-fall-clean.xlsx')).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as LedgerError).code).toBe('ledger_readonly');
    expect(errorSentence((error as LedgerError).toData(), 'en')).toContain('is read-only');
    expect(existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')) : []).toEqual([]);
  });
});

describe('a full disk and I/O errors are sentences, and nothing is changed', () => {
  it('SQLITE_FULL during an import commit (max_page_count): disk_full, the ledger unchanged', async () => {
    const dir = folder();
    const path = join(dir, 'ledger.sqlite');
    const ledger = openLedger(path);
    cleanups.push(() => ledger.close());
    const pages = ledger.db.pragma('page_count', { simple: true }) as number;
    ledger.db.pragma(`max_page_count = ${pages + 2}`);
    const error = await importFile(ledger, join(SAMPLES, 'decision-11-fall-clean.xlsx')).then(
      () => null,
      (e: unknown) => e,
    );
    const mapped = ledgerErrorFrom(error, path, 0);
    expect(mapped).toBeInstanceOf(LedgerError);
    expect((mapped as LedgerError).code).toBe('disk_full');
    expect(errorSentence((mapped as LedgerError).toData(), 'en')).toMatch(
      /The disk is full .*free space and try again\. Nothing was changed\./,
    );
    expect(errorSentence((mapped as LedgerError).toData(), 'ko')).toContain('디스크가 가득 찼습니다');
    expect((ledger.db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(0);
    expect((ledger.db.prepare('SELECT count(*) AS n FROM decision_files').get() as { n: number }).n).toBe(0);
  });

  it('I/O errors map to disk_io_error', () => {
    const error = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    expect((ledgerErrorFrom(error, '/x/ledger.sqlite', 0) as LedgerError).code).toBe('disk_io_error');
    expect((ledgerErrorFrom(Object.assign(new Error('no space'), { code: 'ENOSPC' }), '/x', 0) as LedgerError).code).toBe('disk_full');
  });

  it('on a full disk (a small tmpfs) the automatic backup, the CLI import and opening the ledger say so; the ledger is untouched', async (ctx) => {
    const dir = folder();
    const mount = join(dir, 'disk');
    const reason = mountTmpfs(mount, '3m');
    if (reason !== null) ctx.skip(reason);
    const path = join(mount, 'ledger.sqlite');
    const ledger = openLedger(path);
    // Fill the disk but for a little: the ledger fits, a whole copy of it does not.
    ledger.db.exec('CREATE TABLE IF NOT EXISTS filler_probe (x)');
    ledger.db.exec('DROP TABLE filler_probe');
    ledger.db.pragma('wal_checkpoint(TRUNCATE)');
    ledger.close();
    const free = () => Number(execFileSync('df', ['-B1', '--output=avail', mount], { encoding: 'utf8' }).split('\n')[1]);
    writeFileSync(join(mount, 'filler'), Buffer.alloc(Math.max(0, free() - statSync(path).size / 2)));
    const before = sha(path);

    const c = await cli(['import', join(SAMPLES, 'decision-11-fall-clean.xlsx'), '--db', path]);
    const code = c.code;
    expect(code).toBe(1);
    expect(c.stderr).toMatch(/The disk is full/);
    expect(readdirSync(join(mount, 'backups')).filter((f) => f.includes('partial'))).toEqual([]);
    expect(sha(path)).toBe(before);

    // Now not a byte left: opening the ledger (SQLite must make its -shm and -wal) says so too.
    writeFileSync(join(mount, 'filler2'), Buffer.alloc(free()));
    const open = await cli(['stats', '--db', path]);
    expect(open.code).toBe(1);
    expect(open.stderr).toMatch(/The disk is full|The disk could not be read or written/);
    expect(sha(path)).toBe(before);
  });
});

describe("a full disk during the app's import commit", () => {
  it('the job fails with disk_full (not "internal"), the automatic backup kept, the ledger unchanged', async (ctx) => {
    const dir = folder();
    const mount = join(dir, 'disk');
    const reason = mountTmpfs(mount, '4m');
    if (reason !== null) ctx.skip(reason);
    const path = join(mount, 'ledger.sqlite');
    const session = createSession({ ledger: openLedger(path), appVersion: 'test' });
    cleanups.push(() => session.close());
    session.ledger.db.pragma('wal_checkpoint(TRUNCATE)');
    const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
      const r = await session.dispatch(name, input, () => undefined);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value as T;
    };
    const bytes = readFileSync(join(SAMPLES, 'decision-11-spring-ko.xlsx'));
    const { uploadId } = await call<{ uploadId: string }>('beginImportUpload', { fileName: 'd.xlsx', size: bytes.length });
    await call('appendImportUpload', { uploadId, offset: 0, data: bytes.toString('base64') });
    const file = await call<{ fileId: string }>('finishImportUpload', { uploadId });
    // Room for the automatic backup (a copy of the ledger) and a little more, not for the commit.
    const free = () => Number(execFileSync('df', ['-B1', '--output=avail', mount], { encoding: 'utf8' }).split('\n')[1]);
    writeFileSync(join(mount, 'filler'), Buffer.alloc(Math.max(0, free() - statSync(path).size - 48 * 1024)));
    const before = contentDigest(path, { keepTimes: true });
    const job = await call<{ id: string }>('startImportCommit', { fileId: file.fileId, options: {}, skipInvalid: true });
    const status = await session.jobs.settled(job.id);
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('disk_full');
    expect(errorSentence(status.error!, 'ko')).toContain('디스크가 가득 찼습니다');
    expect(contentDigest(path, { keepTimes: true })).toBe(before);
    expect(readdirSync(join(mount, 'backups')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
  });
});
