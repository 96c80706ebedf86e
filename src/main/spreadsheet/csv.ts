// CSV as the offices send it: UTF-8 with or without BOM, CP949 (EUC-KR) from Korean Excel, UTF-16
// from Excel's "Unicode text". The encoding is detected from the first bytes (the clerk can
// override it); decoding is strict — a byte sequence the encoding cannot read stops the import
// with a sentence instead of becoming U+FFFD — and streaming (TextDecoder with stream: true keeps
// a character split between two read chunks whole). Rows are numbered as Excel numbers them.
// The same splitter parses our own reference files in memory (parseCsv); the writing half makes
// fields for dumps (csvField) and for spreadsheets (csvText, with the formula guard).
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { inertText, looksLikeFormula } from '../../shared/formula-guard';
import { MAX_CELL_CHARS, MAX_ROWS } from './cells';
import { SpreadsheetError } from './errors';
import type { RawRow, ReadStats } from './read/xlsx';

/** The text encodings a CSV is read in (UTF-16 only with its BOM). */
export type CsvEncoding = 'utf8' | 'cp949' | 'utf16le' | 'utf16be';

const SAMPLE_BYTES = 64 * 1024;
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

export interface CsvSniff {
  encoding: CsvEncoding;
  bom: number;
  delimiter: string;
}

const DECODER_LABEL: Record<CsvEncoding, string> = {
  utf8: 'utf-8',
  cp949: 'euc-kr',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
};

function canDecode(bytes: Buffer, encoding: CsvEncoding): boolean {
  try {
    new TextDecoder(DECODER_LABEL[encoding], { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Reads the first bytes: encoding (BOM, strict UTF-8, else CP949) and delimiter. */
export async function sniffCsv(path: string, fileName: string, override?: 'utf8' | 'cp949'): Promise<CsvSniff> {
  const handle = await open(path, 'r');
  let sample: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  let encoding: CsvEncoding;
  let bom = 0;
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    encoding = 'utf8';
    bom = 3;
  } else if (sample[0] === 0xff && sample[1] === 0xfe) {
    encoding = 'utf16le';
    bom = 2;
  } else if (sample[0] === 0xfe && sample[1] === 0xff) {
    encoding = 'utf16be';
    bom = 2;
  } else {
    if (sample.includes(0)) {
      throw new SpreadsheetError('not_spreadsheet', `${fileName}: binary content`, { file: fileName, reason: 'binary' });
    }
    encoding = canDecode(sample, 'utf8') ? 'utf8' : 'cp949';
  }
  if (override && (encoding === 'utf8' || encoding === 'cp949')) encoding = override;
  if (!canDecode(sample.subarray(bom), encoding)) {
    throw new SpreadsheetError('encoding', `${fileName}: not readable as ${encoding}`, {
      file: fileName,
      encoding: encoding.toUpperCase(),
      row: 1,
    });
  }
  const text = new TextDecoder(DECODER_LABEL[encoding]).decode(sample.subarray(bom), { stream: true });
  return { encoding, bom, delimiter: sniffDelimiter(text) };
}

function sniffDelimiter(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/)
    .slice(0, 20)
    .filter((l) => l.trim() !== '');
  let best = ',';
  let bestScore = 0;
  for (const d of [',', '\t', ';', '|']) {
    const counts = lines.map((line) => {
      let n = 0;
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        else if (ch === d && !quoted) n++;
      }
      return n;
    });
    const nonZero = counts.filter((n) => n > 0);
    if (nonZero.length === 0) continue;
    // Lines agreeing on the most common count, weighted by that count.
    const freq = new Map<number, number>();
    for (const n of nonZero) freq.set(n, (freq.get(n) ?? 0) + 1);
    const [count, agree] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    const score = agree * 100 + count;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** One record's fields, and the indexes of those cut at MAX_CELL_CHARS (or undefined). */
type CsvRecordSink = (fields: string[], tooLong: number[] | undefined) => boolean | void;

/**
 * The one CSV record splitter (RFC 4180 quotes, CR, LF or CRLF line ends), fed text in pieces of
 * any size: a quote or CR at the end of a piece is decided by the next one. `onRecord` may
 * return false to stop; `onOverlong` must throw.
 */
function csvSplitter(delimiter: number, onRecord: CsvRecordSink, onOverlong: (chars: number) => never) {
  const counts = { cells: 0 };
  let fields: string[] = [];
  let field = '';
  let recordChars = 0;
  let quoted = false;
  let afterQuote = false;
  let fieldStarted = false;
  let pendingCr = false;
  let stopped = false;
  let tooLong: number[] | undefined;

  const endField = () => {
    if (field.length > MAX_CELL_CHARS) {
      (tooLong ??= []).push(fields.length);
      field = field.slice(0, MAX_CELL_CHARS);
    }
    fields.push(field);
    if (field !== '') counts.cells++;
    field = '';
    fieldStarted = false;
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    const record = fields;
    const cut = tooLong;
    fields = [];
    tooLong = undefined;
    recordChars = 0;
    if (onRecord(record, cut) === false) stopped = true;
  };

  const consume = (text: string) => {
    const n = text.length;
    let i = 0;
    if (pendingCr) {
      pendingCr = false;
      if (n > 0 && text.charCodeAt(0) === 10) i = 1;
    }
    while (i < n && !stopped) {
      const c = text.charCodeAt(i);
      if (quoted) {
        // Inside quotes: copy up to the next quote in one slice.
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          recordChars += n - i;
          break;
        }
        field += text.slice(i, q);
        recordChars += q - i;
        if (q + 1 < n) {
          if (text.charCodeAt(q + 1) === 34) {
            field += '"';
            i = q + 2;
          } else {
            quoted = false;
            afterQuote = true;
            i = q + 1;
          }
        } else {
          // A quote at the end of the chunk: decided by the next chunk's first character.
          quoted = false;
          afterQuote = true;
          i = q + 1;
        }
        continue;
      }
      if (c === delimiter) {
        endField();
        i++;
      } else if (c === 10 || c === 13) {
        endRecord();
        if (c === 13) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === 10) i++;
          } else pendingCr = true;
        }
        i++;
      } else if (c === 34 && (!fieldStarted || afterQuote)) {
        // An opening quote, or "" right after a closing quote (an escaped quote across chunks).
        if (afterQuote) field += '"';
        quoted = true;
        fieldStarted = true;
        afterQuote = false;
        i++;
      } else {
        // Unquoted text up to the next delimiter, quote or line end.
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === delimiter || d === 10 || d === 13) break;
          j++;
        }
        field += text.slice(i, j);
        recordChars += j - i;
        fieldStarted = true;
        afterQuote = false;
        i = j;
      }
      if (recordChars > MAX_RECORD_CHARS) onOverlong(recordChars);
    }
  };

  return {
    counts,
    consume,
    /** The text has ended: the last record (if any); false when a quoted field is never closed. */
    finish(): boolean {
      if (quoted) return false;
      if (fieldStarted || fields.length > 0 || field !== '') endRecord();
      return true;
    },
    get stopped() {
      return stopped;
    },
  };
}

/** Streams the records of a CSV file as rows (cells are strings), numbered from 1. */
export async function readCsv(
  path: string,
  fileName: string,
  sniff: CsvSniff,
  onRow: (row: RawRow) => boolean | void,
  options: { signal?: AbortSignal; onChunk?: (stats: ReadStats, fraction: number) => Promise<void> | void } = {},
): Promise<ReadStats> {
  const stats: ReadStats = { rows: 0, cells: 0, dimensionRows: null, hiddenColumns: [], merges: 0, bytes: 0 };
  const decoder = new TextDecoder(DECODER_LABEL[sniff.encoding], { fatal: true });
  const { size } = await stat(path);
  const splitter = csvSplitter(
    sniff.delimiter.charCodeAt(0),
    (cells, tooLong) => {
      stats.rows++;
      if (stats.rows > MAX_ROWS) {
        throw new SpreadsheetError('too_many_rows', `${fileName}: more than ${MAX_ROWS} rows`, { rows: stats.rows, limit: MAX_ROWS });
      }
      const row: RawRow = { row: stats.rows, cells, hidden: false };
      if (tooLong) row.tooLong = tooLong;
      return onRow(row);
    },
    (chars) => {
      throw new SpreadsheetError('value_too_long', `${fileName}: row ${stats.rows + 1} is longer than ${MAX_RECORD_CHARS} characters`, {
        part: fileName,
        bytes: chars,
      });
    },
  );
  const consume = (text: string) => {
    splitter.consume(text);
    stats.cells = splitter.counts.cells;
  };

  const stream = createReadStream(path, { start: sniff.bom, highWaterMark: 1024 * 1024 });
  let bytes = sniff.bom;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) break;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new SpreadsheetError('encoding', `${fileName}: not readable as ${sniff.encoding} near row ${stats.rows + 1}`, {
          file: fileName,
          encoding: sniff.encoding.toUpperCase(),
          row: stats.rows + 1,
        });
      }
      consume(text);
      bytes += chunk.length;
      stats.bytes = bytes;
      if (splitter.stopped) break;
      if (options.onChunk) await options.onChunk(stats, bytes / Math.max(1, size));
    }
    if (!splitter.stopped && !options.signal?.aborted) {
      let tail: string;
      try {
        tail = decoder.decode();
      } catch {
        throw new SpreadsheetError('encoding', `${fileName}: ends inside a character`, {
          file: fileName,
          encoding: sniff.encoding.toUpperCase(),
          row: stats.rows + 1,
        });
      }
      consume(tail);
      if (!splitter.finish()) {
        throw new SpreadsheetError('corrupt', `${fileName}: a quoted field is never closed (row ${stats.rows + 1})`, {
          file: fileName,
          reason: `unterminated quote at row ${stats.rows + 1}`,
        });
      }
      stats.cells = splitter.counts.cells;
    }
  } finally {
    stream.destroy();
  }
  return stats;
}

/** Parses CSV text held in memory (our reference files): the same splitter, commas, BOM dropped. */
export function parseCsv(text: string, name = 'CSV'): string[][] {
  const rows: string[][] = [];
  const splitter = csvSplitter(
    44,
    (fields) => {
      rows.push(fields);
    },
    (chars) => {
      throw new SpreadsheetError('value_too_long', `${name}: row ${rows.length + 1} is longer than ${MAX_RECORD_CHARS} characters`, {
        part: name,
        bytes: chars,
      });
    },
  );
  splitter.consume(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!splitter.finish()) {
    throw new SpreadsheetError('corrupt', `${name}: a quoted field is never closed (row ${rows.length + 1})`, {
      file: name,
      reason: `unterminated quote at row ${rows.length + 1}`,
    });
  }
  return rows;
}

// ---- writing --------------------------------------------------------------------------------
// CSV that Excel opens with Hangul intact: UTF-8 with a BOM, CRLF line ends, quotes doubled.

export const UTF8_BOM = '\uFEFF';

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** One field as it is (dumps, data for programs): quoted when it holds a comma, quote or line break. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? quoted(text) : text;
}

/**
 * One field for a spreadsheet (exports): text a spreadsheet would run as a formula (= + - @,
 * tab, CR, LF or their full-width forms) gets the formula guard's apostrophe and quotes (OWASP
 * "CSV injection"); surrounding spaces are kept by quoting.
 */
export function csvText(text: string): string {
  if (looksLikeFormula(text)) return quoted(inertText(text));
  return /[",\r\n]/.test(text) || text !== text.trim() ? quoted(text) : text;
}

/** A record from fields made by csvField or csvText, ending CRLF. */
export function csvLine(fields: readonly string[]): string {
  return fields.join(',') + '\r\n';
}
