// `npm run bench:export [-- --persons N] [--db PATH] [--keep]`
//
// Fills a ledger with N (default 1,000,000) placed persons over every province's cities and
// counties (bench/lib/fill-ledger.ts), then measures, each in its own process so peak memory is
// its own:
//   ours      the export as the app runs it: every department's workbook (cover + roster) and the
//             province summary, through our streaming xlsx writer;
//   baseline  exceljs's streaming writer alone on the same rows: the same SQLite query, the same
//             values and a styled roster sheet per department (no cover, no summary).
// Prints a table, then the JSON line of bench/lib/report.ts with ours_rows_per_s,
// ours_peak_rss_mb, baseline_rows_per_s and ratio (ours / baseline). Goals: ≥ 40,000 rows/s
// overall and < 400 MB peak. A benchmark, not a test: the numbers depend on the machine's load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { fillLedger } from './lib/fill-ledger';
import { peakRssMb, report } from './lib/report';
import { openLedger } from '../src/main/ledger/open';
import { runExport } from '../src/main/export/run';
import { cohortFacts, departmentGroups, findCohort, listDepartments, provinceNames, rosterRows } from '../src/main/export/queries';
import { workbookWords } from '../src/main/export/workbook-style';

interface ChildResult {
  rows: number;
  files: number;
  ms: number;
  peakRssMb: number;
  bytes: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}

/** Our export, in this process (what `ledger export --summary` does). */
async function ours(db: string, out: string): Promise<ChildResult> {
  const ledger = openLedger(db);
  const started = performance.now();
  const result = await runExport(ledger.db, {
    year: 2027,
    term: 'spring',
    counties: [],
    folder: out,
    summary: true,
    language: 'ko',
    overwrite: false,
  });
  const ms = performance.now() - started;
  ledger.close();
  return { rows: result.persons, files: result.files.length, ms, peakRssMb: peakRssMb(), bytes: folderBytes(out) };
}

/** exceljs's streaming writer on the same rows: one styled roster workbook per department. */
async function baseline(db: string, out: string): Promise<ChildResult> {
  const ledger = openLedger(db);
  const started = performance.now();
  const cohort = findCohort(ledger.db, 2027, 'spring');
  const facts = cohortFacts(ledger.db, cohort.id);
  const departments = listDepartments(ledger.db, facts);
  const groupsOf = new Map(departments.map((d) => [d.countyId, departmentGroups(ledger.db, facts, d.countyId)]));
  const groupRank = new Map<number, number>();
  for (const groups of groupsOf.values()) groups.forEach((g, i) => g.requestId !== null && groupRank.set(g.requestId, i));
  const words = workbookWords('ko');
  const provinces = provinceNames(ledger.db).ko;
  const sexes = words.sexes as Record<string, string>;
  const source = rosterRows(ledger.db, cohort.id, departments, groupRank);
  const border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } } as const;
  const toDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
  let rows = 0;
  let next = source.rows.next();
  for (let rank = 0; rank < departments.length; rank++) {
    const department = departments[rank]!;
    const byRequest = new Map(
      groupsOf
        .get(department.countyId)!
        .filter((g) => g.requestId !== null)
        .map((g) => [g.requestId!, g]),
    );
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: join(out, `${department.code}.xlsx`),
      useStyles: true,
      useSharedStrings: false,
    });
    const ws = wb.addWorksheet(words.rosterSheet, {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    const c = words.columns;
    ws.columns = [
      { header: c.no, width: 6 },
      { header: c.serviceNo, width: 12 },
      { header: c.name, width: 10 },
      { header: c.sex, width: 6 },
      { header: c.birthDate, width: 12, style: { numFmt: 'yyyy.mm.dd' } },
      { header: c.homeProvince, width: 12 },
      { header: c.homeCounty, width: 12 },
      { header: c.unit, width: 14 },
      { header: c.rank, width: 10 },
      { header: c.skill, width: 10 },
      { header: c.workplace, width: 28 },
      { header: c.sector, width: 14 },
      { header: c.arrivalDate, width: 12, style: { numFmt: 'yyyy.mm.dd' } },
      { header: c.notes, width: 20 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let no = 0;
    while (!next.done && next.value[0] === rank) {
      const r = next.value;
      const group = r[1] === null ? undefined : byRequest.get(r[1]);
      const row = ws.addRow([
        ++no,
        r[3],
        r[4],
        r[5] === null ? null : (sexes[r[5]] ?? r[5]),
        toDate(r[6]),
        r[7] === null ? null : (provinces.get(r[7]) ?? r[7]),
        r[8],
        r[9],
        r[10],
        r[11],
        r[1] === null ? words.unallocatedWorkplace : (group?.workplace ?? null),
        words.sectors[group?.sector ?? r[2]],
        toDate(r[12]),
        r[13] !== null && r[14] !== null ? `${r[13]} / ${r[14]}` : (r[14] ?? r[13]),
      ]);
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = border;
      });
      row.commit();
      rows++;
      next = source.rows.next();
    }
    ws.commit();
    await wb.commit();
  }
  source.dispose();
  const ms = performance.now() - started;
  ledger.close();
  return { rows, files: departments.length, ms, peakRssMb: peakRssMb(), bytes: folderBytes(out) };
}

function runChild(kind: 'ours' | 'baseline', db: string, out: string): ChildResult {
  mkdirSync(out, { recursive: true });
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', kind, '--db', db, '--out', out], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${kind} run failed (exit ${child.status})`);
  const line = child.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as ChildResult;
}

async function main(): Promise<void> {
  const child = arg('--child');
  if (child === 'ours' || child === 'baseline') {
    const result = await (child === 'ours' ? ours : baseline)(arg('--db')!, arg('--out')!);
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }

  const persons = Number(arg('--persons') ?? 1_000_000);
  const work = mkdtempSync(join(tmpdir(), 'bench-export-'));
  const keep = process.argv.includes('--keep');
  try {
    let db = arg('--db');
    let fillMs: number | null = null;
    if (!db || !existsSync(db)) {
      db ??= join(work, 'ledger.sqlite');
      process.stderr.write(`filling ${persons.toLocaleString('en-US')} placed persons into ${db} …\n`);
      const ledger = openLedger(db);
      const counts = fillLedger(ledger.db, { persons, year: 2027, term: 'spring', seed: 1 });
      ledger.db.pragma('wal_checkpoint(TRUNCATE)');
      ledger.close();
      fillMs = counts.ms;
      process.stderr.write(
        `filled in ${(counts.ms / 1000).toFixed(1)} s: ${counts.departments} departments, ${counts.allocated.toLocaleString('en-US')} with workplace, ${counts.unallocated.toLocaleString('en-US')} without, ${counts.cancelled.toLocaleString('en-US')} cancelled\n`,
      );
    }
    process.stderr.write('baseline: exceljs streaming writer …\n');
    const base = runChild('baseline', db, join(work, 'baseline'));
    rmSync(join(work, 'baseline'), { recursive: true, force: true });
    process.stderr.write('ours: the export …\n');
    const mine = runChild('ours', db, join(work, 'ours'));
    const oursRate = (mine.rows / mine.ms) * 1000;
    const baseRate = (base.rows / base.ms) * 1000;
    report(
      'export',
      [
        {
          case: `${mine.rows.toLocaleString('en-US')} persons, ${mine.files} files`,
          fill_ms: fillMs,
          ours_ms: Math.round(mine.ms),
          ours_rows_per_s: Math.round(oursRate),
          ours_peak_rss_mb: mine.peakRssMb,
          ours_mb_written: Math.round(mine.bytes / 1e6),
          baseline_ms: Math.round(base.ms),
          baseline_rows_per_s: Math.round(baseRate),
          baseline_peak_rss_mb: base.peakRssMb,
          ratio: Math.round((oursRate / baseRate) * 100) / 100,
          goal_rows_per_s: 40_000,
          goal_peak_rss_mb: 400,
        },
      ],
      'ours = rosters (cover + roster) for every department + province summary; baseline = exceljs streaming writer, styled roster sheets only, same rows',
    );
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
    else process.stderr.write(`kept ${work}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
