// npm run bench:undo — undo and redo of a big import: a decision file of 100,000 and 1,000,000
// rows (the one bench:import generates) imported into a fresh ledger, then, each on its own copy
// of that ledger and in its own process (so its peak memory is its own):
//   ours      the Import page's undo of the import (import/undo.ts, one transaction, the deleted
//             rows kept in the audit row stores for a redo), then the grid's redo of it (audit/undo.ts),
//             each timed until it returns; the WAL copy its commit leaves to a worker is timed
//             apart (ours_*_checkpoint_ms), and the redo starts once the undo's is done; then
//             undo again and redo at once, during that undo's copy (ours_redo_at_once_ms);
//   baseline  raw SQL on the same rows: DELETE of the import's persons and placements by id
//             range, then INSERT … SELECT of the same rows back from a TEMP copy made beforehand
//             (not timed), each in one transaction — what the tables, their indexes and the search
//             triggers cost with no audit trail and no checks.
// Each side's copy of the ledger is flushed to disk before its clock starts.
// After ours, `check` must pass and the persons and placements must be the imported ones again.
// Goals at 1,000,000 rows: undo < 5 s, redo < 10 s, peak < 400 MB.
//   BENCH_SIZES=100000 npm run bench:undo        (sizes to run; default 100000,1000000)
//   BENCH_DIR=/path                              (where generated files are kept between runs)
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEntry, runChild } from './lib/child';
import { peakRssMb, report, type BenchRow } from './lib/report';

/** The decision file's generator (bench:import's files are reused). */
const GENERATOR_VERSION = 2;
const CLERK = '벤치';

interface Measurement {
  undoMs: number;
  redoMs: number;
  /** Ours: how long the undo's (redo's) commit went on copying the WAL into the file in the background after it returned. */
  undoCheckpointMs?: number;
  redoCheckpointMs?: number;
  /** Ours: the redo again, right after a second undo, while that undo's WAL is still being copied. */
  redoAtOnceMs?: number;
  rows: number;
  peakRssMb: number;
}

/** The import's persons and placements, by id range (what both sides take back and bring back). */
function importedRanges(db: import('better-sqlite3').Database): { entity: string; first: number; last: number }[] {
  return db
    .prepare("SELECT entity, entity_id AS first, CAST(new_value AS INTEGER) AS last FROM audit_log WHERE field = '+*' ORDER BY id")
    .all() as { entity: string; first: number; last: number }[];
}

/** A digest of the rows the import wrote (persons, placements, the search index): same before and after. */
function rowsDigest(db: import('better-sqlite3').Database): string {
  const hash = require('node:crypto').createHash('sha256') as import('node:crypto').Hash;
  for (const sql of [
    'SELECT * FROM persons ORDER BY id',
    'SELECT * FROM placements ORDER BY id',
    'SELECT rowid FROM person_search WHERE person_search MATCH \'"n00" *\' ORDER BY rowid',
  ]) {
    for (const row of db.prepare(sql).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

async function child(mode: string, file: string, work: string, ledgerPath: string): Promise<void> {
  const { openLedger } = require('../src/main/ledger/open') as typeof import('../src/main/ledger/open');
  if (mode === 'build') {
    const { runImport } = require('../src/main/import/service') as typeof import('../src/main/import/service');
    const { sha256File } = require('../src/main/import/staging') as typeof import('../src/main/import/staging');
    const { importOptionsSchema } = require('../src/shared/api/import.contract') as typeof import('../src/shared/api/import.contract');
    const partial = ledgerPath + '.partial';
    for (const s of ['', '-wal', '-shm']) rmSync(partial + s, { force: true });
    const ledger = openLedger(partial);
    const { report: r } = await runImport({
      ledger,
      file: { path: file, fileName: 'bench.xlsx', size: statSync(file).size, sha256: await sha256File(file) },
      options: importOptionsSchema.parse({}),
      mode: 'commit',
      skipInvalid: false,
      separateWriter: true,
      backupDir: join(work, 'backups'),
    });
    if (!r.committed) throw new Error(`not committed: ${JSON.stringify(r.rows)}`);
    ledger.db.pragma('wal_checkpoint(TRUNCATE)');
    ledger.close();
    for (const s of ['-wal', '-shm']) rmSync(partial + s, { force: true });
    renameSync(partial, ledgerPath);
    process.stdout.write(JSON.stringify({ undoMs: 0, redoMs: 0, rows: r.rows.valid, peakRssMb: peakRssMb() }) + '\n');
    return;
  }
  const path = join(work, `${mode}.sqlite`);
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  copyFileSync(ledgerPath, path);
  // The copy on disk before the clock starts: neither side pays for the bench's own copying.
  const fd = openSync(path, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  const ledger = openLedger(path);
  const { db } = ledger;
  const ranges = importedRanges(db);
  const rows = ranges.find((r) => r.entity === 'person')!;
  const count = rows.last - rows.first + 1;
  let undoMs: number;
  let redoMs: number;
  let undoCheckpointMs: number | undefined;
  let redoCheckpointMs: number | undefined;
  let redoAtOnceMs: number | undefined;
  if (mode === 'ours') {
    const { undoImport } = require('../src/main/import/undo') as typeof import('../src/main/import/undo');
    const { redo } = require('../src/main/audit/undo') as typeof import('../src/main/audit/undo');
    const { checkLedger } = require('../src/main/check/check') as typeof import('../src/main/check/check');
    const { backgroundCheckpoints } = require('../src/main/ledger/checkpoint') as typeof import('../src/main/ledger/checkpoint');
    const before = rowsDigest(db);
    const fileId = db.prepare('SELECT id FROM decision_files ORDER BY id DESC LIMIT 1').pluck().get() as number;
    const t0 = performance.now();
    undoImport(db, fileId, CLERK);
    undoMs = performance.now() - t0;
    // The clerk's Ctrl+Y comes once the undo's WAL is in the file (timed apart): a redo started
    // during that copy shares the disk with it, and its time says more about the copy than itself.
    await backgroundCheckpoints();
    undoCheckpointMs = performance.now() - t0 - undoMs;
    if (db.prepare('SELECT count(*) FROM persons').pluck().get() !== 0) throw new Error('undo left persons');
    const t1 = performance.now();
    redo(db, CLERK);
    redoMs = performance.now() - t1;
    await backgroundCheckpoints();
    redoCheckpointMs = performance.now() - t1 - redoMs;
    if (rowsDigest(db) !== before) throw new Error('redo did not bring back the same rows');
    const check = checkLedger(db);
    if (!check.ok) throw new Error(`check failed: ${JSON.stringify(check.problems).slice(0, 500)}`);
    // Ctrl+Z and Ctrl+Y at once: the redo shares the disk with the undo's WAL copy.
    undoImport(db, fileId, CLERK);
    const t2 = performance.now();
    redo(db, CLERK);
    redoAtOnceMs = performance.now() - t2;
    await backgroundCheckpoints();
    if (rowsDigest(db) !== before) throw new Error('the second redo did not bring back the same rows');
  } else {
    // The same rows, kept aside before the clock starts.
    for (const r of ranges) {
      const table = r.entity === 'person' ? 'persons' : 'placements';
      db.exec(`CREATE TEMP TABLE saved_${table} AS SELECT * FROM main.${table} WHERE id BETWEEN ${r.first} AND ${r.last} ORDER BY id`);
    }
    const newestFirst = [...ranges].reverse();
    const t0 = performance.now();
    db.transaction(() => {
      for (const r of newestFirst)
        db.prepare(`DELETE FROM main.${r.entity === 'person' ? 'persons' : 'placements'} WHERE id BETWEEN ? AND ?`).run(r.first, r.last);
    }).immediate();
    undoMs = performance.now() - t0;
    const t1 = performance.now();
    db.transaction(() => {
      for (const r of ranges) {
        const table = r.entity === 'person' ? 'persons' : 'placements';
        db.exec(`INSERT INTO main.${table} SELECT * FROM temp.saved_${table} ORDER BY id`);
      }
    }).immediate();
    redoMs = performance.now() - t1;
  }
  ledger.close();
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  process.stdout.write(
    JSON.stringify({
      undoMs: Math.round(undoMs),
      redoMs: Math.round(redoMs),
      undoCheckpointMs: undoCheckpointMs && Math.round(undoCheckpointMs),
      redoCheckpointMs: redoCheckpointMs && Math.round(redoCheckpointMs),
      redoAtOnceMs: redoAtOnceMs && Math.round(redoAtOnceMs),
      rows: count,
      peakRssMb: peakRssMb(),
    } satisfies Measurement) + '\n',
  );
}

function measure(mode: string, file: string, work: string, ledgerPath: string): Measurement {
  return runChild<Measurement>(__filename, [mode, file, work, ledgerPath]);
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
  const dir = process.env.BENCH_DIR ?? join(tmpdir(), 'placement-ledger-bench');
  mkdirSync(dir, { recursive: true });
  const rows: BenchRow[] = [];
  for (const size of sizes) {
    const file = join(dir, `decision-${size}-v${GENERATOR_VERSION}.xlsx`);
    if (!existsSync(file)) {
      console.error(`generating ${file} …`);
      runChild(join(__dirname, 'import.ts'), ['generate', file, String(size)]);
    }
    const work = join(dir, `undo-work-${size}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const ledgerPath = join(work, 'imported.sqlite');
    console.error(`${size.toLocaleString('en-US')} rows: importing …`);
    measure('build', file, work, ledgerPath);
    console.error(`${size.toLocaleString('en-US')} rows: raw SQL delete and re-insert …`);
    const baseline = measure('baseline', file, work, ledgerPath);
    console.error(`${size.toLocaleString('en-US')} rows: our undo and redo …`);
    const ours = measure('ours', file, work, ledgerPath);
    rmSync(work, { recursive: true, force: true });
    rows.push({
      rows: ours.rows,
      ours_undo_ms: ours.undoMs,
      ours_redo_ms: ours.redoMs,
      ours_undo_checkpoint_ms: ours.undoCheckpointMs ?? 0,
      ours_redo_checkpoint_ms: ours.redoCheckpointMs ?? 0,
      ours_redo_at_once_ms: ours.redoAtOnceMs ?? 0,
      ours_peak_rss_mb: ours.peakRssMb,
      baseline_undo_ms: baseline.undoMs,
      baseline_redo_ms: baseline.redoMs,
      baseline_peak_rss_mb: baseline.peakRssMb,
      // Like for like: the baseline's commit copies its WAL into the file inside its time.
      undo_ratio: Math.round(((ours.undoMs + (ours.undoCheckpointMs ?? 0)) / Math.max(1, baseline.undoMs)) * 100) / 100,
      redo_ratio: Math.round(((ours.redoMs + (ours.redoCheckpointMs ?? 0)) / Math.max(1, baseline.redoMs)) * 100) / 100,
    });
  }
  report(
    'undo',
    rows,
    'ours = undo of the import (Import page) and its redo (Ctrl+Y), each one transaction with its audit trail, until it returns; checkpoint = its WAL copied into the file afterwards, in the background; redo_at_once = the redo right after a second undo, during its WAL copy; baseline = raw SQL DELETE / INSERT … SELECT of the same rows (its commit checkpoints); ratio = (ours + its checkpoint) / baseline time',
  );
}

benchEntry(main, child);
