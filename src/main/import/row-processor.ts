// What the decision and request row processors share: the context a sheet gives its rows, issues
// with their cell, the rows that are not data, duplicates within the file and city/county matching
// (found once per spelling and file).
import { withWho, type CountyMatch, type ImportIssue } from '../../shared/api/import.contract';
import { IMPORT_WARNING_CODES, type ImportField, type ImportIssueCode } from '../../shared/api/import.fields';
import type { Term } from '../../shared/domain';
import { headerKey, isFootnoteText, isTotalText } from './normalize';
import { cellText, type Layout } from './layout';
import { columnLetter } from '../spreadsheet/cells';
import type { RegionMatcher, UnitRef } from '../regions/match';
import type { CellValue, RawRow } from '../spreadsheet/read/xlsx';
import { KeyIndex } from './key-index';
import { cleanOf, fieldColumnsOf, printableAt, termOf, type FieldColumns } from './row-cells';
import type { RowResult, SkipReason } from './rows';

const WARNINGS = new Set(IMPORT_WARNING_CODES);

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

/** Shared by both kinds: counts, duplicates, county matches. */
export abstract class RowProcessor {
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
        issues.push(
          this.issue(row, countyField, 'county_sheet_mismatch', {
            value: written,
            sheet: ctx.sheet ?? sheetUnit.nameKo,
            county: sheetUnit.nameKo,
            countyEn: sheetUnit.nameEn,
          }),
        );
        return null;
      }
      return unit;
    }
    return this.countyOfRow(row, countyField, provinceField, issues, ctx.province);
  }

  private countyOfRow(
    row: RawRow,
    countyField: ImportField,
    provinceField: ImportField,
    issues: ImportIssue[],
    defaultProvince: string | null,
  ): UnitRef | null {
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
    const guess = match.candidates
      .map((c) => (c.provinceKo && match.province !== c.provinceKo ? `${c.provinceKo} ${c.nameKo}` : c.nameKo))
      .join(', ');
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
      const result =
        chosen && ctx.matcher.unitByCode.get(chosen)
          ? { kind: 'ok' as const, unit: ctx.matcher.unitByCode.get(chosen)!, how: 'clerk' as const }
          : ctx.matcher.matchCounty(countyText, provinceCode);
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
