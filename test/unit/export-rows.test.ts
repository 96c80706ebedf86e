// "Export what is on screen": the generic exportRows the grids call with their current rows.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/shared/errors';
import { csvText, parseCsv } from '../../src/main/spreadsheet/csv';
import { exportRows, type ExportColumn } from '../../src/main/export/export-rows';
import { tempDir } from '../helpers/ledger';
import { partText, readZip } from './export-support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function folder(): string {
  const t = tempDir('ledger-rows-');
  cleanups.push(t.cleanup);
  return t.dir;
}

const COLUMNS: ExportColumn[] = [
  { key: 'serviceNo', header: '군번', type: 'text' },
  { key: 'name', header: '성명', type: 'text' },
  { key: 'birthDate', header: '난날', type: 'date' },
  { key: 'headcount', header: '인원', type: 'number' },
  { key: 'notes', header: '비고', type: 'text' },
];

const ROWS = [
  { serviceNo: '007-00101', name: '리철진', birthDate: '1999-03-14', headcount: 3, notes: '=1+2' },
  { serviceNo: '254-16403', name: '김은희', birthDate: '2001-12-01', headcount: -2, notes: '+cmd|" /C calc"!A0' },
  { serviceNo: '254-16404', name: '박, "쉼표"', birthDate: null, headcount: null, notes: '-2+3' },
  { serviceNo: '254-16405', name: '최명희', birthDate: new Date(Date.UTC(2000, 0, 2)), headcount: 0, notes: '@SUM(A1)' },
  { serviceNo: '254-16406', name: '강철', birthDate: '1998-07-01', headcount: 1, notes: '\t탭' },
  { serviceNo: '254-16407', name: '오영수', birthDate: '1998-07-02', headcount: 1, notes: '\r캐리지' },
  { serviceNo: '254-16408', name: '림은정', birthDate: '1998-07-03', headcount: 1, notes: '\n줄' },
  { serviceNo: '254-16409', name: '박순희', birthDate: '1998-07-04', headcount: 1, notes: '여러\n줄 비고' },
];

async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((r) => setImmediate(r));
    yield item;
  }
}

describe('exportRows as CSV', () => {
  it('writes UTF-8 with BOM and CRLF, quotes where needed, and escapes formula-like text (OWASP)', async () => {
    const dir = folder();
    const path = join(dir, '인원.csv');
    const result = await exportRows({ columns: COLUMNS, rows: ROWS, format: 'csv', path });
    expect(result).toMatchObject({ path, rows: ROWS.length });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('군번,성명,난날,인원,비고');
    expect(text.split('\r\n')[1]).toBe(`007-00101,리철진,1999-03-14,3,"'=1+2"`);
    expect(text.split('\r\n')[2]).toBe(`254-16403,김은희,2001-12-01,-2,"'+cmd|"" /C calc""!A0"`);
    expect(text.split('\r\n')[3]).toBe(`254-16404,"박, ""쉼표""",,,"'-2+3"`);
    const parsed = parseCsv(text);
    expect(parsed.slice(1).map((r) => r[4])).toEqual([
      "'=1+2",
      `'+cmd|" /C calc"!A0`,
      "'-2+3",
      "'@SUM(A1)",
      "'\t탭",
      "'\r캐리지",
      "'\n줄",
      '여러\n줄 비고',
    ]);
    expect(parsed[4]![2]).toBe('2000-01-02');
    expect(parsed.length).toBe(ROWS.length + 1);
  });

  it('escapes every dangerous first character and leaves ordinary text alone', () => {
    for (const ch of ['=', '+', '-', '@', '\t', '\r', '\n']) expect(csvText(`${ch}x`)).toBe(`"'${ch}x"`);
    expect(csvText('254-16403')).toBe('254-16403');
    expect(csvText('a=b')).toBe('a=b');
    expect(csvText(' leading space')).toBe('" leading space"');
  });

  it('streams an async iterable and replaces an existing file only when told to', async () => {
    const dir = folder();
    const path = join(dir, 'list.csv');
    writeFileSync(path, 'old');
    const refused = await exportRows({ columns: COLUMNS, rows: slowly(ROWS), format: 'csv', path }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LedgerError);
    expect((refused as LedgerError).code).toBe('file_exists');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['list.csv']);
    await exportRows({ columns: COLUMNS, rows: slowly(ROWS), format: 'csv', path, overwrite: true });
    expect(readFileSync(path, 'utf8').startsWith('\uFEFF군번')).toBe(true);
  });

  it('leaves no file behind when the rows fail half way', async () => {
    const dir = folder();
    function* broken() {
      yield ROWS[0]!;
      throw new Error('the grid query failed');
    }
    await expect(exportRows({ columns: COLUMNS, rows: broken(), format: 'csv', path: join(dir, 'x.csv') })).rejects.toThrow(
      'the grid query failed',
    );
    await expect(exportRows({ columns: COLUMNS, rows: broken(), format: 'xlsx', path: join(dir, 'x.xlsx') })).rejects.toThrow(
      'the grid query failed',
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('exportRows as xlsx', () => {
  it('writes the grid as a sheet: bold frozen header with autofilter, text as text, date cells, numbers, inert formula-like text', async () => {
    const dir = folder();
    const path = join(dir, '인원.xlsx');
    const result = await exportRows({ columns: COLUMNS, rows: slowly(ROWS), format: 'xlsx', path, title: '인원' });
    expect(result.rows).toBe(ROWS.length);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const ws = book.getWorksheet('인원')!;
    expect(ws.getRow(1).values).toEqual([undefined, '군번', '성명', '난날', '인원', '비고']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:E9');
    expect(ws.getCell('A2').value).toBe('007-00101');
    expect(ws.getCell('C2').value).toEqual(new Date(Date.UTC(1999, 2, 14)));
    expect(ws.getCell('C5').value).toEqual(new Date(Date.UTC(2000, 0, 2)));
    expect(ws.getCell('D3').value).toBe(-2);
    expect(ws.getCell('C4').value).toBeNull();
    expect(ROWS.map((_, i) => ws.getCell(`E${i + 2}`).value)).toEqual(ROWS.map((r) => r.notes));
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, paperSize: 9 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:1');
    const xml = partText(readZip(path), 'xl/worksheets/sheet1.xml');
    expect(xml).not.toMatch(/<f[ >]/);
  });
});
