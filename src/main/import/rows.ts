// Each row under the header: not data (blank, total, footnote, a repeated header), or a record —
// normalized and validated field by field, every problem an issue with its Excel row and column.
// This module is the rows' vocabulary (what a row becomes); the reading is done by a processor:
// row-processor.ts (what both kinds share), decision-rows.ts and request-rows.ts, with the cell
// readers of row-cells.ts and the duplicate index of key-index.ts.
import type { ImportIssue } from '../../shared/api/import.contract';
import type { ImportIssueCode } from '../../shared/api/import.fields';
import type { Rank, Sector, Sex, Term } from '../../shared/domain';

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
