// AG Grid column definitions from the shared grid columns: header text, editor, filter, and how a
// stored value is shown (labels for codes, dots in dates, names for regions and cohorts).
import type { ColDef, ICellEditorParams, ValueFormatterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { GridRow } from '../../../shared/api/grid.contract';
import { FIXED_OPTIONS, GRID_COLUMNS, NEW_ROW_COLUMNS, type EditableGridId, type GridColumn, type GridId } from '../../../shared/grids';
import { formatDateDots } from '../../../shared/normalize';
import { countyCodesOf, regionName, type LedgerOptions } from './options';

export interface ColumnContext {
  grid: GridId;
  t: TFunction;
  options: LedgerOptions | null;
  /** A province chosen but not yet saved (requests, placements): its counties are offered. */
  pendingProvince: (rowId: number) => string | null;
  /** Why a cell was refused, shown at the cell. */
  cellError: (rowId: number | string, colId: string) => string | undefined;
}

const LABEL_LISTS = ['sex', 'term', 'sector', 'placementStatus', 'requestStatus'] as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** A timestamp in the clerk's local time: 2027.03.14 09:05:00. */
function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}.${pad(d.getMonth() + 1)}.${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A whole row kept in the audit log (created or deleted), named by its identifying fields. */
function rowSummary(json: string): string {
  try {
    const row = JSON.parse(json) as Record<string, unknown>;
    const parts = ['service_no', 'name', 'workplace', 'year', 'term'].map((k) => row[k]).filter((v) => v !== undefined && v !== null);
    return parts.length > 0 ? parts.join(' ') : `#${String(row.id ?? '')}`;
  } catch {
    return json;
  }
}

/** How a stored value reads on screen. */
export function displayValue(ctx: ColumnContext, column: GridColumn, value: unknown, row?: GridRow): string {
  if (value === null || value === undefined || value === '') return '';
  const { t, options } = ctx;
  if (column.kind === 'date') return formatDateDots(String(value));
  if (column.kind === 'datetime') return localDateTime(String(value));
  if (ctx.grid === 'history' && column.key === 'field') {
    if (value === '+') return t('grid.history.created');
    if (value === '-') return t('grid.history.deleted');
    return t(`grid.columns.${String(value)}` as never, { defaultValue: t(`fields.${String(value)}` as never, { defaultValue: String(value) }) });
  }
  if (ctx.grid === 'history' && (column.key === 'old_value' || column.key === 'new_value') && (row?.field === '+' || row?.field === '-')) {
    return rowSummary(String(value));
  }
  if (column.kind === 'bool') return value === 1 || value === true ? t('grid.bool.yes') : t('grid.bool.no');
  if (column.key === 'operation') return t(`grid.options.operation.${String(value)}` as never, { defaultValue: String(value) });
  if (column.key === 'entity') return t(`grid.options.entity.${String(value)}` as never, { defaultValue: String(value) });
  if (column.options === 'cohort') {
    const cohort = options?.cohorts.find((c) => c.id === Number(value));
    return cohort ? t('grid.cohortLabel', { year: cohort.year, term: t(`grid.options.term.${cohort.term}`) }) : String(value);
  }
  if (column.options === 'province' || column.options === 'county') return regionName(options, value);
  if (column.options && (LABEL_LISTS as readonly string[]).includes(column.options)) {
    return t(`grid.options.${column.options}.${String(value)}` as never, { defaultValue: String(value) });
  }
  if (column.kind === 'number' && typeof value === 'number') return value.toLocaleString();
  return String(value);
}

function selectValues(ctx: ColumnContext, column: GridColumn, params: ICellEditorParams): unknown[] {
  const { options } = ctx;
  switch (column.options) {
    case 'province':
      return options?.regions.provinces.map((p) => p.code) ?? [];
    case 'county': {
      const row = params.data as GridRow;
      const provinceKey = column.dependsOn ?? '';
      const pending = typeof row.id === 'number' && row.id > 0 ? ctx.pendingProvince(row.id) : null;
      return countyCodesOf(options, pending ?? row[provinceKey] ?? null);
    }
    case 'cohort':
      return options?.cohorts.map((c) => c.id) ?? [];
    case undefined:
      return [];
    default:
      return [...FIXED_OPTIONS[column.options as keyof typeof FIXED_OPTIONS]];
  }
}

function filterOf(column: GridColumn): ColDef['filter'] {
  if (column.kind === 'bool') return false;
  if (column.kind === 'number') return 'agNumberColumnFilter';
  if (column.kind === 'date' || column.kind === 'datetime') return 'agDateColumnFilter';
  return 'agTextColumnFilter';
}

export function buildColumnDefs(ctx: ColumnContext): ColDef<GridRow>[] {
  const { grid, t } = ctx;
  const newRowColumns: readonly string[] = grid === 'history' ? [] : NEW_ROW_COLUMNS[grid as EditableGridId];
  return GRID_COLUMNS[grid].map((column): ColDef<GridRow> => {
    const editableInDraft = column.editable || newRowColumns.includes(column.key);
    const def: ColDef<GridRow> = {
      colId: column.key,
      field: column.key,
      headerName: t(`grid.columns.${column.key}` as never),
      // initial*: a new set of definitions (language, loaded options) keeps the clerk's layout.
      initialWidth: column.width ?? 120,
      initialHide: column.hidden === true,
      sortable: column.sortable !== false,
      filter: filterOf(column),
      filterParams: {
        buttons: ['reset'],
        maxNumConditions: 2,
        debounceMs: 300,
        ...(column.kind === 'date' || column.kind === 'datetime' ? { browserDatePicker: true } : {}),
      },
      editable: (p) => (p.node.rowPinned === 'top' ? editableInDraft : p.node.rowPinned ? false : column.editable),
      valueFormatter: (p: ValueFormatterParams<GridRow>) => displayValue(ctx, column, p.value, p.data),
      tooltipValueGetter: (p) => {
        const row = p.data as GridRow | undefined;
        return row ? ctx.cellError(row.id, column.key) : undefined;
      },
      cellClassRules: {
        'cell--invalid': (p) => {
          const row = p.data as GridRow | undefined;
          return row ? ctx.cellError(row.id, column.key) !== undefined : false;
        },
        'cell--readonly': (p) => !p.node.rowPinned && !column.editable,
        'cell--required': (p) => p.node.rowPinned === 'top' && (column.required === true || newRowColumns.includes(column.key)) && (p.value === null || p.value === undefined || p.value === ''),
        'cell--number': () => column.kind === 'number',
      },
    };
    if (column.kind === 'select' || column.kind === 'bool') {
      def.cellEditor = 'agSelectCellEditor';
      def.cellEditorParams = (params: ICellEditorParams) => ({
        values: column.kind === 'bool' ? [1, 0] : ['', ...selectValues(ctx, column, params)],
      });
    } else if (column.kind === 'number') {
      def.cellEditor = 'agNumberCellEditor';
      def.cellEditorParams = { min: column.min, max: column.max, precision: 0 };
    } else if (column.key === 'notes' || column.key === 'skills_wanted') {
      def.cellEditor = 'agLargeTextCellEditor';
      def.cellEditorPopup = true;
      def.cellEditorParams = { maxLength: column.maxLength ?? 500, rows: 5, cols: 40 };
    } else {
      def.cellEditor = 'agTextCellEditor';
      def.cellEditorParams = { maxLength: column.maxLength ?? 200 };
    }
    return def;
  });
}
