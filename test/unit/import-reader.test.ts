// The lean readers: ZIP (limits before and while inflating), the streaming XML tokenizer (UTF-8
// across chunk boundaries, entities, DTDs refused), the xlsx sheet reader (every way a cell can be
// written) and CSV (encodings, quoting, line ends).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/shared/errors';
import { openSpreadsheet } from '../../src/main/import/source';
import { XmlTokenizer, type XmlHandler } from '../../src/main/spreadsheet/read/xml';
import { ExcelDate, isDateFormat, type RawRow } from '../../src/main/spreadsheet/read/xlsx';
import { sheetXml, writeRawXlsx, writeXlsx, writeZip } from '../helpers/import';
import { tempDir } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function dir(): string {
  const t = tempDir('import-reader-');
  cleanups.push(t.cleanup);
  return t.dir;
}

async function rowsOf(path: string, fileName = 'file.xlsx', encoding?: 'utf8' | 'cp949'): Promise<RawRow[]> {
  const book = await openSpreadsheet(path, fileName, encoding ? { encoding } : {});
  const rows: RawRow[] = [];
  await book.readSheet(book.sheets[0]!, (r) => void rows.push(r));
  return rows;
}

async function errorOf(promise: Promise<unknown>): Promise<LedgerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a LedgerError');
}

class Collect implements XmlHandler {
  wantText = false;
  texts: string[] = [];
  events: string[] = [];
  open(name: string, attrs: { text(): string }): void {
    this.events.push(`<${name}${attrs.text()}>`);
    if (name === 't') this.wantText = true;
  }
  close(name: string): void {
    this.events.push(`</${name}>`);
    if (name === 't') this.wantText = false;
  }
  text(text: string): void {
    this.texts.push(text);
  }
}

describe('the streaming XML tokenizer', () => {
  it('decodes UTF-8 correctly when every character straddles a chunk boundary (fed byte by byte)', () => {
    const value = '리철진 로동 날자 녀 𠀀𠀁 — «배치» ☃';
    const bytes = Buffer.from(`<si><t>${value}</t><t>둘째 값</t></si>`, 'utf8');
    const handler = new Collect();
    const tokenizer = new XmlTokenizer(handler);
    for (let i = 0; i < bytes.length; i++) tokenizer.push(bytes.subarray(i, i + 1));
    tokenizer.finish();
    expect(handler.texts.join('|')).toBe(`${value}|둘째 값`);
    expect(handler.texts.join('')).not.toContain('\uFFFD');
  });

  it('decodes entities and character references, keeps CDATA, skips comments holding >', () => {
    const handler = new Collect();
    const tokenizer = new XmlTokenizer(handler);
    tokenizer.push(Buffer.from('<x><!-- a > b --><t>&lt;리&amp;&#xAC00;&#44032;&quot;</t><t><![CDATA[<그대로>]]></t><y a="1>2"/></x>'));
    tokenizer.finish();
    expect(handler.texts).toEqual(['<리&가가"', '<그대로>']);
    expect(handler.events).toContain('<y a="1>2">');
  });

  it('refuses a DTD (entity expansion tricks) with the library’s xml_dtd', () => {
    const tokenizer = new XmlTokenizer(new Collect(), { part: 'xl/worksheets/sheet1.xml' });
    expect(() => tokenizer.push(Buffer.from('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><x>&lol;</x>'))).toThrow(
      expect.objectContaining({ name: 'SpreadsheetError', code: 'xml_dtd' }),
    );
  });

  it('refuses a text run longer than its limit instead of growing without end', () => {
    const tokenizer = new XmlTokenizer(new Collect(), { maxPendingBytes: 1024 });
    tokenizer.push(Buffer.from('<t>'));
    expect(() => {
      for (let i = 0; i < 10; i++) tokenizer.push(Buffer.from('<t>'.padEnd(300, '가')));
      tokenizer.push(Buffer.alloc(4096, 0x61));
    }).toThrow(expect.objectContaining({ name: 'SpreadsheetError', code: 'value_too_long' }));
  });
});

describe('the xlsx sheet reader', () => {
  it('reads shared strings, inline strings, rich text without phonetic runs, formulas’ cached values, booleans, errors and dates', async () => {
    const path = join(dir(), 'cells.xlsx');
    await writeRawXlsx(path, {
      sharedStrings: `<sst xmlns="x"><si><t>군번</t></si><si><r><t>리</t></r><r><t xml:space="preserve">철진 </t></r><rPh><t>リ</t></rPh></si><si><t>줄_x000D_바꿈</t></si></sst>`,
      styles: `<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;년&quot; m&quot;월&quot; d&quot;일&quot;"/><numFmt numFmtId="165" formatCode="0.00"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`,
      sheet: sheetXml([
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>',
        '<row r="2"><c r="A2" t="inlineStr"><is><t>녀</t></is></c><c r="B2" t="inlineStr"><is><r><t>로</t></r><r><t>동</t></r><rPh><t>ロ</t></rPh></is></c><c r="C2"><f>ROW()-1</f><v>1</v></c><c r="D2" t="str"><f>A2&amp;"자"</f><v>녀자</v></c></row>',
        '<row r="3"><c r="A3" s="1"><v>46674</v></c><c r="B3" s="2"><v>36947</v></c><c r="C3" s="3"><v>1.5</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c><c r="F3" t="d"><v>2027-03-14</v></c><c r="G3"><f>SUM(A1)</f></c></row>',
      ]),
    });
    const rows = await rowsOf(path);
    expect(rows[0]!.cells).toEqual(['군번', '리철진 ', '줄\r바꿈']);
    expect(rows[1]!.cells).toEqual(['녀', '로동', 1, '녀자']);
    const third = rows[2]!;
    expect(third.cells[0]).toEqual(new ExcelDate(46674));
    expect(third.cells[1]).toEqual(new ExcelDate(36947));
    expect(third.cells.slice(2, 5)).toEqual([1.5, true, '#N/A']);
    expect(third.cells[5]).toEqual(new ExcelDate(46460));
    expect(third.formulaNoValue).toEqual([6]);
  });

  it('reads rows and cells that carry no r="" numbers, and elements with a namespace prefix', async () => {
    const path = join(dir(), 'norefs.xlsx');
    await writeXlsx(path, {
      strings: 'inline',
      prefix: true,
      sheets: [
        {
          name: '명단',
          noRefs: true,
          rows: () => [
            ['군번', '성명'],
            ['254-16403', '표혜영'],
            ['457-95455', '성금철'],
          ],
        },
      ],
    });
    const rows = await rowsOf(path);
    expect(rows.map((r) => [r.row, r.cells])).toEqual([
      [1, ['군번', '성명']],
      [2, ['254-16403', '표혜영']],
      [3, ['457-95455', '성금철']],
    ]);
  });

  it('knows hidden columns, and a column range of 10^8 or a merge over the whole sheet costs nothing', async () => {
    const path = join(dir(), 'ranges.xlsx');
    const merges = ['A1:XFD1048576', ...Array.from({ length: 20_000 }, (_, i) => `A${i + 2}:B${i + 2}`)];
    await writeRawXlsx(path, {
      sheet: sheetXml(
        ['<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'],
        `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`,
        '<dimension ref="A1:XFD1048576"/><cols><col min="6" max="6" hidden="1"/><col min="8" max="100000000" width="3" hidden="1"/></cols>',
      ),
    });
    const started = Date.now();
    const book = await openSpreadsheet(path, 'ranges.xlsx');
    const rows: RawRow[] = [];
    const stats = await book.readSheet(book.sheets[0]!, (r) => void rows.push(r));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(rows).toHaveLength(1);
    expect(stats.merges).toBe(20_001);
    expect(stats.hiddenColumns.slice(0, 3)).toEqual([5, 7, 8]);
    expect(stats.hiddenColumns.length).toBeLessThanOrEqual(1024);
  });

  it('cuts a 1 MB cell at Excel’s 32,767 characters and says so', async () => {
    const path = join(dir(), 'big-cell.xlsx');
    await writeRawXlsx(path, {
      sheet: sheetXml([`<row r="1"><c r="A1" t="inlineStr"><is><t>${'가'.repeat(400_000)}</t></is></c><c r="B1"><v>2</v></c></row>`]),
    });
    const rows = await rowsOf(path);
    expect((rows[0]!.cells[0] as string).length).toBe(32_767);
    expect(rows[0]!.tooLong).toEqual([0]);
    expect(rows[0]!.cells[1]).toBe(2);
  });

  it('tells date formats from number formats', () => {
    expect(['yyyy.mm.dd', 'yyyy"년" m"월" d"일"', 'm/d/yy', '[$-412]yyyy-mm-dd', 'mmm-yy'].every(isDateFormat)).toBe(true);
    expect(['0.00', '#,##0', 'General', '"년"0', 'h:mm:ss', '0.00E+00', '[Red]0'].some(isDateFormat)).toBe(false);
  });
});

describe('files that are not what they claim, or hostile', () => {
  it('refuses a zip bomb by its declared size and ratio before inflating it', async () => {
    const path = join(dir(), 'bomb.xlsx');
    await writeRawXlsx(path, { sheet: sheetXml([`<row r="1"><c r="A1"><v>1</v></c></row>`, `<!--${' '.repeat(40 * 1024 * 1024)}-->`]) });
    expect(readFileSync(path).length).toBeLessThan(200_000);
    const error = await errorOf(rowsOf(path));
    expect(error.code).toBe('import_zip_bomb');
  });

  it('stops a part that inflates past the size its directory declares', async () => {
    const path = join(dir(), 'liar.xlsx');
    await writeRawXlsx(path, {
      sheet: sheetXml(Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`)),
    });
    patchCentral(path, 'xl/worksheets/sheet1.xml', (entry) => entry.writeUInt32LE(100, 24));
    expect((await errorOf(rowsOf(path))).code).toBe('import_zip_bomb');
  });

  it('finds a damaged part by its CRC, and a file cut short by its missing directory', async () => {
    const path = join(dir(), 'crc.xlsx');
    await writeRawXlsx(path, { sheet: sheetXml(['<row r="1"><c r="A1"><v>1</v></c></row>']) });
    patchCentral(path, 'xl/worksheets/sheet1.xml', (entry) => entry.writeUInt32LE((entry.readUInt32LE(16) ^ 0xffff) >>> 0, 16));
    expect((await errorOf(rowsOf(path))).code).toBe('import_corrupt');
    const cut = join(dir(), 'cut.xlsx');
    await writeRawXlsx(cut, { sheet: sheetXml(['<row r="1"><c r="A1"><v>1</v></c></row>']) });
    writeFileSync(cut, readFileSync(cut).subarray(0, 400));
    expect((await errorOf(rowsOf(cut))).code).toBe('import_corrupt');
  });

  it('names a password-protected workbook, an old .xls, a PDF, an image and a zip that is no workbook', async () => {
    const d = dir();
    const ole = (marker: string) => {
      const b = Buffer.alloc(4096);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
      Buffer.from(marker, 'utf16le').copy(b, 1024);
      return b;
    };
    writeFileSync(join(d, 'locked.xlsx'), ole('EncryptedPackage'));
    writeFileSync(join(d, 'old.xlsx'), ole('Workbook'));
    writeFileSync(join(d, 'report.xlsx'), '%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
    writeFileSync(join(d, 'photo.xlsx'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await writeZip(join(d, 'letter.xlsx'), [{ name: 'word/document.xml', data: '<w:document/>' }]);
    const codes = [];
    for (const name of ['locked.xlsx', 'old.xlsx', 'report.xlsx', 'photo.xlsx', 'letter.xlsx'])
      codes.push((await errorOf(rowsOf(join(d, name), name))).code);
    expect(codes).toEqual([
      'import_encrypted',
      'import_legacy_xls',
      'import_not_spreadsheet',
      'import_not_spreadsheet',
      'import_not_spreadsheet',
    ]);
  });

  it('refuses a part encrypted with the zip’s own (weak) encryption', async () => {
    const path = join(dir(), 'zipcrypto.xlsx');
    await writeRawXlsx(path, { sheet: sheetXml(['<row r="1"><c r="A1"><v>1</v></c></row>']) });
    patchCentral(path, 'xl/worksheets/sheet1.xml', (entry) => entry.writeUInt16LE(entry.readUInt16LE(8) | 1, 8));
    expect((await errorOf(rowsOf(path))).code).toBe('import_encrypted');
  });
});

describe('the CSV reader', () => {
  const lines = ['군번,성명,비고', '254-16403,표혜영,"치료 후, 배치"', '457-95455,"성""금""철","두 줄', '비고"', '', '612-13380,리철진,'];

  it('reads UTF-8 with a BOM and without, numbering records as Excel does (a quoted line break stays in its row)', async () => {
    const d = dir();
    writeFileSync(join(d, 'bom.csv'), '\uFEFF' + lines.join('\r\n') + '\r\n');
    writeFileSync(join(d, 'plain.csv'), lines.join('\n'));
    for (const name of ['bom.csv', 'plain.csv']) {
      const rows = await rowsOf(join(d, name), name);
      expect(rows.map((r) => [r.row, r.cells])).toEqual([
        [1, ['군번', '성명', '비고']],
        [2, ['254-16403', '표혜영', '치료 후, 배치']],
        [3, ['457-95455', '성"금"철', `두 줄${name === 'bom.csv' ? '\r\n' : '\n'}비고`]],
        [4, ['']],
        [5, ['612-13380', '리철진', '']],
      ]);
    }
  });

  it('detects CP949, lets the clerk override it, and refuses bytes the chosen encoding cannot read', async () => {
    const path = join(dir(), 'cp949.csv');
    // 군번,성명 / 254-16403,리철진 in CP949
    writeFileSync(path, Buffer.from('b1bab9f82cbcbab8ed0d0a3235342d31363430332cb8aec3b6c1f80d0a', 'hex'));
    const book = await openSpreadsheet(path, 'cp949.csv');
    expect([book.encoding, book.encodingDetected]).toEqual(['cp949', 'cp949']);
    expect((await rowsOf(path, 'cp949.csv')).map((r) => r.cells)).toEqual([
      ['군번', '성명'],
      ['254-16403', '리철진'],
    ]);
    expect((await errorOf(rowsOf(path, 'cp949.csv', 'utf8'))).code).toBe('import_encoding');
  });

  it('reads UTF-16 (Excel’s “Unicode text”), semicolons, tabs and lone CR line ends', async () => {
    const d = dir();
    writeFileSync(
      join(d, 'u16.csv'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('군번\t성명\r\n254-16403\t리철진\r\n', 'utf16le')]),
    );
    writeFileSync(join(d, 'semi.csv'), '군번;성명\r254-16403;리철진\r');
    expect((await rowsOf(join(d, 'u16.csv'), 'u16.csv')).map((r) => r.cells)).toEqual([
      ['군번', '성명'],
      ['254-16403', '리철진'],
    ]);
    expect((await rowsOf(join(d, 'semi.csv'), 'semi.csv')).map((r) => r.cells)).toEqual([
      ['군번', '성명'],
      ['254-16403', '리철진'],
    ]);
  });

  it('refuses a quote that is never closed instead of swallowing the rest of the file', async () => {
    const path = join(dir(), 'open-quote.csv');
    writeFileSync(path, '군번,성명\n254-16403,"리철진\n457-95455,성금철\n');
    expect((await errorOf(rowsOf(path, 'open-quote.csv'))).code).toBe('import_corrupt');
  });
});

/** Changes one part's central directory entry in place. */
function patchCentral(path: string, name: string, patch: (entry: Buffer) => void): void {
  const buf = readFileSync(path);
  const target = Buffer.from(name);
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) === 0x02014b50 && buf.subarray(i + 46, i + 46 + target.length).equals(target)) {
      const entry = buf.subarray(i, i + 46);
      patch(entry);
      writeFileSync(path, buf);
      return;
    }
  }
  throw new Error(`no entry ${name}`);
}
