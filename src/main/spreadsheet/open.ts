// One way to read a spreadsheet file: sniff what it is from its first bytes (not its name),
// refuse what is not a spreadsheet with a specific SpreadsheetError, and stream a sheet's rows.
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { readCsv, sniffCsv, type CsvEncoding, type CsvSniff } from './csv';
import { SpreadsheetError } from './errors';
import { XlsxWorkbook, type RawRow, type ReadStats, type SheetInfo } from './read/xlsx';

export type SpreadsheetFormat = 'xlsx' | 'csv';

export interface ReadOptions {
  signal?: AbortSignal;
  /** Awaited between chunks: back-pressure and progress (fraction of the part read, 0…1). */
  onChunk?: (stats: ReadStats, fraction: number) => Promise<void> | void;
}

export interface Spreadsheet {
  format: SpreadsheetFormat;
  encoding: CsvEncoding | null;
  encodingDetected: CsvEncoding | null;
  sheets: SheetInfo[];
  readSheet(sheet: SheetInfo, onRow: (row: RawRow) => boolean | void, options?: ReadOptions): Promise<ReadStats>;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function notSpreadsheet(fileName: string, reason: string): SpreadsheetError {
  return new SpreadsheetError('not_spreadsheet', `${fileName}: ${reason}`, { file: fileName, reason });
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** An OLE compound file: an encrypted (password-protected) .xlsx, or an old binary .xls. */
async function describeOle(path: string, fileName: string, size: number): Promise<SpreadsheetError> {
  const head = await readHead(path, Math.min(size, 16 * 1024 * 1024));
  const marker = Buffer.from('EncryptedPackage', 'utf16le');
  if (head.includes(marker) || head.includes(Buffer.from('EncryptionInfo', 'utf16le'))) {
    return new SpreadsheetError('encrypted', `${fileName}: password-protected workbook`, { file: fileName });
  }
  return new SpreadsheetError('legacy_xls', `${fileName}: an Excel 97–2003 (.xls) workbook`, { file: fileName });
}

export async function openSpreadsheet(
  path: string,
  fileName: string,
  options: { encoding?: 'auto' | 'utf8' | 'cp949' } = {},
): Promise<Spreadsheet> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new SpreadsheetError('unreadable', `${path}: ${(error as Error).message}`, { file: fileName });
  }
  if (size === 0) throw new SpreadsheetError('empty', `${fileName}: the file is empty`, { file: fileName, sheet: fileName });
  const head = await readHead(path, 512);
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) {
    const book = await XlsxWorkbook.open(path, fileName);
    if (book.sheets.length === 0) throw new SpreadsheetError('no_sheets', `${fileName}: no sheets`, { file: fileName });
    return {
      format: 'xlsx',
      encoding: null,
      encodingDetected: null,
      sheets: book.sheets,
      readSheet: (sheet, onRow, opts = {}) => book.readSheet(sheet, onRow, opts),
    };
  }
  if (head.subarray(0, 8).equals(OLE_MAGIC)) throw await describeOle(path, fileName, size);
  const start = head.toString('latin1', 0, 8);
  if (start.startsWith('%PDF')) throw notSpreadsheet(fileName, 'pdf');
  if (head[0] === 0x50 && head[1] === 0x4b)
    throw new SpreadsheetError('corrupt', `${fileName}: a damaged zip`, { file: fileName, reason: 'zip header' });
  const lowerHead = head
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (
    lowerHead.startsWith('<?xml') ||
    lowerHead.startsWith('<html') ||
    lowerHead.startsWith('<!doctype') ||
    lowerHead.startsWith('<table')
  ) {
    throw notSpreadsheet(fileName, 'xml_or_html');
  }
  if ([0x1f8b, 0x377a, 0x5261, 0x8950, 0xffd8, 0x4d5a].includes(head.readUInt16BE(0))) throw notSpreadsheet(fileName, 'binary');
  const ext = extname(fileName).toLowerCase();
  if (!['.csv', '.txt', '.tsv', ''].includes(ext) && !looksLikeText(head)) throw notSpreadsheet(fileName, 'binary');
  const override = options.encoding === 'utf8' || options.encoding === 'cp949' ? options.encoding : undefined;
  const detected = await sniffCsv(path, fileName);
  const sniff: CsvSniff = override ? await sniffCsv(path, fileName, override) : detected;
  const sheet: SheetInfo = { name: fileName, hidden: false, part: null };
  return {
    format: 'csv',
    encoding: sniff.encoding,
    encodingDetected: detected.encoding,
    sheets: [sheet],
    readSheet: (_sheet, onRow, opts = {}) => readCsv(path, fileName, sniff, onRow, opts),
  };
}

function looksLikeText(head: Buffer): boolean {
  let control = 0;
  for (const b of head) if (b < 9 || (b > 13 && b < 32)) control++;
  return control === 0;
}
