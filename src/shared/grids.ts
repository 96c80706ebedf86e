// The editable grids: which columns each has, their kind of value and how a typed value is read.
// Shared so that main validates every edit with exactly the rules the renderer uses for instant
// feedback, and the renderer builds its columns from the same list.
import { PLACEMENT_STATUSES, RANKS, REQUEST_STATUSES, SECTORS, SEXES, TERMS } from './domain';
import { cleanText, normalizeServiceNo, parseDateText, parseRank, parseSector, parseSex, parseTerm } from './normalize';

export const GRIDS = ['persons', 'cohorts', 'requests', 'placements', 'history'] as const;
export type GridId = (typeof GRIDS)[number];
export const EDITABLE_GRIDS = ['persons', 'cohorts', 'requests', 'placements'] as const;
export type EditableGridId = (typeof EDITABLE_GRIDS)[number];

export type ColumnKind = 'text' | 'number' | 'date' | 'select' | 'bool' | 'datetime';

/** Where a select column's choices come from. */
export type OptionSource = 'sex' | 'term' | 'sector' | 'placementStatus' | 'requestStatus' | 'rank' | 'province' | 'county' | 'cohort';

export const FIXED_OPTIONS: Record<'sex' | 'term' | 'sector' | 'placementStatus' | 'requestStatus' | 'rank', readonly string[]> = {
  sex: SEXES,
  term: TERMS,
  sector: SECTORS,
  placementStatus: PLACEMENT_STATUSES,
  requestStatus: REQUEST_STATUSES,
  rank: RANKS,
};

export interface GridColumn {
  key: string;
  kind: ColumnKind;
  editable: boolean;
  /** Must have a value (for new rows and edits). */
  required?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: OptionSource;
  /** For a county column: the province column whose value limits its choices. */
  dependsOn?: string;
  /** Default width in px. */
  width?: number;
  /** Shown by default (hidden columns can be turned on in the view). */
  hidden?: boolean;
  /** Sorting and filtering run in SQL; false for computed columns too costly to sort. */
  sortable?: boolean;
  /** Text columns that keep leading zeros and never become numbers in Excel. */
  keepAsText?: boolean;
}

const text = (key: string, extra: Partial<GridColumn> = {}): GridColumn => ({
  key,
  kind: 'text',
  editable: true,
  maxLength: 200,
  sortable: true,
  ...extra,
});
const date = (key: string, extra: Partial<GridColumn> = {}): GridColumn => ({
  key,
  kind: 'date',
  editable: true,
  sortable: true,
  width: 120,
  ...extra,
});
const select = (key: string, options: OptionSource, extra: Partial<GridColumn> = {}): GridColumn => ({
  key,
  kind: 'select',
  editable: true,
  options,
  sortable: true,
  ...extra,
});
const readOnly = (key: string, kind: ColumnKind, extra: Partial<GridColumn> = {}): GridColumn => ({
  key,
  kind,
  editable: false,
  sortable: true,
  ...extra,
});

export const GRID_COLUMNS: Record<GridId, readonly GridColumn[]> = {
  persons: [
    text('service_no', { required: true, maxLength: 30, width: 130, keepAsText: true }),
    text('name', { required: true, maxLength: 60, width: 110 }),
    select('sex', 'sex', { width: 80 }),
    date('birth_date'),
    select('home_province', 'province', { width: 120 }),
    select('home_county', 'county', { dependsOn: 'home_province', width: 120 }),
    text('unit', { maxLength: 100, width: 130 }),
    select('rank', 'rank', { width: 100 }),
    date('discharge_date'),
    select('cohort', 'cohort', { width: 120 }),
    text('skill', { maxLength: 200, width: 140 }),
    text('education', { maxLength: 100, width: 110, hidden: true }),
    text('notes', { maxLength: 500, width: 160 }),
    readOnly('dest_county', 'select', { options: 'county', width: 120 }),
    readOnly('workplace', 'text', { width: 160 }),
    readOnly('placement_status', 'select', { options: 'placementStatus', width: 100 }),
  ],
  cohorts: [
    { key: 'year', kind: 'number', editable: true, required: true, min: 1948, max: 2200, sortable: true, width: 90 },
    select('term', 'term', { required: true, width: 90 }),
    text('notes', { maxLength: 500, width: 240 }),
    readOnly('persons', 'number', { width: 110 }),
    readOnly('placements', 'number', { width: 110 }),
    readOnly('requests', 'number', { width: 110 }),
  ],
  requests: [
    select('cohort', 'cohort', { required: true, width: 120 }),
    select('province', 'province', { required: true, width: 120 }),
    select('county', 'county', { required: true, dependsOn: 'province', width: 120 }),
    text('workplace', { required: true, maxLength: 120, width: 180 }),
    select('sector', 'sector', { required: true, width: 140 }),
    // Wide enough for the English headers with their filter button ("Requested", "Remaining").
    { key: 'headcount', kind: 'number', editable: true, required: true, min: 1, max: 100000, sortable: true, width: 120 },
    readOnly('assigned', 'number', { width: 110 }),
    readOnly('arrived', 'number', { width: 100 }),
    readOnly('remaining', 'number', { width: 115 }),
    text('skills_wanted', { maxLength: 300, width: 160 }),
    { key: 'priority', kind: 'number', editable: true, min: 1, max: 99, sortable: true, width: 90 },
    { key: 'housing_provided', kind: 'bool', editable: true, sortable: true, width: 100 },
    select('status', 'requestStatus', { width: 100 }),
    { key: 'dev_20x10', kind: 'bool', editable: true, sortable: true, width: 90 },
    text('notes', { maxLength: 500, width: 160 }),
  ],
  placements: [
    readOnly('service_no', 'text', { width: 130, keepAsText: true }),
    readOnly('name', 'text', { width: 110 }),
    readOnly('cohort', 'select', { options: 'cohort', width: 120 }),
    select('dest_province', 'province', { required: true, width: 120 }),
    select('dest_county', 'county', { required: true, dependsOn: 'dest_province', width: 120 }),
    select('sector', 'sector', { required: true, width: 140 }),
    readOnly('workplace', 'text', { width: 180 }),
    select('status', 'placementStatus', { required: true, width: 100 }),
    date('decided_on'),
    date('notified_on'),
    date('arrival_date'),
    date('cancelled_on', { hidden: true }),
    text('notes', { maxLength: 500, width: 160 }),
  ],
  history: [
    readOnly('at', 'datetime', { width: 160 }),
    readOnly('clerk', 'text', { width: 140 }),
    readOnly('operation', 'select', { width: 100 }),
    readOnly('entity', 'select', { width: 100 }),
    readOnly('subject', 'text', { width: 200 }),
    readOnly('field', 'text', { width: 120 }),
    readOnly('old_value', 'text', { width: 180 }),
    readOnly('new_value', 'text', { width: 180 }),
  ],
};

/** The columns a new row must be given (what the "new row" asks for) — persons also need no more. */
export const NEW_ROW_COLUMNS: Record<EditableGridId, readonly string[]> = {
  persons: ['service_no', 'name', 'sex', 'birth_date', 'discharge_date', 'cohort'],
  cohorts: ['year', 'term', 'notes'],
  requests: ['cohort', 'province', 'county', 'workplace', 'sector', 'headcount'],
  placements: ['service_no', 'cohort', 'dest_province', 'dest_county', 'sector'],
};

/** Each grid's columns by key (an edit asks for its column every time). */
const COLUMN_INDEX = Object.fromEntries(
  Object.entries(GRID_COLUMNS).map(([grid, columns]) => [grid, new Map(columns.map((c) => [c.key, c]))]),
) as unknown as Record<GridId, ReadonlyMap<string, GridColumn>>;

export function columnOf(grid: GridId, key: string): GridColumn | undefined {
  return COLUMN_INDEX[grid].get(key);
}

/** Why a typed value was refused; the UI says it with i18n `validation.<rule>`. */
export type CellRule =
  | 'required'
  | 'too_long'
  | 'too_small'
  | 'too_big'
  | 'invalid_value'
  | 'invalid_date'
  | 'not_a_number'
  | 'invalid_service_no'
  | 'duplicate'
  | 'birth_after_discharge'
  | 'county_not_in_province'
  | 'unknown_person'
  | 'not_editable';

export type CellValue = string | number | boolean | null;
export type ParsedCell = { ok: true; value: CellValue } | { ok: false; rule: CellRule; limit?: number };

/**
 * Reads what a clerk typed or pasted into a cell: the stored form, or why not. Select columns
 * take their code or a word the normalizers know (남, 봄, 지방공업공장 …); provinces, counties and
 * cohorts are checked against the ledger in main.
 */
export function parseCell(column: GridColumn, raw: unknown): ParsedCell {
  if (!column.editable) return { ok: false, rule: 'not_editable' };
  const textValue = raw === null || raw === undefined ? '' : typeof raw === 'string' ? cleanText(raw) : String(raw);
  if (textValue === '') {
    return column.required ? { ok: false, rule: 'required' } : { ok: true, value: column.kind === 'bool' ? false : null };
  }
  switch (column.kind) {
    case 'text': {
      if (column.key === 'service_no') {
        const serviceNo = normalizeServiceNo(textValue);
        return serviceNo ? { ok: true, value: serviceNo } : { ok: false, rule: 'invalid_service_no' };
      }
      const limit = column.maxLength ?? 200;
      // Characters, not UTF-16 units; a text no longer than the limit in units is within it.
      return textValue.length > limit && [...textValue].length > limit
        ? { ok: false, rule: 'too_long', limit }
        : { ok: true, value: textValue };
    }
    case 'number': {
      // A minus sign as word processors and Excel's formats write it (−5) is a minus.
      const n = typeof raw === 'number' ? raw : Number(textValue.replace(/,/g, '').replace(/[\u2212\uFE63\uFF0D]/g, '-'));
      if (!Number.isFinite(n) || !Number.isInteger(n)) return { ok: false, rule: 'not_a_number' };
      if (column.min !== undefined && n < column.min) return { ok: false, rule: 'too_small', limit: column.min };
      if (column.max !== undefined && n > column.max) return { ok: false, rule: 'too_big', limit: column.max };
      return { ok: true, value: n };
    }
    case 'date': {
      const iso = parseDateText(textValue);
      return iso ? { ok: true, value: iso } : { ok: false, rule: 'invalid_date' };
    }
    case 'bool': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const t = textValue.toLowerCase();
      if (['1', 'true', 'yes', 'y', '예', '있음', '보장', 'o', '○'].includes(t)) return { ok: true, value: true };
      if (['0', 'false', 'no', 'n', '아니', '없음', '미보장', 'x', '×'].includes(t)) return { ok: true, value: false };
      return { ok: false, rule: 'invalid_value' };
    }
    case 'select': {
      const source = column.options;
      if (source && source in FIXED_OPTIONS) {
        const fixed = FIXED_OPTIONS[source as keyof typeof FIXED_OPTIONS];
        if (fixed.includes(textValue)) return { ok: true, value: textValue };
        const read =
          source === 'sex'
            ? parseSex(textValue)
            : source === 'term'
              ? parseTerm(textValue)
              : source === 'sector'
                ? parseSector(textValue)
                : source === 'rank'
                  ? parseRank(textValue)
                  : null;
        return read ? { ok: true, value: read } : { ok: false, rule: 'invalid_value' };
      }
      // province, county, cohort: checked against the ledger in main.
      return { ok: true, value: textValue };
    }
    default:
      return { ok: false, rule: 'not_editable' };
  }
}
