// Paths the clerk typed or chose (src/main/util/user-path.ts), through the export they guard:
// every bad folder answers within seconds with its own sentence, writes nothing there and
// leaves the ledger as it was. Read-only and full disks are real tmpfs mounts (the tests run as
// root, so chmod would not stop a write); without `mount` those cases are skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open as openAsync } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli';
import { runExport } from '../../src/main/export/run';
import { openLedger } from '../../src/main/ledger/open';
import { startWebHost } from '../../src/main/web/host';
import { inspectFolder, leftoverName, prepareFolder, prepareOutputFile, sweepLeftovers } from '../../src/main/util/user-path';
import { LedgerError } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { captureIo, tempDir } from '../helpers/ledger';
import { buildScenario, scenarioLedgerFile } from './export-support';

const root = resolve(__dirname, '../..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const setup = () => scenarioLedgerFile('ledger-user-path-', cleanups);

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const c = captureIo(env);
  const code = await runCli(args, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}

/** A tmpfs of `size` mounted at a new folder (read-only with `ro`); null where mount is not allowed. */
const mounts: string[] = [];
function tmpfs(size: string, ro = false): string | null {
  const t = tempDir('ledger-tmpfs-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `${ro ? 'ro,' : ''}size=${size}`, 'tmpfs', t.dir]);
  if (r.status !== 0) {
    t.cleanup();
    return null;
  }
  mounts.push(t.dir);
  return t.dir;
}
afterAll(() => {
  for (const dir of mounts) {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});
const canMount = (() => {
  const dir = tmpfs('64k');
  return dir !== null;
})();

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof LedgerError ? e.code : String(e)),
  );

describe('a folder the clerk typed (ledger export --out …)', () => {
  it('/proc/nope/x: the real CLI answers within seconds with exit 2 and a sentence (it used to spin forever)', () => {
    const { db } = setup();
    const before = sha(db);
    const started = Date.now();
    const result = spawnSync('npm', ['run', '-s', 'ledger', '--', 'export', '--db', db, '--out', '/proc/nope/x'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LEDGER_LANG: 'en' },
    });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'The folder “/proc/nope/x” does not exist and “/proc/nope” cannot be made. Check the path (drive, share). Nothing was written.',
    );
    expect(result.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(sha(db)).toBe(before);
  });

  it('/dev/null/x and a file used as a folder: "… is a file, not a folder", exit 2, nothing written', async () => {
    const { db, dir } = setup();
    const before = sha(db);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const devNull = await cli(['export', '--db', db, '--out', '/dev/null/x']);
    expect(devNull.code).toBe(2);
    expect(devNull.stderr.trim()).toBe(
      '“/dev/null” is a file, not a folder, so nothing can be put in it. Choose another folder. Nothing was written.',
    );
    const nested = await cli(['export', '--db', db, '--out', join(dir, 'notes.txt', 'a', 'b')], { LEDGER_LANG: 'ko' });
    expect(nested.code).toBe(2);
    expect(nested.stderr.trim()).toBe(
      `«${join(dir, 'notes.txt')}»은(는) 폴더가 아니라 파일입니다. 그 안에 아무것도 넣을 수 없으므로 다른 폴더를 고르십시오. 아무것도 쓰지 않았습니다.`,
    );
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(dir).sort()).toEqual(
      ['ledger.sqlite', 'ledger.sqlite-shm', 'ledger.sqlite-wal', 'notes.txt'].filter((n) => existsSync(join(dir, n))).sort(),
    );
    expect(sha(db)).toBe(before);
  });

  it.skipIf(!canMount)('a read-only folder (a tmpfs mounted ro): "is read-only", exit 2, no folder made in it', async () => {
    const { db } = setup();
    const before = sha(db);
    const ro = tmpfs('1m', true)!;
    const result = await cli(['export', '--db', db, '--out', join(ro, 'rosters', '2027')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `“${join(ro, 'rosters', '2027')}” is read-only (a read-only disk or share). Choose a folder you can write to. Nothing was written.`,
    );
    expect(readdirSync(ro)).toEqual([]);
    expect(sha(db)).toBe(before);
  });

  it.skipIf(!canMount)(
    'a full disk (a 16 KiB tmpfs, filled): "the disk is full" before anything is written, the made folder removed',
    async () => {
      const { db } = setup();
      const before = sha(db);
      const small = tmpfs('16k')!;
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${join(small, 'filler')}`, 'bs=4096', 'count=64'], { stdio: 'ignore' });
      } catch {
        // dd stops at the full disk: that is the point
      }
      const result = await cli(['export', '--db', db, '--out', join(small, 'rosters')]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(
        `The disk of “${join(small, 'rosters')}” is full. Free some space or choose another disk, then try again. The files being written were removed.`,
      );
      expect(readdirSync(small)).toEqual(['filler']);
      expect(sha(db)).toBe(before);
    },
  );

  it.skipIf(!canMount)('a disk that fills up while the workbooks are written: the same sentence, nothing half-written left', async () => {
    const { db } = setup();
    const before = sha(db);
    // Room for the probe and the first files, not for all three workbooks.
    const small = tmpfs('20k')!;
    const result = await cli(['export', '--db', db, '--out', small, '--summary']);
    expect(result.code, result.stderr).toBe(2);
    // It got past the probe: the disk filled while a workbook was written.
    expect(result.stderr).toMatch(/^The disk of “.*\.xlsx” is full\. Free some space/);
    expect(readdirSync(small)).toEqual([]);
    expect(sha(db)).toBe(before);
  });
});

describe('a path that does not answer', () => {
  /**
   * A network share that hangs, made real: every thread of libuv's pool is stuck opening a FIFO
   * nobody writes to, so any fs.promises step waits. The event loop itself stays free.
   */
  async function hangThreadPool(dir: string): Promise<() => Promise<void>> {
    const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    const fifos: string[] = [];
    const opens: Promise<unknown>[] = [];
    for (let i = 0; i < threads; i++) {
      const fifo = join(dir, `hang-${i}`);
      execFileSync('mkfifo', [fifo]);
      fifos.push(fifo);
      opens.push(openAsync(fifo, 'r').then((h) => h.close()));
    }
    await new Promise((r) => setTimeout(r, 100));
    return async () => {
      // A writer for each FIFO lets the stuck opens finish.
      for (const fifo of fifos) closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      await Promise.all(opens);
    };
  }

  it('answers path_timed_out within the limit, and the event loop keeps running meanwhile', async () => {
    const t = tempDir('ledger-hang-');
    cleanups.push(t.cleanup);
    const release = await hangThreadPool(t.dir);
    try {
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 20);
      const started = Date.now();
      const error = await prepareFolder(join(t.dir, 'share', 'rosters'), { timeoutMs: 700 }).catch((e: unknown) => e);
      clearInterval(ticker);
      expect(error).toBeInstanceOf(LedgerError);
      expect((error as LedgerError).code).toBe('path_timed_out');
      expect(Date.now() - started).toBeLessThan(3000);
      expect(ticks).toBeGreaterThan(10);
      expect(errorSentence((error as LedgerError).toData(), 'en')).toBe(
        `“${join(t.dir, 'share', 'rosters')}” did not answer within 1 s; check the network share or USB stick. Nothing was changed.`,
      );
    } finally {
      await release();
    }
  });

  it('the web host keeps answering other calls while the Export page’s folder hangs, then says it timed out', async () => {
    const t = tempDir('ledger-hang-web-');
    cleanups.push(t.cleanup);
    mkdirSync(join(t.dir, 'renderer'));
    const host = await startWebHost({ dbPath: join(t.dir, 'ledger.sqlite'), rendererDir: join(t.dir, 'renderer') });
    cleanups.push(() => void host.close());
    buildScenario(host.ledger.db);
    const call = async (name: string, body: unknown) =>
      (await (
        await fetch(`${host.origin}/api/${name}`, { method: 'POST', headers: { 'x-ledger-token': host.token }, body: JSON.stringify(body) })
      ).json()) as {
        ok: boolean;
        error?: { code: string };
      };
    const previous = process.env.LEDGER_PATH_TIMEOUT_MS;
    process.env.LEDGER_PATH_TIMEOUT_MS = '1500';
    const release = await hangThreadPool(t.dir);
    try {
      const started = Date.now();
      let planAnswered = false;
      const plan = call('planExport', { year: 2027, term: 'spring', folder: join(t.dir, 'share', 'rosters') }).finally(
        () => (planAnswered = true),
      );
      for (let i = 0; i < 5; i++) {
        const t0 = Date.now();
        expect((await call('getInfo', {})).ok).toBe(true);
        expect((await call('gridQuery', { grid: 'persons', view: {}, start: 0, count: 20 })).ok).toBe(true);
        expect(Date.now() - t0).toBeLessThan(1000);
      }
      // All those answered while the folder was still being tried.
      expect(planAnswered).toBe(false);
      const answered = await plan;
      expect(answered).toMatchObject({ ok: false, error: { code: 'path_timed_out' } });
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await release();
    }
    try {
      // The folder of the issue: the page's Export froze the whole host (mkdirSync spinning).
      const t0 = Date.now();
      const start = call('startExport', { year: 2027, term: 'spring', folder: '/proc/nope/x' });
      expect((await call('getInfo', {})).ok).toBe(true);
      expect(await start).toMatchObject({ ok: false, error: { code: 'path_missing' } });
      expect(Date.now() - t0).toBeLessThan(3000);
    } finally {
      if (previous === undefined) delete process.env.LEDGER_PATH_TIMEOUT_MS;
      else process.env.LEDGER_PATH_TIMEOUT_MS = previous;
    }
  });
});

describe('prepareFolder / prepareOutputFile / sweepLeftovers', () => {
  it('makes missing folders one level at a time and proves the folder takes a file; inspectFolder only reads', async () => {
    const t = tempDir('ledger-prep-');
    cleanups.push(t.cleanup);
    const target = join(t.dir, 'a', 'b', 'c');
    expect(await inspectFolder(target)).toEqual({ path: target, exists: false });
    expect(existsSync(join(t.dir, 'a'))).toBe(false);
    expect(await prepareFolder(target)).toEqual({ path: target, exists: false, made: join(t.dir, 'a') });
    expect(readdirSync(target)).toEqual([]);
    expect(await prepareFolder(target)).toEqual({ path: target, exists: true, made: null });
  });

  it('an output file: absolute, its extension, a folder in the way, and never over a file without consent', async () => {
    const t = tempDir('ledger-out-');
    cleanups.push(t.cleanup);
    writeFileSync(join(t.dir, 'mine.xlsx'), 'mine');
    mkdirSync(join(t.dir, 'folder.xlsx'));
    expect(await codeOf(prepareOutputFile('relative.xlsx', { extension: 'xlsx' }))).toBe('path_not_absolute');
    expect(await codeOf(prepareOutputFile(join(t.dir, 'x.txt'), { extension: 'xlsx' }))).toBe('path_wrong_extension');
    expect(await codeOf(prepareOutputFile(join(t.dir, 'folder.xlsx'), { extension: 'xlsx' }))).toBe('path_is_folder');
    expect(await codeOf(prepareOutputFile(join(t.dir, 'mine.xlsx'), { extension: 'xlsx' }))).toBe('file_exists');
    expect(await codeOf(prepareOutputFile(join(t.dir, 'nope', 'x.xlsx'), { extension: 'xlsx' }))).toBe('path_folder_missing');
    expect(await prepareOutputFile(join(t.dir, 'mine.xlsx'), { extension: 'xlsx', overwrite: true })).toMatchObject({ exists: true });
    expect(readFileSync(join(t.dir, 'mine.xlsx'), 'utf8')).toBe('mine');
  });

  it('sweeps only our own stale leftovers: of dead processes, by name; a clerk’s look-alike stays', async () => {
    const t = tempDir('ledger-sweep-');
    cleanups.push(t.cleanup);
    // A process that has ended: its pid is free (until reused, which the age rule covers).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    mkdirSync(join(t.dir, `.placement-export-${dead}-AbC123`));
    writeFileSync(join(t.dir, `.placement-export-${dead}-AbC123`, 'x.xlsx'), 'partial');
    writeFileSync(join(t.dir, `.placement-view-${dead}-Zz9Zz9Zz.part`), 'partial');
    mkdirSync(join(t.dir, leftoverName('export'))); // ours, alive: kept
    writeFileSync(join(t.dir, '.placement-export-notes.txt'), 'a clerk’s file'); // not our pattern
    writeFileSync(join(t.dir, 'roster.xlsx'), 'a clerk’s file');
    const removed = await sweepLeftovers(t.dir, ['export', 'view']);
    expect(removed.sort()).toEqual([`.placement-export-${dead}-AbC123`, `.placement-view-${dead}-Zz9Zz9Zz.part`]);
    const left = readdirSync(t.dir);
    expect(left).toHaveLength(3);
    expect(left).toEqual(
      expect.arrayContaining([
        '.placement-export-notes.txt',
        'roster.xlsx',
        expect.stringMatching(new RegExp(`^\\.placement-export-${process.pid}-`)),
      ]),
    );
  });
});

describe('runExport on a bad folder leaves the ledger snapshot closed', () => {
  it('no transaction stays open after path_not_folder', async () => {
    const { db, dir } = setup();
    writeFileSync(join(dir, 'f'), 'x');
    const ledger = openLedger(db);
    cleanups.push(() => ledger.close());
    const error = await runExport(ledger.db, {
      year: 2027,
      term: 'spring',
      counties: [],
      folder: join(dir, 'f'),
      summary: true,
      language: 'ko',
      overwrite: false,
    }).catch((e: unknown) => e);
    expect((error as LedgerError).code).toBe('path_not_folder');
    expect(ledger.db.inTransaction).toBe(false);
  });
});
