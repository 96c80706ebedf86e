// What every spreadsheet reader and writer here agrees on, defined once: Excel's sheet limits and
// sheet-name rules, column letters, and date serial numbers (the 1900 system with its leap-year
// bug, and the 1904 system). The formula guard (text that would start a formula) lives in
// src/shared/formula-guard.ts because the renderer's clipboard needs it too; the writers here use
// that one rule.

// ---- limits ---------------------------------------------------------------------------------

/** Rows in one sheet (Excel 2007 and later). */
export const MAX_ROWS = 1_048_576;
/** Columns in one sheet (A … XFD). */
export const MAX_COLUMNS = 16_384;
/** Characters in one cell. */
export const MAX_CELL_CHARS = 32_767;
/** Characters in a sheet name. */
export const MAX_SHEET_NAME_CHARS = 31;
/** Characters Excel refuses in a sheet name. */
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

/** A sheet name Excel accepts: no []:*?/\, not empty, ≤ 31 characters, unique in the workbook. */
export function safeSheetName(name: string, taken: readonly string[]): string {
  let base =
    name
      .replace(SHEET_NAME_FORBIDDEN, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  base = Array.from(base).slice(0, MAX_SHEET_NAME_CHARS).join('');
  let candidate = base;
  for (let n = 2; taken.some((t) => t.toLowerCase() === candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate =
      Array.from(base)
        .slice(0, MAX_SHEET_NAME_CHARS - suffix.length)
        .join('') + suffix;
  }
  return candidate;
}

// ---- column letters -------------------------------------------------------------------------

/** 0 → A, 25 → Z, 26 → AA … (Excel's column letters). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A → 0, AA → 26 (either case); -1 for anything else. */
export function columnIndex(letters: string): number {
  if (letters.length === 0) return -1;
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    const v = c >= 65 && c <= 90 ? c - 64 : c >= 97 && c <= 122 ? c - 96 : -1;
    if (v < 0) return -1;
    n = n * 26 + v;
  }
  return n - 1;
}

// ---- date serials ---------------------------------------------------------------------------
// A serial is a day number with the time as its fraction. In the 1900 system 1 is 1900-01-01 and
// 60 is 1900-02-29, a day that never was (Lotus 1-2-3's leap-year bug, kept by Excel), so from
// 61 = 1900-03-01 on a serial is days since 1899-12-30. A workbook in the 1904 system counts from
// 1904-01-01 = 0; adding DATE_1904_OFFSET gives the 1900 serial of the same day.

/** The 1900 serial of 1970-01-01 (the Unix epoch). */
const UNIX_EPOCH_SERIAL = 25_569;
/** The fictitious 1900-02-29. */
const PHANTOM_LEAP_DAY = 60;
const MS_PER_DAY = 86_400_000;
/** 1904-system serial + this = 1900-system serial. */
export const DATE_1904_OFFSET = 1_462;

/** Days since 1970-01-01 (may carry a fraction) → 1900 serial. */
export function serialOfUnixDays(days: number): number {
  const serial = days + UNIX_EPOCH_SERIAL;
  return serial < PHANTOM_LEAP_DAY + 1 ? serial - 1 : serial;
}

/** Milliseconds since 1970-01-01 UTC → 1900 serial. */
export function serialOfUnixMs(ms: number): number {
  return serialOfUnixDays(ms / MS_PER_DAY);
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The 1900 serial of an ISO date (yyyy-mm-dd…, from 1900-01-01), or null. */
export function isoToSerial(iso: string): number | null {
  if (iso.length < 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null;
  const y = digits(iso, 0, 4);
  const m = digits(iso, 5, 2);
  const d = digits(iso, 8, 2);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return null;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
  return serialOfUnixDays(daysFromCivil(y, m, d));
}

/** The 1900 serial of a Date's calendar day where this computer is. */
export function dateToSerial(date: Date): number {
  return serialOfUnixDays(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / MS_PER_DAY);
}

/** A 1900 serial → ISO date of its day (the time is dropped); null before 1900-01-01 and for 1900-02-29. */
export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const day = Math.floor(serial);
  if (day === PHANTOM_LEAP_DAY) return null;
  const d = new Date((day < PHANTOM_LEAP_DAY ? day + 1 - UNIX_EPOCH_SERIAL : day - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
  if (Number.isNaN(d.getTime())) return null;
  const y = d.getUTCFullYear();
  if (y > 9999) return null;
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}
