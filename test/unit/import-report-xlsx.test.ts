// The dry-run report workbook (`ledger import FILE --dry-run --report OUT.xlsx`), read back with
// exceljs as an independent reader: each problem row names the person (service number and name as
// the file writes them) or, for request sheets, the workplace, so the list can go back to the
// Bureau or the county; every header is in the report's language; no code or ISO date.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/main/ledger/open';
import { runCliCaptured as cli, tempFolders } from '../helpers/unit';

const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const folder = tempFolders('import-report-xlsx-');

async function reportOf(file: string, language: 'ko' | 'en', extra: string[] = []): Promise<ExcelJS.Workbook> {
  const dir = folder();
  const db = join(dir, 'l.sqlite');
  openLedger(db).close();
  const out = join(dir, 'report.xlsx');
  const result = await cli(['import', join(SAMPLES, file), '--db', db, '--dry-run', '--report', out, ...extra], { LEDGER_LANG: language });
  expect([0, 1], result.stderr).toContain(result.code);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return wb;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) =>
  Array.from((sheet.getRow(n).values as unknown[]).slice(1), (v) => (v === undefined || v === null ? '' : String(v)));

function allText(wb: ExcelJS.Workbook): string {
  const texts: string[] = [];
  wb.eachSheet((s) => s.eachRow((r) => texts.push(rowValues(s, r.number).join('\t'))));
  return texts.join('\n');
}

describe('the import report workbook', () => {
  it('names each problem row by service number and name, headers in Korean', async () => {
    const wb = await reportOf('decision-11-spring-utf8.csv', 'ko');
    expect(wb.worksheets.map((s) => s.name)).toEqual(['요약', '문제', '시·군 대조']);
    const issues = wb.getWorksheet('문제')!;
    expect(rowValues(issues, 1)).toEqual(['행', '군번', '성명', '칸', '항목', '구분', '내용']);
    const rows = new Map<number, string[]>();
    issues.eachRow((r) => r.number > 1 && rows.set(Number(rowValues(issues, r.number)[0]), rowValues(issues, r.number)));
    // Row 34 of the file: a date that is not one — the person is named as the file names him.
    const row34 = rows.get(34)!;
    expect(row34[5]).toBe('오류');
    expect(row34[1]).toMatch(/^\d{3}-\d{5}$/);
    expect(row34[2]).toMatch(/^[가-힣]{2,4}$/);
    // Row 71 has no service number: its name still says who it is.
    expect(rows.get(71)![1]).toBe('');
    expect(rows.get(71)![2]).toMatch(/^[가-힣]{2,4}$/);
    const text = allText(wb);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no ISO timestamp
    expect(text).not.toMatch(/missing_service_no|invalid_date|candidates|\bcode\b/);
    expect(text).toMatch(/작성\t\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}/);
    expect(rowValues(wb.getWorksheet('시·군 대조')!, 1)).toEqual(['파일의 값', '도', '대장의 시·군', '맞춘 방법', '행 수', '비슷한 시·군']);
  });

  it('the same in English, with region names in English', async () => {
    const wb = await reportOf('decision-11-spring-utf8.csv', 'en');
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Problems', 'Cities and counties']);
    const issues = wb.getWorksheet('Problems')!;
    expect(rowValues(issues, 1)).toEqual(['Row', 'Service no.', 'Name', 'Column', 'Field', 'Severity', 'Message']);
    expect(rowValues(wb.getWorksheet('Cities and counties')!, 1)).toEqual([
      'In the file',
      'Province',
      'In the ledger',
      'Matched by',
      'Rows',
      'Close matches',
    ]);
    const counties = wb.getWorksheet('Cities and counties')!;
    const matched = [...Array(counties.rowCount - 1).keys()].map((i) => rowValues(counties, i + 2)[2]!).filter((m) => m !== '');
    expect(matched.length).toBeGreaterThan(3);
    for (const m of matched) expect(m).toMatch(/^[A-Za-z][A-Za-z' -]+(-si|-gun|-guyok|-ku|-gu)?, [A-Za-z]/);
    expect(allText(wb)).toMatch(/Made\t\d{4}\.\d{2}\.\d{2} \d{2}:\d{2}/);
  });

  it('request sheets: each problem row names its workplace', async () => {
    const wb = await reportOf('county-requests-12-per-sheet.xlsx', 'ko', ['--year', '2027']);
    const issues = wb.getWorksheet('문제')!;
    const header = rowValues(issues, 1);
    expect(header).toEqual(['행', '표', '작업장', '칸', '항목', '구분', '내용']);
    const duplicate = [...Array(issues.rowCount - 1).keys()]
      .map((i) => rowValues(issues, i + 2))
      .find((r) => /같은 부문, 같은 요구기술의 요구가/.test(r[6]!));
    expect(duplicate, 'the duplicate request row').toBeDefined();
    expect(duplicate![2]).not.toBe('');
  });
});
