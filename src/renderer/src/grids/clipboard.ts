// Copy and paste between the grids and Excel: TSV plus an HTML table on copy, TSV on paste.
import type { GridApi } from 'ag-grid-community';
import type { GridRow } from '../../../shared/api/grid.contract';
import { columnOf, type GridId } from '../../../shared/grids';
import { formatHtmlTable, formatTsv, type CopyCell } from '../../../shared/tsv';

export const SELECTION_COLUMN = 'ag-Grid-SelectionColumn';

/** The displayed data columns, left to right (without the checkbox column). */
export function displayedColumnIds(api: GridApi): string[] {
  return api
    .getAllDisplayedColumns()
    .map((c) => c.getColId())
    .filter((id) => id !== SELECTION_COLUMN);
}

/**
 * What Ctrl+C copies: the selected rows (all displayed columns), else the focused cell. Values
 * as the grid shows them, but dates as ISO (Excel reads them as dates) and service numbers kept
 * as text.
 */
export function copyBlock(
  api: GridApi,
  grid: GridId,
  display: (colId: string, row: GridRow) => string,
): { rows: CopyCell[][]; columns: number } | null {
  const selected = api
    .getSelectedNodes()
    .filter((n) => n.data && n.rowIndex !== null)
    .sort((a, b) => (a.rowIndex ?? 0) - (b.rowIndex ?? 0));
  let rows: GridRow[];
  let columns: string[];
  if (selected.length > 0) {
    rows = selected.map((n) => n.data as GridRow);
    columns = displayedColumnIds(api);
  } else {
    const focused = api.getFocusedCell();
    if (!focused || focused.column.getColId() === SELECTION_COLUMN) return null;
    const node = focused.rowPinned ? null : api.getDisplayedRowAtIndex(focused.rowIndex);
    if (!node?.data) return null;
    rows = [node.data as GridRow];
    columns = [focused.column.getColId()];
  }
  const cells = rows.map((row) =>
    columns.map((colId): CopyCell => {
      const column = columnOf(grid, colId);
      const raw = row[colId];
      if (column?.kind === 'date' && typeof raw === 'string') return { text: raw, isDate: true };
      return { text: display(colId, row), keepAsText: column?.keepAsText === true };
    }),
  );
  return { rows: cells, columns: columns.length };
}

export function writeClipboard(event: ClipboardEvent, rows: CopyCell[][]): void {
  event.clipboardData?.setData('text/plain', formatTsv(rows));
  event.clipboardData?.setData('text/html', formatHtmlTable(rows));
  event.preventDefault();
}
