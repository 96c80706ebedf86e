// The Dashboard's workbooks, read back with exceljs: the term's figures with their total row,
// and one city/county's notified-not-arrived list with dates as date cells and the days waited;
// both print-ready (A4 landscape, one page wide) and in the clerk's language.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { exportFiguresWorkbook, exportNotArrivedWorkbook } from '../../src/main/figures/dashboard-export';
import { setPlacementStatus } from '../../src/main/grid/status';
import { insertCohort, insertPerson, insertPlacement, insertRequest, tempLedger } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function ledger() {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  const { db } = t.ledger;
  const cohort = insertCohort(db, 2027, 'spring');
  const request = insertRequest(db, {
    countyCode: 'kangwon.hoeyang-gun',
    cohortId: cohort,
    workplace: '회양 식료공장',
    sector: 'local_factory',
    headcount: 4,
  });
  const ids = [1, 2, 3].map((i) =>
    insertPlacement(db, {
      personId: insertPerson(db, { serviceNo: `400-0000${i}`, name: `최${i}`, cohortId: cohort }),
      cohortId: cohort,
      countyCode: 'kangwon.hoeyang-gun',
      sector: 'local_factory',
      ...(i < 3 ? { requestId: request } : {}),
    }),
  );
  setPlacementStatus(db, 'tester', ids.slice(0, 2), { status: 'notified', date: '2027.05.02' });
  setPlacementStatus(db, 'tester', ids.slice(2), { status: 'notified', date: '2027.05.06' });
  setPlacementStatus(db, 'tester', ids.slice(0, 1), { status: 'arrived', date: '2027.05.08' });
  return { db, dir: t.dir, cohort };
}

async function read(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { ws, rows };
}

describe('the Dashboard workbooks', () => {
  it('figures of the term: a row per city/county and sector and the total, in Korean', async () => {
    const { db, dir, cohort } = ledger();
    const path = join(dir, '현황.xlsx');
    expect(await exportFiguresWorkbook(db, cohort, { path, overwrite: false, language: 'ko' })).toEqual({ path, rows: 1 });
    const { ws, rows } = await read(path);
    expect(rows[0]).toEqual([
      '도',
      '시·군',
      '부문',
      '요구인원',
      '병무국 결정',
      '요구 대비(결정−요구)',
      '작업장 배정',
      '작업장 미배정',
      '통지',
      '도착',
    ]);
    expect(rows[1]).toEqual(['강원도', '회양군', '지방공업공장', 4, 3, -1, 2, 1, 3, 1]);
    expect(rows[2]![0]).toBe('합계');
    expect(rows[2]!.slice(3)).toEqual([4, 3, -1, 2, 1, 3, 1]);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
  });

  it('not yet arrived of one city/county: the longest waiting first, dates as dates, in English', async () => {
    const { db, dir, cohort } = ledger();
    const path = join(dir, 'waiting.xlsx');
    expect(
      await exportNotArrivedWorkbook(db, cohort, 'kangwon.hoeyang-gun', { path, overwrite: false, language: 'en', today: '2027-05-12' }),
    ).toEqual({ path, rows: 2 });
    const { rows } = await read(path);
    expect(rows[0]).toEqual(['No.', 'Service No.', 'Name', 'Sector', 'Workplace', 'Notified on', 'Days since']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[4], (r[5] as Date).toISOString().slice(0, 10), r[6]])).toEqual([
      [1, '400-00002', '회양 식료공장', '2027-05-02', 10],
      [2, '400-00003', 'none', '2027-05-06', 6],
    ]);
    // An existing file is kept unless the clerk agreed to replace it.
    await expect(
      exportNotArrivedWorkbook(db, cohort, 'kangwon.hoeyang-gun', { path, overwrite: false, language: 'en', today: '2027-05-12' }),
    ).rejects.toMatchObject({ code: 'file_exists' });
  });
});
