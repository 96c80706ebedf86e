// County request workbooks as they arrive (issue 11, §1–§3): one sheet per city/county read in one
// import, the city/county from the sheet's name, the year and term the file states or the clerk
// gives once, and duplicates of a request (workplace, term, sector, skills) told from a second
// request of the same workplace.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/main/check/check';
import { MIGRATIONS } from '../../src/main/ledger/migrations';
import { openLedger } from '../../src/main/ledger/open';
import { runPipeline } from '../../src/main/import/pipeline';
import { loadRegionData } from '../../src/main/regions/match';
import type { RowResult } from '../../src/main/import/rows';
import { inspectImport } from '../../src/main/import/service';
import { sha256File } from '../../src/main/import/staging';
import { importOptionsSchema, type ImportOptionsInput } from '../../src/shared/api/import.contract';
import { issueSentence } from '../../src/shared/i18n/import';
import { importFile, writeXlsx } from '../helpers/import';
import { insertCohort, insertPerson, insertPlacement, insertRequest, tempDir, tempLedger } from '../helpers/ledger';

const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const PER_SHEET = join(SAMPLES, 'county-requests-12-per-sheet.xlsx');
const COMBINED = join(SAMPLES, 'county-requests-11.xlsx');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function ledger() {
  const env = tempLedger();
  cleanups.push(env.cleanup);
  return env;
}

/** The workbook's sheets in order, each with its data rows (as the file holds them). */
const SHEETS: [string, string, number][] = [
  ['원산시', 'kangwon.wonsan-si', 3],
  ['문천시', 'kangwon.munchon-si', 7],
  ['안변군', 'kangwon.anbyon-gun', 9],
  ['고산군', 'kangwon.kosan-gun', 4],
  ['통천군', 'kangwon.tongchon-gun', 7],
  ['고성군', 'kangwon.kosong-gun', 7],
  ['금강군', 'kangwon.kumgang-gun', 6],
  ['김화군', 'kangwon.kimhwa-gun', 4],
  ['창도군', 'kangwon.changdo-gun', 4],
  ['회양군', 'kangwon.hoeyang-gun', 5],
  ['세포군', 'kangwon.sepo-gun', 7],
  ['평강군', 'kangwon.pyonggang-gun', 9],
  ['철원군', 'kangwon.chorwon-gun', 3],
  ['판교군', 'kangwon.pangyo-gun', 5],
  ['이천군', 'kangwon.ichon-gun', 6],
  ['법동군', 'kangwon.poptong-gun', 3],
  ['천내군', 'kangwon.chonnae-gun', 8],
];

async function readRows(
  path: string,
  options: ImportOptionsInput = {},
): Promise<{ rows: RowResult[]; summary: Awaited<ReturnType<typeof runPipeline>> }> {
  const env = ledger();
  const rows: RowResult[] = [];
  const summary = await runPipeline(
    {
      task: 'rows',
      path,
      fileName: 'x.xlsx',
      options: importOptionsSchema.parse(options),
      regions: loadRegionData(env.ledger.db),
      remembered: [],
    },
    { progress: () => undefined, rows: async (batch) => void rows.push(...batch) },
  );
  return { rows, summary };
}

describe('a request workbook with one sheet per city/county', () => {
  it('reads all 97 rows of its 17 sheets: 96 requests of the sheet’s city/county and 1 duplicate', async () => {
    const { rows, summary } = await readRows(PER_SHEET, { year: 2027 });
    expect(summary.layout.headerSheets.map((h) => [h.name, h.headerRow, h.leftOut])).toEqual(SHEETS.map(([name]) => [name, 3, false]));
    const data = rows.filter((r) => r.status !== 'skip');
    expect(data).toHaveLength(97);
    // Sheet by sheet, in the workbook's order, each with its own rows 4 … under its header.
    const bySheet = SHEETS.map(([name]) => data.filter((r) => r.sheet === name).map((r) => r.row));
    expect(bySheet).toEqual(SHEETS.map(([, , n]) => Array.from({ length: n }, (_, i) => i + 4)));
    const county = new Map(SHEETS.map(([name, code]) => [name, code]));
    const ok = data.filter((r) => r.status === 'ok');
    expect(ok).toHaveLength(96);
    for (const r of ok) expect([r.sheet, r.request!.countyCode, r.request!.year]).toEqual([r.sheet, county.get(r.sheet!), 2027]);
    const errors = data.filter((r) => r.status === 'error');
    expect(
      errors.map((r) => [
        r.sheet,
        r.row,
        r.issues!.filter((i) => i.severity === 'error').map((i) => [i.code, i.details.value, i.details.first, i.details.firstSheet]),
      ]),
    ).toEqual([['평강군', 10, [['duplicate_request', '평강 일용품공장', 7, '평강군']]]]);
    // Same workplace and term, other sector or skills: two requests, the later one warned.
    const warned = data.flatMap((r) =>
      (r.issues ?? []).filter((i) => i.severity === 'warning').map((i) => [r.sheet, r.row, r.status, i.code, i.details.first]),
    );
    expect(warned).toEqual([
      ['회양군', 6, 'ok', 'request_same_workplace', 4],
      ['평강군', 11, 'ok', 'request_same_workplace', 9],
      ['천내군', 7, 'ok', 'request_same_workplace', 5],
    ]);
    // Every city/county matched, by the name each row writes.
    expect(summary.countyMatches.map((m) => [m.source, m.regionCode, m.how, m.rows])).toEqual(
      SHEETS.map(([name, code, n]) => [name, code, 'exact', n]),
    );
  });

  it('asks the year once, then imports 96 requests; the sheets are recorded and the file is then already imported', async () => {
    const { ledger: l } = ledger();
    const dry = (await importFile(l, PER_SHEET, { mode: 'dry' })).report;
    expect(dry).toMatchObject({ rows: { data: 97, valid: 0, invalid: 97 }, needs: { year: 97, term: 0 } });
    // Not one "year unknown" per row: the question is asked once (report.needs).
    expect(dry.issues.map((i) => i.code)).toEqual([
      'request_same_workplace',
      'duplicate_request',
      'request_same_workplace',
      'request_same_workplace',
    ]);
    expect(dry.sheets.map((x) => [x.name, x.data, x.valid, x.invalid])).toEqual(SHEETS.map(([name, , n]) => [name, n, 0, n]));

    const run = (await importFile(l, PER_SHEET, { options: { year: 2027 }, skipInvalid: true })).report;
    expect(run).toMatchObject({
      committed: true,
      needs: { year: 0, term: 0 },
      rows: { data: 97, valid: 96, invalid: 1 },
      requests: { new: 96, updated: 0, unchanged: 0 },
    });
    expect(run.sheets.map((x) => [x.name, x.countyKo, x.data, x.valid, x.invalid])).toEqual(
      SHEETS.map(([name, , n]) => [name, name, n, name === '평강군' ? n - 1 : n, name === '평강군' ? 1 : 0]),
    );
    expect(l.db.prepare('SELECT count(*) FROM county_requests').pluck().get()).toBe(96);
    expect(
      l.db
        .prepare(
          'SELECT r.name_ko, count(*) AS n FROM county_requests q JOIN regions r ON r.id = q.county_id GROUP BY r.id ORDER BY min(q.id)',
        )
        .all(),
    ).toEqual(SHEETS.map(([name, , n]) => ({ name_ko: name, n: name === '평강군' ? n - 1 : n })));
    const recorded = JSON.parse(l.db.prepare('SELECT sheets FROM decision_files').pluck().get() as string) as unknown;
    expect(recorded).toEqual(SHEETS.map(([name, , n]) => ({ name, rows: name === '평강군' ? n - 1 : n })));

    const again = (await importFile(l, PER_SHEET, { options: { year: 2027 }, mode: 'dry' })).report;
    expect(again.alreadyImported).toMatchObject({ fileName: 'county-requests-12-per-sheet.xlsx', sheets: recorded });
    expect(checkLedger(l.db)).toEqual({ ok: true, problems: [] });
  });

  it('imports the sheets left out the first time when the file comes again, then says it was imported', async () => {
    const { ledger: l } = ledger();
    const first = (
      await importFile(l, PER_SHEET, {
        options: { year: 2027, sheet: '원산시', headerRow: 3, skipSheets: ['원산시', '천내군'] },
        skipInvalid: true,
      })
    ).report;
    expect(first).toMatchObject({ committed: true, requests: { new: 97 - 3 - 8 - 1 } });
    expect(first.sheets.filter((x) => x.leftOut).map((x) => x.name)).toEqual(['원산시', '천내군']);
    const second = (await importFile(l, PER_SHEET, { options: { year: 2027, sheet: '원산시', headerRow: 3 } })).report;
    expect(second).toMatchObject({
      committed: true,
      alreadyImported: null,
      rows: { data: 11, valid: 11, invalid: 0 },
      requests: { new: 11 },
    });
    expect(second.sheets.filter((x) => !x.leftOut).map((x) => x.name)).toEqual(['원산시', '천내군']);
    expect(second.sheets.filter((x) => x.importedBefore)).toHaveLength(15);
    expect(l.db.prepare('SELECT count(*) FROM county_requests').pluck().get()).toBe(96);
    expect(l.db.prepare('SELECT count(*) FROM decision_files').pluck().get()).toBe(2);
    const third = (await importFile(l, PER_SHEET, { mode: 'dry', options: { year: 2027 } })).report;
    expect(third.alreadyImported).toMatchObject({
      sheets: [
        { name: '원산시', rows: 3 },
        { name: '천내군', rows: 8 },
      ],
    });
    const inspect = await inspectImport({
      ledger: l,
      file: { path: PER_SHEET, fileName: 'x.xlsx', size: 0, sha256: await sha256File(PER_SHEET) },
      options: importOptionsSchema.parse({}),
    });
    expect(inspect.alreadyImported).not.toBeNull();
    expect(checkLedger(l.db)).toEqual({ ok: true, problems: [] });
  });

  it('leaves out the sheets the clerk names, or reads only those', async () => {
    const { ledger: l } = ledger();
    const skip = (
      await importFile(l, PER_SHEET, { mode: 'dry', options: { year: 2027, skipSheets: ['원산시', '천내군'] }, skipInvalid: true })
    ).report;
    expect(skip.rows).toMatchObject({ data: 97 - 3 - 8, valid: 97 - 3 - 8 - 1 });
    expect(skip.sheets.filter((x) => x.leftOut).map((x) => [x.name, x.data])).toEqual([
      ['원산시', 0],
      ['천내군', 0],
    ]);
    const only = (await importFile(l, PER_SHEET, { mode: 'dry', options: { year: 2027, sheet: '평강군', sheets: ['평강군', '철원군'] } }))
      .report;
    expect(only.sheets.filter((x) => !x.leftOut).map((x) => [x.name, x.data, x.valid])).toEqual([
      ['평강군', 9, 8],
      ['철원군', 3, 3],
    ]);
    expect(only.rows).toMatchObject({ data: 12, valid: 11, invalid: 1 });
  });

  it('gives rows without a city/county their sheet’s; a row naming another is an error in both languages', async () => {
    const { ledger: l, dir } = ledger();
    const path = join(dir, 'mixed.xlsx');
    const header = ['번호', '시,군', '작업장', '부문', '요구인원', '요구기술', '시기'];
    await writeXlsx(path, {
      strings: 'shared',
      sheets: [
        {
          name: '원산시',
          rows: () => [
            ['2028년 원산시 로동과 로력요구서'],
            header,
            [1, '', '원산 가구공장', '지방공업공장', 10, '', '봄'],
            [2, '원산시', '원산 옷공장', '지방공업공장', 5, '', '봄'],
          ],
        },
        {
          name: '회양군',
          rows: () => [
            ['회양군 로동과 로력요구서'],
            header,
            [1, '', '회양 식료공장', '지방공업공장', 7, '', '봄'],
            [2, '고성군', '고성 가구공장', '지방공업공장', 4, '', '봄'],
          ],
        },
      ],
    });
    const inspect = await inspectImport({
      ledger: l,
      file: { path, fileName: 'mixed.xlsx', size: 0, sha256: await sha256File(path) },
      options: importOptionsSchema.parse({}),
    });
    expect(inspect.headerSheets.map((h) => [h.name, h.countyKo, h.countyEn])).toEqual([
      ['원산시', '원산시', 'Wonsan-si'],
      ['회양군', '회양군', 'Hoeyang-gun'],
    ]);
    const { report } = await importFile(l, path, { skipInvalid: true });
    expect(report).toMatchObject({ committed: true, rows: { data: 4, valid: 3, invalid: 1 }, cohorts: [{ year: 2028, term: 'spring' }] });
    expect(report.issues.map((i) => [i.sheet, i.row, i.column, i.code])).toEqual([['회양군', 4, 'B', 'county_sheet_mismatch']]);
    expect(issueSentence(report.issues[0]!, 'ko')).toBe(
      '시·군 «고성군»이(가) 표 «회양군»와 다릅니다. 이 표의 행은 회양군의 요구여야 합니다.',
    );
    expect(issueSentence(report.issues[0]!, 'en')).toBe(
      'The city/county «고성군» differs from the sheet «회양군»: the rows of this sheet must be requests of Hoeyang-gun.',
    );
    expect(
      l.db.prepare('SELECT r.name_ko, q.workplace FROM county_requests q JOIN regions r ON r.id = q.county_id ORDER BY q.id').all(),
    ).toEqual([
      { name_ko: '원산시', workplace: '원산 가구공장' },
      { name_ko: '원산시', workplace: '원산 옷공장' },
      { name_ko: '회양군', workplace: '회양 식료공장' },
    ]);
    // The match table names each sheet's city/county with its rows.
    expect(report.countyMatches.map((m) => [m.source, m.nameKo, m.rows]).sort()).toEqual([
      ['고성군', '고성군', 1],
      ['원산시', '원산시', 2],
      ['회양군', '회양군', 1],
    ]);
  });
});

describe('a decision file split into sheets with one header', () => {
  it('reads every sheet with the header (not the cover, not a hidden one) unless told to read one', async () => {
    const { ledger: l, dir } = ledger();
    const path = join(dir, 'split.xlsx');
    const header = ['번호', '군번', '성명', '성별', '제대날자', '제대시기', '배치 시,군', '배치부문'];
    const row = (n: number, county: string): (string | number)[] => [
      n,
      `700-2000${n}`,
      `리영${'진수남'[n % 3]}`,
      '남',
      '2027.04.20',
      '봄',
      county,
      '지방공업공장',
    ];
    await writeXlsx(path, {
      strings: 'shared',
      sheets: [
        { name: '표지', rows: () => [['2027년 봄철 배치결정서']] },
        { name: '원산시', rows: () => [header, row(1, '원산시'), row(2, '원산시')] },
        { name: '회양군', rows: () => [['회양군'], header, row(3, '회양군')] },
        { name: '메모', rows: () => [['이 표는 참고용입니다'], ['작성', '김영호']] },
      ],
    });
    const all = (await importFile(l, path, { mode: 'dry' })).report;
    expect(all.sheets.map((x) => [x.name, x.headerRow, x.countyKo, x.data, x.valid])).toEqual([
      ['원산시', 1, null, 2, 2],
      ['회양군', 2, null, 1, 1],
    ]);
    expect(all.rows).toMatchObject({ data: 3, valid: 3, invalid: 0 });
    const one = (await importFile(l, path, { mode: 'dry', options: { sheet: '회양군', sheets: ['회양군'] } })).report;
    expect(one.rows).toMatchObject({ data: 1, valid: 1 });
    const committed = (await importFile(l, path)).report;
    expect(committed).toMatchObject({ committed: true, persons: { new: 3 }, placements: { new: 3 } });
  });
});

describe('the year and term the title states', () => {
  it('uses the title’s year with or without --header-row: 102 requests of 2027', async () => {
    for (const headerRow of [undefined, 2]) {
      const { ledger: l } = ledger();
      const { report } = await importFile(l, COMBINED, { mode: 'dry', options: headerRow === undefined ? {} : { headerRow } });
      expect({
        headerRow,
        ...report.rows,
        needs: report.needs,
        year: report.title.year,
        cohorts: report.cohorts.map((c) => c.year),
      }).toEqual({
        headerRow,
        data: 102,
        valid: 102,
        invalid: 0,
        skipped: 0,
        needs: { year: 0, term: 0 },
        year: 2027,
        cohorts: [2027, 2027, 2027],
      });
    }
  });
});

describe('requests in the ledger', () => {
  it('updates the request with the same workplace, term, sector and skills; adds one that differs in sector or skills', async () => {
    const { ledger: l, dir } = ledger();
    const header = ['번호', '시,군', '작업장', '부문', '요구인원', '요구기술', '시기'];
    const write = async (name: string, rows: (string | number)[][]) => {
      const path = join(dir, name);
      await writeXlsx(path, { strings: 'shared', sheets: [{ name: '로력요구', rows: () => [['2027년 로력요구'], header, ...rows] }] });
      return path;
    };
    await importFile(l, await write('a.xlsx', [[1, '원산시', '원산 가구공장', '지방공업공장', 10, '목수', '봄']]));
    const second = await importFile(
      l,
      await write('b.xlsx', [
        [1, '원산시', '원산 가구공장', '지방공업공장', 12, '목수', '봄'],
        [2, '원산시', '원산 가구공장', '지방공업공장', 3, '용접공', '봄'],
        [3, '원산시', '원산 가구공장', '농촌살림집건설', 4, '목수', '봄'],
      ]),
    );
    expect(second.report).toMatchObject({ committed: true, requests: { new: 2, updated: 1, unchanged: 0 } });
    expect(l.db.prepare('SELECT workplace, sector, skills_wanted, headcount FROM county_requests ORDER BY id').all()).toEqual([
      { workplace: '원산 가구공장', sector: 'local_factory', skills_wanted: '목수', headcount: 12 },
      { workplace: '원산 가구공장', sector: 'local_factory', skills_wanted: '용접공', headcount: 3 },
      { workplace: '원산 가구공장', sector: 'rural_housing', skills_wanted: '목수', headcount: 4 },
    ]);
    expect(checkLedger(l.db)).toEqual({ ok: true, problems: [] });
  });

  it('migration 0007 keeps every request and the placements pointing to them, and lets a workplace ask twice', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'ledger.sqlite');
    const version = MIGRATIONS.findIndex((m) => m.name === 'request-keys-and-sheets') + 1;
    expect(version).toBe(7);
    const before = openLedger(path, { targetVersion: version - 1 });
    const cohort = insertCohort(before.db, 2027, 'spring');
    const request = insertRequest(before.db, { countyCode: 'kangwon.hoeyang-gun', cohortId: cohort, workplace: '회양 식료공장' });
    const person = insertPerson(before.db, { serviceNo: '254-16403', name: '표혜영', sex: 'F', cohortId: cohort });
    const file = Number(
      before.db
        .prepare("INSERT INTO decision_files (file_name, sha256, imported_at) VALUES ('a.xlsx', ?, '2027-04-01T00:00:00Z')")
        .run('a'.repeat(64)).lastInsertRowid,
    );
    insertPlacement(before.db, { personId: person, cohortId: cohort, countyCode: 'kangwon.hoeyang-gun', requestId: request });
    before.db.prepare('UPDATE placements SET decision_file_id = ?').run(file);
    expect(() =>
      insertRequest(before.db, { countyCode: 'kangwon.hoeyang-gun', cohortId: cohort, workplace: '회양 식료공장', sector: 'farm_team' }),
    ).toThrow(/UNIQUE/);
    before.close();

    const after = openLedger(path, { targetVersion: version });
    try {
      const { db } = after;
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.prepare('SELECT id, workplace FROM county_requests').all()).toEqual([{ id: request, workplace: '회양 식료공장' }]);
      expect(db.prepare('SELECT request_id, decision_file_id FROM placements').get()).toEqual({
        request_id: request,
        decision_file_id: file,
      });
      expect(db.prepare('SELECT id, file_name, sheets FROM decision_files').all()).toEqual([
        { id: file, file_name: 'a.xlsx', sheets: null },
      ]);
      // The same file's remaining sheets may come in a second import: its SHA-256 is no longer unique.
      db.prepare("INSERT INTO decision_files (file_name, sha256, imported_at, sheets) VALUES ('a.xlsx', ?, 'x', '[]')").run('a'.repeat(64));
      insertRequest(db, { countyCode: 'kangwon.hoeyang-gun', cohortId: cohort, workplace: '회양 식료공장', sector: 'farm_team' });
      expect(() =>
        insertRequest(db, { countyCode: 'kangwon.hoeyang-gun', cohortId: cohort, workplace: '회양 식료공장', sector: 'farm_team' }),
      ).toThrow(/UNIQUE/);
      // Foreign keys still hold on the rebuilt table.
      expect(() => db.prepare('DELETE FROM county_requests WHERE id = ?').run(request)).toThrow(/FOREIGN KEY/);
      expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      after.close();
    }
  });
});
