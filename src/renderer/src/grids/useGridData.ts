// A grid's rows and view: blocks of rows paged from main (sort, filters and search run in SQL
// there), the totals row of County requests, the quick search, and the view (columns, widths,
// sort, filters, search) remembered in the ledger across restarts.
import type {
  ColumnState,
  FilterModel as AgFilterModel,
  GridReadyEvent,
  IDatasource,
  IGetRowsParams,
  SortModelItem,
} from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridRow, GridViewInput } from '../../../shared/api/grid.contract';
import { call } from '../api';
import { TOTALS_ID, type GridCore } from './grid-core';

function viewOf(sortModel: SortModelItem[], filterModel: AgFilterModel, search: string, personId?: number): GridViewInput {
  return {
    sort: sortModel.map((s) => ({ colId: s.colId, sort: s.sort })),
    filters: filterModel as GridViewInput['filters'],
    search,
    ...(personId !== undefined ? { personId } : {}),
  };
}

export interface GridData {
  rowCount: number | null;
  /** The view of the last block asked for: what paste, totals and "export this view" act on. */
  lastView: MutableRefObject<GridViewInput>;
  search: string;
  onSearch(value: string): void;
  loadTotals(): Promise<void>;
  saveView(): void;
  resetView(): void;
  onGridReady(event: GridReadyEvent<GridRow>): void;
}

export function useGridData(
  core: GridCore,
  personId: number | undefined,
  refreshUndo: () => void,
  initialFilters?: AgFilterModel,
): GridData {
  const { t, i18n } = useTranslation();
  const { grid, apiRef, failed } = core;
  const [search, setSearch] = useState('');
  const searchValue = useRef('');
  const [rowCount, setRowCount] = useState<number | null>(null);
  const [viewLoaded, setViewLoaded] = useState(false);
  const lastView = useRef<GridViewInput>({});

  // ---- the data source: blocks of rows from main -------------------------------------------
  const datasource: IDatasource = useMemo(
    () => ({
      getRows: (params: IGetRowsParams) => {
        const view = viewOf(params.sortModel, params.filterModel as AgFilterModel, searchValue.current, personId);
        lastView.current = view;
        call('gridQuery', { grid, view, start: params.startRow, count: params.endRow - params.startRow })
          .then((page) => {
            setRowCount(page.rowCount);
            params.successCallback(page.rows, page.rowCount);
            if (page.rowCount === 0) apiRef.current?.showNoRowsOverlay();
            else apiRef.current?.hideOverlay();
          })
          .catch((error: unknown) => {
            params.failCallback();
            failed(error);
          });
      },
    }),
    [grid, personId, failed, apiRef],
  );

  const loadTotals = useCallback(async () => {
    if (grid !== 'requests') return;
    try {
      const totals = await call('gridTotals', { grid, view: lastView.current });
      const row: GridRow = {
        id: TOTALS_ID,
        cohort: null,
        workplace: t('grid.totals.label'),
        headcount: totals.headcount ?? 0,
        assigned: totals.assigned ?? 0,
        arrived: totals.arrived ?? 0,
        remaining: totals.remaining ?? 0,
      };
      apiRef.current?.setGridOption('pinnedBottomRowData', [row]);
    } catch (error) {
      failed(error);
    }
  }, [grid, t, failed, apiRef]);
  // The totals row is written in the clerk's language: again when the language changes.
  const language = i18n.language;
  useEffect(() => {
    if (apiRef.current?.getGridOption('pinnedBottomRowData')?.length) void loadTotals();
  }, [language, loadTotals, apiRef]);

  // ---- views remembered in the ledger --------------------------------------------------------
  const saveTimer = useRef<number | undefined>(undefined);
  const saveView = useCallback(() => {
    if (!viewLoaded) return;
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => {
      const api = apiRef.current;
      if (!api) return;
      const state = { columns: api.getColumnState(), filters: api.getFilterModel(), search: searchValue.current };
      call('saveGridView', { grid, state }).catch(failed);
    }, 300);
  }, [grid, viewLoaded, failed, apiRef]);

  const onGridReady = useCallback(
    (event: GridReadyEvent<GridRow>) => {
      apiRef.current = event.api;
      call('getGridView', { grid })
        .then(({ state }) => {
          if (state) {
            const columns = state.columns as ColumnState[] | undefined;
            if (Array.isArray(columns)) event.api.applyColumnState({ state: columns, applyOrder: true });
            if (state.filters && typeof state.filters === 'object') event.api.setFilterModel(state.filters as AgFilterModel);
            if (typeof state.search === 'string' && personId === undefined && initialFilters === undefined) {
              searchValue.current = state.search;
              setSearch(state.search);
            }
          }
          // Opened from elsewhere (the Dashboard) to show these rows: its filters replace the remembered ones.
          if (initialFilters !== undefined) event.api.setFilterModel(initialFilters);
        })
        .catch(failed)
        .finally(() => {
          setViewLoaded(true);
          event.api.setGridOption('datasource', datasource);
          void loadTotals();
        });
      refreshUndo();
    },
    [grid, datasource, personId, failed, refreshUndo, loadTotals, apiRef, initialFilters],
  );

  useEffect(() => {
    // A new data source (e.g. another person's history) restarts paging.
    if (viewLoaded) apiRef.current?.setGridOption('datasource', datasource);
  }, [datasource, viewLoaded, apiRef]);

  const searchTimer = useRef<number | undefined>(undefined);
  const onSearch = (value: string) => {
    setSearch(value);
    window.clearTimeout(searchTimer.current);
    searchTimer.current = window.setTimeout(() => {
      searchValue.current = value;
      apiRef.current?.purgeInfiniteCache();
      void loadTotals();
      saveView();
    }, 250);
  };

  const resetView = () => {
    const api = apiRef.current;
    if (!api) return;
    api.resetColumnState();
    api.setFilterModel(null);
    searchValue.current = '';
    setSearch('');
    api.purgeInfiniteCache();
    call('saveGridView', { grid, state: null }).catch(failed);
  };

  return { rowCount, lastView, search, onSearch, loadTotals, saveView, resetView, onGridReady };
}
