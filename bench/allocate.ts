// npm run bench:allocate — automatic allocation on ledgers of 100,000 persons × 1,000 requests and
// 1,000,000 persons × 5,000 requests (every person decided, without a workplace; requests spread
// over cities/counties, about as many seats as persons). Times, in one process per size (so the
// peak memory is its own): end to end = open the ledger, read the input, build the model, solve,
// check, hand out and write the proposal (the run record: run, its requests and one row per person,
// one transaction — what the Allocation page and Accept read; the record is removed afterwards);
// the solve alone (the flow solves and their optimality checks); and HiGHS solving the same model
// (the same classes × requests LP: most persons placed, then least cost) in the same run, after
// our peak memory is taken. Goals: 100k × 1k < 2 s, 1M × 5k < 15 s, peak < 500 MB, ratio ≤ 1.
//   BENCH_SIZES=100000x1000 npm run bench:allocate   (sizes; default 100000x1000,1000000x5000)
//   BENCH_DIR=/path                                   (where generated ledgers are kept)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rng } from './lib/fill-ledger';
import { peakRssMb, report, type BenchRow } from './lib/report';

const ROOT = resolve(__dirname, '..');
const GENERATOR_VERSION = 1;

interface Measurement {
  ours_ms: number;
  ours_solve_ms: number;
  baseline_solve_ms: number;
  ours_peak_rss_mb: number;
  assigned: number;
  classes: number;
  objective_ok: boolean;
}

const SECTORS = ['local_factory', 'local_factory', 'rural_housing', 'farm_team', 'farm_team', 'other'] as const;
const SKILLS = ['', '', '', '운전', '용접', '선반', '전기', '목공', '미장', '조적', '농기계', '배관', '재봉', '콤퓨터'];
const WANTED = ['선반, 용접', '전기', '운전', '', '미장, 조적, 목공', '농기계', ''];

/** A ledger of `persons` decided persons without a workplace and `requests` county requests. */
function generate(path: string, persons: number, requests: number): void {
  const { openLedger } = require('../src/main/ledger/open') as typeof import('../src/main/ledger/open');
  const { deferSearchIndex } = require('../src/main/persons/search') as typeof import('../src/main/persons/search');
  const ledger = openLedger(path);
  const db = ledger.db;
  const random = rng(20271);
  const now = '2027-04-20T09:00:00.000Z';
  const counties = db.prepare<[], number>('SELECT id FROM regions WHERE level = 2 ORDER BY id').pluck().all();
  const used = counties.slice(0, Math.min(counties.length, Math.max(1, Math.round(requests / 25))));
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    const cohort = Number(db.prepare(`INSERT INTO cohorts (year, term, created_at) VALUES (2027, 'spring', ?)`).run(now).lastInsertRowid);
    const insertRequest = db.prepare(
      `INSERT INTO county_requests (county_id, workplace, sector, headcount, skills_wanted, cohort_id, priority, dev_20x10, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const perSeat = persons / requests;
    for (let i = 0; i < requests; i++) {
      const county = used[i % used.length]!;
      const headcount = Math.max(1, Math.round(perSeat * (0.5 + random())));
      insertRequest.run(
        county,
        `작업장 ${i + 1}호`,
        SECTORS[Math.floor(random() * SECTORS.length)]!,
        headcount,
        WANTED[Math.floor(random() * WANTED.length)]!,
        cohort,
        1 + Math.floor(random() * 5),
        random() < 0.15 ? 1 : 0,
        now,
        now,
      );
    }
    const indexes = db
      .prepare<[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('persons', 'placements') AND sql IS NOT NULL`,
      )
      .all();
    for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
    const search = deferSearchIndex(db);
    const insertPerson = db.prepare(
      `INSERT INTO persons (id, service_no, name, name_sort_key, unit, skill, cohort_id, created_at, updated_at) VALUES (?, ?, '김철', '김철', ?, ?, ?, ?, ?)`,
    );
    const insertPlacement = db.prepare(
      `INSERT INTO placements (person_id, cohort_id, dest_county_id, sector, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'decided', ?, ?)`,
    );
    for (let i = 1; i <= persons; i++) {
      const x = (i * 7919 + 13) % 100_000_000;
      insertPerson.run(
        i,
        `${String(Math.floor(x / 100_000)).padStart(3, '0')}-${String(x % 100_000).padStart(5, '0')}`,
        `제${100 + Math.floor(random() * 2000)}군부대`,
        SKILLS[Math.floor(random() * SKILLS.length)]! || null,
        cohort,
        now,
        now,
      );
      insertPlacement.run(i, cohort, used[Math.floor(random() * used.length)]!, SECTORS[Math.floor(random() * SECTORS.length)]!, now, now);
    }
    for (const index of indexes) db.exec(index.sql);
    search?.restore();
  }).immediate();
  ledger.close();
}

async function child(path: string): Promise<void> {
  const { openLedger } = require('../src/main/ledger/open') as typeof import('../src/main/ledger/open');
  const { runAllocation } = require('../src/main/allocation/runs') as typeof import('../src/main/allocation/runs');
  const { highsOptimum } = require('../test/helpers/allocation') as typeof import('../test/helpers/allocation');
  const t0 = performance.now();
  const ledger = openLedger(path, { create: false });
  const outcome = runAllocation(ledger.db, { clerk: 'bench' });
  const oursMs = performance.now() - t0;
  const peak = peakRssMb();
  const { result } = outcome;
  const input = result.input;
  console.error(
    `  read ${Math.round(outcome.ms.read)} ms, solve ${Math.round(outcome.ms.solve)} ms, write the proposal ${Math.round(outcome.ms.write)} ms`,
  );
  ledger.db.prepare('DELETE FROM allocation_runs WHERE id = ?').run(outcome.runId);
  ledger.close();
  const groups = result.classes.map((c) => ({ countyId: c.countyId, sector: c.sector, skills: c.skills, count: c.persons.length }));
  const baseline = await highsOptimum(input, result.settings, groups);
  const out: Measurement = {
    ours_ms: Math.round(oursMs),
    ours_solve_ms: Math.round(result.solver.solveMs * 10) / 10,
    baseline_solve_ms: Math.round(baseline.ms * 10) / 10,
    ours_peak_rss_mb: peak,
    assigned: result.totals.assigned,
    classes: result.classes.length,
    objective_ok:
      baseline.placed === result.totals.assigned &&
      Math.abs(baseline.cost + result.totals.objective) < 1e-6 * Math.max(1, Math.abs(baseline.cost)),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

function run(args: string[]): string {
  const result = spawnSync(process.execPath, ['-r', 'tsx/cjs', __filename, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, LEDGER_LANG: 'en' },
  });
  if (result.status !== 0) throw new Error(`${args[0]} failed: ${result.stderr || result.stdout}`);
  return result.stdout.trim().split('\n').pop() ?? '';
}

function main(): void {
  const sizes = (process.env.BENCH_SIZES ?? '100000x1000,1000000x5000').split(',').map((s) => s.split('x').map(Number) as [number, number]);
  const dir = process.env.BENCH_DIR ?? join(tmpdir(), 'placement-ledger-bench');
  mkdirSync(dir, { recursive: true });
  const rows: BenchRow[] = [];
  for (const [persons, requests] of sizes) {
    const path = join(dir, `allocate-${persons}x${requests}-v${GENERATOR_VERSION}.sqlite`);
    if (!existsSync(path)) {
      console.error(`generating ${path} …`);
      const partial = `${path}.partial`;
      for (const s of ['', '-wal', '-shm']) rmSync(partial + s, { force: true });
      run(['--generate', partial, String(persons), String(requests)]);
      renameSync(partial, path);
    }
    console.error(`${persons.toLocaleString('en-US')} persons × ${requests.toLocaleString('en-US')} requests: allocate, then HiGHS …`);
    const m = JSON.parse(run(['--child', path])) as Measurement;
    console.error(
      `  ${m.classes} classes, ${m.assigned} persons placed; HiGHS ${m.objective_ok ? 'found the same optimum' : 'found ANOTHER optimum than ours!'}`,
    );
    if (!m.objective_ok) process.exitCode = 1;
    rows.push({
      persons,
      requests,
      ours_ms: m.ours_ms,
      ours_solve_ms: m.ours_solve_ms,
      baseline_solve_ms: m.baseline_solve_ms,
      ratio: Math.round((m.ours_solve_ms / Math.max(0.01, m.baseline_solve_ms)) * 1000) / 1000,
      ours_peak_rss_mb: m.ours_peak_rss_mb,
    });
  }
  report(
    'allocate',
    rows,
    'ours = open + read + model + solve + check + hand out + write the proposal (run record); solve = flow solves and their checks; baseline = HiGHS on the same LP; ratio = ours_solve / baseline_solve',
  );
}

if (process.argv[2] === '--generate') {
  generate(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]));
} else if (process.argv[2] === '--child') {
  child(process.argv[3]!).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main();
}
