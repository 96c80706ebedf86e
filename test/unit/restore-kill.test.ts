// Killing `ledger restore` at random moments (staging and checking the copy, keeping the ledger
// as a backup, writing the copy into the ledger, the checkpoint after) leaves the ledger exactly
// as before the restore or exactly the backup — never a mix — and `check` passes every time.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupLedger } from '../../src/main/backup/backup';
import { sweepBackupLeftovers } from '../../src/main/backup/backups';
import { checkLedger } from '../../src/main/check/check';
import { openLedger } from '../../src/main/ledger/open';
import { nkSortKey } from '../../src/main/domain/nk-collation';
import { contentDigest } from '../helpers/digest';
import { insertCohort, tempDir } from '../helpers/ledger';

const root = resolve(__dirname, '../..');
const KILLS = 12;

/** Runs the CLI; `writingFrom` is when the ledger's WAL began to grow (the restore writing into it). */
function runRestore(
  db: string,
  backup: string,
  killAfterMs: number | null,
): Promise<{ code: number | null; ms: number; writingFrom: number | null }> {
  return new Promise((resolveRun) => {
    const started = Date.now();
    let writingFrom: number | null = null;
    // stat only (no descriptor of the ledger's files is opened by the test either).
    const watch = setInterval(() => {
      if (writingFrom === null && (statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 256 * 1024)
        writingFrom = Date.now() - started;
    }, 5);
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'src/main/cli/index.ts', 'restore', backup, '--db', db], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { ...process.env, LEDGER_LANG: 'en' },
    });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      clearInterval(watch);
      resolveRun({ code, ms: Date.now() - started, writingFrom });
    });
  });
}

let dir: ReturnType<typeof tempDir>;
let base: string;
let backup: string;
beforeAll(async () => {
  dir = tempDir('restore-kill-');
  base = join(dir.dir, 'base.sqlite');
  const ledger = openLedger(base);
  const db = ledger.db;
  const cohort = insertCohort(db, 2027, 'spring');
  const insert = db.prepare(
    `INSERT INTO persons (service_no, name, name_sort_key, sex, birth_date, cohort_id, unit, created_at, updated_at)
     VALUES (?, ?, ?, 'M', '2001-02-03', ?, ?, '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z')`,
  );
  const names = ['김철수', '리영호', '박명철', '최은혁', '한광명'];
  db.transaction(() => {
    for (let i = 0; i < 150_000; i++) {
      const name = names[i % names.length]!;
      insert.run(`K${String(i).padStart(8, '0')}`, name, nkSortKey(name), cohort, `제${i % 97}대대 ${'x'.repeat(i % 40)}`);
    }
  })();
  // The backup: the ledger as it was then.
  backup = join(dir.dir, 'chosen-backup.sqlite');
  await backupLedger(ledger, backup);
  // The ledger now: much changed since.
  db.exec(`DELETE FROM persons WHERE id % 3 = 0; UPDATE persons SET unit = 'changed ' || id WHERE id % 3 = 1;`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  ledger.close();
}, 120_000);
afterAll(() => dir.cleanup());

function copyBase(name: string): string {
  const folder = join(dir.dir, name);
  mkdirSync(folder);
  const path = join(folder, 'ledger.sqlite');
  copyFileSync(base, path);
  return path;
}

describe('killing a restore at random moments', () => {
  it(`leaves the old ledger or the restored one, never a mix, check passing (${KILLS} kills)`, { timeout: 300_000 }, async () => {
    const before = contentDigest(base, { keepTimes: true });
    const restored = contentDigest(backup, { keepTimes: true });
    expect(restored).not.toBe(before);
    const full = copyBase('full');
    const done = await runRestore(full, backup, null);
    expect(done.code).toBe(0);
    expect(contentDigest(full, { keepTimes: true })).toBe(restored);
    expect(done.writingFrom).not.toBeNull();
    const writingFrom = done.writingFrom!;

    const outcomes: string[] = [];
    let seed = 20271207;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < KILLS; k++) {
      const path = copyBase(`kill-${k}`);
      // Half over the whole run (start-up, staging and checking the copy, keeping the ledger as a
      // backup), half while the copy is written into the ledger and just after.
      const from = k % 2 === 0 ? 400 : Math.max(400, writingFrom - 150);
      const at = Math.round(from + random() * (done.ms * 1.05 - from));
      const run = await runRestore(path, backup, at);
      const ledger = openLedger(path, { create: false });
      const report = checkLedger(ledger.db);
      ledger.close();
      expect({ k, at, check: report }).toEqual({ k, at, check: { ok: true, problems: [] } });
      const digest = contentDigest(path, { keepTimes: true });
      expect([before, restored], `kill ${k} at ${at} ms (exit ${run.code})`).toContain(digest);
      outcomes.push(`${at}:${digest === before ? 'old' : 'restored'}`);
      // What the killed run left half-written is swept at the next run.
      await sweepBackupLeftovers(path);
      const backups = join(path, '..', 'backups');
      expect(existsSync(backups) ? readdirSync(backups).filter((f) => f.includes('partial')) : []).toEqual([]);
    }
    console.log(`restore kills: full run ${done.ms} ms, writing from ${writingFrom} ms`, outcomes.join(' '));
    expect(outcomes.some((o) => o.endsWith(':old'))).toBe(true);
  });
});
