import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync, inflateRawSync, constants as zc } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/main/spreadsheet/write/text-width';
import { crc32Combine } from '../../src/main/spreadsheet/write/crc32';
import { decodeOoxmlEscapes, xmlText } from '../../src/main/spreadsheet/write/xml';
import { XlsxWriter } from '../../src/main/spreadsheet/write/writer';
import { columnLetter, isoToSerial, safeSheetName } from '../../src/main/spreadsheet/cells';
import { looksLikeFormula } from '../../src/shared/formula-guard';
import { tempDir } from '../helpers/ledger';
import { partText, readZip } from './export-support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function folder(): string {
  const t = tempDir('ledger-xlsx-');
  cleanups.push(t.cleanup);
  return t.dir;
}

async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

describe('CRC-32 of a concatenation', () => {
  it('equals zlib’s CRC of the joined bytes for any split, empty parts included', () => {
    const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) & 0xff));
    for (const split of [0, 1, 17, 4096, 65_535, 69_999, 70_000]) {
      const a = data.subarray(0, split);
      const b = data.subarray(split);
      expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(data));
    }
  });
});

describe('deflate segments', () => {
  it('a sync-flushed beginning, a streamed middle and a final end inflate as one stream', () => {
    const head = deflateRawSync(Buffer.from('<head>'), { finishFlush: zc.Z_SYNC_FLUSH });
    const middle = deflateRawSync(Buffer.from('몸통'.repeat(1000)), { finishFlush: zc.Z_SYNC_FLUSH });
    const tail = deflateRawSync(Buffer.from('</tail>'));
    expect(inflateRawSync(Buffer.concat([head, middle, tail])).toString()).toBe(`<head>${'몸통'.repeat(1000)}</tail>`);
  });
});

describe('XML text of cells', () => {
  it('escapes markup, keeps tab and LF, protects CR, writes control characters as _xHHHH_ and guards literal _xHHHH_', () => {
    expect(xmlText('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot;');
    expect(xmlText('탭\t줄\n끝')).toBe('탭\t줄\n끝');
    expect(xmlText('a\rb')).toBe('a&#13;b');
    expect(xmlText('bell\u0007nul\u0000')).toBe('bell_x0007_nul_x0000_');
    expect(xmlText('_x0041_ stays')).toBe('_x005F_x0041_ stays');
    expect(xmlText('snake_case')).toBe('snake_case');
    expect(xmlText('\uFFFE\uFFFF')).toBe('_xFFFE__xFFFF_');
    expect(xmlText('lone \uD800 half')).toBe('lone \uFFFD half');
    expect(xmlText('pair 😀 kept')).toBe('pair 😀 kept');
    expect(decodeOoxmlEscapes(xmlText('bell\u0007'))).toBe('bell\u0007');
  });
});

describe('small pieces', () => {
  it('counts Hangul and full-width characters double, the widest line of several', () => {
    expect(displayWidth('254-16403')).toBe(9);
    expect(displayWidth('리철진')).toBe(6);
    expect(displayWidth('회양 Factory')).toBe(12);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('짧은\n아주 긴 두번째 줄')).toBe(17);
  });

  it('reads the formula-like beginnings OWASP lists (and their full-width forms)', () => {
    for (const text of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\nx', '＝1']) expect(looksLikeFormula(text)).toBe(true);
    for (const text of ['', '254-16403', '리철진', ' =1', 'a=b']) expect(looksLikeFormula(text)).toBe(false);
  });

  it('names columns and sheets the way Excel wants them', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(safeSheetName('a/b:c*?[d]', [])).toBe('a b c   d');
    expect(safeSheetName('명단', ['명단'])).toBe('명단 (2)');
    expect(Array.from(safeSheetName('가'.repeat(40), [])).length).toBe(31);
  });

  it('turns ISO dates into Excel serial days and refuses impossible ones', () => {
    expect(isoToSerial('1900-03-01')).toBe(61);
    expect(isoToSerial('2027-05-12')).toBe(46519);
    expect(isoToSerial('2028-02-29')).toBe(46812);
    expect(isoToSerial('2027-02-29')).toBeNull();
    expect(isoToSerial('2027-13-01')).toBeNull();
    expect(isoToSerial('2027.05.12')).toBeNull();
  });
});

describe('the streaming xlsx writer', () => {
  it('writes a workbook exceljs reads back cell for cell: text, numbers, date cells, styles, layout and print setup', async () => {
    const dir = folder();
    const path = join(dir, '시험.xlsx');
    const wb = new XlsxWriter(path, { tempDir: dir, title: '시험 명단', creator: '도 인민위원회 로동국' });
    const header = wb.styles.add({
      font: { bold: true },
      fill: 'FFE3E9F2',
      border: { top: 'thin', bottom: 'medium', left: 'thin', right: 'thin' },
    });
    const date = wb.styles.add({ numFmt: 'yyyy\\.mm\\.dd' });
    const sheet = wb.addSheet({
      name: '명단',
      columns: [{ type: 'number' }, { type: 'text' }, { type: 'text', shared: true }, { type: 'date' }, { type: 'text', maxWidth: 20 }],
      freeze: { rows: 2 },
      autoFilterRow: 2,
      print: {
        orientation: 'landscape',
        fitToWidth: true,
        repeatRows: [2, 2],
        header: { left: '강원도 회양군 로동과', right: '2027년 봄' },
        footer: { center: '&P / &N 페지' },
      },
    });
    sheet.addRow(['2027년 봄 제대군인 배치명단'], undefined, { height: 30, fit: false });
    sheet.merge(1, 1, 1, 5);
    sheet.addRow(['번호', '군번', '성명', '난날', '비고'], header);
    sheet.addRow([1, '007-00101', '리철진', '1999-03-14', '=1+2'], [undefined, undefined, undefined, date, undefined]);
    sheet.addRow([2, '254-16403', '김은희', '2001-12-01', 'a\u0001b & <c>'], [undefined, undefined, undefined, date, undefined]);
    sheet.addRow([3, '254-16404', '리철진', null, '아주 긴 비고 '.repeat(10)], [undefined, undefined, undefined, date, undefined]);
    await sheet.close();
    await wb.close();

    const parts = readZip(path);
    expect([...parts.keys()].sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'docProps/app.xml',
        'docProps/core.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/sharedStrings.xml',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ].sort(),
    );
    const xml = partText(parts, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toContain('<f>');
    expect(xml).toContain('<dimension ref="A1:E5"/>');

    const book = await readBack(path);
    const ws = book.getWorksheet('명단')!;
    expect(ws.getCell('A1').value).toBe('2027년 봄 제대군인 배치명단');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('E1').isMerged).toBe(true);
    expect(ws.getRow(2).values).toEqual([undefined, '번호', '군번', '성명', '난날', '비고']);
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(ws.getCell('A3').value).toBe(1);
    expect(ws.getCell('B3').value).toBe('007-00101');
    expect(ws.getCell('C3').value).toBe('리철진');
    expect(ws.getCell('C5').value).toBe('리철진');
    expect(ws.getCell('D3').value).toEqual(new Date(Date.UTC(1999, 2, 14)));
    // exceljs drops the escapes when it reads the format; the file keeps them (yyyy\.mm\.dd).
    expect(ws.getCell('D3').numFmt).toBe('yyyy.mm.dd');
    expect(partText(parts, 'xl/styles.xml')).toContain('formatCode="yyyy\\.mm\\.dd"');
    expect(ws.getCell('D5').value).toBeNull();
    // Text that looks like a formula stays text; exceljs shows it as a plain string, never a formula.
    expect(ws.getCell('E3').value).toBe('=1+2');
    expect(ws.getCell('E3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBe('A2:E5');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
    expect(ws.pageSetup.printTitlesRow).toBe('2:2');
    expect(ws.headerFooter.oddHeader).toBe('&L강원도 회양군 로동과&R2027년 봄');
    expect(ws.headerFooter.oddFooter).toBe('&C&P / &N 페지');
    // Widths fit the content: Hangul counts double; the title over merged cells does not count; caps hold.
    expect(ws.getColumn(2).width).toBe(11);
    expect(ws.getColumn(3).width).toBe(8);
    expect(ws.getColumn(4).width).toBe(12);
    expect(ws.getColumn(5).width).toBe(20);
    expect(book.title).toBe('시험 명단');
  });

  it('marks formula-like text quotePrefix (inert in Excel even after editing) and writes no formula anywhere', async () => {
    const dir = folder();
    const path = join(dir, 'inject.xlsx');
    const wb = new XlsxWriter(path, { tempDir: dir });
    const sheet = wb.addSheet({ name: 'x', columns: [{ type: 'text' }, { type: 'text', shared: true }] });
    const risky = ['=HYPERLINK("http://x","y")', '+cmd', '-2+3', '@SUM(1)', '\tTAB', '\rCR', '\nLF'];
    for (const text of risky) sheet.addRow([text, text]);
    sheet.addRow(['plain', 'plain']);
    await sheet.close();
    await wb.close();
    const parts = readZip(path);
    const xml = partText(parts, 'xl/worksheets/sheet1.xml');
    const styles = partText(parts, 'xl/styles.xml');
    expect(xml).not.toMatch(/<f[ >]/);
    expect(styles).toContain('quotePrefix="1"');
    const quoted = [...styles.matchAll(/<xf [^>]*?\/?>/g)]
      .slice(1)
      .map((m, i) => ({ index: i, quoted: m[0].includes('quotePrefix="1"') }))
      .filter((x) => x.quoted)
      .map((x) => x.index);
    // Every risky cell (both columns) carries a quotePrefix style; the plain row does not.
    const cells = [...xml.matchAll(/<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?/g)].map((m) => ({ row: Number(m[2]), style: Number(m[3] ?? 0) }));
    for (const cell of cells) {
      const isRisky = cell.row <= risky.length;
      expect(quoted.includes(cell.style), `row ${cell.row}`).toBe(isRisky);
    }
    const book = await readBack(path);
    const ws = book.getWorksheet('x')!;
    // exceljs does not turn CR inside text back (XML parsers keep it via the character reference).
    expect(risky.map((_, i) => ws.getCell(`B${i + 1}`).value)).toEqual(risky);
    expect(risky.map((_, i) => ws.getCell(`A${i + 1}`).value)).toEqual(risky);
  });

  it('keeps memory flat: a large body moves to a temporary file that is gone afterwards; capped shared strings fall back to inline text', async () => {
    const dir = folder();
    const path = join(dir, 'big.xlsx');
    const wb = new XlsxWriter(path, { tempDir: dir, spillBytes: 16 * 1024, sharedStringLimit: 50 });
    const sheet = wb.addSheet({ name: 'big', columns: [{ type: 'number' }, { type: 'text', shared: true }, { type: 'date' }] });
    let spilled: string | null = null;
    for (let i = 1; i <= 20_000; i++) {
      if (!sheet.addRow([i, `작업장 ${i % 200}`, '2027-05-01'])) await sheet.drain();
      spilled ??= sheet.spilledTo;
    }
    expect(spilled).not.toBeNull();
    expect(existsSync(spilled!)).toBe(true);
    await sheet.close();
    await wb.close();
    expect(existsSync(spilled!)).toBe(false);
    expect(readdirSync(dir)).toEqual(['big.xlsx']);
    const parts = readZip(path);
    expect(partText(parts, 'xl/sharedStrings.xml')).toContain('uniqueCount="50"');
    const book = await readBack(path);
    const ws = book.getWorksheet('big')!;
    expect(ws.rowCount).toBe(20_000);
    for (const i of [1, 49, 50, 51, 199, 200, 12_345, 20_000]) {
      expect(ws.getCell(`A${i}`).value).toBe(i);
      expect(ws.getCell(`B${i}`).value).toBe(`작업장 ${i % 200}`);
    }
  });

  it('never replaces an existing file and leaves nothing behind when aborted', async () => {
    const dir = folder();
    const path = join(dir, 'taken.xlsx');
    const first = new XlsxWriter(path, { tempDir: dir });
    first.addSheet({ name: 'a', columns: [] }).addRow(['x']);
    await first.close();
    expect(() => new XlsxWriter(path, { tempDir: dir })).toThrow(/EEXIST/);
    const other = join(dir, 'aborted.xlsx');
    const wb = new XlsxWriter(other, { tempDir: dir, spillBytes: 1 });
    const sheet = wb.addSheet({ name: 'a', columns: [{ type: 'text' }] });
    for (let i = 0; i < 5000; i++) if (!sheet.addRow([`row ${i}`])) await sheet.drain();
    wb.abort();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
