// How a stored grid value reads for a clerk: labels for codes, dots in dates, names for regions
// and cohorts. One function for the grid on screen and for "export this view" in main.
import type { CohortOption, GridRow } from './api/grid.contract';
import type { Language } from './domain';
import type { GridColumn, GridId } from './grids';
import { interpolate, messages } from './i18n';
import { formatDateDots } from './normalize';

export interface DisplayLookups {
  cohorts: readonly CohortOption[];
  /** name_ko of a province or city/county code; the text itself when it is not a code. */
  regionName(code: string): string;
}

const LABEL_LISTS = ['sex', 'term', 'sector', 'placementStatus', 'requestStatus'] as const;
const pad = (n: number) => String(n).padStart(2, '0');

/** A timestamp in local time: 2027.03.14 09:05:00. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}.${pad(d.getMonth() + 1)}.${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
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

export function displayCell(grid: GridId, column: GridColumn, value: unknown, language: Language, lookups: DisplayLookups | null, row?: GridRow): string {
  if (value === null || value === undefined || value === '') return '';
  const m = messages[language];
  const text = String(value);
  if (column.kind === 'date') return formatDateDots(text);
  if (column.kind === 'datetime') return localDateTime(text);
  if (grid === 'history' && column.key === 'field') {
    if (value === '+') return m.grid.history.created;
    if (value === '+*') return m.grid.history.createdMany;
    if (value === '-') return m.grid.history.deleted;
    if (row?.entity === 'setting' && text.startsWith(IDENTITY_SETTING)) return m.grid.history.identityChanges;
    if (row?.entity === 'decision_file' || row?.entity === 'setting') return label(m.grid.history.recordFields, text);
    return label(m.grid.columns, text) !== text ? label(m.grid.columns, text) : label(m.fields, text);
  }
  // The persons an import was allowed to change into others: "123-45678 백룡철 → 옥금옥".
  if (grid === 'history' && column.key === 'new_value' && row?.entity === 'setting' && String(row.field ?? '').startsWith(IDENTITY_SETTING)) {
    try {
      return (JSON.parse(text) as { serviceNo: string; from: { name: string }; to: { name: string } }[]).map((c) => `${c.serviceNo} ${c.from.name} → ${c.to.name}`).join('; ');
    } catch {
      return text;
    }
  }
  // Rows added in bulk: new_value is how many (history's SQL counts them).
  if (grid === 'history' && column.key === 'new_value' && row?.field === '+*') {
    return interpolate(m.grid.history.rows, { count: Number(value).toLocaleString(language === 'ko' ? 'ko-KR' : 'en-US') });
  }
  if (grid === 'history' && (column.key === 'old_value' || column.key === 'new_value') && (row?.field === '+' || row?.field === '-')) {
    return rowSummary(text, language);
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
