// The main process as built (out/main, what Electron runs on an office PC): every worker entry
// is bundled beside the file that starts workers (workers/launch.ts finds NAME.worker.js next to
// its own file), and a worker started from that built file really runs. Plain Node: the files
// that start workers import nothing of Electron, so this needs no Electron binary. It runs after
// `npm run build`, as every end-to-end test does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

const root = resolve(__dirname, '../..');
const out = join(root, 'out/main');

function workerSources(dir = join(root, 'src/main')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return workerSources(full);
    return entry.name.endsWith('.worker.ts') ? [full] : [];
  });
}

/** Every .js file of the built main process, in any folder. */
function builtFiles(dir = out): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return builtFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

test('every worker is bundled beside the code that starts it, and a worker started from the build runs', () => {
  // startWorker's way to run a worker from TypeScript source under tsx: only its file holds it.
  const starters = builtFiles().filter((file) => readFileSync(file, 'utf8').includes("require('tsx/cjs')"));
  expect(starters.length).toBe(1);
  const starter = starters[0]!;
  const sources = workerSources();
  expect(sources.length).toBeGreaterThan(5);
  for (const source of sources) {
    expect(existsSync(join(dirname(starter), `${basename(source, '.ts')}.js`)), `${basename(source)} beside ${starter}`).toBe(true);
  }

  // The checkpoint worker, started through the built startWorker on a WAL file it must copy.
  const dir = mkdtempSync(join(tmpdir(), 'built-main-'));
  try {
    const script = `
      const Database = require('better-sqlite3');
      const path = ${JSON.stringify(join(dir, 'ledger.sqlite'))};
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('wal_autocheckpoint = 0');
      db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3);');
      const start = Object.values(require(${JSON.stringify(starter)})).find((f) => typeof f === 'function' && String(f).includes('tsx/cjs'));
      const worker = start('ledger/checkpoint.worker.ts', { workerData: { path } });
      worker.on('error', (error) => { console.error('worker error: ' + error.message); process.exit(3); });
      worker.on('exit', (code) => {
        // Everything the WAL held is in the file now: a checkpoint has nothing left to copy.
        const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
        console.log(JSON.stringify({ code, log, checkpointed }));
        db.close();
      });`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout.trim()) as { code: number; log: number; checkpointed: number };
    expect(result.code).toBe(0);
    expect(result.checkpointed).toBe(result.log);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
