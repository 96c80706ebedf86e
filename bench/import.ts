// npm run bench:import — decision files of 100,000 and 1,000,000 rows (17 columns, Hangul, shared
// strings, as Excel writes them), imported into a fresh ledger end to end (read + validate +
// commit, with the automatic backup). From the same run: exceljs's streaming reader alone on the
// same file (the baseline), our own read-only pass (worker: read + normalize + validate, no
// ledger), and the end-to-end import. Each measurement runs in its own process so its peak memory
// is its own. Goal: ≥ 60,000 rows/s end to end at both sizes, < 400 MB peak at 1,000,000 rows.
//   BENCH_SIZES=100000 npm run bench:import      (sizes to run; default 100000,1000000)
//   BENCH_DIR=/path                               (where generated files are kept between runs)
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEntry, runChild } from './lib/child';
import { peakRssMb, report, type BenchRow } from './lib/report';

const GENERATOR_VERSION = 2;

interface Measurement {
  ms: number;
  rows: number;
  peakRssMb: number;
}

async function child(mode: string, file: string, work: string): Promise<void> {
  const started = Date.now();
  let rows = 0;
  if (mode === 'generate') {
    const { writeXlsx, decisionRows } = require('../test/helpers/import') as typeof import('../test/helpers/import');
    const n = Number(work);
    await writeXlsx(file, { strings: 'shared', sheets: [{ name: '배치명단', rows: () => decisionRows(n) }] });
    rows = n;
  } else if (mode === 'exceljs') {
    const ExcelJS = require('exceljs') as typeof import('exceljs');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<{ values: unknown }>) {
        void row.values;
        rows++;
      }
    }
    rows -= 1; // the header
  } else if (mode === 'read') {
    const { openLedger } = require('../src/main/ledger/open') as typeof import('../src/main/ledger/open');
    const { loadRegionData } = require('../src/main/regions/match') as typeof import('../src/main/regions/match');
    const { runPipelineIsolated } = require('../src/main/import/worker-client') as typeof import('../src/main/import/worker-client');
    const { importOptionsSchema } = require('../src/shared/api/import.contract') as typeof import('../src/shared/api/import.contract');
    const ledger = openLedger(join(work, 'regions.sqlite'));
    const regions = loadRegionData(ledger.db);
    ledger.close();
    const t0 = Date.now();
    await runPipelineIsolated(
      { task: 'rows', path: file, fileName: 'bench.xlsx', options: importOptionsSchema.parse({}), regions, remembered: [] },
      { progress: () => undefined, rows: (batch) => void (rows += batch.length) },
    );
    process.stdout.write(JSON.stringify({ ms: Date.now() - t0, rows, peakRssMb: peakRssMb() }) + '\n');
    return;
  } else if (mode === 'e2e') {
    const { openLedger } = require('../src/main/ledger/open') as typeof import('../src/main/ledger/open');
    const { runImport } = require('../src/main/import/service') as typeof import('../src/main/import/service');
    const { sha256File } = require('../src/main/import/staging') as typeof import('../src/main/import/staging');
    const { importOptionsSchema } = require('../src/shared/api/import.contract') as typeof import('../src/shared/api/import.contract');
    const ledgerPath = join(work, 'ledger.sqlite');
    for (const s of ['', '-wal', '-shm']) rmSync(ledgerPath + s, { force: true });
    const ledger = openLedger(ledgerPath);
    const t0 = Date.now();
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
    rows = r.rows.valid;
    const ms = Date.now() - t0;
    ledger.close();
    process.stdout.write(JSON.stringify({ ms, rows, peakRssMb: peakRssMb() }) + '\n');
    return;
  }
  process.stdout.write(JSON.stringify({ ms: Date.now() - started, rows, peakRssMb: peakRssMb() }) + '\n');
}

function measure(mode: string, file: string, work: string): Measurement {
  return runChild<Measurement>(__filename, [mode, file, work]);
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
      measure('generate', file, String(size));
    }
    const work = join(dir, `work-${size}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    console.error(`${size.toLocaleString('en-US')} rows: exceljs streaming reader …`);
    const baseline = measure('exceljs', file, work);
    console.error(`${size.toLocaleString('en-US')} rows: our read-only pass …`);
    const read = measure('read', file, work);
    console.error(`${size.toLocaleString('en-US')} rows: end-to-end import …`);
    const e2e = measure('e2e', file, work);
    rmSync(work, { recursive: true, force: true });
    const perSecond = (m: Measurement) => Math.round((m.rows / m.ms) * 1000);
    rows.push({
      rows: size,
      file_mb: Math.round(statSync(file).size / 1024 / 102.4) / 10,
      baseline_ms: baseline.ms,
      baseline_rows_per_s: perSecond(baseline),
      baseline_peak_rss_mb: baseline.peakRssMb,
      ours_read_ms: read.ms,
      ours_read_rows_per_s: perSecond(read),
      ours_ms: e2e.ms,
      ours_rows_per_s: perSecond(e2e),
      ours_peak_rss_mb: e2e.peakRssMb,
      read_ratio: Math.round((perSecond(read) / perSecond(baseline)) * 100) / 100,
      ratio: Math.round((perSecond(e2e) / perSecond(baseline)) * 100) / 100,
    });
  }
  report(
    'import',
    rows,
    'ours = end-to-end import (read + validate + commit with backup); baseline = exceljs streaming reader alone; ratio = ours / baseline rows per second',
  );
}

benchEntry(main, child);
