// AG Grid column definitions from the shared grid columns: header text, editor, filter, and how a
// stored value is shown (labels for codes, dots in dates, names for regions and cohorts).
import type { ColDef, ICellEditorParams, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { GridRow } from '../../../shared/api/grid.contract';
import { FIXED_OPTIONS, GRID_COLUMNS, NEW_ROW_COLUMNS, type EditableGridId, type GridColumn, type GridId } from '../../../shared/grids';
import { displayCell } from '../../../shared/grid-display';
import type { Language } from '../../../shared/domain';
import { countyCodesOf, regionName, type LedgerOptions } from './options';

export interface ColumnContext {
  grid: GridId;
  t: TFunction;
  language: Language;
  options: LedgerOptions | null;
  /** A province chosen but not yet saved (requests, placements): its counties are offered. */
  pendingProvince: (rowId: number) => string | null;
  /** Why a cell was refused, shown at the cell. */
  cellError: (rowId: number | string, colId: string) => string | undefined;
  /** True while an undo or redo of many rows runs: nothing can be edited meanwhile. */
  locked?: () => boolean;
  /** A value typed in the cell and not saved yet (the hub unreachable …), shown instead of the stored one. */
  unsaved?: (rowId: number, colId: string) => { value: unknown; reason: string } | undefined;
}

/** How a stored value reads on screen (shared with "export this view"). */
export function displayValue(ctx: ColumnContext, column: GridColumn, value: unknown, row?: GridRow): string {
  const { options } = ctx;
  const lookups = options ? { cohorts: options.cohorts, regionName: (code: string) => regionName(options, code, ctx.language) } : null;
  return displayCell(ctx.grid, column, value, ctx.language, lookups, row);
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
      editable: (p) => !ctx.locked?.() && (p.node.rowPinned === 'top' ? editableInDraft : p.node.rowPinned ? false : column.editable),
      valueGetter: (p: ValueGetterParams<GridRow>) => {
        const row = p.data;
        if (!row) return undefined;
        const typed = p.node?.rowPinned ? undefined : ctx.unsaved?.(row.id, column.key);
        return typed ? typed.value : row[column.key];
      },
      valueFormatter: (p: ValueFormatterParams<GridRow>) => displayValue(ctx, column, p.value, p.data),
      tooltipValueGetter: (p) => {
        const row = p.data as GridRow | undefined;
        if (!row) return undefined;
        const typed = p.node?.rowPinned ? undefined : ctx.unsaved?.(row.id, column.key);
        return typed ? t('hub.unsaved', { reason: typed.reason }) : ctx.cellError(row.id, column.key);
      },
      cellClassRules: {
        'cell--unsaved': (p) => {
          const row = p.data as GridRow | undefined;
          return row !== undefined && !p.node.rowPinned && ctx.unsaved?.(row.id, column.key) !== undefined;
        },
        'cell--invalid': (p) => {
          const row = p.data as GridRow | undefined;
          return row ? ctx.cellError(row.id, column.key) !== undefined : false;
        },
        'cell--readonly': (p) => !p.node.rowPinned && !column.editable,
        'cell--required': (p) =>
          p.node.rowPinned === 'top' &&
          (column.required === true || newRowColumns.includes(column.key)) &&
          (p.value === null || p.value === undefined || p.value === ''),
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
