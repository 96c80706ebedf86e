// AG Grid's own texts (filter menus, overlays) in the UI language.
import type { TFunction } from 'i18next';

const KEYS = [
  'contains',
  'notContains',
  'equals',
  'notEqual',
  'startsWith',
  'endsWith',
  'blank',
  'notBlank',
  'lessThan',
  'greaterThan',
  'lessThanOrEqual',
  'greaterThanOrEqual',
  'inRange',
  'inRangeStart',
  'inRangeEnd',
  'before',
  'after',
  'andCondition',
  'orCondition',
  'filterOoo',
  'resetFilter',
  'applyFilter',
  'clearFilter',
  'cancelFilter',
  'dateFormatOoo',
  'noRowsToShow',
  'loadingOoo',
  'loadingError',
  'selectAll',
  'searchOoo',
  'ariaChecked',
  'ariaUnchecked',
  'sortAscending',
  'sortDescending',
  'ariaRowSelect',
  'ariaRowDeselect',
] as const;

export function agLocaleText(t: TFunction): Record<string, string> {
  return Object.fromEntries(KEYS.map((key) => [key, t(`grid.ag.${key}` as never)]));
}
