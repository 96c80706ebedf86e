// kill -9 at random moments of `ledger export` into the clerk's folder: a killed run may leave
// its hidden staging folder (`.placement-export-<pid>-…`, roster workbooks half-written) — 9 of
// 13 kills did, and nothing ever removed them. The next run sweeps every stale one of ours, and
// only ours: a clerk's files, even one named like ours, stay.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillLedger } from '../../bench/lib/fill-ledger';
import { openLedger } from '../../src/main/ledger/open';
import { tempDir } from '../helpers/ledger';

const root = resolve(__dirname, '../..');
const KILLS = 13;

function runExport(db: string, out: string, killAfterMs: number | null): Promise<{ code: number | null; ms: number }> {
  return new Promise((resolveRun) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      ['-r', 'tsx/cjs', 'src/main/cli/index.ts', 'export', '--db', db, '--out', out, '--summary', '--force'],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolveRun({ code, ms: Date.now() - started });
    });
  });
}

let dir: ReturnType<typeof tempDir>;
let db: string;
beforeAll(() => {
  dir = tempDir('export-kill-');
  db = join(dir.dir, 'ledger.sqlite');
  const ledger = openLedger(db);
  fillLedger(ledger.db, { persons: 20_000, seed: 7 });
  ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  ledger.close();
}, 120_000);
afterAll(() => dir.cleanup());

const ours = (folder: string) => readdirSync(folder).filter((n) => /^\.placement-[a-z]+-\d+-/.test(n));

describe('killing the export at random moments', () => {
  it(
    `the next run sweeps every staging folder the killed runs left, and nothing of the clerk's (${KILLS} kills)`,
    { timeout: 300_000 },
    async () => {
      const out = join(dir.dir, 'rosters');
      mkdirSync(out);
      // The clerk's own files, one of them named like ours (but not our pattern: no process id).
      writeFileSync(join(out, '.placement-export-notes.txt'), 'mine');
      writeFileSync(join(out, 'my-roster.xlsx'), 'mine');
      const full = await runExport(db, out, null);
      expect(full.code).toBe(0);
      const published = readdirSync(out)
        .filter((n) => n.endsWith('-배치명단.xlsx') || n.endsWith('-도종합.xlsx'))
        .sort();
      expect(published.length).toBeGreaterThan(2);
      let seed = 20270607;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      let killedWithLeftover = 0;
      const moments: string[] = [];
      for (let k = 0; k < KILLS; k++) {
        // Spread over the second half of a run, where the workbooks are written (start-up comes first).
        const at = Math.round(full.ms * (0.4 + random() * 0.65));
        const before = new Set(ours(out));
        await runExport(db, out, at);
        const left = ours(out).filter((n) => !before.has(n));
        if (left.length > 0) killedWithLeftover++;
        moments.push(`${at}:${left.length}`);
      }
      console.log(`full run ${full.ms} ms; kills (ms:new leftovers) ${moments.join(' ')}; ${killedWithLeftover} of ${KILLS} left one`);
      expect(killedWithLeftover).toBeGreaterThan(0); // the kills did hit the writing
      // The next run: complete, and the folder holds only the workbooks and the clerk's files.
      const next = await runExport(db, out, null);
      expect(next.code).toBe(0);
      expect(ours(out)).toEqual([]);
      expect(readdirSync(out).sort()).toEqual([...published, '.placement-export-notes.txt', 'my-roster.xlsx'].sort());
      expect(readFileSync(join(out, '.placement-export-notes.txt'), 'utf8')).toBe('mine');
      expect(readFileSync(join(out, 'my-roster.xlsx'), 'utf8')).toBe('mine');
      for (const name of published) expect(readFileSync(join(out, name)).subarray(0, 2).toString()).toBe('PK');
    },
  );
});
