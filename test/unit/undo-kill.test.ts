// Killing the process at random moments while it undoes, then redoes, a 30,000-row import (the
// set-wise path: indexes and search triggers dropped and rebuilt inside the transaction, the
// search index and the tally set aside by the undo and put back by the redo) leaves
// the ledger exactly as before or exactly as after, its indexes and triggers whole, and `check`
// passing every time.
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/main/check/check';
import { openLedger } from '../../src/main/ledger/open';
import { contentDigest } from '../helpers/digest';
import { decisionRows, importFile, writeXlsx } from '../helpers/import';
import { tempDir } from '../helpers/ledger';

const root = resolve(__dirname, '../..');
const KILLS = 8;

interface ChildRun {
  code: number | null;
  /** From "writing" to "written" (the write itself, without start-up), when the child got that far. */
  writeMs: number | null;
}

/**
 * Runs the child; with `killAfterMs`, kills it that long after it says it is writing (the
 * replay's transaction, its commit and the checkpoint worker after it), not after its start-up.
 */
function runChild(db: string, args: string[], killAfterMs: number | null): Promise<ChildRun> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'test/helpers/replay-child.ts', db, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let writing: number | null = null;
    let written: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    let said = '';
    child.stdout.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (writing === null && said.includes('writing')) {
        writing = performance.now();
        if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
      if (written === null && said.includes('written')) written = performance.now();
    });
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolveRun({ code, writeMs: writing !== null && written !== null ? Math.round(written - writing) : null });
    });
  });
}

/**
 * The content and the schema: tables, indexes and triggers (a killed set-wise undo must not leave
 * one dropped, nor a search index or tally half set aside or put back).
 */
function stateOf(path: string): string {
  const db = new Database(path, { readonly: true });
  const schema = JSON.stringify(
    db.prepare("SELECT name, sql FROM sqlite_schema WHERE type IN ('table', 'index', 'trigger') ORDER BY name").all(),
  );
  db.close();
  return `${contentDigest(path)} ${schema}`;
}

let dir: ReturnType<typeof tempDir>;
let imported: string;
let fileId: number;
beforeAll(async () => {
  dir = tempDir('undo-kill-');
  imported = join(dir.dir, 'imported.sqlite');
  const ledger = openLedger(imported);
  const file = join(dir.dir, 'decision-30k.xlsx');
  await writeXlsx(file, { strings: 'shared', sheets: [{ name: '배치명단', rows: () => decisionRows(30_000) }] });
  const { report } = await importFile(ledger, file);
  fileId = report.decisionFileId!;
  ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  ledger.close();
}, 300_000);
afterAll(() => dir.cleanup());

function copyOf(from: string, name: string): string {
  const path = join(dir.dir, name);
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  copyFileSync(from, path);
  return path;
}

/** Kills `args` at moments spread over a full run on copies of `base`; each must end before or after. */
async function killAtRandom(base: string, args: string[], label: string): Promise<string> {
  const before = stateOf(base);
  const full = copyOf(base, `${label}-full.sqlite`);
  const done = await runChild(full, args, null);
  expect(done.code).toBe(0);
  expect(done.writeMs).not.toBeNull();
  const writeMs = done.writeMs!;
  const ledger = openLedger(full);
  ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  ledger.close();
  const after = stateOf(full);
  expect(after).not.toBe(before);
  const outcomes: string[] = [];
  let seed = 20270314;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let k = 0; k < KILLS; k++) {
    const path = copyOf(base, `${label}-kill-${k}.sqlite`);
    // Spread over the write (the deletes or inserts, the rebuilds, the commit) and a little after
    // it (the checkpoint worker copying the WAL into the file).
    const at = Math.round(random() * writeMs * 1.25);
    const run = await runChild(path, args, at);
    const opened = openLedger(path);
    const report = checkLedger(opened.db);
    opened.db.pragma('wal_checkpoint(TRUNCATE)');
    opened.close();
    expect({ k, at, check: report }).toEqual({ k, at, check: { ok: true, problems: [] } });
    const now = stateOf(path);
    expect([before, after], `${label}: kill ${k} ${at} ms into the write (exit ${run.code})`).toContain(now);
    outcomes.push(`${at}:${now === before ? 'before' : 'after'}`);
    for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  }
  console.log(`${label}: write ${writeMs} ms, kills (ms after it began) ${outcomes.join(' ')}`);
  expect(outcomes.some((o) => o.endsWith('before'))).toBe(true);
  return full;
}

describe('killing a big undo or redo at random moments', () => {
  it(
    `leaves the ledger exactly before or after, indexes and triggers whole, check passing (${KILLS} kills each)`,
    { timeout: 900_000 },
    async () => {
      const undone = await killAtRandom(imported, ['import', String(fileId)], 'undo');
      await killAtRandom(undone, ['redo'], 'redo');
    },
  );
});
