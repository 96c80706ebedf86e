// The spreadsheet library's one definition of column letters, date serials and sheet limits,
// checked against what Excel itself does (its 1900 leap-year bug, the 1904 system) and against
// exceljs as an outside oracle for what a written date cell means.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  columnIndex,
  columnLetter,
  DATE_1904_OFFSET,
  isoToSerial,
  MAX_COLUMNS,
  MAX_SHEET_NAME_CHARS,
  safeSheetName,
  serialOfUnixMs,
  serialToIso,
} from '../../src/main/spreadsheet/cells';
import { XlsxWriter } from '../../src/main/spreadsheet/write/writer';

const dir = mkdtempSync(join(tmpdir(), 'spreadsheet-cells-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('column letters', () => {
  it('go both ways up to XFD, the last column', () => {
    for (const i of [0, 25, 26, 51, 52, 701, 702, 16_383]) expect(columnIndex(columnLetter(i))).toBe(i);
    expect(columnLetter(MAX_COLUMNS - 1)).toBe('XFD');
    expect(columnIndex('xfd')).toBe(16_383);
    expect(columnIndex('')).toBe(-1);
    expect(columnIndex('A1')).toBe(-1);
  });
});

describe('date serials (1900 system)', () => {
  it('keep Excel’s phantom 1900-02-29: 1 is 1900-01-01, 59 is 02-28, 61 is 03-01', () => {
    expect(isoToSerial('1900-01-01')).toBe(1);
    expect(isoToSerial('1900-02-28')).toBe(59);
    expect(isoToSerial('1900-02-29')).toBeNull(); // not a day of the calendar
    expect(isoToSerial('1900-03-01')).toBe(61);
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(59)).toBe('1900-02-28');
    expect(serialToIso(60)).toBeNull(); // the day that never was
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(0)).toBeNull();
    expect(serialToIso(46_460.75)).toBe('2027-03-14'); // the time of day is dropped
  });

  it('round-trip every day from 1900 to 2200', () => {
    for (let serial = 1; serial < 110_000; serial += serial < 400 ? 1 : 7) {
      if (serial === 60) continue;
      const iso = serialToIso(serial)!;
      expect(isoToSerial(iso)).toBe(serial);
    }
  });

  it('read ISO date-time text the same way (t="d" cells)', () => {
    expect(serialOfUnixMs(Date.parse('1900-01-01T00:00:00Z'))).toBe(1);
    expect(serialOfUnixMs(Date.parse('2027-03-14T12:00:00Z'))).toBe(46_460.5);
  });

  it('convert the 1904 system by its offset', () => {
    // In a 1904 workbook 0 is 1904-01-01.
    expect(serialToIso(0 + DATE_1904_OFFSET)).toBe('1904-01-01');
    expect(serialToIso(45_000 + DATE_1904_OFFSET)).toBe('2027-03-16');
  });

  it('are what our writer puts in date cells, also before March 1900 (read back by exceljs)', async () => {
    const path = join(dir, 'dates.xlsx');
    const wb = new XlsxWriter(path, { tempDir: dir });
    const sheet = wb.addSheet({ name: 'd', columns: [{ type: 'date' }] });
    const days = ['1900-01-01', '1900-02-28', '1900-03-01', '1999-12-31', '2027-03-14'];
    for (const d of days) sheet.addRow([d]);
    await sheet.close();
    await wb.close();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const read: unknown[] = [];
    book.worksheets[0]!.eachRow((row) => read.push(row.getCell(1).value));
    // Excel's own numbers for these days.
    expect(read).toEqual([1, 59, 61, 36_525, 46_460]);
  });
});

describe('sheet names', () => {
  it('lose forbidden characters, keep 31 characters and stay unique', () => {
    expect(safeSheetName('a/b:c*?[d]\\', [])).toBe('a b c   d');
    expect(Array.from(safeSheetName('가'.repeat(40), ['가'.repeat(31)])).length).toBe(MAX_SHEET_NAME_CHARS);
    expect(safeSheetName('가'.repeat(40), ['가'.repeat(31)]).endsWith(' (2)')).toBe(true);
    expect(safeSheetName("''", [])).toBe('Sheet');
  });
});
