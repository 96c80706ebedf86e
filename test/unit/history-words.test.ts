import { afterEach, describe, expect, it } from 'vitest';
import { gridViewSchema } from '../../src/shared/api/grid.contract';
import { displayCell, type DisplayLookups } from '../../src/shared/grid-display';
import { columnOf } from '../../src/shared/grids';
import type { Language } from '../../src/shared/domain';
import { GridEditor } from '../../src/main/grid/edit';
import { listCohorts, placeByHand } from '../../src/main/grid/placing';
import { queryPage } from '../../src/main/grid/query';
import { insertCohort, insertPerson, insertPlacement, insertRequest, tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** History as the grid shows it: field, old value, new value of each entry, newest first. */
function historyShown(db: import('better-sqlite3').Database, language: Language): string[][] {
  const regions = db.prepare('SELECT code, name_ko, name_en FROM regions').all() as { code: string; name_ko: string; name_en: string }[];
  const names = new Map(regions.map((r) => [r.code, language === 'en' ? r.name_en : r.name_ko]));
  const lookups: DisplayLookups = { cohorts: listCohorts(db), regionName: (code) => names.get(code) ?? code };
  const rows = queryPage(db, 'history', gridViewSchema.parse({}), 0, 100).rows;
  return rows.map((row) =>
    ['field', 'old_value', 'new_value'].map((key) => displayCell('history', columnOf('history', key)!, row[key], language, lookups, row)),
  );
}

describe("History in the clerk's words", () => {
  it('names regions, requests, cohorts and choices, and writes dates with dots — never ids or codes', () => {
    const t = tempLedger();
    cleanups.push(t.cleanup);
    const { db } = t.ledger;
    const cohort = insertCohort(db, 2027, 'spring');
    const person = insertPerson(db, { serviceNo: '100-00001', name: '백룡철', sex: 'M', birthDate: '1998-05-08', cohortId: cohort });
    const placement = insertPlacement(db, {
      personId: person,
      cohortId: cohort,
      countyCode: 'kangwon.hoeyang-gun',
      sector: 'local_factory',
    });
    const request = insertRequest(db, {
      countyCode: 'kangwon.wonsan-si',
      cohortId: cohort,
      workplace: '원산 가구공장',
      sector: 'rural_housing',
    });
    const editor = new GridEditor(db, () => '김영호 담당');
    expect(editor.updateCell('persons', person, 'sex', 'F')).toBeTruthy();
    editor.updateCell('persons', person, 'birth_date', '1998.05.09');
    editor.updateCell('persons', person, 'home_province', 'rason');
    editor.updateCell('placements', placement, 'dest_county', 'kangwon.wonsan-si');
    editor.updateCell('placements', placement, 'sector', 'rural_housing');
    expect(placeByHand(db, '김영호 담당', [placement], request)).toMatchObject({ status: 'placed' });

    const ko = historyShown(db, 'ko');
    expect(ko).toEqual(
      expect.arrayContaining([
        ['성별', '남', '녀'],
        ['난날', '1998.05.08', '1998.05.09'],
        ['고향(도)', '', '라선특별시'],
        ['배치 시·군', '회양군', '원산시'],
        ['부문', '지방공업공장', '농촌살림집건설'],
        ['작업장', '', '원산 가구공장'],
      ]),
    );
    const en = historyShown(db, 'en');
    expect(en).toEqual(
      expect.arrayContaining([
        ['Sex', 'Male', 'Female'],
        ['Date of birth', '1998.05.08', '1998.05.09'],
        ['Destination', 'Hoeyang-gun', 'Wonsan-si'],
        ['Sector', 'local factory', 'rural housing'],
        ['Workplace', '', '원산 가구공장'],
      ]),
    );
    const flat = [...ko.flat(), ...en.flat()].join(' | ');
    for (const code of ['local_factory', 'rural_housing', 'kangwon', 'rason', 'dest_county_id', 'request_id', '1998-05-08'])
      expect(flat).not.toContain(code);
    expect(en.flat().join(' ')).toMatch(/Wonsan/);
    expect(en.flat().join(' ')).not.toMatch(/[가-힣]{2}시|회양/);

    // A request deleted since: named as a deleted record, not by its id.
    db.prepare('UPDATE placements SET request_id = NULL WHERE id = ?').run(placement);
    db.prepare('DELETE FROM county_requests WHERE id = ?').run(request);
    expect(historyShown(db, 'ko')).toEqual(expect.arrayContaining([['작업장', '', '(지워진 기록)']]));
  });
});
