// Bringing a backup back (issue 10, §4): listed with when, why, size and persons; restored after
// being checked, the ledger as it was kept as a backup first; a damaged, foreign or too new file
// refused with the ledger exactly as it was; an older one migrated; and all of it while the web
// host has the ledger open, which then works on the restored content.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession } from '../../src/main/api/session';
import { backupLedger } from '../../src/main/backup/backup';
import { listBackups } from '../../src/main/backup/backups';
import { checkLedger } from '../../src/main/check/check';
import { rememberedLedgerPath, rememberLedgerPath, resolveLedgerPath } from '../../src/main/ledger/location';
import { LATEST_VERSION } from '../../src/main/ledger/migrations';
import { openLedger } from '../../src/main/ledger/open';
import { startWebHost } from '../../src/main/web/host';
import type { BackupList, RestoreResult } from '../../src/shared/api/backup.contract';
import { contentDigest } from '../helpers/digest';
import { importFile } from '../helpers/import';
import { tempDir } from '../helpers/ledger';
import { runCliCaptured } from '../helpers/unit';

const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** The CLI in-process, in English. */
const cli = (args: string[]) => runCliCaptured(args, { LEDGER_LANG: 'en' });

/** A ledger with two imports behind it: two automatic backups (before each). */
async function ledgerWithBackups(): Promise<{ dir: string; path: string }> {
  const t = tempDir('ledger-restore-');
  cleanups.push(t.cleanup);
  const path = join(t.dir, 'ledger.sqlite');
  const ledger = openLedger(path);
  await importFile(ledger, join(SAMPLES, 'decision-11-fall-clean.xlsx'));
  await importFile(ledger, join(SAMPLES, 'decision-11-spring-ko.xlsx'), { skipInvalid: true });
  ledger.close();
  return { dir: t.dir, path };
}

const persons = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('listing and restoring backups', () => {
  it('lists the automatic backups newest first with reason, size and persons', async () => {
    const { path } = await ledgerWithBackups();
    const list = await listBackups(path);
    expect(list.backups).toHaveLength(2);
    const [newest, oldest] = list.backups;
    expect(newest!.reason).toBe('import');
    expect(newest!.madeAt >= oldest!.madeAt).toBe(true);
    expect(oldest!.persons).toBe(0);
    expect(newest!.persons).toBeGreaterThan(0);
    expect(newest!.bytes).toBeGreaterThan(0);
    const c = await cli(['backups', '--json', '--db', path]);
    expect(c.code).toBe(0);
    expect((JSON.parse(c.stdout) as BackupList).backups.map((b) => b.name)).toEqual(list.backups.map((b) => b.name));
  });

  it('`ledger restore BACKUP` checks it, keeps the ledger as a backup, then brings the backup back (exit 0)', async () => {
    const { path } = await ledgerWithBackups();
    const before = contentDigest(path, { keepTimes: true });
    const chosen = (await listBackups(path)).backups[0]!;
    const wanted = contentDigest(chosen.path, { keepTimes: true });
    const c = await cli(['restore', chosen.path, '--db', path]);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/^restored .* persons\); the ledger as it was is kept in .*before-restore/);
    expect(contentDigest(path, { keepTimes: true })).toBe(wanted);
    const after = await listBackups(path);
    const kept = after.backups.find((b) => b.reason === 'restore')!;
    expect(contentDigest(kept.path, { keepTimes: true })).toBe(before);
    expect(existsSync(chosen.path)).toBe(true);
    const ledger = openLedger(path, { create: false });
    try {
      expect(checkLedger(ledger.db)).toEqual({ ok: true, problems: [] });
    } finally {
      ledger.close();
    }
    // And back again: the kept one restores the ledger as it was.
    expect((await cli(['restore', kept.path, '--db', path])).code).toBe(0);
    expect(contentDigest(path, { keepTimes: true })).toBe(before);
  });

  it('refuses a damaged, foreign, non-SQLite or too new file and the ledger itself, leaving the ledger exactly as it was (exit 1)', async () => {
    const { dir, path } = await ledgerWithBackups();
    const chosen = (await listBackups(path)).backups[0]!;
    const damaged = join(dir, 'damaged.sqlite');
    const bytes = Buffer.from(readFileSync(chosen.path));
    bytes.fill(0x5a, 4096 * 3, 4096 * 6);
    writeFileSync(damaged, bytes);
    const foreign = join(dir, 'foreign.sqlite');
    const raw = new Database(foreign);
    raw.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES (1);');
    raw.close();
    const pdf = join(dir, 'report.sqlite');
    writeFileSync(pdf, '%PDF-1.7\n' + 'x'.repeat(5000));
    const future = join(dir, 'future.sqlite');
    copyFileSync(chosen.path, future);
    const f = new Database(future);
    f.pragma(`user_version = ${LATEST_VERSION + 3}`);
    f.close();

    const before = contentDigest(path, { keepTimes: true });
    const backupsBefore = (await listBackups(path)).backups.map((b) => b.name);
    const cases: [string, RegExp][] = [
      [damaged, /The backup “.*damaged.sqlite” is damaged .*Nothing was restored; the ledger is as it was/],
      [foreign, /is not a backup of a ledger\. Nothing was restored/],
      [pdf, /is not a backup of a ledger\. Nothing was restored/],
      [future, /was made by a newer version of the app \(level \d+; this app knows up to \d+\)\. Nothing was restored/],
      [path, /is the open ledger itself/],
      [`${path}-wal`, /is the open ledger itself|There is no backup/],
      [join(dir, 'nope.sqlite'), /There is no backup/],
    ];
    for (const [file, sentence] of cases) {
      const c = await cli(['restore', file, '--db', path]);
      expect(c.code, file).toBe(1);
      expect(c.stderr).toMatch(sentence);
      expect(contentDigest(path, { keepTimes: true })).toBe(before);
    }
    // Nothing was kept for refused restores, and no staging copy is left.
    const list = await listBackups(path);
    expect(list.backups.map((b) => b.name)).toEqual(backupsBefore);
    expect(readFileSync(join(list.folder, '..', 'ledger.sqlite')).length).toBeGreaterThan(0);
  });

  it('restores a backup from an older app version, migrated to this one', async () => {
    const t = tempDir('ledger-restore-old-');
    cleanups.push(t.cleanup);
    const old = openLedger(join(t.dir, 'old.sqlite'), { targetVersion: LATEST_VERSION - 1 });
    const oldBackup = join(t.dir, 'old-backup.sqlite');
    await backupLedger(old, oldBackup);
    old.close();
    const path = join(t.dir, 'ledger.sqlite');
    openLedger(path).close();
    const c = await cli(['restore', oldBackup, '--db', path]);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain(`migrated from level ${LATEST_VERSION - 1}`);
    const ledger = openLedger(path, { create: false });
    try {
      expect(ledger.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(checkLedger(ledger.db).ok).toBe(true);
    } finally {
      ledger.close();
    }
  });
});

describe('restore and another ledger through the web host, with the ledger open', () => {
  it('restores while open; the app then works on the restored ledger; opens a new and another ledger', async () => {
    const { dir, path } = await ledgerWithBackups();
    const h = await startWebHost({ dbPath: path, rendererDir: join(dir, 'renderer') });
    cleanups.push(() => h.close());
    const send = async (name: string, input: unknown = {}) => {
      const res = await fetch(`${h.origin}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ledger-token': h.token },
        body: JSON.stringify(input),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
    };
    const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
      const envelope = await send(name, input);
      if (!envelope.ok) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`);
      return envelope.value as T;
    };
    const countsNow = async () => (await call<{ counts: { persons: number } }>('getInfo')).counts.persons;
    // The grid has a view plan and a count cached on the old content.
    const query = () => call<{ rowCount: number }>('gridQuery', { grid: 'persons', start: 0, count: 100, view: {} });
    expect((await query()).rowCount).toBeGreaterThan(0);
    const list = await call<BackupList>('listBackups');
    const oldest = list.backups[list.backups.length - 1]!;
    expect(oldest.persons).toBe(0);
    expect(await countsNow()).toBeGreaterThan(0);

    // A damaged backup is refused, named by when it was made, and the ledger stays as it was.
    const newest = list.backups[0]!;
    const damagedBytes = Buffer.from(readFileSync(newest.path));
    damagedBytes.fill(0x5a, 4096 * 3, 4096 * 6);
    writeFileSync(newest.path, damagedBytes);
    const personsBefore = await countsNow();
    const refused = (await send('restoreBackup', { name: newest.name })) as {
      ok: boolean;
      error?: { code: string; details?: { path?: string } };
    };
    expect(refused.error?.code).toBe('restore_damaged');
    expect(refused.error?.details?.path).toMatch(/^\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}$/);
    expect(await countsNow()).toBe(personsBefore);

    const connectionBefore = h.ledger;
    const restored = await call<RestoreResult>('restoreBackup', { name: oldest.name });
    // The app reopened on it: the old connection (and every statement, plan and cache keyed by
    // it) is gone.
    expect(h.ledger).not.toBe(connectionBefore);
    expect(connectionBefore.db.open).toBe(false);
    expect(restored.persons).toBe(0);
    expect(await countsNow()).toBe(0);
    expect((await query()).rowCount).toBe(0);
    expect(basename(restored.keptAs)).toMatch(/^ledger-before-restore-/);
    expect((await call<BackupList>('listBackups')).backups[0]!.name).toBe(basename(restored.keptAs));
    // Refused restores kept nothing: the two before-import backups and the one kept by the restore.
    expect((await call<BackupList>('listBackups')).backups).toHaveLength(3);
    // The clerk keeps working on it, and it is the ledger file on disk.
    await call('updateSettings', { clerkName: '리영희' });
    expect(persons(path)).toBe(0);

    // Refusals: not a backup name, a path instead of a name.
    expect((await send('restoreBackup', { name: '../ledger.sqlite' })).error?.code).toBe('backup_not_found');
    expect((await send('restoreBackup', { name: 'ledger-before-import-20200101T000000000Z.sqlite' })).error?.code).toBe('backup_not_found');

    // Another ledger: a new one, then back to the first.
    const other = join(dir, 'other.sqlite');
    expect(await call('getLedgerFileOptions')).toEqual({ ledgerPath: path, canChoose: false });
    expect((await send('openLedgerFile', { path: join(dir, 'missing.sqlite'), create: false })).error?.code).toBe('ledger_missing');
    expect(await call('openLedgerFile', { path: other, create: true })).toEqual({ ledgerPath: other, created: true });
    expect((await call<{ ledgerPath: string }>('getInfo')).ledgerPath).toBe(other);
    expect((await send('openLedgerFile', { path, create: true })).error?.code).toBe('file_exists');
    expect(await call('openLedgerFile', { path, create: false })).toEqual({ ledgerPath: path, created: false });
    expect((await call<{ clerk: string }>('getInfo')).clerk).toBe('리영희');
  }, 60_000);
});

describe('the ledger the clerk switched to is opened again at the next start (desktop)', () => {
  it('switching remembers the file in the user-data folder; a remembered file that is gone is forgotten', async () => {
    const t = tempDir('ledger-remember-');
    cleanups.push(t.cleanup);
    const userData = join(t.dir, 'user-data');
    const first = join(t.dir, 'ledger.sqlite');
    const other = join(t.dir, 'other.sqlite');
    expect(rememberedLedgerPath(userData)).toBeNull();
    const session = createSession({ ledger: openLedger(first), appVersion: 'test', onSwitched: (p) => rememberLedgerPath(userData, p) });
    cleanups.push(() => session.close());
    await session.switchTo(other, true);
    expect(rememberedLedgerPath(userData)).toBe(other);
    // What the app's start resolves: the remembered one unless --db or LEDGER_DB says otherwise.
    expect(resolveLedgerPath([], {}, rememberedLedgerPath(userData) ?? first)).toBe(other);
    expect(resolveLedgerPath(['--db', first], {}, rememberedLedgerPath(userData) ?? first)).toBe(first);
    session.close();
    for (const s of ['', '-wal', '-shm']) rmSync(other + s, { force: true });
    expect(rememberedLedgerPath(userData)).toBeNull();
  });
});
