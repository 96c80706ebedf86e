// A lean streaming .xlsx reader: workbook structure (sheets, relationships, the 1904 flag), the
// shared strings table, styles (which cells are dates), then each sheet's rows streamed from the
// inflated XML — inline strings, rich text, formulas' cached values, hidden rows and columns, rows
// and cells without numbers. Ranges (merges, column spans) are never expanded, so a merged range
// over the whole sheet or a column range of 10^8 costs nothing.
import { SpreadsheetError } from '../errors';
import { attr, attrStart, attrValue, decodeEntities, XmlTokenizer, type XmlAttrs, type XmlHandler } from './xml';
import { ZipArchive, type ZipEntry, type ZipLimits } from './zip';
import { DATE_1904_OFFSET, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, serialOfUnixMs } from '../cells';

/** A number cell whose style is a date format: its serial day number (1900 system). */
export class ExcelDate {
  constructor(readonly serial: number) {}
}

export type CellValue = string | number | boolean | ExcelDate | null | undefined;

export interface RawRow {
  /** 1-based, as Excel numbers it. */
  row: number;
  /** Sparse: cells[columnIndex]. */
  cells: CellValue[];
  hidden: boolean;
  /** Columns whose text was cut at MAX_CELL_CHARS. */
  tooLong?: number[];
  /** Columns with a formula but no cached value. */
  formulaNoValue?: number[];
}

export interface SheetInfo {
  name: string;
  hidden: boolean;
  part: string | null;
}

export interface ReadStats {
  rows: number;
  cells: number;
  /** Sheet rows declared by <dimension> (an estimate for progress), or null. */
  dimensionRows: number | null;
  hiddenColumns: number[];
  merges: number;
  bytes: number;
}

/** Excel's own limit for the text of one cell. */

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

/** Is an Excel number format a date (y, m, d outside quotes and brackets; not a pure time)? */
export function isDateFormat(code: string): boolean {
  const s = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[_*]./g, '')
    .toLowerCase();
  if (s.includes('general')) return false;
  if (/[yd]/.test(s)) return true;
  if (/[e]/.test(s) && /[0#]/.test(s)) return false;
  return /m/.test(s) && !/[hs]/.test(s);
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/');
  parts.pop();
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

class CollectHandler implements XmlHandler {
  wantText = false;
  constructor(private readonly onOpen: (name: string, attrs: string) => void) {}
  open(name: string, attrs: XmlAttrs): void {
    this.onOpen(name, attrs.text());
  }
  close(): void {}
  text(): void {}
}

function scanSmallXml(buf: Buffer, part: string, onOpen: (name: string, attrs: string) => void): void {
  const tokenizer = new XmlTokenizer(new CollectHandler(onOpen), { part });
  tokenizer.push(buf);
  tokenizer.finish();
}

/** Shared strings: each <si> is the text of its <t> runs, phonetic runs (<rPh>) left out. */
class SharedStringsHandler implements XmlHandler {
  wantText = false;
  strings: string[] = [];
  private current = '';
  private inSi = false;
  private inRph = false;
  open(name: string, raw: XmlAttrs): number | void {
    if (name === 'si') {
      this.inSi = true;
      this.current = '';
      return this.quickStrings(raw.buf, raw.end + 1);
    } else if (name === 'rPh') this.inRph = true;
    else if (name === 't' && this.inSi && !this.inRph) this.wantText = true;
  }
  close(name: string): void {
    if (name === 't') this.wantText = false;
    else if (name === 'rPh') this.inRph = false;
    else if (name === 'si') {
      this.inSi = false;
      this.strings.push(unescapeOoxml(this.current));
    }
  }
  text(text: string): void {
    if (this.current.length < MAX_CELL_CHARS + 1) this.current += text;
  }

  /**
   * The usual strings, `<t>…</t></si>` and then `<si><t>…</t></si>` again and again, read straight
   * from buf[at…] (the first <si> is open) with the effect of the calls the tokenizer would make
   * (see SheetHandler.quickCell); returns where the tokenizer goes on: at the first thing not read
   * here (rich text, a phonetic run, entities, the end of the chunk …), or after the last string.
   */
  private quickStrings(buf: Buffer, at: number): number {
    let p = at;
    for (;;) {
      if (this.inRph || !bytesAt(buf, p, T_OPEN)) return p;
      const from = p + T_OPEN.length;
      const to = plainTextEnd(buf, from);
      if (to < 0 || !bytesAt(buf, to, T_SI_END)) return p;
      // open('t'), text(), close('t'), close('si'): the text is the whole string.
      this.current = to > from ? buf.toString('utf8', from, to) : '';
      this.wantText = false;
      this.inSi = false;
      this.strings.push(unescapeOoxml(this.current));
      p = to + T_SI_END.length;
      // The next <si>: what open('si') does.
      if (!bytesAt(buf, p, SI_OPEN)) return p;
      this.inSi = true;
      this.current = '';
      p += SI_OPEN.length;
    }
  }
}

/** OOXML escapes characters XML cannot carry as _xHHHH_ (and a literal "_x" as _x005F_x). */
export function unescapeOoxml(text: string): string {
  return text.indexOf('_x') < 0 ? text : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export class XlsxWorkbook {
  private sharedStrings: string[] | null = null;
  private dateStyles: boolean[] = [];
  private date1904 = false;

  private constructor(
    readonly zip: ZipArchive,
    readonly sheets: SheetInfo[],
    private readonly sharedStringsEntry: ZipEntry | undefined,
  ) {}

  static async open(path: string, fileName: string, limits?: ZipLimits): Promise<XlsxWorkbook> {
    const zip = await ZipArchive.open(path, fileName, limits);
    // The workbook part: from the package relationships, else the usual name.
    let workbookPart = 'xl/workbook.xml';
    const rootRels = zip.find('_rels/.rels');
    if (rootRels) {
      scanSmallXml(await zip.read(rootRels, 4 * 1024 * 1024), '_rels/.rels', (name, attrs) => {
        if (name === 'Relationship' && /officeDocument$/.test(attr(attrs, 'Type') ?? '')) {
          workbookPart = resolveTarget('', attr(attrs, 'Target') ?? workbookPart);
        }
      });
    }
    const workbookEntry = zip.find(workbookPart) ?? zip.find('xl/workbook.xml');
    if (!workbookEntry) {
      const binary = zip.find('xl/workbook.bin');
      throw new SpreadsheetError('not_spreadsheet', `${fileName}: no workbook part${binary ? ' (a binary .xlsb workbook)' : ''}`, {
        file: fileName,
        reason: binary ? 'xlsb' : 'no_workbook',
      });
    }
    workbookPart = workbookEntry.name;
    const relsPart = resolveTarget(workbookPart, `_rels/${workbookPart.split('/').pop()}.rels`);
    const targets = new Map<string, { target: string; type: string }>();
    const relsEntry = zip.find(relsPart);
    if (relsEntry) {
      scanSmallXml(await zip.read(relsEntry, 4 * 1024 * 1024), relsPart, (name, attrs) => {
        if (name !== 'Relationship') return;
        const id = attr(attrs, 'Id');
        const target = attr(attrs, 'Target');
        if (id && target && attr(attrs, 'TargetMode') !== 'External') {
          targets.set(id, { target: resolveTarget(workbookPart, target), type: attr(attrs, 'Type') ?? '' });
        }
      });
    }
    const sheets: SheetInfo[] = [];
    let date1904 = false;
    scanSmallXml(await zip.read(workbookEntry, 32 * 1024 * 1024), workbookPart, (name, attrs) => {
      if (name === 'sheet') {
        const rid = attr(attrs, 'r:id') ?? attr(attrs, 'id');
        const rel = rid ? targets.get(rid) : undefined;
        const state = attr(attrs, 'state') ?? 'visible';
        const isWorksheet = rel !== undefined && !/chartsheet|dialogsheet|macrosheet/i.test(rel.type);
        sheets.push({
          name: attr(attrs, 'name') ?? `Sheet${sheets.length + 1}`,
          hidden: state !== 'visible',
          part: isWorksheet && zip.find(rel.target) ? zip.find(rel.target)!.name : null,
        });
      } else if (name === 'workbookPr') {
        const v = attr(attrs, 'date1904');
        date1904 = v === '1' || v === 'true';
      }
    });
    // Some writers leave the relationships out: fall back to sheetN.xml in order.
    if (sheets.length > 0 && sheets.every((s) => s.part === null) && targets.size === 0) {
      sheets.forEach((s, i) => {
        s.part = zip.find(`xl/worksheets/sheet${i + 1}.xml`)?.name ?? null;
      });
    }
    let sharedStringsEntry: ZipEntry | undefined;
    let stylesEntry: ZipEntry | undefined;
    for (const { target, type } of targets.values()) {
      if (/\/sharedStrings$/.test(type)) sharedStringsEntry = zip.find(target);
      if (/\/styles$/.test(type)) stylesEntry = zip.find(target);
    }
    sharedStringsEntry ??= zip.find('xl/sharedStrings.xml');
    stylesEntry ??= zip.find('xl/styles.xml');
    const book = new XlsxWorkbook(zip, sheets, sharedStringsEntry);
    book.date1904 = date1904;
    if (stylesEntry) book.dateStyles = parseDateStyles(await zip.read(stylesEntry, 64 * 1024 * 1024), stylesEntry.name);
    return book;
  }

  private async loadSharedStrings(signal?: AbortSignal): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const handler = new SharedStringsHandler();
    if (this.sharedStringsEntry) {
      const tokenizer = new XmlTokenizer(handler, { part: this.sharedStringsEntry.name, latin1Tags: true });
      await this.zip.stream(this.sharedStringsEntry, (chunk) => tokenizer.push(chunk), signal);
      tokenizer.finish();
    }
    this.sharedStrings = handler.strings;
    return handler.strings;
  }

  /**
   * Streams a sheet's rows to onRow (in file order); onRow returns false to stop reading.
   * onChunk is awaited after each inflated chunk (back-pressure and progress).
   */
  async readSheet(
    sheet: SheetInfo,
    onRow: (row: RawRow) => boolean | void,
    options: { signal?: AbortSignal; onChunk?: (stats: ReadStats, compressedFraction: number) => Promise<void> | void } = {},
  ): Promise<ReadStats> {
    const stats: ReadStats = { rows: 0, cells: 0, dimensionRows: null, hiddenColumns: [], merges: 0, bytes: 0 };
    if (sheet.part === null) return stats;
    const entry = this.zip.find(sheet.part);
    if (!entry) return stats;
    const strings = await this.loadSharedStrings(options.signal);
    const handler = new SheetHandler(strings, this.dateStyles, this.date1904 ? DATE_1904_OFFSET : 0, stats, onRow);
    const tokenizer = new XmlTokenizer(handler, { part: entry.name, latin1Tags: true });
    let inflated = 0;
    await this.zip.stream(
      entry,
      async (chunk) => {
        tokenizer.push(chunk);
        inflated += chunk.length;
        stats.bytes = inflated;
        if (handler.stopped) return false;
        if (options.onChunk) await options.onChunk(stats, inflated / Math.max(1, entry.size));
        return !handler.stopped;
      },
      options.signal,
    );
    if (!handler.stopped) {
      tokenizer.finish();
      handler.finish();
    }
    return stats;
  }
}

function parseDateStyles(buf: Buffer, part: string): boolean[] {
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  const tokenizer = new XmlTokenizer(
    {
      wantText: false,
      open(name, raw) {
        const attrs = raw.text();
        if (name === 'numFmt') {
          const id = Number(attr(attrs, 'numFmtId'));
          const code = attr(attrs, 'formatCode');
          if (Number.isFinite(id) && code !== null) formats.set(id, code);
        } else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attr(attrs, 'numFmtId') ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    },
    { part },
  );
  tokenizer.push(buf);
  tokenizer.finish();
  return xfFormats.map((id) => {
    const code = formats.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

// The shortcuts' helpers live here, beside their only callers: they run for every cell.

/** Does buf hold `bytes` at `at`? */
function bytesAt(buf: Buffer, at: number, bytes: Buffer): boolean {
  if (at + bytes.length > buf.length) return false;
  for (let k = 0; k < bytes.length; k++) if (buf[at + k] !== bytes[k]) return false;
  return true;
}

/** The end (its '<') of a text run in buf[from…] that needs no entity decoding; -1 if it has '&' or is cut. */
function plainTextEnd(buf: Buffer, from: number): number {
  for (let i = from; i < buf.length; i++) {
    const b = buf[i];
    if (b === 0x3c /* < */) return i;
    if (b === 0x26 /* & */) return -1;
  }
  return -1;
}

function digitsOnly(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i]! < 48 || buf[i]! > 57) return false;
  return true;
}

// The fixed tags of the shortcuts (quickStrings, quickRow, quickCell).
const V_OPEN = Buffer.from('<v>', 'latin1');
const V_C_END = Buffer.from('</v></c>', 'latin1');
const IS_T_OPEN = Buffer.from('<is><t>', 'latin1');
const T_IS_C_END = Buffer.from('</t></is></c>', 'latin1');
const T_OPEN = Buffer.from('<t>', 'latin1');
const T_SI_END = Buffer.from('</t></si>', 'latin1');
const SI_OPEN = Buffer.from('<si>', 'latin1');
const ROW_END = Buffer.from('</row>', 'latin1');

/** Number() of the attribute value at buf[start…]: digits read directly, anything else as text. */
function rowNumberAt(buf: Buffer, start: number, to: number): number {
  const quote = buf[start - 1];
  let n = 0;
  let i = start;
  for (; i < to && i - start < 15; i++) {
    const b = buf[i]!;
    if (b < 48 || b > 57) break;
    n = n * 10 + (b - 48);
  }
  return i > start && buf[i] === quote ? n : Number(attrValue(buf, start, to));
}

const CAPTURE_NONE = 0;
const CAPTURE_V = 1;
const CAPTURE_IS = 2;

/** The hot path: one sheet's XML → rows. Attributes are read without allocating objects. */
/** A tag's attributes as bytes (quickRow's cells), read as latin1 like the sheet tokenizer's. */
class ByteAttrs implements XmlAttrs {
  buf: Buffer = Buffer.alloc(0);
  start = 0;
  end = 0;
  text(): string {
    return this.buf.toString('latin1', this.start, this.end);
  }
}

class SheetHandler implements XmlHandler {
  wantText = false;
  private readonly cellAttrs = new ByteAttrs();
  wantRaw = false;
  /** A <v> of a shared-string or number cell read straight from bytes: its integer, if it is one. */
  private rawInt = -1;
  private rawUsed = false;
  stopped = false;
  private inSheetData = false;
  private rowNumber = 0;
  private rowHidden = false;
  private cells: CellValue[] = [];
  private rowOpen = false;
  private lastCol = -1;
  private col = -1;
  private type = '';
  private style = -1;
  private value = '';
  private inline = '';
  private hasValue = false;
  private hasInline = false;
  private hasFormula = false;
  private capture = CAPTURE_NONE;
  private inIs = false;
  private inRph = false;
  private tooLong: number[] | undefined;
  private formulaNoValue: number[] | undefined;
  private readonly hiddenCols: [number, number][] = [];

  constructor(
    private readonly strings: string[],
    private readonly dateStyles: boolean[],
    private readonly dateOffset: number,
    private readonly stats: ReadStats,
    private readonly onRow: (row: RawRow) => boolean | void,
  ) {}

  open(name: string, raw: XmlAttrs, selfClosing: boolean): number | void {
    switch (name) {
      case 'c':
        if (!this.inSheetData) return;
        if (!this.rowOpen) this.startRow(this.rowNumber + 1, false);
        this.readCellAttrs(raw.buf, raw.start, raw.end);
        this.value = '';
        this.inline = '';
        this.rawInt = -1;
        this.hasValue = false;
        this.hasInline = false;
        this.hasFormula = false;
        if (selfClosing) return; // close() follows
        return this.quickCell(raw, raw.end + 1);
      case 'v':
        if (this.col >= 0 && !selfClosing) {
          this.capture = CAPTURE_V;
          this.wantText = true;
          this.hasValue = true;
          // Shared-string indexes and plain numbers: read the digits from the bytes.
          this.wantRaw = this.type === 's' || this.type === '' || this.type === 'n';
          this.rawInt = -1;
          this.rawUsed = false;
        }
        return;
      case 'f':
        this.hasFormula = true;
        return;
      case 'is':
        this.inIs = true;
        this.hasInline = true;
        return;
      case 'rPh':
        this.inRph = true;
        return;
      case 't':
        if (this.inIs && !this.inRph && !selfClosing) {
          this.capture = CAPTURE_IS;
          this.wantText = true;
        }
        return;
      case 'row': {
        if (!this.inSheetData) return;
        if (this.rowOpen) this.endRow();
        // attr() on the bytes: no string of the whole tag per row, and r="123" read as digits.
        const r = attrStart(raw.buf, raw.start, raw.end, 'r');
        const n = r < 0 ? this.rowNumber + 1 : rowNumberAt(raw.buf, r, raw.end);
        const hidden = attrStart(raw.buf, raw.start, raw.end, 'hidden');
        const hiddenValue = hidden < 0 ? null : attrValue(raw.buf, hidden, raw.end);
        this.startRow(Number.isInteger(n) && n > this.rowNumber ? n : this.rowNumber + 1, hiddenValue === '1' || hiddenValue === 'true');
        if (selfClosing) this.endRow();
        else return this.quickRow(raw.buf, raw.end + 1);
        return;
      }
      case 'sheetData':
        this.inSheetData = !selfClosing;
        return;
      case 'col': {
        const attrs = raw.text();
        const hidden = attr(attrs, 'hidden');
        if (hidden === '1' || hidden === 'true') {
          const min = Number(attr(attrs, 'min'));
          const max = Number(attr(attrs, 'max'));
          if (Number.isFinite(min) && Number.isFinite(max) && min >= 1) this.hiddenCols.push([min - 1, Math.min(max, MAX_COLUMNS) - 1]);
        }
        return;
      }
      case 'mergeCell':
        this.stats.merges++;
        return;
      case 'dimension': {
        const ref = attr(raw.text(), 'ref') ?? '';
        const m = /:?[A-Za-z]{1,3}(\d+)$/.exec(ref);
        if (m?.[1]) this.stats.dimensionRows = Math.min(MAX_ROWS, Number(m[1]));
        return;
      }
      default:
        return;
    }
  }

  /**
   * A row's cells one after another while they come in the usual shape (`<c …>` right after the
   * row's start or the cell before), then its `</row>`: the same calls in the same order as the
   * tokenizer would make, without its round trip per tag. Returns where the tokenizer goes on:
   * after `</row>`, or at the first thing not read here (text, another element, a cut tag).
   */
  private quickRow(buf: Buffer, at: number): number {
    const attrs = this.cellAttrs;
    attrs.buf = buf;
    let p = at;
    for (;;) {
      if (this.wantText) return p;
      if (bytesAt(buf, p, ROW_END)) {
        this.close('row');
        return p + ROW_END.length;
      }
      // `<c` and then what ends a tag name (as the tokenizer reads names).
      const after = buf[p + 2];
      if (
        buf[p] !== 0x3c /* < */ ||
        buf[p + 1] !== 0x63 /* c */ ||
        after === undefined ||
        !(after <= 0x20 || after === 0x2f || after === 0x3e)
      )
        return p;
      // Its end: the first '>' (a cell's attributes never hold one; the tokenizer reads it so too).
      let gt = p + 2;
      while (gt < buf.length && buf[gt] !== 0x3e /* > */) gt++;
      if (gt >= buf.length) return p;
      const selfClosing = buf[gt - 1] === 0x2f; /* / */
      attrs.start = p + 2;
      attrs.end = selfClosing ? gt - 1 : gt;
      const next = this.open('c', attrs, selfClosing);
      if (selfClosing) {
        this.close('c');
        p = gt + 1;
      } else if (next === undefined)
        return gt + 1; // its content goes to the tokenizer
      else p = next;
    }
  }

  /**
   * The usual cell's content, `<v>…</v></c>` (a shared-string index, a number) or
   * `<is><t>…</t></is></c>` (an inline string), read straight from buf[at…] with the same calls
   * the tokenizer would make, in the same order; anything else (a prefix, a formula, attributes,
   * rich text, a comment, entities, the end of the chunk) is left to the tokenizer. Returns where
   * the tokenizer goes on, after the cell's `</c>`.
   */
  private quickCell(raw: XmlAttrs, at: number): number | void {
    const buf = raw.buf;
    if (bytesAt(buf, at, V_OPEN)) {
      const from = at + V_OPEN.length;
      const to = plainTextEnd(buf, from);
      if (to < 0 || !bytesAt(buf, to, V_C_END)) return;
      const t = this.type;
      if (this.col >= 0 && (t === 's' || t === '' || t === 'n') && to > from && to - from <= 15 && digitsOnly(buf, from, to)) {
        // The commonest cell of all (a shared-string index or a whole number): what open('v'),
        // rawText(), close('v') and close('c') below come to for it, without the calls.
        let n = 0;
        for (let i = from; i < to; i++) n = n * 10 + (buf[i]! - 48);
        this.hasValue = true;
        this.rawUsed = true;
        this.rawInt = n;
        this.finishCell();
        this.col = -1;
        this.capture = CAPTURE_NONE;
        this.wantText = false;
        this.wantRaw = false;
        return to + V_C_END.length;
      }
      this.open('v', raw, false);
      if (to > from && this.wantText) {
        if (this.wantRaw) this.rawText(buf, from, to);
        else this.text(buf.toString('utf8', from, to));
      }
      this.close('v');
      this.close('c');
      return to + V_C_END.length;
    }
    if (bytesAt(buf, at, IS_T_OPEN)) {
      const from = at + IS_T_OPEN.length;
      const to = plainTextEnd(buf, from);
      if (to < 0 || !bytesAt(buf, to, T_IS_C_END)) return;
      this.open('is', raw, false);
      this.open('t', raw, false);
      if (to > from && this.wantText) this.text(buf.toString('utf8', from, to));
      this.close('t');
      this.close('is');
      this.close('c');
      return to + T_IS_C_END.length;
    }
  }

  private readCellAttrs(buf: Buffer, from: number, to: number): void {
    this.type = '';
    this.style = -1;
    let col = -1;
    // Attributes are ASCII here: r="AB12" t="s" s="3" (in any order, maybe with a prefix).
    let i = from;
    while (i < to) {
      while (i < to && buf[i]! <= 32) i++;
      const nameStart = i;
      while (i < to && buf[i] !== 61 /* = */ && buf[i]! > 32) i++;
      const nameEnd = i;
      while (i < to && buf[i] !== 34 && buf[i] !== 39) i++;
      if (i >= to) break;
      const quote = buf[i];
      const valueStart = ++i;
      while (i < to && buf[i] !== quote) i++;
      const valueEnd = i++;
      if (nameEnd - nameStart !== 1) continue;
      const key = buf[nameStart];
      if (key === 114 /* r */) {
        let letters = 0;
        let c = 0;
        for (let k = valueStart; k < valueEnd; k++) {
          const ch = buf[k]! | 0x20;
          if (ch >= 97 && ch <= 122) {
            c = c * 26 + (ch - 96);
            letters++;
          } else break;
        }
        if (letters > 0 && letters <= 3) col = c - 1;
      } else if (key === 116 /* t */) {
        const len = valueEnd - valueStart;
        const first = buf[valueStart];
        this.type =
          len === 1
            ? first === 115
              ? 's'
              : first === 110
                ? 'n'
                : first === 98
                  ? 'b'
                  : first === 101
                    ? 'e'
                    : first === 100
                      ? 'd'
                      : buf.toString('latin1', valueStart, valueEnd)
            : buf.toString('latin1', valueStart, valueEnd);
      } else if (key === 115 /* s */) {
        let v = 0;
        for (let k = valueStart; k < valueEnd; k++) v = v * 10 + (buf[k]! - 48);
        this.style = v;
      }
    }
    this.col = col >= 0 ? col : this.lastCol + 1;
    if (this.col >= MAX_COLUMNS) this.col = -1;
    else this.lastCol = this.col;
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capture = CAPTURE_NONE;
        this.wantText = false;
        this.wantRaw = false;
        return;
      case 'is':
        this.inIs = false;
        return;
      case 'rPh':
        this.inRph = false;
        return;
      case 'c':
        if (this.col >= 0) this.finishCell();
        this.col = -1;
        this.capture = CAPTURE_NONE;
        this.wantText = false;
        return;
      case 'row':
        if (this.rowOpen) this.endRow();
        return;
      case 'sheetData':
        if (this.rowOpen) this.endRow();
        this.inSheetData = false;
        return;
      default:
        return;
    }
  }

  rawText(buf: Buffer, start: number, end: number): void {
    // Usually one run; a second run (a comment inside <v>) falls back to text.
    if (this.rawUsed || this.value !== '') {
      this.text(buf.toString('utf8', start, end));
      return;
    }
    let n = 0;
    let i = start;
    for (; i < end; i++) {
      const b = buf[i]!;
      if (b < 48 || b > 57 || i - start > 14) break;
      n = n * 10 + (b - 48);
    }
    this.rawUsed = true;
    if (i === end && end > start) this.rawInt = n;
    else this.value = buf.toString('utf8', start, end);
  }

  text(text: string): void {
    if (this.capture === CAPTURE_V) {
      if (this.value.length <= MAX_CELL_CHARS) this.value += text;
    } else if (this.capture === CAPTURE_IS) {
      if (this.inline.length <= MAX_CELL_CHARS) this.inline += text;
    }
  }

  private finishCell(): void {
    const col = this.col;
    let value: CellValue;
    const t = this.type;
    if (this.hasInline && (t === 'inlineStr' || t === '' || !this.hasValue)) {
      value = unescapeOoxml(this.inline);
    } else if (!this.hasValue) {
      if (this.hasFormula) (this.formulaNoValue ??= []).push(col);
      return;
    } else if (this.rawInt >= 0 && (t === 's' || t === '' || t === 'n')) {
      const n = this.rawInt;
      if (t === 's') value = n < this.strings.length ? this.strings[n] : '';
      else if (this.style >= 0 && this.dateStyles[this.style] === true) value = new ExcelDate(n + this.dateOffset);
      else value = n;
    } else if (t === 's') {
      const index = Number(this.value);
      value = Number.isInteger(index) && index >= 0 && index < this.strings.length ? this.strings[index] : '';
    } else if (t === 'str' || t === 'e') {
      value = unescapeOoxml(decodeEntities(this.value));
    } else if (t === 'b') {
      value = this.value.trim() === '1' || this.value.trim().toLowerCase() === 'true';
    } else if (t === 'd') {
      value = this.isoToSerial(this.value.trim());
    } else {
      const text = this.value.trim();
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) value = text;
      else if (this.style >= 0 && this.dateStyles[this.style] === true) value = new ExcelDate(n + this.dateOffset);
      else value = n;
    }
    if (typeof value === 'string' && value.length > MAX_CELL_CHARS) {
      (this.tooLong ??= []).push(col);
      value = value.slice(0, MAX_CELL_CHARS);
    }
    this.cells[col] = value;
    this.stats.cells++;
  }

  private isoToSerial(text: string): CellValue {
    const ms = Date.parse(/Z|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}${text.includes('T') ? '' : 'T00:00:00'}Z`);
    return Number.isFinite(ms) ? new ExcelDate(serialOfUnixMs(ms)) : text;
  }

  private startRow(n: number, hidden: boolean): void {
    this.rowNumber = n;
    this.rowHidden = hidden;
    this.cells = [];
    this.rowOpen = true;
    this.lastCol = -1;
    this.tooLong = undefined;
    this.formulaNoValue = undefined;
  }

  private endRow(): void {
    this.rowOpen = false;
    if (this.stopped) return;
    if (this.rowNumber > MAX_ROWS) {
      throw new SpreadsheetError('too_many_rows', `sheet has rows past ${MAX_ROWS}`, { rows: this.rowNumber, limit: MAX_ROWS });
    }
    this.stats.rows++;
    const row: RawRow = { row: this.rowNumber, cells: this.cells, hidden: this.rowHidden };
    if (this.tooLong) row.tooLong = this.tooLong;
    if (this.formulaNoValue) row.formulaNoValue = this.formulaNoValue;
    if (this.stats.rows === 1) this.stats.hiddenColumns = this.hiddenColumnList();
    if (this.onRow(row) === false) this.stopped = true;
  }

  finish(): void {
    if (this.rowOpen) this.endRow();
    if (this.stats.rows === 0) this.stats.hiddenColumns = this.hiddenColumnList();
  }

  private hiddenColumnList(): number[] {
    const out = new Set<number>();
    for (const [a, b] of this.hiddenCols) {
      // Only the first 1,024 columns matter for a decision file; a range of 10^8 is not expanded.
      for (let c = a; c <= Math.min(b, 1023); c++) out.add(c);
    }
    return [...out].sort((x, y) => x - y);
  }
}
