// The Dashboard's and `ledger report fill`'s figures, checked against the ledger's own dumps: a
// real ledger built from the shared samples through the CLI, followed to arrival through the
// same calls the window makes, then every number recounted from `dump placements` and
// `dump county_requests` (what other tools read) must equal what the figures say.
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/main/check/check';
import { dashboardFigures, termFigures } from '../../src/main/figures/term-figures';
import { notArrivedCounties, notArrivedRows } from '../../src/main/figures/not-arrived';
import { placeByHand } from '../../src/main/grid/placing';
import { setPlacementStatus } from '../../src/main/grid/status';
import { openLedger, type Ledger } from '../../src/main/ledger/open';
import { tempDir } from '../helpers/ledger';
import { runCliCaptured as cli } from '../helpers/unit';

const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const COUNTS = ['requested', 'decided', 'assigned', 'notified', 'arrived'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;

let folder: { dir: string; cleanup(): void };
let path: string;

const jsonl = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The figures recounted in JavaScript from the dumps, per "county|sector" of one term. */
async function figuresFromDumps(year: number, term: string): Promise<Map<string, Counts>> {
  const placements = jsonl((await cli(['dump', 'placements', '--db', path])).stdout);
  const requests = jsonl((await cli(['dump', 'county_requests', '--db', path])).stdout);
  const out = new Map<string, Counts>();
  const at = (county: unknown, sector: unknown) => {
    const key = `${String(county)}|${String(sector)}`;
    let c = out.get(key);
    if (!c) out.set(key, (c = { requested: 0, decided: 0, assigned: 0, notified: 0, arrived: 0 }));
    return c;
  };
  for (const q of requests)
    if (q.year === year && q.term === term && q.status !== 'cancelled') at(q.dest_county, q.sector).requested += Number(q.headcount);
  for (const p of placements) {
    if (p.year !== year || p.term !== term || !['decided', 'notified', 'arrived'].includes(String(p.status))) continue;
    const c = at(p.dest_county, p.sector);
    c.decided++;
    if (p.request_id !== null) c.assigned++;
    if (p.status === 'notified' || p.status === 'arrived') c.notified++;
    if (p.status === 'arrived') c.arrived++;
  }
  return out;
}

beforeAll(async () => {
  folder = tempDir('dashboard-figures-');
  path = join(folder.dir, 'ledger.sqlite');
  expect((await cli(['init', '--db', path])).code).toBe(0);
  for (const file of ['decision-11-spring-ko.xlsx', 'decision-11-fall-clean.xlsx']) {
    const r = await cli(['import', join(SAMPLES, file), '--skip-invalid', '--db', path]);
    expect(r.code, r.stderr).toBe(0);
  }
  const r = await cli([
    'import',
    join(SAMPLES, 'county-requests-11.xlsx'),
    '--kind',
    'requests',
    '--year',
    '2027',
    '--skip-invalid',
    '--db',
    path,
  ]);
  expect(r.code, r.stderr).toBe(0);

  // Follow part of the newest term to arrival, as a clerk would in the window.
  const ledger: Ledger = openLedger(path);
  try {
    const { db } = ledger;
    const requests = db
      .prepare(
        `SELECT q.id, q.county_id, q.cohort_id FROM county_requests q
          WHERE EXISTS (SELECT 1 FROM placements p WHERE p.dest_county_id = q.county_id AND p.cohort_id = q.cohort_id) ORDER BY q.id LIMIT 4`,
      )
      .all() as { id: number; county_id: number; cohort_id: number }[];
    expect(requests.length).toBeGreaterThan(1);
    for (const q of requests) {
      const ids = db
        .prepare('SELECT id FROM placements WHERE dest_county_id = ? AND cohort_id = ? AND request_id IS NULL ORDER BY id LIMIT 4')
        .pluck()
        .all(q.county_id, q.cohort_id) as number[];
      expect(placeByHand(db, 'tester', ids, q.id, { confirmOverfill: true, confirmSectorChange: true }).status).toBe('placed');
    }
    const cohort = requests[0]!.cohort_id;
    const some = db
      .prepare("SELECT id FROM placements WHERE cohort_id = ? AND status = 'decided' ORDER BY id LIMIT 60")
      .pluck()
      .all(cohort) as number[];
    setPlacementStatus(db, 'tester', some.slice(0, 40), { status: 'notified', date: '2027.10.28' });
    setPlacementStatus(db, 'tester', some.slice(0, 15), { status: 'arrived', date: '2027년 11월 3일' });
    setPlacementStatus(db, 'tester', some.slice(15, 20), { status: 'arrived', date: '2027-11-05' });
    setPlacementStatus(db, 'tester', some.slice(50, 53), { status: 'cancelled', date: '2027.11.01', reason: '질병' });
  } finally {
    ledger.close();
  }
}, 120_000);

afterAll(() => folder?.cleanup());

describe('the term figures equal the dumps', () => {
  it('per city/county and sector, for every term, in termFigures and in `report fill --json`', async () => {
    const ledger = openLedger(path);
    try {
      const cohorts = ledger.db.prepare('SELECT id, year, term FROM cohorts ORDER BY id').all() as {
        id: number;
        year: number;
        term: string;
      }[];
      expect(cohorts.length).toBeGreaterThanOrEqual(2);
      for (const c of cohorts) {
        const expected = await figuresFromDumps(c.year, c.term);
        const report = await cli(['report', 'fill', '--term', `${c.year}-${c.term}`, '--json', '--db', path]);
        expect(report.code, report.stderr).toBe(0);
        const json = JSON.parse(report.stdout) as { term: string; rows: ({ county: string; sector: string } & Counts)[]; totals: Counts };
        expect(json.term).toBe(`${c.year}-${c.term}`);
        const got = new Map(json.rows.map((r) => [`${r.county}|${r.sector}`, Object.fromEntries(COUNTS.map((k) => [k, r[k]]))]));
        expect(got.size).toBe(json.rows.length);
        expect(got).toEqual(expected);
        const totals = Object.fromEntries(COUNTS.map((k) => [k, [...expected.values()].reduce((n, e) => n + e[k], 0)]));
        expect(json.totals).toEqual(totals);
        expect(termFigures(ledger.db, c.id).totals).toEqual(totals);
      }
      // The work above shows in the newest term: something assigned, notified, arrived.
      const newest = termFigures(ledger.db, null).totals;
      expect(newest.assigned).toBeGreaterThan(0);
      expect(newest.notified).toBe(40);
      expect(newest.arrived).toBe(20);
    } finally {
      ledger.close();
    }
  });

  it('arrivals per day, and the notified not yet arrived with their days, equal the dump', async () => {
    const placements = jsonl((await cli(['dump', 'placements', '--db', path])).stdout);
    const ledger = openLedger(path);
    try {
      const figures = dashboardFigures(ledger.db, null);
      const days = new Map<string, number>();
      for (const p of placements)
        if (p.status === 'arrived' && typeof p.arrival_date === 'string') days.set(p.arrival_date, (days.get(p.arrival_date) ?? 0) + 1);
      expect(figures.arrivals).toEqual([...days].sort().map(([day, arrived]) => ({ day, arrived })));
      expect(figures.arrivals).toEqual([
        { day: '2027-11-03', arrived: 15 },
        { day: '2027-11-05', arrived: 5 },
      ]);
      const waiting = placements.filter((p) => p.status === 'notified');
      const { counties } = notArrivedCounties(ledger.db, figures.cohortId, '2027-11-07');
      expect(counties.reduce((n, c) => n + c.count, 0)).toBe(waiting.length);
      const first = counties[0]!;
      const rows = notArrivedRows(ledger.db, figures.cohortId!, first.countyCode, '2027-11-07');
      expect(rows).toHaveLength(first.count);
      expect(rows.every((r) => r.notifiedOn === '2027-10-28' && r.days === 10)).toBe(true);
      expect(first.maxDays).toBe(10);
      // A notification dated after today (mistyped) counts no days rather than negative ones.
      expect(notArrivedRows(ledger.db, figures.cohortId!, first.countyCode, '2027-10-01').every((r) => r.days === null)).toBe(true);
    } finally {
      ledger.close();
    }
  });

  it('the tally the figures read equals counting the placements, after edits, undo and redo', async () => {
    const ledger = openLedger(path);
    try {
      const { db } = ledger;
      const { undo, redo } = await import('../../src/main/audit/undo');
      undo(db, 'tester');
      undo(db, 'tester');
      redo(db, 'tester');
      db.prepare("UPDATE placements SET sector = 'other' WHERE id IN (SELECT id FROM placements ORDER BY id DESC LIMIT 7)").run();
      db.prepare('DELETE FROM placements WHERE id = (SELECT max(id) FROM placements WHERE request_id IS NULL)').run();
      const tally = db
        .prepare(
          `SELECT cohort_id, county_id, sector, status, assigned, arrival_day, sum(n) AS n FROM placement_tally
            GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6`,
        )
        .all();
      const direct = db
        .prepare(
          `SELECT cohort_id, dest_county_id AS county_id, sector, status, request_id IS NOT NULL AS assigned,
                  CASE WHEN status = 'arrived' THEN coalesce(arrival_date, '') ELSE '' END AS arrival_day, count(*) AS n
             FROM placements GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
        )
        .all();
      expect(tally).toEqual(direct);
      // `ledger check` keeps watch over the same equality.
      expect(checkLedger(db).problems).toEqual([]);
      db.prepare(
        'UPDATE placement_tally SET n = n + 1 WHERE (cohort_id, county_id, sector, status, assigned, arrival_day) IN (SELECT cohort_id, county_id, sector, status, assigned, arrival_day FROM placement_tally LIMIT 1)',
      ).run();
      expect(checkLedger(db).problems.map((p) => p.code)).toEqual(['placement_tally_matches']);
    } finally {
      ledger.close();
    }
  });
});
