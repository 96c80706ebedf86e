// bench/lib/fill-ledger.ts: the benchmarks' (export, grids) realistic ledger filler.
import { afterEach, describe, expect, it } from 'vitest';
import { fillLedger } from '../../bench/lib/fill-ledger';
import { checkLedger } from '../../src/main/check/check';
import { nkSortKey } from '../../src/main/domain/nk-collation';
import { tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function ledger() {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  return t.ledger.db;
}

describe('fillLedger', () => {
  it('fills a ledger that passes the ledger check and returns counts that match its rows', () => {
    const db = ledger();
    const counts = fillLedger(db, { persons: 5000, year: 2027, term: 'fall', seed: 11 });
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(n('SELECT count(*) AS n FROM persons')).toBe(5000);
    expect(n('SELECT count(*) AS n FROM placements')).toBe(counts.placements);
    expect(n(`SELECT count(*) AS n FROM placements WHERE request_id IS NOT NULL AND status <> 'cancelled'`)).toBe(counts.allocated);
    expect(n(`SELECT count(*) AS n FROM placements WHERE request_id IS NULL AND status <> 'cancelled'`)).toBe(counts.unallocated);
    expect(n(`SELECT count(*) AS n FROM placements WHERE status = 'cancelled'`)).toBe(counts.cancelled);
    expect(n(`SELECT count(*) AS n FROM placements WHERE status = 'arrived'`)).toBe(counts.arrived);
    expect(n('SELECT count(*) AS n FROM county_requests')).toBe(counts.countyRequests);
    expect(n('SELECT count(*) AS n FROM decision_files')).toBe(counts.decisionFiles);
    expect(counts).toMatchObject({ year: 2027, term: 'fall', persons: 5000 });
    // Mostly allocated, some without workplace, a few cancelled; every status appears.
    expect(counts.allocated / 5000).toBeGreaterThan(0.8);
    expect(counts.unallocated).toBeGreaterThan(100);
    expect(counts.cancelled).toBeGreaterThan(0);
    const statuses = db.prepare('SELECT DISTINCT status FROM placements ORDER BY status').pluck().all();
    expect(statuses).toEqual(['arrived', 'cancelled', 'decided', 'notified', 'proposed']);
    // Every province's cities/counties take part, with requests of every sector.
    expect(counts.departments).toBeGreaterThan(190);
    expect(n('SELECT count(DISTINCT q.county_id) AS n FROM county_requests q')).toBe(
      n('SELECT count(*) AS n FROM regions WHERE level = 2'),
    );
    expect(db.prepare('SELECT DISTINCT sector FROM county_requests ORDER BY sector').pluck().all()).toEqual([
      'farm_team',
      'local_factory',
      'other',
      'rural_housing',
    ]);
    expect(n('SELECT count(DISTINCT home_province) AS n FROM persons')).toBe(13);
  });

  it('writes realistic persons: Korean names with their North Korean sort keys, unique service numbers with leading zeros, dates in order', () => {
    const db = ledger();
    fillLedger(db, { persons: 3000, seed: 2 });
    const persons = db.prepare('SELECT service_no, name, name_sort_key, sex, birth_date, discharge_date, rank FROM persons').all() as {
      service_no: string;
      name: string;
      name_sort_key: string;
      sex: string;
      birth_date: string;
      discharge_date: string;
      rank: string;
    }[];
    expect(new Set(persons.map((p) => p.service_no)).size).toBe(3000);
    expect(persons.every((p) => /^\d{3}-\d{5}$/.test(p.service_no))).toBe(true);
    expect(persons.some((p) => p.service_no.startsWith('0'))).toBe(true);
    expect(persons.every((p) => /^[가-힣]{2,4}$/.test(p.name) && p.name_sort_key === nkSortKey(p.name))).toBe(true);
    expect(persons.some((p) => p.name.startsWith('리')) && persons.some((p) => p.name.startsWith('림'))).toBe(true);
    expect(persons.every((p) => p.birth_date < p.discharge_date)).toBe(true);
    const women = persons.filter((p) => p.sex === 'F').length;
    expect(women).toBeGreaterThan(100);
    expect(women).toBeLessThan(1000);
    expect(new Set(persons.map((p) => p.rank)).size).toBe(6);
  });

  it('bulk-loads large fills with the indexes rebuilt exactly as the schema defines them', () => {
    const db = ledger();
    const schema = () => db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name`).all();
    const before = schema();
    const counts = fillLedger(db, { persons: 12_000, seed: 4 });
    expect(schema()).toEqual(before);
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
    expect(
      db
        .prepare(
          `SELECT count(*) AS n FROM placements INDEXED BY placements_request WHERE request_id IS NOT NULL AND status <> 'cancelled'`,
        )
        .get(),
    ).toEqual({ n: counts.allocated });
  });

  it('is deterministic for a seed and adds a second term without clashing', () => {
    const a = ledger();
    const b = ledger();
    fillLedger(a, { persons: 500, seed: 9 });
    fillLedger(b, { persons: 500, seed: 9 });
    const names = (db: typeof a) => db.prepare('SELECT name FROM persons ORDER BY id').pluck().all();
    expect(names(a)).toEqual(names(b));
    const second = fillLedger(a, { persons: 500, term: 'summer', seed: 10 });
    expect(second.cohortId).not.toBe(1);
    expect(checkLedger(a).ok).toBe(true);
    expect((a.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(1000);
  });
});
