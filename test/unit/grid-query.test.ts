import { afterEach, describe, expect, it } from 'vitest';
import { gridViewSchema, type GridViewInput } from '../../src/shared/api/grid.contract';
import { compareNk, nkSortKey } from '../../src/main/domain/nk-collation';
import { GridEditor } from '../../src/main/grid/edit';
import { countRows, queryPage, requestTotals } from '../../src/main/grid/query';
import { openLedger } from '../../src/main/ledger/open';
import { insertCohort, insertPerson, insertPlacement, insertRequest, tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const view = (v: GridViewInput = {}) => gridViewSchema.parse(v);
const NAMES = ['안영철', '리철진', '김철', '최명희', '오영수', '박순희', '림은정', '강철', '김영호', '리명숙'];

function setup() {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  const { db } = t.ledger;
  const cohort = insertCohort(db, 2027, 'spring');
  const fall = insertCohort(db, 2027, 'fall');
  NAMES.forEach((name, i) => {
    const id = insertPerson(db, {
      serviceNo: `100-${String(i).padStart(5, '0')}`,
      name,
      sex: i % 3 === 0 ? 'F' : 'M',
      birthDate: `199${i}-0${(i % 9) + 1}-15`,
      dischargeDate: '2027-04-01',
      cohortId: cohort,
    });
    insertPlacement(db, {
      personId: id,
      cohortId: cohort,
      countyCode: i < 4 ? 'kangwon.hoeyang-gun' : 'kangwon.wonsan-si',
      sector: i % 2 ? 'farm_team' : 'local_factory',
    });
  });
  return { ...t, db, cohort, fall };
}

describe('grid paging, sorting, filtering and search in SQL', () => {
  it("keeps a view's row count only until the ledger changes, here or in another process", () => {
    const { db, path, cohort } = setup();
    const search = view({ search: '김' });
    expect(queryPage(db, 'persons', search, 0, 10).rowCount).toBe(2);
    // Another connection (an import's writer, the CLI) adds a matching person.
    const other = openLedger(path);
    try {
      insertPerson(other.db, { serviceNo: '100-09999', name: '김순옥', cohortId: cohort });
    } finally {
      other.close();
    }
    expect(queryPage(db, 'persons', search, 0, 10).rowCount).toBe(3);
    // And a change through this connection.
    db.prepare("DELETE FROM persons WHERE service_no = '100-09999'").run();
    expect(queryPage(db, 'persons', search, 0, 10).rowCount).toBe(2);
  });

  it("keeps a view's statements for scrolling, but looks a filter's cohort up again once the ledger changes", () => {
    const { db, path } = setup();
    const nextSpring = view({ filters: { cohort: { filterType: 'text', type: 'contains', filter: '2028 봄' } } });
    const search = view({ search: '리' });
    expect(queryPage(db, 'persons', nextSpring, 0, 10).rowCount).toBe(0);
    expect(queryPage(db, 'persons', search, 0, 1).rows.map((r) => r.name)).toEqual(['리철진']);
    expect(queryPage(db, 'persons', search, 1, 1).rows.map((r) => r.name)).toEqual(['리명숙']);
    // Another process makes the cohort and moves a person into it: the filter now finds them.
    const other = openLedger(path);
    try {
      const spring = insertCohort(other.db, 2028, 'spring');
      other.db.prepare('UPDATE persons SET cohort_id = ? WHERE id = 3').run(spring);
      other.db.prepare('UPDATE persons SET name = ?, name_sort_key = ? WHERE id = 4').run('리순희', nkSortKey('리순희'));
    } finally {
      other.close();
    }
    expect(queryPage(db, 'persons', nextSpring, 0, 10).rows.map((r) => r.name)).toEqual(['김철']);
    expect(queryPage(db, 'persons', search, 0, 10).rows.map((r) => r.name)).toEqual(['리철진', '리순희', '리명숙']);
  });

  it('pages rows in id order with the count of matching rows', () => {
    const { db } = setup();
    const first = queryPage(db, 'persons', view(), 0, 4);
    expect(first.rowCount).toBe(10);
    expect(first.rows.map((r) => r.name)).toEqual(NAMES.slice(0, 4));
    const third = queryPage(db, 'persons', view(), 8, 4);
    expect(third.rows.map((r) => r.name)).toEqual(NAMES.slice(8));
    expect(first.rows[0]).toMatchObject({
      service_no: '100-00000',
      sex: 'F',
      birth_date: '1990-01-15',
      dest_county: 'kangwon.hoeyang-gun',
      placement_status: 'decided',
    });
  });

  it('sorts names in North Korean dictionary order, both ways', () => {
    const { db } = setup();
    const asc = queryPage(db, 'persons', view({ sort: [{ colId: 'name', sort: 'asc' }] }), 0, 100).rows.map((r) => r.name as string);
    expect(asc).toEqual([...NAMES].sort(compareNk));
    expect(asc.slice(-2)).toEqual(['안영철', '오영수']);
    const desc = queryPage(db, 'persons', view({ sort: [{ colId: 'name', sort: 'desc' }] }), 0, 100).rows.map((r) => r.name);
    expect(desc).toEqual([...asc].reverse());
  });

  it('filters by text, by a city/county name, by a sex label and by a date range', () => {
    const { db } = setup();
    const contains = view({ filters: { name: { filterType: 'text', type: 'contains', filter: '철' } } });
    expect(queryPage(db, 'persons', contains, 0, 100).rows.map((r) => r.name)).toEqual(['안영철', '리철진', '김철', '강철']);
    const county = view({ filters: { dest_county: { filterType: 'text', type: 'equals', filter: '회양군' } } });
    expect(countRows(db, 'persons', county)).toBe(4);
    const romanized = view({ filters: { dest_county: { filterType: 'text', type: 'contains', filter: 'Wonsan' } } });
    expect(countRows(db, 'persons', romanized)).toBe(6);
    const women = view({ filters: { sex: { filterType: 'text', type: 'equals', filter: '녀' } } });
    expect(queryPage(db, 'persons', women, 0, 100).rows.map((r) => r.sex)).toEqual(['F', 'F', 'F', 'F']);
    const born = view({
      filters: { birth_date: { filterType: 'date', type: 'inRange', dateFrom: '1992-01-01 00:00:00', dateTo: '1994-12-31 00:00:00' } },
    });
    expect(queryPage(db, 'persons', born, 0, 100).rows.map((r) => r.birth_date)).toEqual(['1992-03-15', '1993-04-15', '1994-05-15']);
    const both = view({
      filters: {
        dest_county: { filterType: 'text', type: 'equals', filter: '회양군' },
        sex: { filterType: 'text', type: 'equals', filter: 'F' },
      },
    });
    expect(queryPage(db, 'persons', both, 0, 100).rows.map((r) => r.name)).toEqual(['안영철', '최명희']);
  });

  it('quick search finds a name or a service number by any part of it', () => {
    const { db } = setup();
    const names = (grid: 'persons' | 'placements', search: string, sort: GridViewInput['sort'] = []) =>
      queryPage(db, grid, view({ search, sort }), 0, 100).rows.map((r) => String(r.name));
    expect(names('persons', '리')).toEqual(['리철진', '리명숙']);
    expect(names('persons', '김영')).toEqual(['김영호']);
    // Inside a name, not only at its start.
    expect(names('persons', '철')).toEqual(['안영철', '리철진', '김철', '강철']);
    expect(names('persons', '영철')).toEqual(['안영철']);
    expect(names('persons', '명')).toEqual(['최명희', '리명숙']);
    // 리/이, 림/임, 녀/여, 로/노 alike, both ways.
    expect(names('persons', '이철')).toEqual(['리철진']);
    expect(names('persons', '임은')).toEqual(['림은정']);
    // A service number by any part, across its dash; two characters, one character.
    expect(names('persons', '100-00003')).toEqual(['최명희']);
    expect(names('persons', '00003')).toEqual(['최명희']);
    expect(names('persons', '0009')).toEqual(['리명숙']);
    expect(names('persons', '09')).toEqual(['리명숙']);
    expect(names('persons', '9')).toEqual(['리명숙']);
    // Every word typed must match.
    expect(names('persons', '철 00002')).toEqual(['김철']);
    expect(queryPage(db, 'persons', view({ search: '없는이름' }), 0, 100).rowCount).toBe(0);
    expect(queryPage(db, 'persons', view({ search: '···' }), 0, 100).rowCount).toBe(0);
    // Sorted or filtered views search through the general WHERE: the same persons.
    expect(names('persons', '철', [{ colId: 'name', sort: 'asc' }])).toEqual([...names('persons', '철')].sort(compareNk));
    const filtered = view({ search: '철', filters: { sex: { filterType: 'text', type: 'equals', filter: 'M' } } });
    expect(queryPage(db, 'persons', filtered, 0, 100).rows.map((r) => r.name)).toEqual(['리철진', '김철', '강철']);
    expect(countRows(db, 'persons', filtered)).toBe(3);
    expect(names('placements', '명희')).toEqual(['최명희']);
    expect(names('placements', '철').sort(compareNk)).toEqual(['강철', '김철', '리철진', '안영철'].sort(compareNk));
  });

  it('quick search follows edits, deletes and undo of names and service numbers', () => {
    const { db } = setup();
    const editor = new GridEditor(db, () => 'clerk');
    const count = (search: string) => countRows(db, 'persons', view({ search }));
    expect(count('명숙')).toBe(1);
    editor.updateCell('persons', 10, 'name', '리순옥');
    expect(count('명숙')).toBe(0);
    expect(count('순옥')).toBe(1);
    editor.updateCell('persons', 10, 'service_no', '777-12345');
    expect(count('71234')).toBe(1);
    expect(count('100-00009')).toBe(0);
    db.prepare('DELETE FROM placements WHERE person_id = 10').run();
    db.prepare('DELETE FROM persons WHERE id = 10').run();
    expect(count('순옥')).toBe(0);
    expect(db.prepare('SELECT count(*) FROM person_search').pluck().get()).toBe(NAMES.length - 1);
  });

  it('recounts after the ledger changes', () => {
    const { db } = setup();
    const search = view({ search: '김' });
    expect(countRows(db, 'persons', search)).toBe(2);
    new GridEditor(db, () => 'clerk').updateCell('persons', 1, 'name', '김안영');
    expect(countRows(db, 'persons', search)).toBe(3);
  });

  it('county requests show requested, decided, placed and remaining per row, and totals over the view', () => {
    const { db, cohort } = setup();
    const factory = insertRequest(db, { countyCode: 'kangwon.hoeyang-gun', cohortId: cohort, workplace: '회양식료공장', headcount: 5 });
    insertRequest(db, { countyCode: 'kangwon.wonsan-si', cohortId: cohort, workplace: '원산편직공장', headcount: 7 });
    db.prepare("UPDATE placements SET request_id = ?, status = CASE id WHEN 1 THEN 'arrived' ELSE status END WHERE id IN (1, 2, 3)").run(
      factory,
    );
    db.prepare("UPDATE placements SET status = 'cancelled' WHERE id = 3").run();
    const rows = queryPage(db, 'requests', view(), 0, 10).rows;
    expect(rows[0]).toMatchObject({
      workplace: '회양식료공장',
      county: 'kangwon.hoeyang-gun',
      province: 'kangwon',
      headcount: 5,
      assigned: 2,
      arrived: 1,
      remaining: 3,
    });
    expect(requestTotals(db, view())).toEqual({ rows: 2, headcount: 12, assigned: 2, arrived: 1, remaining: 10 });
    expect(requestTotals(db, view({ search: '원산' }))).toEqual({ rows: 1, headcount: 7, assigned: 0, arrived: 0, remaining: 7 });
  });
});
