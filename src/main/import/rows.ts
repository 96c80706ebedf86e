// Each row under the header: not data (blank, total, footnote, a repeated header), or a record —
// normalized and validated field by field, every problem an issue with its Excel row and column.
import { withWho, type CountyMatch, type ImportIssue } from '../../shared/api/import.contract';
import { IMPORT_FIELDS, IMPORT_WARNING_CODES, type ImportField, type ImportIssueCode, type ImportKind } from '../../shared/api/import.fields';
import type { Rank, Sector, Sex, Term } from '../../shared/domain';
import { cleanText, normalizeServiceNo, parseDateText, parseRank, parseSector, parseSex, parseTerm } from '../../shared/normalize';
import { cleanFast, headerKey, isFootnoteText, isTotalText, memoize, trimFreeText } from '../../shared/normalize-import';
import { personNameColumns } from '../domain/persons';
import { cellText, excelSerialToIso, type Layout } from './layout';
import { columnLetter } from '../spreadsheet/cells';
import type { RegionMatcher, UnitRef } from '../regions/match';
import { ExcelDate, type CellValue, type RawRow } from '../spreadsheet/read/xlsx';

export type SkipReason = 'blank' | 'total' | 'footnote' | 'header';

export interface DecisionRecord {
  serviceNo: string;
  name: string;
  nameSortKey: string;
  sex: Sex | null;
  birthDate: string | null;
  dischargeDate: string | null;
  unit: string | null;
  rank: Rank | null;
  term: Term;
  year: number;
  homeProvince: string | null;
  homeCounty: string | null;
  skill: string | null;
  education: string | null;
  notes: string | null;
  destProvince: string;
  destCountyId: number;
  destCountyCode: string;
  sector: Sector;
}

export interface RequestRecord {
  countyId: number;
  countyCode: string;
  workplace: string;
  sector: Sector;
  headcount: number;
  skills: string;
  term: Term;
  year: number;
  priority: number;
  housing: boolean;
  dev20x10: boolean;
  notes: string | null;
}

export interface RowResult {
  row: number;
  /** A run of blank rows (rows a sheet leaves out entirely): row … through. */
  through?: number;
  sheet?: string;
  status: 'ok' | 'error' | 'skip';
  skip?: SkipReason;
  issues?: ImportIssue[];
  decision?: DecisionRecord;
  request?: RequestRecord;
}

/** The order in which a row's problems are named when only one is shown (its primary code). */
export const ISSUE_PRIORITY: readonly ImportIssueCode[] = [
  'missing_service_no',
  'missing_name',
  'missing_workplace',
  'invalid_date',
  'birth_after_discharge',
  'unknown_province',
  'missing_county',
  'unknown_county',
  'ambiguous_county',
  'county_sheet_mismatch',
  'duplicate_in_file',
  'identity_conflict',
  'duplicate_request',
  'invalid_service_no',
  'invalid_headcount',
  'invalid_sex',
  'invalid_rank',
  'invalid_term',
  'missing_term',
  'missing_year',
  'invalid_sector',
  'invalid_priority',
  'invalid_housing',
  'cell_too_long',
];

export function primaryIssue(issues: readonly ImportIssue[]): ImportIssue | undefined {
  const errors = issues.filter((i) => i.severity === 'error');
  return errors.sort((a, b) => ISSUE_PRIORITY.indexOf(a.code) - ISSUE_PRIORITY.indexOf(b.code))[0];
}

const WARNINGS = new Set(IMPORT_WARNING_CODES);

/**
 * Key → first row, for a million keys: open addressing over typed arrays (a JS Map of a million
 * strings costs ~60 MB and several seconds; this costs ~30 MB and a fraction of that). Each slot
 * holds its entry and its key's hash side by side, so a probe reads one cache line and compares
 * numbers; a key string — a cache miss among a million scattered strings — is read only when the
 * hashes agree.
 */
export class KeyIndex {
  private keys: string[] = [];
  private values = new Int32Array(1024);
  /** Slot s: [2s] = 1 + the entry's index (0: empty), [2s + 1] = its key's hash. */
  private slots = new Int32Array(2 * 2048);
  private mask = 2047;

  private static hash(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return h | 0;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The value of key if it is there; else adds key with `value` and returns -1 (one probe for both). */
  getOrAdd(key: string, value: number): number {
    const h = KeyIndex.hash(key);
    const slots = this.slots;
    let slot = h & this.mask;
    for (;;) {
      const entry = slots[2 * slot]!;
      if (entry === 0) break;
      if (slots[2 * slot + 1] === h && this.keys[entry - 1] === key) return this.values[entry - 1]!;
      slot = (slot + 1) & this.mask;
    }
    const n = this.keys.length;
    if (n >= this.values.length) {
      const bigger = new Int32Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.keys.push(key);
    this.values[n] = value;
    if ((n + 1) * 2 > this.mask + 1) this.grow();
    this.place(h, n + 1);
    return -1;
  }

  private place(hash: number, entry: number): void {
    const slots = this.slots;
    let slot = hash & this.mask;
    while (slots[2 * slot] !== 0) slot = (slot + 1) & this.mask;
    slots[2 * slot] = entry;
    slots[2 * slot + 1] = hash;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let s = 0; s < old.length; s += 2) if (old[s] !== 0) this.place(old[s + 1]!, old[s]!);
  }
}

export interface RowContext {
  layout: Layout;
  matcher: RegionMatcher;
  sheet?: string;
  /** Defaults for what a row does not say: the clerk's, then the title area's. */
  year: number | null;
  term: Term | null;
  province: string | null;
  /** Request sheets per county: the county the sheet is named after. */
  sheetCounty?: UnitRef;
  countyChoices: Record<string, string>;
}

/** Each field's column in the current sheet, -1 when unmapped: one fixed shape, read on every row. */
type FieldColumns = Record<ImportField, number>;

function fieldColumnsOf(layout: Layout): FieldColumns {
  const out = {} as FieldColumns;
  for (const field of IMPORT_FIELDS) out[field] = layout.fieldColumns[field] ?? -1;
  return out;
}

/** Is the UTF-16 unit at i printable ASCII or a Hangul syllable (certainly not whitespace)? */
function printableAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return (code > 0x20 && code < 0x7f) || (code >= 0xac00 && code <= 0xd7a3);
}

/** A date cell read: its ISO date, null when empty, or false when it is not a date. */
type DateRead = string | null | false;

/**
 * normalizeServiceNo with a fast path for the usual form — letters and digits in groups joined by
 * single hyphens (/^[0-9A-Za-z]+(-[0-9A-Za-z]+)*$/), read in one pass. Same result.
 */
function serviceNoOf(text: string): string | null {
  let lower = false;
  let afterHyphen = true; // at the start, as after a hyphen: no leading hyphen, no empty text
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) afterHyphen = false;
    else if (c >= 97 && c <= 122) {
      lower = true;
      afterHyphen = false;
    }
    else if (c === 45 && !afterHyphen) afterHyphen = true;
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
const sexOf = cleanAndParse(parseSex);
const rankOf = cleanAndParse(parseRank);
const sectorOf = cleanAndParse(parseSector);
const termOf = cleanAndParse((t: string) => parseTerm(t) ?? parseTerm(t.replace(/(철|기)$/, '')));
const cleanOf = memoize(cleanFast);
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

function readDate(value: CellValue): DateRead {
  if (value === null || value === undefined) return null;
  let iso: string | null;
  if (value instanceof ExcelDate) iso = serialToIso(value.serial);
  else if (typeof value === 'number') {
    iso = Number.isInteger(value) && value >= 19000101 && value <= 22001231 ? parseDateText(String(value)) : value >= 1 && value < 2_958_466 ? serialToIso(value) : null;
  } else {
    const text = cellText(value);
    if (text.trim() === '') return null;
    iso = dateTextOf(text);
  }
  return iso === null ? false : iso;
}

/** Shared by both kinds: counts, duplicates, county matches. */
abstract class RowProcessor {
  readonly countyMatches = new Map<string, CountyMatch>();
  /** Key → the row it was first seen in (and the sheet, in request files read sheet by sheet). */
  protected readonly seen = new KeyIndex();
  private readonly seenSheets: string[] = [];
  private lastSheetIndex = 0;

  protected cols: FieldColumns;

  constructor(protected ctx: RowContext) {
    this.cols = fieldColumnsOf(ctx.layout);
  }

  setContext(ctx: RowContext): void {
    this.ctx = ctx;
    this.cols = fieldColumnsOf(ctx.layout);
    this.headerTexts = null;
    this.countyCache.clear();
  }

  /** The text of the cell in column col (this.cols.…), '' for an unmapped field. */
  protected text(row: RawRow, col: number): string {
    return col < 0 ? '' : cellText(row.cells[col]);
  }

  protected value(row: RawRow, col: number): CellValue {
    return col < 0 ? undefined : row.cells[col];
  }

  protected issue(row: RawRow, field: ImportField | null, code: ImportIssueCode, details: ImportIssue['details'] = {}): ImportIssue {
    const col = field === null ? undefined : this.ctx.layout.fieldColumns[field];
    const out: ImportIssue = {
      row: row.row,
      column: col === undefined ? null : columnLetter(col),
      field,
      severity: WARNINGS.has(code) ? 'warning' : 'error',
      code,
      details,
    };
    if (this.ctx.sheet !== undefined) out.sheet = this.ctx.sheet;
    return withWho(out, this.who(row));
  }

  /** Whom the row names (service number and name, or workplace), as the file writes it. */
  protected abstract who(row: RawRow): { serviceNo?: string; name?: string; workplace?: string };

  private headerTexts: { col: number; key: string; first: string }[] | null = null;

  /** Not data: blank, a total, a footnote, the header repeated (after a page break). */
  classify(row: RawRow): SkipReason | null {
    let first: CellValue = '';
    let count = 0;
    const cells = row.cells;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (c === undefined || c === null) continue;
      // A text that starts with printable ASCII or Hangul is not blank (no trim() needed).
      if (typeof c === 'string' && !printableAt(c, 0) && c.trim() === '') continue;
      if (count === 0) first = c;
      count++;
    }
    if (count === 0) return 'blank';
    const keyCol = this.keyColumn();
    const keyText = keyCol === undefined ? '' : cellText(row.cells[keyCol]);
    const keyIsData = this.looksLikeKey(keyText);
    if (!keyIsData) {
      // The first cell's text matters only here (a data row is never a total or a footnote).
      const firstText = cellText(first);
      if (isTotalText(firstText)) return 'total';
      if (count <= 2 && isFootnoteText(firstText)) return 'footnote';
    }
    // The header repeated (after a page break): its key cell (군번, 작업장 …) holds the header text.
    if (this.headerTexts === null) {
      this.headerTexts = [];
      for (const c of this.ctx.layout.columns) {
        if (c.field === null) continue;
        const key = headerKey(c.header.split(' / ').pop() ?? '');
        if (key !== '') this.headerTexts.push({ col: c.index, key, first: key[0]! });
      }
    }
    const heads = this.headerTexts;
    const keyField = this.repeatKeyColumn();
    const keyCell = keyField === undefined ? undefined : cells[keyField];
    if (typeof keyCell === 'string' && keyCell.length < 40 && !/\d/.test(keyCell)) {
      let same = 0;
      for (const h of heads) {
        const v = cells[h.col];
        if (typeof v === 'string' && v.length < h.key.length * 3 + 8 && headerKey(v) === h.key) same++;
      }
      if (heads.length > 0 && same >= Math.max(2, Math.ceil(heads.length / 2))) return 'header';
    }
    return null;
  }

  /** The column whose text a repeated header certainly repeats. */
  protected repeatKeyColumn(): number | undefined {
    const f = this.ctx.layout.fieldColumns;
    return f.serviceNo ?? f.workplace ?? f.name;
  }

  protected abstract keyColumn(): number | undefined;
  protected abstract looksLikeKey(text: string): boolean;
  abstract process(row: RawRow): RowResult;

  private readonly provinceCache = new Map<string, string | null>();
  protected provinceCode(text: string): string | null {
    let code = this.provinceCache.get(text);
    if (code === undefined) {
      code = this.ctx.matcher.matchProvince(text)?.code ?? null;
      if (this.provinceCache.size < 1000) this.provinceCache.set(text, code);
    }
    return code;
  }

  protected tooLong(row: RawRow, issues: ImportIssue[]): void {
    if (!row.tooLong) return;
    for (const col of row.tooLong) {
      const column = this.ctx.layout.columns[col];
      if (column?.field) issues.push(this.issue(row, column.field, 'cell_too_long', { limit: 32_767 }));
    }
  }

  /** (province code or '') → county as written → its match and unit: no key string built per row. */
  private readonly countyCache = new Map<string, Map<string, { match: CountyMatch; unit: UnitRef | null }>>();

  protected county(row: RawRow, countyField: ImportField, provinceField: ImportField, issues: ImportIssue[]): UnitRef | null {
    const ctx = this.ctx;
    const sheetUnit = ctx.sheetCounty;
    if (sheetUnit) {
      // A sheet named after a city/county: rows that name none are its; a row naming another is an error.
      const written = cleanOf(this.text(row, this.cols[countyField]));
      if (written === '') {
        const m = this.countyMatch(sheetUnit.provinceCode, ctx.sheet ?? sheetUnit.nameKo);
        m.match.rows++;
        return sheetUnit;
      }
      const unit = this.countyOfRow(row, countyField, provinceField, issues, sheetUnit.provinceCode);
      if (unit !== null && unit.id !== sheetUnit.id) {
        issues.push(this.issue(row, countyField, 'county_sheet_mismatch', { value: written, sheet: ctx.sheet ?? sheetUnit.nameKo, county: sheetUnit.nameKo, countyEn: sheetUnit.nameEn }));
        return null;
      }
      return unit;
    }
    return this.countyOfRow(row, countyField, provinceField, issues, ctx.province);
  }

  private countyOfRow(row: RawRow, countyField: ImportField, provinceField: ImportField, issues: ImportIssue[], defaultProvince: string | null): UnitRef | null {
    const ctx = this.ctx;
    const provinceText = cleanOf(this.text(row, this.cols[provinceField]));
    let provinceCode = defaultProvince;
    if (provinceText !== '') {
      const code = this.provinceCode(provinceText);
      if (code === null) {
        issues.push(this.issue(row, provinceField, 'unknown_province', { value: provinceText }));
        return null;
      }
      provinceCode = code;
    }
    const countyText = cleanOf(this.text(row, this.cols[countyField]));
    if (countyText === '') {
      issues.push(this.issue(row, countyField, 'missing_county'));
      return null;
    }
    let byCounty = this.countyCache.get(provinceCode ?? '');
    let cached = byCounty?.get(countyText);
    if (cached === undefined) {
      cached = this.countyMatch(provinceCode, countyText);
      if (byCounty === undefined) this.countyCache.set(provinceCode ?? '', (byCounty = new Map()));
      byCounty.set(countyText, cached);
    }
    const match = cached.match;
    match.rows++;
    if (match.regionCode !== null) return cached.unit;
    const guess = match.candidates.map((c) => (c.provinceKo && match.province !== c.provinceKo ? `${c.provinceKo} ${c.nameKo}` : c.nameKo)).join(', ');
    // The same in English, so an English sentence names no region in Korean.
    const provinceEn = provinceCode ? (ctx.matcher.province(provinceCode)?.nameEn ?? null) : null;
    const guessEn = match.candidates
      .map((c) => {
        const unit = ctx.matcher.unitByCode.get(c.code);
        const province = unit ? ctx.matcher.province(unit.provinceCode) : undefined;
        const name = unit?.nameEn ?? c.nameKo;
        return province && match.province !== c.provinceKo ? `${name} (${province.nameEn})` : name;
      })
      .join(', ');
    issues.push(
      this.issue(row, countyField, match.how === 'ambiguous' ? 'ambiguous_county' : 'unknown_county', {
        value: countyText,
        province: match.province,
        provinceEn,
        guess: guess === '' ? null : guess,
        guessEn: guessEn === '' ? null : guessEn,
      }),
    );
    return null;
  }

  /** The match of a county as written (in a province, or anywhere), found once per file. */
  private countyMatch(provinceCode: string | null, countyText: string): { match: CountyMatch; unit: UnitRef | null } {
    const ctx = this.ctx;
    const key = `${provinceCode ?? ''}\u0001${countyText}`;
    let match = this.countyMatches.get(key);
    if (!match) {
      const chosen = ctx.countyChoices[countyText];
      const result = chosen && ctx.matcher.unitByCode.get(chosen) ? { kind: 'ok' as const, unit: ctx.matcher.unitByCode.get(chosen)!, how: 'clerk' as const } : ctx.matcher.matchCounty(countyText, provinceCode);
      const province = provinceCode ? ctx.matcher.province(provinceCode) : undefined;
      match = {
        source: countyText,
        province: province?.nameKo ?? null,
        provinceFileEn: province?.nameEn ?? null,
        regionCode: result.kind === 'ok' ? result.unit.code : null,
        nameKo: result.kind === 'ok' ? result.unit.nameKo : null,
        provinceKo: result.kind === 'ok' ? result.unit.provinceKo : null,
        nameEn: result.kind === 'ok' ? result.unit.nameEn : null,
        provinceEn: result.kind === 'ok' ? (ctx.matcher.province(result.unit.provinceCode)?.nameEn ?? null) : null,
        how: result.kind === 'ok' ? result.how : result.kind === 'ambiguous' ? 'ambiguous' : 'none',
        rows: 0,
        candidates: (result.kind === 'ambiguous' ? result.candidates : result.kind === 'unknown' ? result.guesses : []).map((u) => ({
          code: u.code,
          nameKo: u.nameKo,
          provinceKo: u.provinceKo,
          nameEn: u.nameEn,
          provinceEn: ctx.matcher.province(u.provinceCode)?.nameEn ?? u.provinceKo,
        })),
      };
      this.countyMatches.set(key, match);
    }
    return { match, unit: match.regionCode === null ? null : (ctx.matcher.unitByCode.get(match.regionCode) ?? null) };
  }

  protected termAndYear(row: RawRow, issues: ImportIssue[], dateYear: number | null): { term: Term | null; year: number | null } {
    const { text: termText, value } = termOf(this.text(row, this.cols.term));
    let term: Term | null = this.ctx.term;
    if (termText !== '') {
      term = value;
      if (term === null) issues.push(this.issue(row, 'term', 'invalid_term', { value: termText }));
    } else if (term === null) issues.push(this.issue(row, 'term', 'missing_term'));
    const year = dateYear ?? this.ctx.year;
    if (year === null) issues.push(this.issue(row, null, 'missing_year'));
    return { term, year };
  }

  protected duplicate(
    row: RawRow,
    key: string,
    raw: string,
    field: ImportField,
    issues: ImportIssue[],
    code: ImportIssueCode = 'duplicate_in_file',
    index: KeyIndex = this.seen,
  ): boolean {
    // Rows of several sheets: the sheet's index in the high bits. A sheet gets its index with its
    // first key (seenSheets.length until then).
    let sheetIndex = 0;
    const sheet = this.ctx.sheet;
    if (sheet !== undefined) {
      sheetIndex = this.seenSheets[this.lastSheetIndex] === sheet ? this.lastSheetIndex : this.seenSheets.indexOf(sheet);
      if (sheetIndex < 0) sheetIndex = this.seenSheets.length;
    }
    const first = index.getOrAdd(key, sheetIndex * 2_000_000 + row.row);
    if (first >= 0) {
      issues.push(
        this.issue(row, field, code, {
          value: raw,
          first: first % 2_000_000,
          firstSheet: this.seenSheets[Math.floor(first / 2_000_000)] ?? null,
        }),
      );
      return true;
    }
    if (sheet !== undefined) {
      if (sheetIndex === this.seenSheets.length) this.seenSheets.push(sheet);
      this.lastSheetIndex = sheetIndex;
    }
    return false;
  }

  protected result(row: RawRow, issues: ImportIssue[]): RowResult {
    const out: RowResult = { row: row.row, status: issues.some((i) => i.severity === 'error') ? 'error' : 'ok' };
    if (this.ctx.sheet !== undefined) out.sheet = this.ctx.sheet;
    if (issues.length > 0) out.issues = issues;
    return out;
  }
}

function optionalText(text: string): string | null {
  const t = trimFreeText(text);
  return t === '' ? null : t;
}

export class DecisionRowProcessor extends RowProcessor {
  protected who(row: RawRow): { serviceNo: string; name: string } {
    return { serviceNo: cleanText(this.text(row, this.cols.serviceNo)), name: cleanText(this.text(row, this.cols.name)) };
  }

  protected keyColumn(): number | undefined {
    return this.ctx.layout.fieldColumns.name;
  }

  /** A total or footnote row names no person. */
  protected looksLikeKey(text: string): boolean {
    // A name that starts with a letter or syllable is not blank: no need to clean it.
    return printableAt(text, 0) || cleanText(text) !== '';
  }

  process(row: RawRow): RowResult {
    const c = this.cols;
    const issues: ImportIssue[] = [];
    this.tooLong(row, issues);
    const serviceRaw = this.text(row, c.serviceNo);
    let serviceNo: string | null = null;
    if (serviceRaw.trim() === '') issues.push(this.issue(row, 'serviceNo', 'missing_service_no'));
    else {
      serviceNo = serviceNoOf(serviceRaw);
      if (serviceNo === null) {
        // A '?' (or U+FFFD) at either end is what a CP949 export makes of a non-breaking space.
        const stripped = normalizeServiceNo(serviceRaw.replace(/^[\s?\uFFFD]+|[\s?\uFFFD]+$/g, ''));
        if (stripped !== null && /\d/.test(stripped)) {
          serviceNo = stripped;
          issues.push(this.issue(row, 'serviceNo', 'service_no_cleaned', { value: serviceRaw, cleaned: stripped }));
        } else issues.push(this.issue(row, 'serviceNo', 'invalid_service_no', { value: serviceRaw }));
      }
    }
    const name = cleanFast(this.text(row, c.name));
    if (name === '') issues.push(this.issue(row, 'name', 'missing_name'));
    const { text: sexText, value: sex } = sexOf(this.text(row, c.sex));
    if (sexText !== '' && sex === null) issues.push(this.issue(row, 'sex', 'invalid_sex', { value: sexText }));
    const birth = readDate(this.value(row, c.birthDate));
    if (birth === false) issues.push(this.issue(row, 'birthDate', 'invalid_date', { value: cellText(this.value(row, c.birthDate)) }));
    const discharge = readDate(this.value(row, c.dischargeDate));
    if (discharge === false) issues.push(this.issue(row, 'dischargeDate', 'invalid_date', { value: cellText(this.value(row, c.dischargeDate)) }));
    const birthIso = birth === false ? null : birth;
    const dischargeIso = discharge === false ? null : discharge;
    if (birthIso !== null && dischargeIso !== null && birthIso >= dischargeIso) {
      issues.push(this.issue(row, 'birthDate', 'birth_after_discharge', { birth: birthIso, discharge: dischargeIso }));
    }
    const { text: rankText, value: rank } = rankOf(this.text(row, c.rank));
    if (rankText !== '' && rank === null) issues.push(this.issue(row, 'rank', 'invalid_rank', { value: rankText }));
    const { term, year } = this.termAndYear(row, issues, dischargeIso ? Number(dischargeIso.slice(0, 4)) : null);
    const unit = this.county(row, 'destCounty', 'destProvince', issues);
    const { text: sectorText, value: sectorValue } = sectorOf(this.text(row, c.sector));
    const sector = sectorText === '' ? 'other' : sectorValue;
    if (sector === null) issues.push(this.issue(row, 'sector', 'invalid_sector', { value: sectorText }));
    const homeProvinceText = cleanOf(this.text(row, c.homeProvince));
    let homeProvince: string | null = null;
    if (homeProvinceText !== '') {
      homeProvince = this.provinceCode(homeProvinceText);
      if (homeProvince === null) issues.push(this.issue(row, 'homeProvince', 'unknown_home_province', { value: homeProvinceText }));
    }
    if (row.formulaNoValue) {
      for (const col of row.formulaNoValue) {
        const column = this.ctx.layout.columns[col];
        if (column?.field && column.field !== 'rowNo') issues.push(this.issue(row, column.field, 'formula_without_value'));
      }
    }
    if (serviceNo !== null) this.duplicate(row, serviceNo, serviceRaw, 'serviceNo', issues);
    const out = this.result(row, issues);
    if (out.status === 'ok' && serviceNo !== null && unit !== null && term !== null && year !== null && sector !== null) {
      out.decision = {
        serviceNo,
        name,
        nameSortKey: personNameColumns(name).name_sort_key,
        sex,
        birthDate: birthIso,
        dischargeDate: dischargeIso,
        unit: optionalText(this.text(row, c.unit)),
        rank,
        term,
        year,
        homeProvince,
        homeCounty: optionalText(this.text(row, c.homeCounty)),
        skill: optionalText(this.text(row, c.skill)),
        education: optionalText(this.text(row, c.education)),
        notes: optionalText(this.text(row, c.notes)),
        destProvince: unit.provinceCode,
        destCountyId: unit.id,
        destCountyCode: unit.code,
        sector,
      };
    } else if (out.status === 'ok') {
      out.status = 'error';
    }
    return out;
  }
}

const HOUSING_WORDS: Record<string, boolean> = {
  보장: true, 있음: true, 유: true, 예: true, o: true, yes: true, y: true, provided: true, true: true, '1': true, '○': true, '◯': true, v: true,
  미보장: false, 없음: false, 무: false, 아니: false, 아니오: false, x: false, no: false, n: false, none: false, false: false, '0': false, '×': false, '-': false,
};

export class RequestRowProcessor extends RowProcessor {
  protected who(row: RawRow): { workplace: string } {
    return { workplace: cleanText(this.text(row, this.cols.workplace)) };
  }

  /** Workplace and term → the first row asking for it (a second request of it is a warning). */
  private readonly workplaces = new KeyIndex();

  protected keyColumn(): number | undefined {
    return this.ctx.layout.fieldColumns.headcount;
  }

  protected looksLikeKey(text: string): boolean {
    return /^\s*\d+\s*(명)?\s*$/.test(cleanText(text)) && this.ctx.layout.fieldColumns.workplace !== undefined;
  }

  override classify(row: RawRow): SkipReason | null {
    const base = super.classify(row);
    if (base !== 'total' && base !== 'footnote') return base;
    // A total row has no workplace.
    const workplace = cleanText(this.text(row, this.cols.workplace));
    return workplace === '' || isTotalText(workplace) ? base : null;
  }

  process(row: RawRow): RowResult {
    const issues: ImportIssue[] = [];
    this.tooLong(row, issues);
    const unit = this.county(row, 'county', 'province', issues);
    const workplace = trimFreeText(this.text(row, this.cols.workplace));
    if (workplace === '') issues.push(this.issue(row, 'workplace', 'missing_workplace'));
    const headText = cleanText(this.text(row, this.cols.headcount)).replace(/\s*명$/, '');
    const headcount = /^\d{1,6}$/.test(headText) ? Number(headText) : NaN;
    if (!(headcount > 0)) issues.push(this.issue(row, 'headcount', 'invalid_headcount', { value: headText }));
    const sectorText = cleanText(this.text(row, this.cols.sector));
    const sector = sectorText === '' ? 'other' : parseSector(sectorText);
    if (sector === null) issues.push(this.issue(row, 'sector', 'invalid_sector', { value: sectorText }));
    const { term, year } = this.termAndYear(row, issues, null);
    const priorityText = cleanText(this.text(row, this.cols.priority)).replace(/\s*(순위|위)$/, '');
    const priority = priorityText === '' ? 3 : /^\d{1,3}$/.test(priorityText) ? Number(priorityText) : NaN;
    if (!(priority >= 1)) issues.push(this.issue(row, 'priority', 'invalid_priority', { value: priorityText }));
    const housingText = cleanText(this.text(row, this.cols.housing)).toLowerCase().replace(/\s/g, '');
    const housing = housingText === '' ? false : HOUSING_WORDS[housingText];
    if (housing === undefined) issues.push(this.issue(row, 'housing', 'invalid_housing', { value: housingText }));
    const skills = this.text(row, this.cols.skills)
      .split(/[,，、;/]/)
      .map((s) => cleanText(s))
      .filter((s) => s !== '')
      .join(', ');
    const notes = optionalText(this.text(row, this.cols.notes));
    if (unit !== null && workplace !== '' && term !== null && sector !== null) {
      // One request is a workplace's ask for a sector and skills in a term: the same four again is
      // a duplicate; the same workplace and term with another sector or skills is a second request.
      const where = `${unit.code}\u0001${workplace}\u0001${year}\u0001${term}`;
      if (!this.duplicate(row, `${where}\u0001${sector}\u0001${skills}`, workplace, 'workplace', issues, 'duplicate_request')) {
        this.duplicate(row, where, workplace, 'workplace', issues, 'request_same_workplace', this.workplaces);
      }
    }
    const out = this.result(row, issues);
    if (out.status === 'ok' && unit && term && year !== null && sector && housing !== undefined) {
      out.request = {
        countyId: unit.id,
        countyCode: unit.code,
        workplace,
        sector,
        headcount,
        skills,
        term,
        year,
        priority,
        housing,
        dev20x10: /20\s*[×xX*]\s*10/.test(notes ?? ''),
        notes,
      };
    } else if (out.status === 'ok') out.status = 'error';
    return out;
  }
}

export function processorFor(kind: ImportKind, ctx: RowContext): RowProcessor {
  return kind === 'decision' ? new DecisionRowProcessor(ctx) : new RequestRowProcessor(ctx);
}

export type { RowProcessor };
