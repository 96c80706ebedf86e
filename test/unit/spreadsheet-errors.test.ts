// The spreadsheet library's errors know nothing of the ledger; import and export each turn them
// into their LedgerErrors in one place, and every one the clerk can meet has its sentence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { exportErrorOf } from '../../src/main/export/spreadsheet-errors';
import { importErrorOf } from '../../src/main/import/source';
import { MAX_COLUMNS, MAX_ROWS } from '../../src/main/spreadsheet/cells';
import { SpreadsheetError, type SpreadsheetErrorCode } from '../../src/main/spreadsheet/errors';
import { XlsxWriter } from '../../src/main/spreadsheet/write/writer';
import { csvField, csvLine, csvText, parseCsv, UTF8_BOM } from '../../src/main/spreadsheet/csv';

const dir = mkdtempSync(join(tmpdir(), 'spreadsheet-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const READER_CODES: SpreadsheetErrorCode[] = [
  'unreadable',
  'empty',
  'no_sheets',
  'not_spreadsheet',
  'legacy_xls',
  'encrypted',
  'corrupt',
  'zip_bomb',
  'unsupported_compression',
  'part_too_large',
  'xml_dtd',
  'xml_malformed',
  'value_too_long',
  'too_many_rows',
  'encoding',
];
const DETAILS = {
  file: '결정서.xlsx',
  sheet: '명단',
  part: 'xl/worksheets/sheet1.xml',
  reason: 'zip header',
  bytes: 10,
  method: 12,
  encoding: 'UTF-8',
  row: 3,
  rows: 2_000_000,
  limit: MAX_ROWS,
};

describe('spreadsheet errors', () => {
  it('each reader error becomes its own import error with a sentence in Korean and English', () => {
    const codes = new Set<string>();
    for (const code of READER_CODES) {
      const mapped = importErrorOf(new SpreadsheetError(code, `dev: ${code}`, DETAILS));
      expect(mapped, code).toBeInstanceOf(LedgerError);
      const error = mapped as LedgerError;
      expect(error.code.startsWith('import_'), code).toBe(true);
      expect(error.message).toBe(`dev: ${code}`);
      codes.add(error.code);
      for (const language of ['ko', 'en'] as const) expect(errorSentence(error.toData(), language)).not.toMatch(/\{\{|undefined|import_/);
    }
    expect(codes.size).toBe(READER_CODES.length); // no two library codes fold into one sentence
  });

  it('leave other errors alone', () => {
    const plain = new Error('x');
    expect(importErrorOf(plain)).toBe(plain);
    expect(exportErrorOf(plain)).toBe(plain);
  });

  it('a sheet past Excel’s rows or columns: the writer refuses, the export says so in its words', async () => {
    const wb = new XlsxWriter(join(dir, 'wide.xlsx'), { tempDir: dir });
    let caught: unknown;
    try {
      wb.addSheet({ name: 'x', columns: Array.from({ length: MAX_COLUMNS + 1 }, () => ({ type: 'text' as const })) });
    } catch (error) {
      caught = error;
    }
    wb.abort();
    expect(caught).toMatchObject({ name: 'SpreadsheetError', code: 'too_many_columns' });
    const rows = exportErrorOf(new SpreadsheetError('too_many_rows', 'dev', { rows: MAX_ROWS + 1, limit: MAX_ROWS }));
    expect(rows).toMatchObject({ code: 'export_too_many_rows', details: { rows: MAX_ROWS + 1, limit: MAX_ROWS } });
    expect(errorSentence((rows as LedgerError).toData(), 'ko')).toContain('1048576');
  });
});

describe('the one CSV module', () => {
  it('parses what it writes: fields with commas, quotes, line breaks, spaces and formulas', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\r\nlines', ' padded ', '=1+2', '', '가나다'];
    const text = UTF8_BOM + csvLine(values.map(csvText)) + csvLine(values.map(csvField));
    const [exported, dumped] = parseCsv(text);
    expect(exported).toEqual(values.map((v) => (v === '=1+2' ? "'=1+2" : v)));
    expect(dumped).toEqual(values);
  });

  it('refuses a quote never closed, like the file reader', () => {
    expect(() => parseCsv('a,"b\r\n', 'regions.csv')).toThrow(expect.objectContaining({ name: 'SpreadsheetError', code: 'corrupt' }));
  });
});
