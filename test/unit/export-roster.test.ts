import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/shared/errors';
import { JobCancelled } from '../../src/main/jobs/registry';
import { planExport, runExport, type ExportOptions } from '../../src/main/export/run';
import { safeFileName } from '../../src/main/export/safe-name';
import { tempLedger } from '../helpers/ledger';
import { nkSortKey } from '../../src/main/domain/nk-collation';
import { buildScenario, DECISION_NO, HOEYANG, partText, readZip, ROSTER_ORDER } from './export-support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function scenario() {
  const t = tempLedger();
  cleanups.push(t.cleanup);
  buildScenario(t.ledger.db);
  return { ...t, out: join(t.dir, 'out') };
}

function options(out: string, extra: Partial<ExportOptions> = {}): ExportOptions {
  return {
    year: 2027,
    term: 'spring',
    counties: [],
    folder: out,
    summary: true,
    language: 'ko',
    overwrite: false,
    clerk: '림명숙',
    issuedOn: '2027-04-30',
    ...extra,
  };
}

async function book(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

const text = (cell: ExcelJS.Cell) =>
  cell.value === null ? null : cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : cell.value;

describe('a department’s roster workbook', () => {
  it('lists every placed person once, grouped by workplace (sector order, North Korean order), the unplaced last under their sector', async () => {
    const { ledger, out } = scenario();
    const result = await runExport(ledger.db, options(out, { counties: [HOEYANG], summary: false }));
    expect(result.files.map((f) => f.fileName)).toEqual(['2027-봄-회양군-배치명단.xlsx']);
    expect(result.files[0]).toMatchObject({ kind: 'roster', department: '강원도 회양군 로동과', rows: 11 });
    const wb = await book(join(out, '2027-봄-회양군-배치명단.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['표지', '배치명단']);
    const ws = wb.getWorksheet('배치명단')!;
    expect(ws.getCell('A1').value).toBe('2027년 봄 제대군인 배치명단');
    expect(String(ws.getCell('A2').value)).toContain('강원도 회양군 로동과');
    expect(String(ws.getCell('A2').value)).toContain(DECISION_NO);
    expect(String(ws.getCell('A2').value)).toContain('2027.04.30');
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '번호',
      '군번',
      '성명',
      '성별',
      '난날',
      '고향(도)',
      '고향(시·군)',
      '소속부대',
      '군사칭호',
      '기술기능',
      '작업장',
      '부문',
      '도착날자',
      '비고',
    ]);
    const rows = Array.from({ length: ws.rowCount - 3 }, (_, i) => ws.getRow(i + 4));
    expect(rows.map((r) => r.getCell(3).value)).toEqual(ROSTER_ORDER);
    expect(rows.map((r) => r.getCell(1).value)).toEqual(ROSTER_ORDER.map((_, i) => i + 1));
    expect(rows.map((r) => `${r.getCell(11).value}|${r.getCell(12).value}`)).toEqual([
      '회양가구공장|지방공업공장',
      '회양가구공장|지방공업공장',
      '회양식료공장|지방공업공장',
      '회양식료공장|지방공업공장',
      '회양식료공장|지방공업공장',
      '신흥협동농장 농업근로작업반|농업근로작업반',
      '신흥협동농장 농업근로작업반|농업근로작업반',
      '신흥협동농장 농업근로작업반|농업근로작업반',
      '작업장 미정|지방공업공장',
      '작업장 미정|농업근로작업반',
      '작업장 미정|농업근로작업반',
    ]);
    // Every column of one person, as the ledger holds it.
    const ri = rows.find((r) => r.getCell(3).value === '리철진')!;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((c) => text(ri.getCell(c)))).toEqual([
      4,
      '254-16403',
      '리철진',
      '남',
      '1999-03-14',
      '평안남도',
      '순천시',
      '제2156군부대',
      '하사',
      '용접',
      '회양식료공장',
      '지방공업공장',
      '2027-05-12',
      null,
    ]);
    // Service numbers stay text with their leading zeros; dates are date cells shown yyyy.mm.dd.
    const an = rows.find((r) => r.getCell(3).value === '안영철')!;
    expect(an.getCell(2).value).toBe('007-00101');
    expect(an.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(ri.getCell(5).type).toBe(ExcelJS.ValueType.Date);
    expect(ri.getCell(5).numFmt).toBe('yyyy.mm.dd');
    expect(rows.find((r) => r.getCell(3).value === '최명희')!.getCell(4).value).toBe('녀');
    // Notes keep what they say: formula-like text is text, line breaks and markup survive.
    expect(an.getCell(14).value).toBe('=HYPERLINK("http://example.invalid","x")');
    expect(rows.find((r) => r.getCell(3).value === '림은정')!.getCell(14).value).toBe('줄\n바꿈 & <표> "인용"');
    // The cancelled placement and the other county's persons are not on it.
    expect(rows.map((r) => r.getCell(3).value)).not.toContain('표혜영');
    expect(rows.map((r) => r.getCell(3).value)).not.toContain('정일남');
  });

  it('is print-ready: A4 landscape, one page wide, header row on every page, page X of Y, frozen header, autofilter, fitted widths', async () => {
    const { ledger, out } = scenario();
    await runExport(ledger.db, options(out, { counties: ['회양군'], summary: false }));
    const path = join(out, '2027-봄-회양군-배치명단.xlsx');
    const wb = await book(path);
    const ws = wb.getWorksheet('배치명단')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    expect(ws.headerFooter.oddHeader).toBe('&L강원도 회양군 로동과&R2027년 봄');
    expect(ws.headerFooter.oddFooter).toBe('&C&P / &N 페지');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBe('A3:N14');
    // Widths fit the widest value (Hangul double) plus a margin, within each column's bounds.
    expect(ws.getColumn(2).width).toBe(11); // 254-16403: 9 + 2
    expect(ws.getColumn(3).width).toBe(8); // three Hangul syllables: 6 + 2
    expect(ws.getColumn(11).width).toBe(29); // 신흥협동농장 농업근로작업반: 27 + 2
    const cover = wb.getWorksheet('표지')!;
    expect(cover.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true });
    const parts = readZip(path);
    const roster = partText(parts, 'xl/worksheets/sheet2.xml');
    expect(roster).not.toMatch(/<f[ >]/);
    // Formula-like notes carry a quotePrefix style: inert in Excel even after editing.
    const styles = [...partText(parts, 'xl/styles.xml').matchAll(/<xf [^>]*?\/?>/g)].slice(1).map((m) => m[0]);
    const noteStyle = (row: number) => Number(new RegExp(`<c r="N${row}" s="(\\d+)"`).exec(roster)?.[1]);
    const names = ROSTER_ORDER;
    for (const name of ['안영철', '김철', '최명희', '강철', '오영수']) {
      const row = names.indexOf(name) + 4;
      expect(styles[noteStyle(row)], name).toContain('quotePrefix="1"');
    }
    expect(styles[noteStyle(names.indexOf('림은정') + 4)]).not.toContain('quotePrefix');
    expect(partText(parts, 'xl/workbook.xml')).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="1">'배치명단'!$3:$3</definedName>`,
    );
  });

  it('has a cover with recipient, term, decision numbers, date of issue and totals by sector and by workplace', async () => {
    const { ledger, out } = scenario();
    await runExport(ledger.db, options(out, { counties: [HOEYANG], summary: false }));
    const cover = (await book(join(out, '2027-봄-회양군-배치명단.xlsx'))).getWorksheet('표지')!;
    const cells = cover
      .getSheetValues()
      .slice(1)
      .map((row) => (Array.isArray(row) ? row.slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)) : []));
    const rowOf = (label: string) => cells.find((r) => r.includes(label))!;
    expect(cells[0]![0]).toBe('2027년 봄 제대군인 배치명단');
    expect(rowOf('받는 곳')[1]).toBe('강원도 회양군 로동과');
    expect(rowOf('제대시기')[1]).toBe('2027년 봄');
    expect(rowOf('결정번호')[1]).toBe(DECISION_NO);
    expect(rowOf('발행날자')[1]).toBe('2027-04-30');
    expect(rowOf('발행')[1]).toBe('도 인민위원회 로동국 (담당: 림명숙)');
    expect(rowOf('인원')[1]).toBe('11명');
    // By sector: persons, with workplace, without, arrived.
    expect(rowOf('지방공업공장').slice(1, 6)).toEqual(['지방공업공장', 6, 5, 1, 1]);
    expect(rowOf('농촌살림집건설').slice(1, 6)).toEqual(['농촌살림집건설', 0, 0, 0, 0]);
    expect(rowOf('농업근로작업반').slice(1, 6)).toEqual(['농업근로작업반', 5, 3, 2, 1]);
    // By workplace, in the roster's order, with requested headcount and shortfall.
    const workplaces = cells.filter((r) => typeof r[0] === 'number');
    expect(workplaces.map((r) => r.slice(0, 7))).toEqual([
      [1, '회양가구공장', '지방공업공장', 4, 2, 2, 0],
      [2, '회양식료공장', '지방공업공장', 3, 3, 0, 1],
      [3, '회양군 농촌살림집건설대', '농촌살림집건설', 5, 0, 5, 0],
      [4, '신흥협동농장 농업근로작업반', '농업근로작업반', 3, 3, 0, 1],
      [5, '작업장 미정 (지방공업공장)', '지방공업공장', undefined, 1, undefined, 0],
      [6, '작업장 미정 (농업근로작업반)', '농업근로작업반', undefined, 2, undefined, 0],
    ]);
    const totals = cells.filter((r) => r.includes('합계'));
    expect(totals[0]!.slice(1, 6)).toEqual(['합계', 11, 8, 3, 2]);
    expect(totals[1]!.slice(3, 7)).toEqual([15, 11, 7, 2]);
  });

  it('speaks English when asked: headers, sheet names, file names', async () => {
    const { ledger, out } = scenario();
    const result = await runExport(ledger.db, options(out, { counties: [HOEYANG], language: 'en' }));
    expect(result.files.map((f) => f.fileName)).toEqual(['2027-spring-Hoeyang-gun-roster.xlsx', '2027-spring-province-summary.xlsx']);
    const wb = await book(join(out, '2027-spring-Hoeyang-gun-roster.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cover', 'Roster']);
    // The cover's English labels and sector names fit their columns (printed, nothing is cut).
    const cover = wb.getWorksheet('Cover')!;
    expect(cover.getColumn(1).width).toBeGreaterThanOrEqual('Decision numbers'.length + 2);
    expect(cover.getColumn(3).width).toBeGreaterThanOrEqual('Rural housing construction'.length + 2);
    const ws = wb.getWorksheet('Roster')!;
    expect(ws.getRow(3).values).toEqual([
      undefined,
      'No.',
      'Service No.',
      'Name',
      'Sex',
      'Date of birth',
      'Home province',
      'Home city/county',
      'Unit',
      'Rank',
      'Skill',
      'Workplace',
      'Sector',
      'Arrival date',
      'Notes',
    ]);
    expect(ws.getCell('C4').value).toBe('강철');
    expect(ws.getCell('F4').value).toBe('Kangwon (Kangwŏn-do)');
    // Ranks in the roster's language (강철 is a 특무상사).
    expect(ws.getCell('I4').value).toBe('Master Sergeant');
    expect(ws.headerFooter.oddFooter).toBe('&CPage &P of &N');
  });
});

describe('the province summary workbook', () => {
  it('has one row per city/county by sector with subtotals and a grand total, the unfilled requests and the persons without workplace', async () => {
    const { ledger, out } = scenario();
    await runExport(ledger.db, options(out, { counties: [HOEYANG] }));
    const wb = await book(join(out, '2027-봄-도종합.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['시·군별 종합', '미충족 로력요구', '작업장 미정 인원']);
    const ws = wb.getWorksheet('시·군별 종합')!;
    expect(ws.getRow(3).getCell(3).value).toBe('지방공업공장');
    expect(ws.getRow(3).getCell(19).value).toBe('전체');
    expect((ws.getRow(4).values as unknown[]).slice(3)).toEqual(
      Array.from({ length: 5 }, () => ['요구인원', '병무국 결정', '작업장 배정', '도착']).flat(),
    );
    expect(ws.getCell('A3').isMerged && ws.getCell('A4').isMerged).toBe(true);
    const row = (label: string) => {
      for (let r = 5; r <= ws.rowCount; r++)
        if (ws.getRow(r).getCell(2).value === label || ws.getRow(r).getCell(1).value === label) return ws.getRow(r);
      throw new Error(label);
    };
    const values = (r: ExcelJS.Row) => Array.from({ length: 20 }, (_, i) => r.getCell(i + 3).value);
    // 회양군: local factory requested 7, decided 5 (of 6; one proposed is in farm), placed 5, arrived 1 …
    expect(values(row('회양군'))).toEqual([7, 6, 5, 1, 5, 0, 0, 0, 3, 4, 3, 1, 0, 0, 0, 0, 15, 10, 8, 2]);
    expect(values(row('원산시'))).toEqual([2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 2, 1, 0]);
    expect(values(row('강원도 계'))).toEqual([9, 7, 6, 1, 5, 0, 0, 0, 3, 4, 3, 1, 0, 1, 0, 0, 17, 12, 9, 2]);
    expect(values(row('총계'))).toEqual(values(row('강원도 계')));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 2 });
    expect(ws.pageSetup.printTitlesRow).toBe('3:4');

    const unfilled = wb.getWorksheet('미충족 로력요구')!;
    const unfilledRows = Array.from({ length: unfilled.rowCount - 2 }, (_, i) => unfilled.getRow(i + 3).values as unknown[]);
    expect(unfilledRows.map((r) => [r[3], r[4], r[6], r[7], r[8]])).toEqual([
      ['원산시', '원산구두공장', 2, 1, 1],
      ['회양군', '회양가구공장', 4, 2, 2],
      ['회양군', '회양군 농촌살림집건설대', 5, 0, 5],
    ]);

    const pending = wb.getWorksheet('작업장 미정 인원')!;
    const pendingRows = Array.from({ length: pending.rowCount - 2 }, (_, i) => pending.getRow(i + 3));
    expect(
      pendingRows.map((r) => [r.getCell(3).value, r.getCell(4).value, r.getCell(5).value, r.getCell(6).value, r.getCell(11).value]),
    ).toEqual([
      ['원산시', '기타', '000-00015', '문성혁', '결정'],
      ['회양군', '지방공업공장', '254-16410', '한광혁', '결정'],
      ['회양군', '농업근로작업반', '254-16412', '로영진', '결정'],
      ['회양군', '농업근로작업반', '254-16411', '류성남', '제안'],
    ]);
  });
});

describe('export files and folders', () => {
  it('names files safely for every office PC', () => {
    expect(safeFileName('2027-봄-회양군-배치명단', 'xlsx')).toBe('2027-봄-회양군-배치명단.xlsx');
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j\u0001', 'xlsx')).toBe('a_b_c_d_e_f_g_h_i_j_.xlsx');
    expect(safeFileName('CON', 'xlsx')).toBe('_CON.xlsx');
    expect(safeFileName('  ..이름.. ', 'csv')).toBe('이름.csv');
    expect(safeFileName('', 'csv')).toBe('_.csv');
    const long = safeFileName('가'.repeat(200), 'xlsx');
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(185);
    expect(long.endsWith('가.xlsx')).toBe(true);
  });

  it('gives departments whose file names would collide the province in the name (운산군 and 은산군 are both Unsan-gun)', async () => {
    const { ledger, out } = scenario();
    const db = ledger.db;
    const cohort = (db.prepare('SELECT id FROM cohorts').get() as { id: number }).id;
    for (const [code, name, serviceNo] of [
      ['south_pyongan.unsan-gun', '김일남', '900-00001'],
      ['north_pyongan.unsan-gun', '김이남', '900-00002'],
    ] as const) {
      const person = Number(
        db
          .prepare(`INSERT INTO persons (service_no, name, name_sort_key, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')`)
          .run(serviceNo, name, nkSortKey(name)).lastInsertRowid,
      );
      db.prepare(
        `INSERT INTO placements (person_id, cohort_id, dest_county_id, created_at, updated_at) VALUES (?, ?, (SELECT id FROM regions WHERE code = ?), 'x', 'x')`,
      ).run(person, cohort, code);
    }
    const en = (await planExport(db, { ...options(out), language: 'en' })).files.map((f) => f.fileName);
    expect(en).toContain('2027-spring-South Pyongan-Unsan-gun-roster.xlsx');
    expect(en).toContain('2027-spring-North Pyongan-Unsan-gun-roster.xlsx');
    const ko = (await planExport(db, options(out))).files.map((f) => f.fileName);
    expect(ko).toContain('2027-봄-은산군-배치명단.xlsx');
    expect(ko).toContain('2027-봄-운산군-배치명단.xlsx');
    expect(new Set(en.map((n) => n.toLowerCase())).size).toBe(en.length);
  });

  it('never overwrites without consent: an existing file stops the export untouched; with consent it is replaced', async () => {
    const { ledger, out } = scenario();
    mkdirSync(out);
    const existing = join(out, '2027-봄-회양군-배치명단.xlsx');
    writeFileSync(existing, 'mine');
    const plan = await planExport(ledger.db, options(out));
    expect(plan.existing).toBe(1);
    expect(plan.files.find((f) => f.exists)?.fileName).toBe('2027-봄-회양군-배치명단.xlsx');
    const refused = await runExport(ledger.db, options(out)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LedgerError);
    expect((refused as LedgerError).code).toBe('export_files_exist');
    expect((refused as LedgerError).details).toMatchObject({ count: 1, first: '2027-봄-회양군-배치명단.xlsx' });
    expect(readFileSync(existing, 'utf8')).toBe('mine');
    expect(readdirSync(out)).toEqual(['2027-봄-회양군-배치명단.xlsx']);
    const result = await runExport(ledger.db, options(out, { overwrite: true }));
    expect(result.files.length).toBe(3);
    expect(readFileSync(existing).subarray(0, 2).toString()).toBe('PK');
  });

  it('on Cancel removes everything it was writing: the folder is left as it was', async () => {
    const { ledger, out } = scenario();
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'x');
    let calls = 0;
    const cancelled = await runExport(ledger.db, options(out), { cancelled: () => ++calls > 2 }).catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(JobCancelled);
    expect(readdirSync(out)).toEqual(['keep.txt']);
    expect(ledger.db.inTransaction).toBe(false);
  });

  it('refuses what cannot be a folder, an unknown term or county, and a selection with nobody on it', async () => {
    const { ledger, out, dir } = scenario();
    writeFileSync(join(dir, 'file.txt'), 'x');
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e instanceof LedgerError ? e.code : String(e)),
      );
    expect(await code(runExport(ledger.db, options(join(dir, 'file.txt'))))).toBe('path_not_folder');
    expect(await code(runExport(ledger.db, options(join(dir, 'file.txt', 'sub'))))).toBe('path_not_folder');
    expect(await code(runExport(ledger.db, options('relative/folder')))).toBe('path_not_absolute');
    if (process.platform === 'linux')
      expect(await code(runExport(ledger.db, options('/sys/placement-ledger-export-test')))).toMatch(/^path_(no_permission|read_only)$/);
    expect(await code(runExport(ledger.db, options(out, { term: 'fall' })))).toBe('export_no_cohort');
    expect(await code(runExport(ledger.db, options(out, { counties: ['없는군'] })))).toBe('export_unknown_county');
    expect(await code(runExport(ledger.db, options(out, { counties: ['kangwon.kimhwa-gun'] })))).toBe('export_nothing_to_export');
    expect(existsSync(out)).toBe(false);
  });

  it('finds departments by code, Korean name (with or without province) and romanized name', async () => {
    const { ledger, out } = scenario();
    for (const county of ['kangwon.hoeyang-gun', '회양군', '강원도 회양군', 'Hoeyang-gun', ' hoeyang-GUN ']) {
      expect((await planExport(ledger.db, options(out, { counties: [county], summary: false }))).files.map((f) => f.fileName)).toEqual([
        '2027-봄-회양군-배치명단.xlsx',
      ]);
    }
  });
});
