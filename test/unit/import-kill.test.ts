// Killing the process at random moments while it imports 100,000 rows (backup, reading, writing,
// committing) leaves the ledger exactly as before the import or exactly as after it, and `check`
// passes every time.
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/main/check/check';
import { openLedger } from '../../src/main/ledger/open';
import { contentDigest } from '../helpers/digest';
import { decisionRows, importFile, writeXlsx } from '../helpers/import';
import { tempDir } from '../helpers/ledger';

const root = resolve(__dirname, '../..');
const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const KILLS = 25;

function runCli(db: string, file: string, killAfterMs: number | null): Promise<{ code: number | null; killed: boolean; ms: number }> {
  return new Promise((resolveRun) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'src/main/cli/index.ts', 'import', file, '--db', db, '--json'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { ...process.env, LEDGER_LANG: 'en' },
    });
    let killed = false;
    const timer =
      killAfterMs === null
        ? null
        : setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolveRun({ code, killed, ms: Date.now() - started });
    });
  });
}

let dir: ReturnType<typeof tempDir>;
let base: string;
let file: string;
beforeAll(async () => {
  dir = tempDir('import-kill-');
  // The ledger before: one earlier import in it.
  base = join(dir.dir, 'base.sqlite');
  const ledger = openLedger(base);
  await importFile(ledger, join(SAMPLES, 'decision-11-fall-clean.xlsx'), { backupDir: join(dir.dir, 'base-backups') });
  ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  ledger.close();
  file = join(dir.dir, 'decision-100k.xlsx');
  // Service numbers with a suffix (-1) the sample's never have: at offset 5,000,000 one of them
  // (216-15566) was the sample's number of another person, now an identity conflict (exit 1).
  await writeXlsx(file, { strings: 'shared', sheets: [{ name: '배치명단', rows: () => decisionRows(100_000, { offset: 81_000_000 }) }] });
}, 120_000);
afterAll(() => dir.cleanup());

function copyBase(name: string): string {
  const path = join(dir.dir, name);
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  copyFileSync(base, path);
  return path;
}

describe('killing the import at random moments', () => {
  it(`leaves the ledger exactly before or exactly after the import, check passing (${KILLS} kills)`, { timeout: 600_000 }, async () => {
    const before = contentDigest(base);
    // A full run: the state after, and how long a run takes.
    const full = copyBase('full.sqlite');
    const done = await runCli(full, file, null);
    expect(done.code).toBe(0);
    const after = contentDigest(full);
    expect(after).not.toBe(before);
    const outcomes: { at: number; state: 'before' | 'after' }[] = [];
    let seed = 20270314;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < KILLS; k++) {
      const path = copyBase(`kill-${k}.sqlite`);
      // Spread over the whole run (start-up, backup, reading and writing, commit), a little past it.
      const at = Math.round(300 + random() * (done.ms * 1.05 - 300));
      const run = await runCli(path, file, at);
      const ledger = openLedger(path);
      const report = checkLedger(ledger.db);
      ledger.close();
      expect({ k, at, check: report }).toEqual({ k, at, check: { ok: true, problems: [] } });
      const digest = contentDigest(path);
      expect([before, after], `kill ${k} at ${at} ms (exit ${run.code})`).toContain(digest);
      outcomes.push({ at, state: digest === before ? 'before' : 'after' });
      for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
    }
    console.log(`kills: ${outcomes.length}, full run ${done.ms} ms`, outcomes.map((o) => `${o.at}:${o.state}`).join(' '));
    expect(outcomes.length).toBeGreaterThanOrEqual(25);
    expect(outcomes.some((o) => o.state === 'before')).toBe(true);
  });
});
