// A lean streaming xlsx writer: rows go straight into a raw-deflate stream (zlib on libuv's
// thread pool, so compression runs beside the XML generation), memory stays flat whatever the
// row count. What exceljs's streaming writer cannot do cheaply is done at the end of each sheet:
// column widths fitted to everything written, the dimension, merges, autofilter — the sheet's
// beginning is compressed last and put in front of the already-compressed body (deflate
// segments concatenate; the CRC is combined, see crc32.ts).
//
// Text is written as shared strings for columns marked `shared` (few distinct values: sex,
// province, sector, workplace — the table is capped, so memory stays bounded) and as inline
// strings otherwise. No formulas are ever written; text that begins like a formula (= + - @,
// tab, CR, LF) gets a quotePrefix style so it stays inert text even after the clerk edits it.
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { constants as zc, createDeflateRaw, crc32, type DeflateRaw, type ZlibOptions } from 'node:zlib';
import { displayWidth } from './text-width';
import { crc32Combine } from './crc32';
import { StyleSheet } from './styles';
import { tElement, xmlAttr, xmlText } from './xml';
import { deflateFinal, deflateSegment, DEFLATE_LEVEL, ZipFileWriter, type CompressedPart } from './zip';
import { looksLikeFormula } from '../../../shared/formula-guard';
import { SpreadsheetError } from '../errors';
import { columnLetter, dateToSerial, isoToSerial, MAX_COLUMNS, MAX_ROWS, safeSheetName } from '../cells';

export type ColumnType = 'text' | 'number' | 'date' | 'auto';

export interface SheetColumn {
  type?: ColumnType;
  /** A fixed width in characters; without it the column fits what was written (min..max). */
  width?: number;
  minWidth?: number;
  maxWidth?: number;
  /** Text with few distinct values: stored once in the shared-string table. */
  shared?: boolean;
}

/** Header/footer text in Excel's codes: &P page, &N pages, &L &C &R sections; see hfText. */
export interface HeaderFooter {
  left?: string;
  center?: string;
  right?: string;
}

export interface PrintSetup {
  orientation: 'portrait' | 'landscape';
  /** Scale so every column fits one page wide (as many pages down as needed). */
  fitToWidth?: boolean;
  /** Rows (1-based, inclusive) printed at the top of every page. */
  repeatRows?: [number, number];
  header?: HeaderFooter;
  footer?: HeaderFooter;
  /** Inches. */
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  horizontalCentered?: boolean;
}

export interface SheetOptions {
  name: string;
  columns: readonly SheetColumn[];
  /** Rows (and columns) kept in view while scrolling. */
  freeze?: { rows: number; cols?: number };
  /** The header row of an autofilter over every column, down to the last row written. */
  autoFilterRow?: number;
  print?: PrintSetup;
  showGridLines?: boolean;
  /** Points. */
  defaultRowHeight?: number;
  tabColor?: string;
}

export interface RowOptions {
  /** Points. */
  height?: number;
  /** Count this row's cells when fitting column widths (default true; false for titles over merged cells). */
  fit?: boolean;
}

export interface WorkbookOptions {
  /** Where a large sheet body waits until its sheet is closed (default: the file's folder). */
  tempDir: string;
  title?: string;
  creator?: string;
  level?: number;
  /** Distinct shared strings kept at most; later new values are written inline. */
  sharedStringLimit?: number;
  /** Compressed bytes of a sheet body kept in memory before it moves to a temporary file. */
  spillBytes?: number;
}

/** Header/footer text: a literal & doubled so it is not read as a code. */
export function hfText(text: string): string {
  return text.replace(/&/g, '&&');
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly values: string[] = [];
  references = 0;
  constructor(private readonly limit: number) {}
  /** The index of a string, or -1 when the table is full and the text is new. */
  lookup(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      if (this.values.length >= this.limit) return -1;
      i = this.values.length;
      this.values.push(text);
      this.index.set(text, i);
    }
    this.references++;
    return i;
  }
}

/** Compressed sheet body: memory until SPILL bytes, then a temporary file. */
class BodySink {
  private chunks: Buffer[] = [];
  private size = 0;
  private fd: number | null = null;
  private readonly spillPath: string;
  static readonly SPILL = 8 * 1024 * 1024;

  constructor(
    tempDir: string,
    private readonly spillAt = BodySink.SPILL,
  ) {
    this.spillPath = join(tempDir, `.xlsx-body-${randomBytes(6).toString('hex')}.tmp`);
  }

  /** The temporary file, once the body outgrew memory (null before). */
  get spilledTo(): string | null {
    return this.fd === null ? null : this.spillPath;
  }

  push(chunk: Buffer): void {
    if (this.fd === null && this.size + chunk.length > this.spillAt) {
      this.fd = openSync(this.spillPath, 'wx+');
      for (const c of this.chunks) this.writeAll(c);
      this.chunks = [];
    }
    if (this.fd !== null) this.writeAll(chunk);
    else this.chunks.push(chunk);
    this.size += chunk.length;
  }

  private writeAll(chunk: Buffer): void {
    let written = 0;
    while (written < chunk.length) written += writeSync(this.fd!, chunk, written, chunk.length - written, null);
  }

  get length(): number {
    return this.size;
  }

  parts(): CompressedPart[] {
    return this.fd === null ? this.chunks : [{ fd: this.fd, length: this.size }];
  }

  dispose(): void {
    this.chunks = [];
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // closed
      }
      try {
        unlinkSync(this.spillPath);
      } catch {
        // gone
      }
      this.fd = null;
    }
  }
}

interface SheetRecord {
  name: string;
  print?: PrintSetup;
  autoFilter?: string;
}

export class XlsxWriter {
  readonly styles = new StyleSheet();
  private readonly zip: ZipFileWriter;
  private readonly sheets: SheetRecord[] = [];
  readonly sharedStrings: SharedStrings;
  private current: SheetWriter | null = null;
  private activeSheet = 0;
  private closed = false;

  constructor(
    readonly path: string,
    readonly options: WorkbookOptions,
  ) {
    this.zip = new ZipFileWriter(path);
    this.sharedStrings = new SharedStrings(options.sharedStringLimit ?? 100_000);
  }

  /** Starts the next sheet (the previous one must be closed). */
  addSheet(options: SheetOptions): SheetWriter {
    if (this.closed) throw new Error('workbook closed');
    if (this.current !== null) throw new Error('close the previous sheet first');
    if (options.columns.length > MAX_COLUMNS) {
      throw new SpreadsheetError('too_many_columns', `a sheet holds at most ${MAX_COLUMNS} columns`, {
        columns: options.columns.length,
        limit: MAX_COLUMNS,
      });
    }
    const name = safeSheetName(
      options.name,
      this.sheets.map((s) => s.name),
    );
    const index = this.sheets.length;
    this.sheets.push({ name, print: options.print });
    const sheet = new SheetWriter(this, index, name, options, (autoFilter) => {
      this.sheets[index]!.autoFilter = autoFilter;
      this.current = null;
    });
    this.current = sheet;
    return sheet;
  }

  /** Which sheet is shown when the file opens (0-based, in tab order). */
  setActiveSheet(index: number): void {
    this.activeSheet = index;
  }

  get activeSheetIndex(): number {
    return this.activeSheet;
  }

  /** @internal */
  writePart(
    name: string,
    entry: { crc: number; compressedSize: number; uncompressedSize: number; parts: readonly CompressedPart[] },
  ): void {
    this.zip.addAssembled({ name, ...entry });
  }

  get level(): number {
    return this.options.level ?? DEFLATE_LEVEL;
  }

  /** Writes the workbook's remaining parts and closes the file. */
  async close(): Promise<void> {
    if (this.current !== null) await this.current.close();
    if (this.closed) return;
    if (this.sheets.length === 0) throw new Error('a workbook needs at least one sheet');
    const sst = this.sharedStrings;
    const sstXml: string[] = [
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.references}" uniqueCount="${sst.values.length}">`,
    ];
    for (const value of sst.values) sstXml.push(`<si>${tElement(value)}</si>`);
    sstXml.push('</sst>');
    this.zip.addSmall('xl/sharedStrings.xml', sstXml.join(''), this.level);
    this.zip.addSmall('xl/styles.xml', this.styles.toXml(), this.level);
    this.zip.addSmall('xl/workbook.xml', this.workbookXml(), this.level);
    this.zip.addSmall('xl/_rels/workbook.xml.rels', this.workbookRels(), this.level);
    this.zip.addSmall('docProps/core.xml', this.coreXml(), this.level);
    this.zip.addSmall(
      'docProps/app.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Placement Ledger</Application></Properties>',
      this.level,
    );
    this.zip.addSmall('_rels/.rels', ROOT_RELS, this.level);
    this.zip.addSmall('[Content_Types].xml', this.contentTypes(), this.level);
    this.zip.close();
    this.closed = true;
  }

  /** Stops writing; the caller deletes the file. */
  abort(): void {
    this.current?.abort();
    this.zip.abort();
    this.closed = true;
  }

  private workbookXml(): string {
    const quoted = (name: string) => `'${xmlAttr(name).replace(/'/g, "''")}'`;
    const names: string[] = [];
    this.sheets.forEach((sheet, i) => {
      if (sheet.autoFilter) {
        names.push(
          `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${quoted(sheet.name)}!${absoluteRange(sheet.autoFilter)}</definedName>`,
        );
      }
      const rows = sheet.print?.repeatRows;
      if (rows)
        names.push(
          `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${quoted(sheet.name)}!$${rows[0]}:$${rows[1]}</definedName>`,
        );
    });
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<workbookPr/>' +
      `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="15000" activeTab="${this.activeSheet}"/></bookViews>` +
      `<sheets>${this.sheets.map((s, i) => `<sheet name="${xmlAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
      (names.length ? `<definedNames>${names.join('')}</definedNames>` : '') +
      '<calcPr calcId="191029"/>' +
      '</workbook>'
    );
  }

  private workbookRels(): string {
    const n = this.sheets.length;
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      this.sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>'
    );
  }

  private contentTypes(): string {
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      this.sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '</Types>'
    );
  }

  private coreXml(): string {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      (this.options.title ? `<dc:title>${xmlAttr(this.options.title)}</dc:title>` : '') +
      (this.options.creator ? `<dc:creator>${xmlAttr(this.options.creator)}</dc:creator>` : '') +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
      '</cp:coreProperties>'
    );
  }
}

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
  '</Relationships>';

function absoluteRange(ref: string): string {
  return ref
    .split(':')
    .map((cell) => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'))
    .join(':');
}

const FLUSH_CHARS = 1 << 17;

export class SheetWriter {
  private readonly deflate: DeflateRaw;
  private readonly sink: BodySink;
  private readonly ended: Promise<void>;
  private pending = '';
  private bodyCrc = 0;
  private bodyBytes = 0;
  private row = 0;
  private maxColumn = 0;
  private readonly widths: number[];
  private readonly types: ColumnType[];
  private readonly shared: boolean[];
  private readonly lastText: (string | undefined)[] = [];
  private readonly lastIndex: number[] = [];
  private readonly letters: string[];
  private readonly merges: string[] = [];
  private waiting = false;
  private yieldWanted = false;
  private failed: Error | null = null;
  private done = false;

  constructor(
    private readonly workbook: XlsxWriter,
    private readonly index: number,
    readonly name: string,
    private readonly options: SheetOptions,
    private readonly onClose: (autoFilter: string | undefined) => void,
  ) {
    this.sink = new BodySink(workbook.options.tempDir, workbook.options.spillBytes);
    // highWaterMark: the stream lets 1 MB wait before write() asks the producer to pause.
    this.deflate = createDeflateRaw({ level: workbook.level, finishFlush: zc.Z_SYNC_FLUSH, highWaterMark: 1 << 20 } as ZlibOptions);
    this.deflate.on('data', (chunk: Buffer) => this.sink.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.deflate.on('end', resolve);
      this.deflate.on('error', (error) => {
        this.failed = error;
        reject(error);
      });
    });
    this.ended.catch(() => undefined);
    const n = options.columns.length;
    this.widths = new Array<number>(n).fill(0);
    this.types = options.columns.map((c) => c.type ?? 'auto');
    this.shared = options.columns.map((c) => c.shared === true);
    this.letters = Array.from({ length: Math.max(n, 1) }, (_, i) => columnLetter(i));
  }

  /** Where the compressed body waits, once it outgrew memory (tests). */
  get spilledTo(): string | null {
    return this.sink.spilledTo;
  }

  /** Rows written so far (the last row's number). */
  get rowCount(): number {
    return this.row;
  }

  /**
   * Appends one row. `styles` is one xf for every cell or one per cell. Returns false when the
   * compressor is behind: `await sheet.drain()` before the next row keeps memory flat.
   */
  addRow(values: readonly unknown[], styles?: number | readonly (number | undefined)[], options?: RowOptions): boolean {
    if (this.failed) throw this.failed;
    const height = options?.height;
    const fit = options?.fit !== false;
    if (this.row >= MAX_ROWS)
      throw new SpreadsheetError('too_many_rows', `a sheet holds at most ${MAX_ROWS} rows`, { rows: this.row + 1, limit: MAX_ROWS });
    const r = ++this.row;
    let xml = height === undefined ? '<row r="' + r + '">' : '<row r="' + r + '" ht="' + height + '" customHeight="1">';
    const perCell = typeof styles === 'object' ? styles : null;
    const count = perCell !== null && perCell.length > values.length ? perCell.length : values.length;
    while (this.letters.length < count) this.letters.push(columnLetter(this.letters.length));
    for (let c = 0; c < count; c++) {
      let style = perCell !== null ? perCell[c] : (styles as number | undefined);
      const value = values[c];
      if (value === null || value === undefined || value === '') {
        if (style) xml += '<c r="' + this.letters[c]! + r + '" s="' + style + '"/>';
        continue;
      }
      if (c >= this.maxColumn) this.maxColumn = c + 1;
      const type = this.types[c];
      let serial: number | null = null;
      if (typeof value === 'number') {
        if (type !== 'text') {
          if (!Number.isFinite(value)) {
            if (style) xml += '<c r="' + this.letters[c]! + r + '" s="' + style + '"/>';
            continue;
          }
          serial = value;
          const width = type === 'date' ? 10 : numberWidth(value);
          if (fit && width > this.widths[c]!) this.widths[c] = width;
        }
      } else if (type === 'date') {
        serial = typeof value === 'string' ? isoToSerial(value) : value instanceof Date ? dateToSerial(value) : null;
        if (fit && serial !== null && 10 > this.widths[c]!) this.widths[c] = 10;
      }
      if (serial !== null) {
        xml += style
          ? '<c r="' + this.letters[c]! + r + '" s="' + style + '"><v>' + serial + '</v></c>'
          : '<c r="' + this.letters[c]! + r + '"><v>' + serial + '</v></c>';
        continue;
      }
      if (typeof value === 'boolean') {
        xml += '<c r="' + this.letters[c]! + r + '"' + (style ? ' s="' + style + '"' : '') + ' t="b"><v>' + (value ? 1 : 0) + '</v></c>';
        if (fit && 5 > this.widths[c]!) this.widths[c] = 5;
        continue;
      }
      const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
      if (looksLikeFormula(text)) style = this.workbook.styles.quoted(style ?? 0);
      if (fit && text.length * 2 > this.widths[c]!) {
        const width = displayWidth(text);
        if (width > this.widths[c]!) this.widths[c] = width;
      }
      let sharedIndex = -1;
      if (this.shared[c]) {
        // Runs of the same value (a workplace, a sector) skip the table lookup.
        if (this.lastText[c] === text) {
          sharedIndex = this.lastIndex[c]!;
          if (sharedIndex >= 0) this.workbook.sharedStrings.references++;
        } else {
          sharedIndex = this.workbook.sharedStrings.lookup(text);
          this.lastText[c] = text;
          this.lastIndex[c] = sharedIndex;
        }
      }
      xml += '<c r="' + this.letters[c]! + r + (style ? '" s="' + style : '');
      xml += sharedIndex >= 0 ? '" t="s"><v>' + sharedIndex + '</v></c>' : '" t="inlineStr"><is>' + tElement(text) + '</is></c>';
    }
    this.pending += xml + '</row>';
    if (this.pending.length >= FLUSH_CHARS) return this.flushPending();
    return !this.waiting;
  }

  /** Merges a rectangle (1-based rows and columns). */
  merge(fromRow: number, fromCol: number, toRow: number, toCol: number): void {
    this.merges.push(`${columnLetter(fromCol - 1)}${fromRow}:${columnLetter(toCol - 1)}${toRow}`);
  }

  private flushPending(): boolean {
    if (this.pending.length === 0) return !this.waiting;
    const buffer = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.bodyCrc = crc32(buffer, this.bodyCrc);
    this.bodyBytes += buffer.length;
    if (!this.deflate.write(buffer)) this.waiting = true;
    // zlib compresses on its own thread, but hands each chunk back through this thread's event
    // loop: the producer yields after every chunk so the compressor never waits for it.
    this.yieldWanted = true;
    return false;
  }

  /**
   * Lets the compressor take the chunk just written (one turn of the event loop), or waits until
   * it has caught up when more than a megabyte is queued. Call it whenever addRow returns false.
   */
  drain(): Promise<void> {
    if (!this.waiting) {
      if (!this.yieldWanted) return Promise.resolve();
      this.yieldWanted = false;
      return new Promise((resolve) => setImmediate(resolve));
    }
    this.yieldWanted = false;
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.deflate.once('drain', () => {
        this.waiting = false;
        this.deflate.off('error', onError);
        resolve();
      });
      this.deflate.once('error', onError);
    });
  }

  /** Finishes the sheet: fits the columns, writes beginning + body + end into the workbook. */
  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      this.flushPending();
      this.deflate.end();
      await this.ended;
      const prefix = deflateSegment(this.prefixXml(), this.workbook.level);
      const suffix = deflateFinal(this.suffixXml(), this.workbook.level);
      const crcHead = crc32Combine(crc32(prefix.raw), this.bodyCrc, this.bodyBytes);
      const crc = crc32(suffix.raw, crcHead);
      this.workbook.writePart(`xl/worksheets/sheet${this.index + 1}.xml`, {
        crc,
        uncompressedSize: prefix.raw.length + this.bodyBytes + suffix.raw.length,
        compressedSize: prefix.compressed.length + this.sink.length + suffix.compressed.length,
        parts: [prefix.compressed, ...this.sink.parts(), suffix.compressed],
      });
    } finally {
      this.sink.dispose();
      this.onClose(this.autoFilterRef());
    }
  }

  abort(): void {
    this.done = true;
    this.deflate.destroy();
    this.sink.dispose();
  }

  private autoFilterRef(): string | undefined {
    const header = this.options.autoFilterRow;
    if (header === undefined) return undefined;
    const last = Math.max(header, this.row);
    return `A${header}:${columnLetter(Math.max(this.options.columns.length, 1) - 1)}${last}`;
  }

  private columnWidth(i: number): number {
    const spec = this.options.columns[i]!;
    if (spec.width !== undefined) return spec.width;
    const fitted = this.widths[i]! + 2;
    const min = spec.minWidth ?? 4;
    const max = spec.maxWidth ?? 60;
    return Math.round(Math.min(max, Math.max(min, fitted)) * 100) / 100;
  }

  private prefixXml(): string {
    const o = this.options;
    const columns = Math.max(o.columns.length, this.maxColumn, 1);
    const lastRow = Math.max(this.row, 1);
    const freeze = o.freeze;
    let pane = '';
    if (freeze && (freeze.rows > 0 || (freeze.cols ?? 0) > 0)) {
      const cols = freeze.cols ?? 0;
      const topLeft = `${columnLetter(cols)}${freeze.rows + 1}`;
      const activePane = freeze.rows > 0 && cols > 0 ? 'bottomRight' : freeze.rows > 0 ? 'bottomLeft' : 'topRight';
      pane =
        `<pane${cols ? ` xSplit="${cols}"` : ''}${freeze.rows ? ` ySplit="${freeze.rows}"` : ''} topLeftCell="${topLeft}" activePane="${activePane}" state="frozen"/>` +
        `<selection pane="${activePane}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
    }
    const selected = this.workbook.activeSheetIndex === this.index;
    const sheetPr =
      o.tabColor || o.print?.fitToWidth
        ? `<sheetPr>${o.tabColor ? `<tabColor rgb="${o.tabColor}"/>` : ''}${o.print?.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>`
        : '';
    const cols = o.columns.map((_, i) => `<col min="${i + 1}" max="${i + 1}" width="${this.columnWidth(i)}" customWidth="1"/>`).join('');
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      sheetPr +
      `<dimension ref="A1:${columnLetter(columns - 1)}${lastRow}"/>` +
      `<sheetViews><sheetView${o.showGridLines === false ? ' showGridLines="0"' : ''}${selected ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="${o.defaultRowHeight ?? 16.5}"${o.defaultRowHeight ? ' customHeight="1"' : ''}/>` +
      (cols ? `<cols>${cols}</cols>` : '') +
      '<sheetData>'
    );
  }

  private suffixXml(): string {
    const o = this.options;
    const p = o.print;
    const autoFilter = this.autoFilterRef();
    const margins = p?.margins ?? { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 };
    const hf = (tag: string, part: HeaderFooter | undefined) => {
      if (!part) return '';
      const text = (part.left ? `&L${part.left}` : '') + (part.center ? `&C${part.center}` : '') + (part.right ? `&R${part.right}` : '');
      return text ? `<${tag}>${xmlText(text)}</${tag}>` : '';
    };
    const headerFooter = p ? hf('oddHeader', p.header) + hf('oddFooter', p.footer) : '';
    return (
      '</sheetData>' +
      (autoFilter ? `<autoFilter ref="${autoFilter}"/>` : '') +
      (this.merges.length
        ? `<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
        : '') +
      (p?.horizontalCentered ? '<printOptions horizontalCentered="1"/>' : '') +
      `<pageMargins left="${margins.left}" right="${margins.right}" top="${margins.top}" bottom="${margins.bottom}" header="${margins.header}" footer="${margins.footer}"/>` +
      (p ? `<pageSetup paperSize="9" orientation="${p.orientation}"${p.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>` : '') +
      (headerFooter ? `<headerFooter>${headerFooter}</headerFooter>` : '') +
      '</worksheet>'
    );
  }
}

function numberWidth(value: number): number {
  const digits = String(Math.trunc(Math.abs(value))).length;
  return digits + Math.floor((digits - 1) / 3) + (value < 0 ? 1 : 0) + (Number.isInteger(value) ? 0 : 3);
}
