// A row of a county's request sheet: a workplace asking for a number of workers of a sector.
import type { ImportIssue } from '../../shared/api/import.contract';
import { cleanText, parseSector } from '../../shared/normalize';
import { isTotalText, trimFreeText } from './normalize';
import type { RawRow } from '../spreadsheet/read/xlsx';
import { KeyIndex } from './key-index';
import { optionalText } from './row-cells';
import { RowProcessor } from './row-processor';
import type { RowResult, SkipReason } from './rows';

const HOUSING_WORDS: Record<string, boolean> = {
  보장: true,
  있음: true,
  유: true,
  예: true,
  o: true,
  yes: true,
  y: true,
  provided: true,
  true: true,
  '1': true,
  '○': true,
  '◯': true,
  v: true,
  미보장: false,
  없음: false,
  무: false,
  아니: false,
  아니오: false,
  x: false,
  no: false,
  n: false,
  none: false,
  false: false,
  '0': false,
  '×': false,
  '-': false,
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
