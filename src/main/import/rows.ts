// Each row under the header: not data (blank, total, footnote, a repeated header), or a record —
// normalized and validated field by field, every problem an issue with its Excel row and column.
import {
  IMPORT_WARNING_CODES,
  type CountyMatch,
  type ImportField,
  type ImportIssue,
  type ImportIssueCode,
  type ImportKind,
} from '../../shared/api/import.contract';
import type { Rank, Sector, Sex, Term } from '../../shared/domain';
import { cleanText, excelSerialToIso, normalizeServiceNo, parseDateText, parseRank, parseSector, parseSex, parseTerm } from '../../shared/normalize';
import { cleanFast, columnLetter, headerKey, isFootnoteText, isTotalText, memoize, trimFreeText } from '../../shared/normalize-import';
import { nkSortKey } from '../../shared/nk-collation';
import { cellText, type Layout } from './layout';
import type { RegionMatcher, UnitRef } from './regions-match';
import { ExcelDate, type CellValue, type RawRow } from './xlsx';

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
  'duplicate_in_file',
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
 * strings costs ~60 MB and several seconds; this costs ~20 MB and a fraction of that).
 */
export class KeyIndex {
  private keys: string[] = [];
  private values = new Int32Array(1024);
  private slots = new Int32Array(2048);
  private mask = 2047;

  private static hash(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The value of key, or -1. */
  get(key: string): number {
    let slot = KeyIndex.hash(key) & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      if (this.keys[entry - 1] === key) return this.values[entry - 1]!;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds key (which must not be there yet). */
  add(key: string, value: number): void {
    const n = this.keys.length;
    if ((n + 1) * 2 > this.slots.length) this.grow();
    if (n >= this.values.length) {
      const bigger = new Int32Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.keys.push(key);
    this.values[n] = value;
    this.place(key, n + 1);
  }

  private place(key: string, entry: number): void {
    let slot = KeyIndex.hash(key) & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let i = 0; i < this.keys.length; i++) this.place(this.keys[i]!, i + 1);
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

type DateRead = { iso: string | null; invalid: boolean; empty: boolean };

const SERVICE_NO_RE = /^[0-9A-Za-z]+(-[0-9A-Za-z]+)*$/;
/** normalizeServiceNo with a fast path for the usual form (ASCII, no spaces). Same result. */
function serviceNoOf(text: string): string | null {
  // The same string object when nothing changes (it is the shared string: no copy per row).
  if (SERVICE_NO_RE.test(text)) return /[a-z]/.test(text) ? text.toUpperCase() : text;
  return normalizeServiceNo(text);
}
const sexOf = memoize(parseSex);
const rankOf = memoize(parseRank);
const sectorOf = memoize(parseSector);
const termOf = memoize((t: string) => parseTerm(t) ?? parseTerm(t.replace(/(철|기)$/, '')));
const dateTextOf = memoize(parseDateText, 50_000);
const serialCache = new Map<number, string | null>();
function serialToIso(serial: number): string | null {
  const day = Math.floor(serial);
  let iso = serialCache.get(day);
  if (iso === undefined) {
    iso = excelSerialToIso(day);
    if (serialCache.size < 100_000) serialCache.set(day, iso);
  }
  return iso;
}

function readDate(value: CellValue): DateRead {
  if (value === null || value === undefined) return { iso: null, invalid: false, empty: true };
  if (value instanceof ExcelDate) {
    const iso = serialToIso(value.serial);
    return { iso, invalid: iso === null, empty: false };
  }
  if (typeof value === 'number') {
    const iso = Number.isInteger(value) && value >= 19000101 && value <= 22001231 ? parseDateText(String(value)) : value >= 1 && value < 2_958_466 ? serialToIso(value) : null;
    return { iso, invalid: iso === null, empty: false };
  }
  const text = cellText(value);
  if (text.trim() === '') return { iso: null, invalid: false, empty: true };
  const iso = dateTextOf(text);
  return { iso, invalid: iso === null, empty: false };
}

/** Shared by both kinds: counts, duplicates, county matches. */
abstract class RowProcessor {
  readonly countyMatches = new Map<string, CountyMatch>();
  /** Key → the row it was first seen in (and the sheet, in request files read sheet by sheet). */
  protected readonly seen = new KeyIndex();
  private readonly seenSheets: string[] = [];

  constructor(protected ctx: RowContext) {}

  setContext(ctx: RowContext): void {
    this.ctx = ctx;
    this.headerTexts = null;
  }

  protected text(row: RawRow, field: ImportField): string {
    const col = this.ctx.layout.fieldColumns[field];
    return col === undefined ? '' : cellText(row.cells[col]);
  }

  protected value(row: RawRow, field: ImportField): CellValue {
    const col = this.ctx.layout.fieldColumns[field];
    return col === undefined ? undefined : row.cells[col];
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
    return out;
  }

  private headerTexts: { col: number; key: string; first: string }[] | null = null;

  /** Not data: blank, a total, a footnote, the header repeated (after a page break). */
  classify(row: RawRow): SkipReason | null {
    let first = '';
    let count = 0;
    const cells = row.cells;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (c === undefined || c === null) continue;
      if (typeof c === 'string') {
        if (c.trim() === '') continue;
        if (count === 0) first = c;
      } else if (count === 0) first = cellText(c);
      count++;
    }
    if (count === 0) return 'blank';
    const keyCol = this.keyColumn();
    const keyText = keyCol === undefined ? '' : cellText(row.cells[keyCol]);
    const keyIsData = this.looksLikeKey(keyText);
    if (!keyIsData && isTotalText(first)) return 'total';
    if (!keyIsData && count <= 2 && isFootnoteText(first)) return 'footnote';
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

  protected county(row: RawRow, countyField: ImportField, provinceField: ImportField, issues: ImportIssue[]): UnitRef | null {
    const ctx = this.ctx;
    if (ctx.sheetCounty) return ctx.sheetCounty;
    const provinceText = cleanFast(this.text(row, provinceField));
    let provinceCode = ctx.province;
    if (provinceText !== '') {
      const code = this.provinceCode(provinceText);
      if (code === null) {
        issues.push(this.issue(row, provinceField, 'unknown_province', { value: provinceText }));
        return null;
      }
      provinceCode = code;
    }
    const countyText = cleanFast(this.text(row, countyField));
    if (countyText === '') {
      issues.push(this.issue(row, countyField, 'missing_county'));
      return null;
    }
    const key = `${provinceCode ?? ''}\u0001${countyText}`;
    let match = this.countyMatches.get(key);
    const chosen = ctx.countyChoices[countyText];
    if (!match) {
      const result = chosen && ctx.matcher.unitByCode.get(chosen) ? { kind: 'ok' as const, unit: ctx.matcher.unitByCode.get(chosen)!, how: 'clerk' as const } : ctx.matcher.matchCounty(countyText, provinceCode);
      const province = provinceCode ? ctx.matcher.province(provinceCode) : undefined;
      match = {
        source: countyText,
        province: province?.nameKo ?? null,
        regionCode: result.kind === 'ok' ? result.unit.code : null,
        nameKo: result.kind === 'ok' ? result.unit.nameKo : null,
        provinceKo: result.kind === 'ok' ? result.unit.provinceKo : null,
        how: result.kind === 'ok' ? result.how : result.kind === 'ambiguous' ? 'ambiguous' : 'none',
        rows: 0,
        candidates: (result.kind === 'ambiguous' ? result.candidates : result.kind === 'unknown' ? result.guesses : []).map((u) => ({
          code: u.code,
          nameKo: u.nameKo,
          provinceKo: u.provinceKo,
        })),
      };
      this.countyMatches.set(key, match);
    }
    match.rows++;
    if (match.regionCode !== null) return ctx.matcher.unitByCode.get(match.regionCode) ?? null;
    const guess = match.candidates.map((c) => (c.provinceKo && match.province !== c.provinceKo ? `${c.provinceKo} ${c.nameKo}` : c.nameKo)).join(', ');
    issues.push(
      this.issue(row, countyField, match.how === 'ambiguous' ? 'ambiguous_county' : 'unknown_county', {
        value: countyText,
        province: match.province,
        guess: guess === '' ? null : guess,
      }),
    );
    return null;
  }

  protected termAndYear(row: RawRow, issues: ImportIssue[], dateYear: number | null): { term: Term | null; year: number | null } {
    const termText = cleanFast(this.text(row, 'term'));
    let term: Term | null = this.ctx.term;
    if (termText !== '') {
      term = termOf(termText);
      if (term === null) issues.push(this.issue(row, 'term', 'invalid_term', { value: termText }));
    } else if (term === null) issues.push(this.issue(row, 'term', 'missing_term'));
    const year = dateYear ?? this.ctx.year;
    if (year === null) issues.push(this.issue(row, null, 'missing_year'));
    return { term, year };
  }

  protected duplicate(row: RawRow, key: string, raw: string, field: ImportField, issues: ImportIssue[]): void {
    const first = this.seen.get(key);
    if (first >= 0) {
      // Rows of several sheets: the sheet's index in the high bits.
      const sheetIndex = Math.floor(first / 2_000_000);
      issues.push(
        this.issue(row, field, 'duplicate_in_file', {
          value: raw,
          first: first % 2_000_000,
          firstSheet: this.seenSheets[sheetIndex] ?? null,
        }),
      );
    } else {
      let sheetIndex = 0;
      if (this.ctx.sheet !== undefined) {
        sheetIndex = this.seenSheets.indexOf(this.ctx.sheet);
        if (sheetIndex < 0) sheetIndex = this.seenSheets.push(this.ctx.sheet) - 1;
      }
      this.seen.add(key, sheetIndex * 2_000_000 + row.row);
    }
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
  protected keyColumn(): number | undefined {
    return this.ctx.layout.fieldColumns.name;
  }

  /** A total or footnote row names no person. */
  protected looksLikeKey(text: string): boolean {
    return cleanText(text) !== '';
  }

  process(row: RawRow): RowResult {
    const issues: ImportIssue[] = [];
    this.tooLong(row, issues);
    const serviceRaw = this.text(row, 'serviceNo');
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
    const name = cleanFast(this.text(row, 'name'));
    if (name === '') issues.push(this.issue(row, 'name', 'missing_name'));
    const sexText = cleanFast(this.text(row, 'sex'));
    const sex = sexText === '' ? null : sexOf(sexText);
    if (sexText !== '' && sex === null) issues.push(this.issue(row, 'sex', 'invalid_sex', { value: sexText }));
    const birth = readDate(this.value(row, 'birthDate'));
    if (birth.invalid) issues.push(this.issue(row, 'birthDate', 'invalid_date', { value: cellText(this.value(row, 'birthDate')) }));
    const discharge = readDate(this.value(row, 'dischargeDate'));
    if (discharge.invalid) issues.push(this.issue(row, 'dischargeDate', 'invalid_date', { value: cellText(this.value(row, 'dischargeDate')) }));
    if (birth.iso !== null && discharge.iso !== null && birth.iso >= discharge.iso) {
      issues.push(this.issue(row, 'birthDate', 'birth_after_discharge', { birth: birth.iso, discharge: discharge.iso }));
    }
    const rankText = cleanFast(this.text(row, 'rank'));
    const rank = rankText === '' ? null : rankOf(rankText);
    if (rankText !== '' && rank === null) issues.push(this.issue(row, 'rank', 'invalid_rank', { value: rankText }));
    const { term, year } = this.termAndYear(row, issues, discharge.iso ? Number(discharge.iso.slice(0, 4)) : null);
    const unit = this.county(row, 'destCounty', 'destProvince', issues);
    const sectorText = cleanFast(this.text(row, 'sector'));
    const sector = sectorText === '' ? 'other' : sectorOf(sectorText);
    if (sector === null) issues.push(this.issue(row, 'sector', 'invalid_sector', { value: sectorText }));
    const homeProvinceText = cleanFast(this.text(row, 'homeProvince'));
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
        nameSortKey: nkSortKey(name),
        sex,
        birthDate: birth.iso,
        dischargeDate: discharge.iso,
        unit: optionalText(this.text(row, 'unit')),
        rank,
        term,
        year,
        homeProvince,
        homeCounty: optionalText(this.text(row, 'homeCounty')),
        skill: optionalText(this.text(row, 'skill')),
        education: optionalText(this.text(row, 'education')),
        notes: optionalText(this.text(row, 'notes')),
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
    const workplace = cleanText(this.text(row, 'workplace'));
    return workplace === '' || isTotalText(workplace) ? base : null;
  }

  process(row: RawRow): RowResult {
    const issues: ImportIssue[] = [];
    this.tooLong(row, issues);
    const unit = this.county(row, 'county', 'province', issues);
    const workplace = trimFreeText(this.text(row, 'workplace'));
    if (workplace === '') issues.push(this.issue(row, 'workplace', 'missing_workplace'));
    const headText = cleanText(this.text(row, 'headcount')).replace(/\s*명$/, '');
    const headcount = /^\d{1,6}$/.test(headText) ? Number(headText) : NaN;
    if (!(headcount > 0)) issues.push(this.issue(row, 'headcount', 'invalid_headcount', { value: headText }));
    const sectorText = cleanText(this.text(row, 'sector'));
    const sector = sectorText === '' ? 'other' : parseSector(sectorText);
    if (sector === null) issues.push(this.issue(row, 'sector', 'invalid_sector', { value: sectorText }));
    const { term, year } = this.termAndYear(row, issues, null);
    const priorityText = cleanText(this.text(row, 'priority')).replace(/\s*(순위|위)$/, '');
    const priority = priorityText === '' ? 3 : /^\d{1,3}$/.test(priorityText) ? Number(priorityText) : NaN;
    if (!(priority >= 1)) issues.push(this.issue(row, 'priority', 'invalid_priority', { value: priorityText }));
    const housingText = cleanText(this.text(row, 'housing')).toLowerCase().replace(/\s/g, '');
    const housing = housingText === '' ? false : HOUSING_WORDS[housingText];
    if (housing === undefined) issues.push(this.issue(row, 'housing', 'invalid_housing', { value: housingText }));
    const skills = this.text(row, 'skills')
      .split(/[,，、;/]/)
      .map((s) => cleanText(s))
      .filter((s) => s !== '')
      .join(', ');
    const notes = optionalText(this.text(row, 'notes'));
    if (unit !== null && workplace !== '' && term !== null) {
      this.duplicate(row, `${unit.code}\u0001${workplace}\u0001${year}\u0001${term}`, workplace, 'workplace', issues);
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
