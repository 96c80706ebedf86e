// How a stored grid value reads for a clerk: labels for codes, dots in dates, names for regions
// and cohorts. One function for the grid on screen and for "export this view" in main.
import type { CohortOption, GridRow } from './api/grid.contract';
import type { Language } from './domain';
import { columnOf, type GridColumn, type GridId } from './grids';
import { interpolate, messages } from './i18n';
import { formatDateDots } from './normalize';

export interface DisplayLookups {
  cohorts: readonly CohortOption[];
  /** name_ko of a province or city/county code; the text itself when it is not a code. */
  regionName(code: string): string;
}

const LABEL_LISTS = ['sex', 'term', 'sector', 'placementStatus', 'requestStatus', 'rank'] as const;

/** History's SQL gives this for a value that names a record no longer in the ledger. */
export const HISTORY_MISSING = '\u0001missing';

/** The grid that shows an audited entity's fields, and its column for each stored field. */
const GRID_OF_ENTITY: Partial<Record<string, GridId>> = {
  person: 'persons',
  placement: 'placements',
  county_request: 'requests',
  cohort: 'cohorts',
};
const COLUMN_OF_FIELD: Record<string, string> = {
  dest_county_id: 'dest_county',
  county_id: 'county',
  cohort_id: 'cohort',
  request_id: 'workplace',
};
const pad = (n: number) => String(n).padStart(2, '0');

/** A timestamp in local time: 2027.03.14 09:05:00 (without seconds: 2027.03.14 09:05). */
export function localDateTime(iso: string, options: { seconds?: boolean } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const minutes = `${d.getFullYear()}.${pad(d.getMonth() + 1)}.${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return options.seconds === false ? minutes : `${minutes}:${pad(d.getSeconds())}`;
}

/** A whole row kept in the audit log (created or deleted), named by its identifying fields. */
function rowSummary(json: string, language: Language): string {
  try {
    const row = JSON.parse(json) as Record<string, unknown>;
    if (row.year !== undefined && typeof row.term === 'string') return cohortText(row.year, row.term, language);
    const parts = ['file_name', 'service_no', 'name', 'workplace'].map((k) => row[k]).filter((v) => v !== undefined && v !== null);
    return parts.length > 0 ? parts.join(' ') : `#${String(row.id ?? '')}`;
  } catch {
    return json;
  }
}

/** A cohort as the clerk reads it: 2027 가을 / 2027 fall. */
function cohortText(year: unknown, term: string, language: Language): string {
  const m = messages[language];
  return interpolate(m.grid.cohortLabel, { year: String(year), term: label(m.grid.options.term, term) });
}

/** Settings an import writes to record the identity changes the clerk accepted (import/service.ts). */
const IDENTITY_SETTING = 'import.identity_changes.';

function label(table: Record<string, string>, key: string): string {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key]! : key;
}

/**
 * One audited value in the words of the grid that shows that field: labels for codes, dots in
 * dates, regions and cohorts by name (history's SQL has already turned ids into codes and names).
 */
function historyValue(entity: string, field: string, text: string, language: Language, lookups: DisplayLookups | null): string {
  const m = messages[language];
  if (text === HISTORY_MISSING) return m.grid.history.missing;
  if (field === 'cohort_id') {
    const [year, term] = text.split(' ');
    return term ? cohortText(year, term, language) : text;
  }
  if (field === 'dest_county_id' || field === 'county_id') return lookups ? lookups.regionName(text) : text;
  if (entity === 'setting' && field === 'ui.language') return label(m.language, text);
  if (entity === 'setting' && field === 'account.role') return label(m.hub.roles, text);
  if (entity === 'decision_file') {
    if (field === 'skipped_invalid') return text === '1' ? m.grid.bool.yes : m.grid.bool.no;
    if (field === 'imported_at') return localDateTime(text);
  }
  const grid = GRID_OF_ENTITY[entity];
  const column = grid === undefined ? undefined : columnOf(grid, COLUMN_OF_FIELD[field] ?? field);
  if (grid !== undefined && column !== undefined && column.options !== 'cohort') {
    const numeric = (column.kind === 'number' || column.kind === 'bool') && /^-?\d+(\.\d+)?$/.test(text);
    return displayCell(grid, column, numeric ? Number(text) : text, language, lookups);
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDateDots(text) : text;
}

export function displayCell(
  grid: GridId,
  column: GridColumn,
  value: unknown,
  language: Language,
  lookups: DisplayLookups | null,
  row?: GridRow,
): string {
  if (value === null || value === undefined || value === '') return '';
  const m = messages[language];
  const text = String(value);
  if (column.kind === 'date') return formatDateDots(text);
  if (column.kind === 'datetime') return localDateTime(text);
  if (grid === 'history' && column.key === 'field') {
    if (value === '+') return m.grid.history.created;
    if (value === '+*') return m.grid.history.createdMany;
    if (value === '-') return m.grid.history.deleted;
    if (value === '-*') return m.grid.history.deletedMany;
    if (row?.entity === 'setting' && text.startsWith(IDENTITY_SETTING)) return m.grid.history.identityChanges;
    // An account's own display language (ui.language@NAME) is named as the language.
    if (row?.entity === 'setting' && text.startsWith('ui.language@')) return label(m.grid.history.recordFields, 'ui.language');
    if (row?.entity === 'decision_file' || row?.entity === 'setting') return label(m.grid.history.recordFields, text);
    const key = COLUMN_OF_FIELD[text] ?? text;
    return label(m.grid.columns, key) !== key ? label(m.grid.columns, key) : label(m.fields, text);
  }
  // The persons an import was allowed to change into others: "123-45678 백룡철 → 옥금옥".
  if (
    grid === 'history' &&
    column.key === 'new_value' &&
    row?.entity === 'setting' &&
    String(row.field ?? '').startsWith(IDENTITY_SETTING)
  ) {
    try {
      return (JSON.parse(text) as { serviceNo: string; from: { name: string }; to: { name: string } }[])
        .map((c) => `${c.serviceNo} ${c.from.name} → ${c.to.name}`)
        .join('; ');
    } catch {
      return text;
    }
  }
  // Rows added in bulk: new_value is how many; taken out in bulk: old_value (history's SQL counts them).
  if (grid === 'history' && ((column.key === 'new_value' && row?.field === '+*') || (column.key === 'old_value' && row?.field === '-*'))) {
    return interpolate(m.grid.history.rows, { count: Number(value).toLocaleString(language === 'ko' ? 'ko-KR' : 'en-US') });
  }
  if (grid === 'history' && (column.key === 'old_value' || column.key === 'new_value') && (row?.field === '+' || row?.field === '-')) {
    return rowSummary(text, language);
  }
  if (grid === 'history' && (column.key === 'old_value' || column.key === 'new_value')) {
    return historyValue(String(row?.entity ?? ''), String(row?.field ?? ''), text, language, lookups);
  }
  // A cohort is named in SQL as "<year> <term code>".
  if (grid === 'history' && column.key === 'subject' && row?.entity === 'cohort') {
    const [year, term] = text.split(' ');
    return term ? cohortText(year, term, language) : text;
  }
  if (column.kind === 'bool') return value === 1 || value === true ? m.grid.bool.yes : m.grid.bool.no;
  if (column.key === 'operation') return label(m.grid.options.operation, text);
  if (column.key === 'entity') return label(m.grid.options.entity, text);
  if (column.options === 'cohort') {
    const cohort = lookups?.cohorts.find((c) => c.id === Number(value));
    return cohort ? interpolate(m.grid.cohortLabel, { year: cohort.year, term: m.grid.options.term[cohort.term] }) : text;
  }
  if (column.options === 'province' || column.options === 'county') return lookups ? lookups.regionName(text) : text;
  if (column.options && (LABEL_LISTS as readonly string[]).includes(column.options)) {
    return label(m.grid.options[column.options as (typeof LABEL_LISTS)[number]], text);
  }
  if (column.kind === 'number' && typeof value === 'number') return value.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-US');
  return text;
}
