// Killing `ledger allocate` (record the run and accept it: one transaction that gives 25,000+
// placements a workplace, each change audited) at random moments leaves the ledger exactly as
// before (byte for byte in content) or exactly as after (every proposed workplace written, one
// `allocate` operation, the run accepted) — never between — and `check` passing every time.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/main/check/check';
import { nkSortKey } from '../../src/main/domain/nk-collation';
import { openLedger } from '../../src/main/ledger/open';
import { contentDigest } from '../helpers/digest';
import { tempDir } from '../helpers/ledger';

const root = resolve(__dirname, '../..');
const KILLS = 10;

function runCli(db: string, killAfterMs: number | null): Promise<{ code: number | null; ms: number }> {
  return new Promise((resolveRun) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      ['-r', 'tsx/cjs', 'src/main/cli/index.ts', 'allocate', '--term', '2027-spring', '--json', '--db', db],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, LEDGER_LANG: 'en' },
      },
    );
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolveRun({ code, ms: Date.now() - started });
    });
  });
}

/** What Accept decides: each placement's workplace and sector, the runs and operations. */
function outcomeOf(path: string): {
  placements: string;
  linked: number;
  runs: { state: string; assigned: number }[];
  allocateOps: number;
  entries: number;
} {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT id, request_id, sector, status FROM placements ORDER BY id').raw().all();
    return {
      placements: JSON.stringify(rows),
      linked: db.prepare('SELECT count(*) FROM placements WHERE request_id IS NOT NULL').pluck().get() as number,
      runs: db.prepare('SELECT state, assigned FROM allocation_runs ORDER BY id').all() as { state: string; assigned: number }[],
      allocateOps: db.prepare(`SELECT count(*) FROM operations WHERE kind = 'allocate'`).pluck().get() as number,
      entries: db
        .prepare(`SELECT count(*) FROM audit_log a JOIN operations o ON o.id = a.operation_id WHERE o.kind = 'allocate'`)
        .pluck()
        .get() as number,
    };
  } finally {
    db.close();
  }
}

let dir: ReturnType<typeof tempDir>;
let base: string;
beforeAll(() => {
  dir = tempDir('allocation-kill-');
  base = join(dir.dir, 'base.sqlite');
  // 30,000 decided persons without a workplace, 300 requests (the benchmark's generator).
  const made = spawnSync(process.execPath, ['-r', 'tsx/cjs', 'bench/allocate.ts', '--generate', base, '30000', '300'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(made.status, made.stderr).toBe(0);
  const ledger = openLedger(base);
  // The generator writes one name without its collation key; the ledger's own key makes check pass.
  ledger.db.prepare('UPDATE persons SET name_sort_key = ?').run(nkSortKey('김철'));
  expect(checkLedger(ledger.db)).toEqual({ ok: true, problems: [] });
  ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  ledger.close();
}, 300_000);
afterAll(() => dir?.cleanup());

function copyOf(name: string): string {
  const path = join(dir.dir, name);
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  copyFileSync(base, path);
  return path;
}

describe('killing ledger allocate at random moments', () => {
  it(`leaves the ledger exactly before or after, check passing (${KILLS} kills)`, { timeout: 900_000 }, async () => {
    const beforeDigest = contentDigest(base);
    const before = outcomeOf(base);
    expect(before.linked).toBe(0);
    const full = copyOf('full.sqlite');
    const done = await runCli(full, null);
    expect(done.code).toBe(0);
    const after = outcomeOf(full);
    expect(after.linked).toBeGreaterThan(20_000);
    expect(after.runs).toEqual([{ state: 'accepted', assigned: after.linked }]);
    expect(after.allocateOps).toBe(1);
    const outcomes: string[] = [];
    let seed = 20270415;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < KILLS; k++) {
      const path = copyOf(`kill-${k}.sqlite`);
      // Spread over the run, most of them in its second half (the write transaction and the commit
      // come last): start-up, read, solve, write, commit.
      const at = Math.round(300 + (k < 2 ? random() : 0.4 + 0.65 * random()) * (done.ms - 300));
      const run = await runCli(path, at);
      const opened = openLedger(path);
      const report = checkLedger(opened.db);
      opened.db.pragma('wal_checkpoint(TRUNCATE)');
      opened.close();
      expect({ k, at, check: report }).toEqual({ k, at, check: { ok: true, problems: [] } });
      const now = outcomeOf(path);
      const label = `kill ${k} at ${at} ms (exit ${run.code})`;
      if (now.linked === 0) {
        expect(now, label).toEqual(before);
        expect(contentDigest(path), label).toBe(beforeDigest);
        outcomes.push(`${at}:before`);
      } else {
        expect(now, label).toEqual(after);
        outcomes.push(`${at}:after`);
      }
      for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
    }
    console.log(`allocate: full run ${done.ms} ms, kills ${outcomes.join(' ')}`);
    expect(outcomes.some((o) => o.endsWith('before'))).toBe(true);
  });
});
