// The reader's fast paths change nothing: the sheet and shared-string shortcuts (the usual cell and
// string read straight from the bytes) give the rows the tokenizer's own way gives, wherever the
// inflated chunks are cut; a token cut by a chunk end comes out whole; attributes read from bytes
// are what attr() reads; the duplicate index answers as a Map; and a batch packed by the worker
// unpacks in main to the very same rows, property order included.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchPacker, BatchUnpacker } from '../../src/main/import/batch-codec';
import { KeyIndex } from '../../src/main/import/key-index';
import type { RowResult } from '../../src/main/import/rows';
import { openSpreadsheet } from '../../src/main/import/source';
import { ExcelDate, type RawRow } from '../../src/main/spreadsheet/read/xlsx';
import { attr, attrStart, attrValue, XmlTokenizer, type XmlAttrs, type XmlHandler } from '../../src/main/spreadsheet/read/xml';
import { ZipArchive } from '../../src/main/spreadsheet/read/zip';
import { sheetXml, writeRawXlsx } from '../helpers/import';
import { tempDir } from '../helpers/ledger';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  while (cleanups.length) cleanups.pop()!();
});

/** A small deterministic random source (the same cuts on every run). */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % n;
  };
}

async function sheetRows(path: string): Promise<string> {
  const book = await openSpreadsheet(path, 'file.xlsx');
  const rows: RawRow[] = [];
  const stats = await book.readSheet(book.sheets[0]!, (r) => void rows.push(r));
  const { bytes: _bytes, ...rest } = stats;
  return JSON.stringify({ rows, stats: rest }, (_k, v: unknown) => (v instanceof ExcelDate ? { serial: v.serial } : v));
}

/** Every inflated chunk cut again into pieces of 1…maxPiece bytes. */
function cutChunks(maxPiece: number, seed: number): void {
  const stream = ZipArchive.prototype.stream;
  const next = random(seed);
  vi.spyOn(ZipArchive.prototype, 'stream').mockImplementation(function (this: ZipArchive, entry, onChunk, signal) {
    return stream.call(
      this,
      entry,
      async (chunk) => {
        for (let at = 0; at < chunk.length;) {
          const n = 1 + next(maxPiece);
          if ((await onChunk(chunk.subarray(at, at + n))) === false) return false;
          at += n;
        }
        return true;
      },
      signal,
    );
  });
}

describe('the sheet and shared-string shortcuts', () => {
  it('read every way a cell can be written exactly as the tokenizer does, wherever the chunks are cut', async () => {
    const dir = tempDir('import-reader-fast-');
    cleanups.push(dir.cleanup);
    const strings = ['번호', '리철진', ' 앞뒤 공백 ', 'a &amp; b', '로동_x000D_당', '<t>아님</t>'];
    const sharedStrings =
      `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      `<si><t>${strings[0]}</t></si><si><t>${strings[1]}</t></si><si><t xml:space="preserve">${strings[2]}</t></si>` +
      `<si><t>${strings[3]}</t></si><si><t>${strings[4]}</t></si><si><r><t>rich</t></r><r><t>텍스트</t></r></si>` +
      `<si><t>${'한'.repeat(3000)}</t><rPh><t>ハン</t></rPh></si><si><t/></si><si></si>` +
      `</sst>`;
    const styles = `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const cells = [
      '<c r="A{r}" t="s"><v>1</v></c>',
      '<c r="B{r}"><v>42</v></c>',
      '<c r="C{r}" s="1"><v>46407</v></c>',
      '<c r="D{r}" t="n"><v>3.25</v></c>',
      '<c r="E{r}" t="inlineStr"><is><t>인라인 문자열</t></is></c>',
      '<c r="F{r}" t="inlineStr"><is><t xml:space="preserve"> 공백 </t></is></c>',
      '<c r="G{r}" t="str"><f>A1</f><v>수식 값</v></c>',
      '<c r="H{r}" t="s"><v>3</v></c>',
      '<c r="I{r}" t="b"><v>1</v></c>',
      '<c r="J{r}" t="e"><v>#N/A</v></c>',
      '<c r="K{r}" t="s"><v> 2 </v></c>',
      '<c r="L{r}"><v>1&#48;</v></c>',
      '<c r="M{r}" t="s"><v>4</v><!-- 주석 --></c>',
      '<c r="N{r}"/>',
      '<c r="O{r}" t="s"></c>',
      '<x:c r="P{r}" t="s"><x:v>0</x:v></x:c>',
      '<c r="Q{r}" t="inlineStr"><is><t>a &lt; b</t></is></c>',
      '<c r="R{r}" t="s"><v>5</v></c><c r="S{r}" t="s"><v>6</v></c><c r="T{r}" t="s"><v>99</v></c>',
      '<c r="U{r}" t="inlineStr"><is><r><t>rich</t></r></is></c>',
      '<c t="s"><v>7</v></c><c r="W{r}" t="s"><v>8</v></c>',
      '<c r="X{r}" t="d"><v>2027-03-14</v></c>',
      '<c r="Y{r}"><f>1+1</f></c>',
      '<c r="Z{r}" t="s"><v>123456789012345678</v></c>',
    ];
    const rows: string[] = [];
    for (let r = 1; r <= 60; r++) {
      const attrs = r % 7 === 0 ? ` r="${r}" hidden="1"` : r % 5 === 0 ? '' : r % 3 === 0 ? ` spans="1:26" r='${r}'` : ` r="${r}"`;
      rows.push(`<row${attrs}>${cells.map((c) => c.replaceAll('{r}', String(r))).join(r % 4 === 0 ? '\n  ' : '')}</row>`);
    }
    rows.push('<row r="70"/>', '<row r="0080"><c r="A80"><v>1</v></c></row>');
    const path = join(dir.dir, 'cells.xlsx');
    await writeRawXlsx(path, { sheet: sheetXml(rows), sharedStrings, styles });
    const whole = await sheetRows(path);
    expect(whole).toContain('인라인 문자열');
    for (const [maxPiece, seed] of [
      [1, 1],
      [7, 2],
      [40, 3],
      [700, 4],
      [5000, 5],
    ] as const) {
      cutChunks(maxPiece, seed);
      expect(await sheetRows(path)).toBe(whole);
      vi.restoreAllMocks();
    }
  });
});

class Events implements XmlHandler {
  wantText = false;
  wantRaw = false;
  events: string[] = [];
  open(name: string, attrs: XmlAttrs, selfClosing: boolean): void {
    this.events.push(`<${name} ${attrs.text()} ${selfClosing}`);
    if (name === 't' || name === 'v') {
      this.wantText = true;
      this.wantRaw = name === 'v';
    }
  }
  close(name: string): void {
    this.events.push(`</${name}`);
    if (name === 't' || name === 'v') this.wantText = this.wantRaw = false;
  }
  text(text: string): void {
    this.events.push(`text ${text}`);
  }
  rawText(buf: Buffer, start: number, end: number): void {
    this.events.push(`raw ${buf.toString('latin1', start, end)}`);
  }
}

/** The events of xml pushed in pieces of 1…maxPiece bytes (in one piece without maxPiece). */
function tokenize(xml: Buffer, maxPiece?: number, seed = 1): string[] {
  const handler = new Events();
  const tokenizer = new XmlTokenizer(handler, { part: 'test.xml', maxPendingBytes: 100_000 });
  const next = random(seed);
  for (let at = 0; at < xml.length;) {
    const n = maxPiece === undefined ? xml.length : 1 + next(maxPiece);
    tokenizer.push(xml.subarray(at, at + n));
    at += n;
  }
  tokenizer.finish();
  return handler.events;
}

describe('the tokenizer across chunk ends', () => {
  it('hands on the same tokens however the bytes are cut (a cut tag or text is finished from the next chunk)', () => {
    const xml = Buffer.from(
      `<?xml version="1.0"?><root a="1" b='x>y'><!-- a > comment --><t>리철진 &amp; 𠀀</t><v>12345</v>` +
        `<![CDATA[<not a tag>]]><x:t xml:space="preserve"> 앞 </x:t><empty/><t>${'긴 텍스트 '.repeat(2000)}</t>` +
        `<v>${'9'.repeat(5000)}</v><tag attr="${'a'.repeat(6000)}"/></root>`,
    );
    const whole = tokenize(xml);
    expect(whole.length).toBeGreaterThan(10);
    for (const [max, seed] of [
      [1, 1],
      [3, 2],
      [50, 3],
      [5000, 4],
      [20_000, 5],
    ] as const) {
      expect(tokenize(xml, max, seed)).toEqual(whole);
    }
  });

  it('still refuses a token longer than its limit, and a part that ends inside a tag', () => {
    const long = Buffer.from(`<root><t>${'x'.repeat(3000)}</t></root>`);
    for (const piece of [1, 100, 999]) {
      const tokenizer = new XmlTokenizer(new Events(), { part: 'test.xml', maxPendingBytes: 1000 });
      expect(() => {
        for (let at = 0; at < long.length; at += piece) tokenizer.push(long.subarray(at, at + piece));
      }).toThrow(/longer than 1000 bytes/);
    }
    const cut = new XmlTokenizer(new Events(), { part: 'test.xml' });
    cut.push(Buffer.from('<root><c r="A1"'));
    expect(() => cut.finish()).toThrow(/ends inside a tag/);
  });
});

describe('attributes read from bytes', () => {
  it('are what attr() reads from the same tag as text', () => {
    const parts = [
      'r',
      '=',
      '"',
      "'",
      ' ',
      '\t',
      ':',
      'hidden',
      '1',
      'true',
      '&amp;',
      'x',
      '12',
      'r="5"',
      ' r="7" ',
      '&#49;',
      'spans="1:3"',
    ];
    const next = random(9);
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let k = next(10); k > 0; k--) text += parts[next(parts.length)];
      const buf = Buffer.from(`<row${text}>`, 'latin1');
      for (const name of ['r', 'hidden']) {
        const start = attrStart(buf, 4, buf.length - 1, name);
        expect(start < 0 ? null : attrValue(buf, start, buf.length - 1)).toBe(attr(text, name));
      }
    }
  });
});

describe('the duplicate index', () => {
  it('answers as a Map would, through many growths', () => {
    const index = new KeyIndex();
    const map = new Map<string, number>();
    const next = random(3);
    let wrong = 0;
    for (let i = 0; i < 200_000; i++) {
      const key = `${100 + next(900)}-${next(300)}`;
      const first = map.get(key) ?? -1;
      if (first < 0) map.set(key, i);
      if (index.getOrAdd(key, i) !== first) wrong++;
    }
    expect(wrong).toBe(0);
    expect(index.size).toBe(map.size);
  });
});

describe('batches from the worker', () => {
  const decision = (i: number, over: Record<string, unknown> = {}) => ({
    serviceNo: `254-${16400 + i}`,
    name: i % 3 === 0 ? '리철진' : '김 영 희',
    nameSortKey: `3!#${i}`,
    sex: i % 2 ? 'M' : null,
    birthDate: '1995-11-11',
    dischargeDate: i % 5 ? '2027-01-20' : null,
    unit: i % 4 ? '조선인민군 제113군부대' : null,
    rank: 'sergeant',
    term: 'spring',
    year: 2027,
    homeProvince: i % 6 ? 'kangwon' : null,
    homeCounty: '원산구역',
    skill: i % 7 ? '운전수' : null,
    education: '고급중학교',
    notes: i % 9 ? `비고 ${i % 3}` : null,
    destProvince: 'kangwon',
    destCountyId: 40 + (i % 3),
    destCountyCode: 'kangwon.kosong',
    sector: 'local_factory',
    ...over,
  });

  it('unpack to the very same rows, property order included, batch after batch', () => {
    const packer = new BatchPacker();
    const unpacker = new BatchUnpacker();
    const long = '긴 비고 '.repeat(40);
    for (let b = 0; b < 5; b++) {
      const rows = [] as RowResult[];
      for (let i = 0; i < 300; i++) {
        const n = b * 300 + i;
        if (n % 50 === 0) rows.push({ row: n, status: 'skip', skip: 'blank', through: n + 2 });
        else if (n % 51 === 0)
          rows.push({
            row: n,
            status: 'error',
            issues: [
              {
                row: n,
                column: 'B',
                field: 'serviceNo',
                severity: 'error',
                code: 'duplicate_in_file',
                details: { value: 'x', first: 2, firstSheet: null },
              },
            ],
          });
        else if (n % 52 === 0) rows.push({ row: n, status: 'ok', sheet: '회양군', decision: decision(n) } as RowResult);
        else if (n % 53 === 0) rows.push({ row: n, status: 'ok', decision: decision(n, { year: 2027.5 }) } as RowResult);
        else if (n % 54 === 0) rows.push({ row: n, status: 'ok', decision: decision(n, { notes: long + n }) } as RowResult);
        else if (n % 55 === 0) rows.push({ row: n, status: 'ok', decision: decision(n, { unit: 42 }) } as RowResult);
        else rows.push({ row: n, status: 'ok', decision: decision(n) } as RowResult);
      }
      // Packed chunk by chunk, taken as one batch.
      packer.add(rows.slice(0, 100));
      packer.add(rows.slice(100));
      const { batch, transfer } = packer.take();
      const received = structuredClone(batch, { transfer });
      const out = unpacker.unpack(received);
      expect(out).toStrictEqual(rows);
      expect(JSON.stringify(out)).toBe(JSON.stringify(rows));
    }
  });

  it('keeps its text table bounded: texts past its size travel as themselves', () => {
    const packer = new BatchPacker();
    const unpacker = new BatchUnpacker();
    const rows = Array.from(
      { length: 70_000 },
      (_, i) => ({ row: i + 2, status: 'ok', decision: decision(i, { unit: `부대 ${i}` }) }) as RowResult,
    );
    packer.add(rows);
    const { batch } = packer.take();
    expect(batch.added.length).toBeLessThanOrEqual(65_536);
    expect(unpacker.unpack(batch)).toStrictEqual(rows);
  });
});
