// What both row processors read cells with: each field's column, and fast, cached readers of the
// cells that repeat (sex, rank, sector, term, dates, service numbers) — the hot path of a
// million-row import, so each keeps its cache across rows.
import { IMPORT_FIELDS, type ImportField } from '../../shared/api/import.fields';
import { normalizeServiceNo, parseDateText, parseRank, parseSector, parseSex, parseTerm } from '../../shared/normalize';
import { cleanFast, memoize, trimFreeText } from './normalize';
import { cellText, excelSerialToIso, type Layout } from './layout';
import { ExcelDate, type CellValue } from '../spreadsheet/read/xlsx';

/** Each field's column in the current sheet, -1 when unmapped: one fixed shape, read on every row. */
export type FieldColumns = Record<ImportField, number>;

export function fieldColumnsOf(layout: Layout): FieldColumns {
  const out = {} as FieldColumns;
  for (const field of IMPORT_FIELDS) out[field] = layout.fieldColumns[field] ?? -1;
  return out;
}

/** Is the UTF-16 unit at i printable ASCII or a Hangul syllable (certainly not whitespace)? */
export function printableAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return (code > 0x20 && code < 0x7f) || (code >= 0xac00 && code <= 0xd7a3);
}

/** A date cell read: its ISO date, null when empty, or false when it is not a date. */
export type DateRead = string | null | false;

/**
 * normalizeServiceNo with a fast path for the usual form — letters and digits in groups joined by
 * single hyphens (/^[0-9A-Za-z]+(-[0-9A-Za-z]+)*$/), read in one pass. Same result.
 */
export function serviceNoOf(text: string): string | null {
  let lower = false;
  let afterHyphen = true; // at the start, as after a hyphen: no leading hyphen, no empty text
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) afterHyphen = false;
    else if (c >= 97 && c <= 122) {
      lower = true;
      afterHyphen = false;
    } else if (c === 45 && !afterHyphen) afterHyphen = true;
    else return normalizeServiceNo(text);
  }
  if (afterHyphen) return normalizeServiceNo(text);
  // The same string object when nothing changes (it is the shared string: no copy per row).
  return lower ? text.toUpperCase() : text;
}
/** A cell's text as cleanFast makes it, and what a parser reads from it (null for ''). */
interface Parsed<T> {
  text: string;
  value: T | null;
}
/**
 * cleanFast and a parser in one cache, keyed by the cell's text as written: the values of such a
 * column repeat (남, 봄, 하사 …), often as the very same shared string.
 */
function cleanAndParse<T>(parse: (text: string) => T | null): (raw: string) => Parsed<T> {
  return memoize((raw: string) => {
    const text = cleanFast(raw);
    return { text, value: text === '' ? null : parse(text) };
  });
}
export const sexOf = cleanAndParse(parseSex);
export const rankOf = cleanAndParse(parseRank);
export const sectorOf = cleanAndParse(parseSector);
export const termOf = cleanAndParse((t: string) => parseTerm(t) ?? parseTerm(t.replace(/(철|기)$/, '')));
export const cleanOf = memoize(cleanFast);
const dateTextOf = memoize(parseDateText, 50_000);
/** Day number → ISO date, for days 0 … 99,999 (to the year 2173): two dates a row, few distinct. */
const serialCache: (string | null | undefined)[] = new Array<string | null | undefined>(100_000).fill(undefined);
function serialToIso(serial: number): string | null {
  const day = Math.floor(serial);
  if (!(day >= 0 && day < serialCache.length)) return excelSerialToIso(day);
  let iso = serialCache[day];
  if (iso === undefined) serialCache[day] = iso = excelSerialToIso(day);
  return iso;
}

export function readDate(value: CellValue): DateRead {
  if (value === null || value === undefined) return null;
  let iso: string | null;
  if (value instanceof ExcelDate) iso = serialToIso(value.serial);
  else if (typeof value === 'number') {
    iso =
      Number.isInteger(value) && value >= 19000101 && value <= 22001231
        ? parseDateText(String(value))
        : value >= 1 && value < 2_958_466
          ? serialToIso(value)
          : null;
  } else {
    const text = cellText(value);
    if (text.trim() === '') return null;
    iso = dateTextOf(text);
  }
  return iso === null ? false : iso;
}

/** Free text, or null when there is none. */
export function optionalText(text: string): string | null {
  const t = trimFreeText(text);
  return t === '' ? null : t;
}
