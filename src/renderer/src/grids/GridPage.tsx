// One editable grid page: rows paged from the ledger (sort, filters and search run in SQL in
// main), edits validated in main with the reason shown at the cell, a new row to type in, paste
// and copy with Excel, fill down, delete with its consequences spelled out, undo/redo kept in
// the ledger, and the view (columns, widths, sort, filters) remembered across restarts.
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellEditRequestEvent,
  type ColumnState,
  type FilterModel as AgFilterModel,
  type GridApi,
  type GridReadyEvent,
  type IDatasource,
  type IGetRowsParams,
  type SortModelItem,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellProblem, DeletePreview, GridRow, GridViewInput, PlacementCandidates, UndoState } from '../../../shared/api/grid.contract';
import type { LedgerErrorData } from '../../../shared/errors';
import { cellSentence, errorSentence, messages } from '../../../shared/i18n';
import { columnOf, FIXED_OPTIONS, type CellValue, type EditableGridId, type GridId } from '../../../shared/grids';
import type { Language } from '../../../shared/domain';
import { parseTsv } from '../../../shared/tsv';
import { call, toErrorData } from '../api';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { useLedger, useNumberFormat } from '../ledger-context';
import { copyBlock, displayedColumnIds, writeClipboard } from './clipboard';
import { buildColumnDefs, displayValue, type ColumnContext } from './columns';
import { DeleteDialog } from './DeleteDialog';
import { ExportViewDialog } from './ExportViewDialog';
import { provinceOfCounty, useLedgerOptions } from './options';
import { PlaceDialog, type PlaceConfirmation, type PlaceConfirmed } from './PlaceDialog';
import { agLocaleText } from './locale';

ModuleRegistry.registerModules([AllCommunityModule]);

const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 12.5,
  headerFontWeight: 600,
  accentColor: '#1d4ed8',
  rowHeight: 32,
  headerHeight: 36,
  spacing: 6,
  borderColor: '#dfe3ea',
  headerBackgroundColor: '#f3f5f8',
  oddRowBackgroundColor: '#fbfcfd',
  wrapperBorderRadius: 8,
});

const BLOCK = 100;
const DRAFT_ID = -1;
const TOTALS_ID = -2;

interface Notice {
  /** busy: work under way (an undo of many rows), shown with a spinner. */
  kind: 'ok' | 'error' | 'busy';
  text: string;
  details?: string[];
}

export interface GridPageProps {
  grid: GridId;
  /** History: only this person's entries. */
  personId?: number;
  personLabel?: string;
  onClearPerson?: () => void;
  /** Extra toolbar buttons, given the grid's API and the selected rows. */
  extraActions?: (ctx: { selected: GridRow[]; refresh: () => void; notify: (n: Notice) => void }) => ReactNode;
}

function viewOf(sortModel: SortModelItem[], filterModel: AgFilterModel, search: string, personId?: number): GridViewInput {
  return {
    sort: sortModel.map((s) => ({ colId: s.colId, sort: s.sort })),
    filters: filterModel as GridViewInput['filters'],
    search,
    ...(personId !== undefined ? { personId } : {}),
  };
}

const cellKey = (rowId: number | string, colId: string) => `${rowId}:${colId}`;

/** The words a select column of fixed choices takes (남, 녀 …), or null for other columns. */
function allowedLabels(grid: GridId, colId: string, language: Language): string | null {
  const source = columnOf(grid, colId)?.options;
  if (!source || !(source in FIXED_OPTIONS)) return null;
  const labels = messages[language].grid.options as Record<string, Record<string, string>>;
  return FIXED_OPTIONS[source as keyof typeof FIXED_OPTIONS].map((code) => labels[source]?.[code] ?? code).join(', ');
}

interface PlaceState {
  ids: number[];
  /** The person acted on when no row was ticked (the focused row), named in the dialog. */
  who: string | null;
  offer: PlacementCandidates;
  confirmation: PlaceConfirmation | null;
}

export function GridPage({ grid, personId, personLabel, onClearPerson, extraActions }: GridPageProps): React.JSX.Element {
  const { t } = useTranslation();
  const { language, refreshInfo } = useLedger();
  const format = useNumberFormat();
  const editable = grid !== 'history';
  const editableGrid = grid as EditableGridId;
  const { options, reloadCohorts } = useLedgerOptions();
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState('');
  const searchValue = useRef('');
  const [rowCount, setRowCount] = useState<number | null>(null);
  const [selected, setSelected] = useState<GridRow[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [undoState, setUndoState] = useState<UndoState | null>(null);
  const [draft, setDraft] = useState<GridRow | null>(null);
  const [deletePreview, setDeletePreview] = useState<{ ids: number[]; preview: DeletePreview } | null>(null);
  const [place, setPlace] = useState<PlaceState | null>(null);
  const [columnsOpen, setColumnsOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [, setColumnsVersion] = useState(0);
  const [viewLoaded, setViewLoaded] = useState(false);
  const errors = useRef(new Map<string, string>());
  const pendingProvince = useRef(new Map<number, string>());
  const lastView = useRef<GridViewInput>({});

  const notify = useCallback((n: Notice) => setNotice(n), []);
  const failed = useCallback((error: unknown) => setNotice({ kind: 'error', text: errorSentence(toErrorData(error), language) }), [language]);

  // One undo or redo at a time: a big one runs for seconds (in a worker), and a second Ctrl+Z
  // meanwhile would take back the operation after it; the grid is read-only until it ends.
  const replaying = useRef(false);
  const [replayingNow, setReplayingNow] = useState(false);
  const ctx: ColumnContext = useMemo(
    () => ({
      grid,
      t,
      language,
      options,
      pendingProvince: (id) => pendingProvince.current.get(id) ?? null,
      cellError: (id, colId) => errors.current.get(cellKey(id, colId)),
      locked: () => replaying.current,
    }),
    [grid, t, language, options],
  );
  const columnDefs = useMemo(() => buildColumnDefs(ctx), [ctx]);

  const refreshUndo = useCallback(() => {
    if (!editable) return;
    call('getUndoState', {}).then(setUndoState).catch(() => undefined);
  }, [editable]);

  const refresh = useCallback(() => {
    apiRef.current?.refreshInfiniteCache();
    if (grid === 'requests') void loadTotals();
    refreshUndo();
    refreshInfo();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [grid, refreshUndo, refreshInfo]);

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
    [grid, personId, failed],
  );

  const loadTotals = useCallback(async () => {
    if (grid !== 'requests') return;
    try {
      const totals = await call('gridTotals', { grid, view: lastView.current });
      const row: GridRow = { id: TOTALS_ID, cohort: null, workplace: t('grid.totals.label'), headcount: totals.headcount ?? 0, assigned: totals.assigned ?? 0, arrived: totals.arrived ?? 0, remaining: totals.remaining ?? 0 };
      apiRef.current?.setGridOption('pinnedBottomRowData', [row]);
    } catch (error) {
      failed(error);
    }
  }, [grid, t, failed]);

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
  }, [grid, viewLoaded, failed]);

  const onGridReady = useCallback(
    (event: GridReadyEvent<GridRow>) => {
      apiRef.current = event.api;
      call('getGridView', { grid })
        .then(({ state }) => {
          if (state) {
            const columns = state.columns as ColumnState[] | undefined;
            if (Array.isArray(columns)) event.api.applyColumnState({ state: columns, applyOrder: true });
            if (state.filters && typeof state.filters === 'object') event.api.setFilterModel(state.filters as AgFilterModel);
            if (typeof state.search === 'string' && personId === undefined) {
              searchValue.current = state.search;
              setSearch(state.search);
            }
          }
        })
        .catch(failed)
        .finally(() => {
          setViewLoaded(true);
          event.api.setGridOption('datasource', datasource);
          void loadTotals();
        });
      refreshUndo();
    },
    [grid, datasource, personId, failed, refreshUndo, loadTotals],
  );

  useEffect(() => {
    // A new data source (e.g. another person's history) restarts paging.
    if (viewLoaded) apiRef.current?.setGridOption('datasource', datasource);
  }, [datasource, viewLoaded]);

  useEffect(() => {
    apiRef.current?.refreshCells({ force: true });
  }, [options, language]);

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

  // ---- editing ------------------------------------------------------------------------------
  const markProblems = useCallback(
    (problems: CellProblem[], rowIdAt: (problem: CellProblem) => number | string | undefined) => {
      for (const p of problems) {
        const id = rowIdAt(p);
        if (id !== undefined) errors.current.set(cellKey(id, p.colId), cellSentence(p, language));
      }
      apiRef.current?.refreshCells({ force: true });
    },
    [language],
  );

  const clearError = (rowId: number | string, colId: string) => {
    errors.current.delete(cellKey(rowId, colId));
  };

  const saveCell = useCallback(
    async (row: GridRow, colId: string, value: CellValue) => {
      const api = apiRef.current;
      if (!api) return;
      const node = api.getRowNode(String(row.id));
      try {
        const updated = await call('gridUpdateCell', { grid: editableGrid, id: row.id, colId, value });
        clearError(row.id, colId);
        if (colId === 'county' || colId === 'dest_county') pendingProvince.current.delete(row.id);
        node?.setData(updated);
        setNotice(null);
        refreshUndo();
        if (grid === 'requests') void loadTotals();
        if (grid === 'cohorts') reloadCohorts();
      } catch (error) {
        const data = toErrorData(error);
        const sentence = errorSentence(data, language);
        errors.current.set(cellKey(row.id, String(data.details?.field ?? colId)), sentence);
        setNotice({ kind: 'error', text: sentence });
      }
      if (node) api.refreshCells({ rowNodes: [node], force: true });
    },
    [editableGrid, grid, language, refreshUndo, loadTotals, reloadCohorts],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<GridRow>) => {
      const colId = event.column.getColId();
      const value = (event.newValue === undefined || event.newValue === '' ? null : event.newValue) as CellValue;
      if (event.rowPinned === 'top') {
        // The new row lives here until it is saved.
        setDraft((current) => {
          const next = { ...(current ?? { id: DRAFT_ID }), [colId]: value } as GridRow;
          clearError(DRAFT_ID, colId);
          apiRef.current?.setGridOption('pinnedTopRowData', [next]);
          return next;
        });
        return;
      }
      const row = event.data;
      if (!row) return;
      const column = columnOf(grid, colId);
      if ((colId === 'province' || colId === 'dest_province') && column) {
        // Choosing a province only narrows the cities/counties offered; the county saves both.
        const countyCol = colId === 'province' ? 'county' : 'dest_county';
        if (value === row[colId]) return;
        if (value) pendingProvince.current.set(row.id, String(value));
        apiRef.current?.startEditingCell({ rowIndex: event.node.rowIndex ?? 0, colKey: countyCol });
        setNotice({ kind: 'ok', text: t('grid.toolbar.chooseCounty') });
        return;
      }
      void saveCell(row, colId, value);
    },
    [grid, saveCell, t],
  );

  // ---- new row ------------------------------------------------------------------------------
  const startDraft = () => {
    const next = { id: DRAFT_ID } as GridRow;
    setDraft(next);
    apiRef.current?.setGridOption('pinnedTopRowData', [next]);
    const first = displayedColumnIds(apiRef.current!)[0];
    if (first) window.setTimeout(() => apiRef.current?.startEditingCell({ rowIndex: 0, colKey: first, rowPinned: 'top' }), 0);
  };
  const cancelDraft = () => {
    setDraft(null);
    for (const key of [...errors.current.keys()]) if (key.startsWith(`${DRAFT_ID}:`)) errors.current.delete(key);
    apiRef.current?.setGridOption('pinnedTopRowData', []);
  };
  const saveDraft = async () => {
    if (!draft) return;
    apiRef.current?.stopEditing();
    const values: Record<string, CellValue> = {};
    for (const [key, value] of Object.entries(draft)) if (key !== 'id' && value !== null && value !== '') values[key] = value as CellValue;
    try {
      const result = await call('gridAddRow', { grid: editableGrid, values });
      if (result.status === 'rejected') {
        for (const key of [...errors.current.keys()]) if (key.startsWith(`${DRAFT_ID}:`)) errors.current.delete(key);
        markProblems(result.problems, () => DRAFT_ID);
        setNotice({ kind: 'error', text: t('grid.paste.rejected', { count: result.problems.length }), details: result.problems.map((p) => `«${t(`grid.columns.${p.colId}` as never)}»: ${cellSentence(p, language)}`) });
        return;
      }
      cancelDraft();
      setNotice({ kind: 'ok', text: t('grid.newRow.saved') });
      if (grid === 'cohorts') reloadCohorts();
      refresh();
    } catch (error) {
      failed(error);
    }
  };

  // ---- delete, fill, copy, paste, undo -------------------------------------------------------
  const selectedIds = () =>
    (apiRef.current?.getSelectedNodes() ?? [])
      .filter((n) => n.data)
      .sort((a, b) => (a.rowIndex ?? 0) - (b.rowIndex ?? 0))
      .map((n) => (n.data as GridRow).id);

  const askDelete = async () => {
    const ids = selectedIds();
    if (ids.length === 0) return setNotice({ kind: 'error', text: t('grid.place.selectFirst') });
    try {
      setDeletePreview({ ids, preview: await call('gridDeletePreview', { grid: editableGrid, ids }) });
    } catch (error) {
      failed(error);
    }
  };
  const doDelete = async (mode: Parameters<typeof call<'gridDelete'>>[1]['mode']) => {
    if (!deletePreview) return;
    try {
      const { affected } = await call('gridDelete', { grid: editableGrid, ids: deletePreview.ids, mode });
      setDeletePreview(null);
      apiRef.current?.deselectAll();
      setNotice({ kind: 'ok', text: t('grid.delete.done', { count: affected }) });
      refresh();
    } catch (error) {
      setDeletePreview(null);
      failed(error);
    }
  };

  const fillDown = async () => {
    const api = apiRef.current;
    const focused = api?.getFocusedCell();
    const ids = selectedIds();
    if (!api || !focused || ids.length < 2) return setNotice({ kind: 'error', text: t('grid.fill.needRows') });
    try {
      const { changedCells } = await call('gridFillDown', { grid: editableGrid, ids, colId: focused.column.getColId() });
      setNotice({ kind: 'ok', text: t('grid.fill.done', { count: changedCells }) });
      refresh();
    } catch (error) {
      failed(error);
    }
  };

  const clearFocusedCell = () => {
    const api = apiRef.current;
    const focused = api?.getFocusedCell();
    if (!api || !focused || focused.rowPinned) return;
    const node = api.getDisplayedRowAtIndex(focused.rowIndex);
    const colId = focused.column.getColId();
    if (!node?.data || !columnOf(grid, colId)?.editable) return;
    void saveCell(node.data, colId, null);
  };

  const undoRedo = async (which: 'undo' | 'redo') => {
    if (replaying.current) return;
    replaying.current = true;
    setReplayingNow(true);
    const before = undoState;
    const what = t(`grid.options.operation.${(which === 'undo' ? before?.undoKind : before?.redoKind) ?? 'edit'}` as never);
    // Said only when it takes a moment (an import of many rows), so a quick Ctrl+Z does not flicker.
    const slow = window.setTimeout(() => setNotice({ kind: 'busy', text: t(which === 'undo' ? 'grid.undoing' : 'grid.redoing', { what }) }), 300);
    try {
      const state = await call(which, {});
      setUndoState(state);
      setNotice({ kind: 'ok', text: t(which === 'undo' ? 'grid.undone' : 'grid.redone', { what }) });
      errors.current.clear();
      refresh();
      if (grid === 'cohorts') reloadCohorts();
    } catch (error) {
      failed(error);
    } finally {
      window.clearTimeout(slow);
      replaying.current = false;
      setReplayingNow(false);
    }
  };

  const display = useCallback((colId: string, row: GridRow) => {
    const column = columnOf(grid, colId);
    return column ? displayValue(ctx, column, row[colId], row) : String(row[colId] ?? '');
  }, [grid, ctx]);

  const editing = () => (apiRef.current?.getEditingCells().length ?? 0) > 0;

  const onCopy = (event: ClipboardEvent) => {
    const api = apiRef.current;
    if (!api || editing()) return;
    const block = copyBlock(api, grid, display);
    if (!block) return;
    writeClipboard(event, block.rows);
    setNotice({ kind: 'ok', text: t('grid.copy.done', { rows: block.rows.length, cols: block.columns }) });
  };

  const onPaste = async (event: ClipboardEvent) => {
    const api = apiRef.current;
    if (!api || editing() || !editable || replaying.current) return;
    const focused = api.getFocusedCell();
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!focused || focused.rowPinned || text === '') return;
    event.preventDefault();
    const cells = parseTsv(text);
    const all = displayedColumnIds(api);
    const columns = all.slice(Math.max(0, all.indexOf(focused.column.getColId())));
    const startIndex = focused.rowIndex;
    try {
      const result = await call('gridPaste', { grid: editableGrid, view: lastView.current, startIndex, columns, cells });
      errors.current.clear();
      if (result.status === 'rejected') {
        markProblems(result.problems, (p) => {
          const node = api.getDisplayedRowAtIndex(startIndex + p.row);
          return node?.data ? (node.data as GridRow).id : undefined;
        });
        // Named by the line of the pasted block and the value pasted, with the values the column takes.
        const shown = result.problems.slice(0, 8).map((p) => {
          const allowed = allowedLabels(grid, p.colId, language);
          return (
            t('grid.paste.problem', { row: p.row + 1, column: t(`grid.columns.${p.colId}` as never), value: p.value, reason: cellSentence(p, language) }) +
            (allowed && p.rule === 'invalid_value' ? ' ' + t('grid.paste.allowed', { values: allowed }) : '')
          );
        });
        if (result.problems.length > 8) shown.push(t('grid.paste.more', { count: result.problems.length - 8 }));
        setNotice({ kind: 'error', text: t('grid.paste.rejected', { count: result.problems.length }), details: shown });
        return;
      }
      setNotice({
        kind: 'ok',
        text: t('grid.paste.applied', { cells: result.changedCells, added: result.addedRows > 0 ? t('grid.paste.addedRows', { count: result.addedRows }) : '' }),
      });
      refresh();
    } catch (error) {
      failed(error);
    }
  };

  // Keyboard: Ctrl+F search, Ctrl+Z/Y undo/redo, Ctrl+D fill down, Delete clears.
  useEffect(() => {
    const wrapper = wrapperRef.current;
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (ctrl && key === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      }
      const inGrid = wrapper?.contains(document.activeElement) ?? false;
      if (!inGrid || editing() || !editable || replaying.current) return;
      if (ctrl && !e.shiftKey && key === 'z') {
        e.preventDefault();
        void undoRedo('undo');
      } else if (ctrl && (key === 'y' || (e.shiftKey && key === 'z'))) {
        e.preventDefault();
        void undoRedo('redo');
      } else if (ctrl && key === 'd') {
        e.preventDefault();
        void fillDown();
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !ctrl) {
        e.preventDefault();
        e.stopPropagation();
        clearFocusedCell();
      }
    };
    const copy = (e: ClipboardEvent) => {
      if (wrapper?.contains(document.activeElement)) onCopy(e);
    };
    const paste = (e: ClipboardEvent) => {
      if (wrapper?.contains(document.activeElement)) void onPaste(e);
    };
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('copy', copy);
    document.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('copy', copy);
      document.removeEventListener('paste', paste);
    };
  });

  // ---- placing by hand ----------------------------------------------------------------------
  const openPlace = async () => {
    const ids = selectedIds();
    const focused = apiRef.current?.getFocusedCell();
    const focusedRow = focused && !focused.rowPinned ? (apiRef.current?.getDisplayedRowAtIndex(focused.rowIndex)?.data as GridRow | undefined) : undefined;
    // No ticked row: the row of the focused cell, named in the dialog so the clerk sees whom it moves.
    const chosen = ids.length > 0 ? ids : focusedRow ? [focusedRow.id] : [];
    if (chosen.length === 0) return setNotice({ kind: 'error', text: t('grid.place.selectFirst') });
    const who = ids.length === 0 && focusedRow ? `${String(focusedRow.service_no ?? '')} ${String(focusedRow.name ?? '')}`.trim() : null;
    try {
      setPlace({ ids: chosen, who, offer: await call('placementCandidates', { placementIds: chosen }), confirmation: null });
    } catch (error) {
      failed(error);
    }
  };
  const assign = async (requestId: number | null, confirmed: PlaceConfirmed) => {
    if (!place) return;
    try {
      const result = await call('placeByHand', { placementIds: place.ids, requestId, ...confirmed });
      if (result.status === 'needs_confirmation' || result.status === 'needs_sector_confirmation') {
        setPlace({ ...place, confirmation: { result, requestId: requestId!, confirmed } });
        return;
      }
      setPlace(null);
      setNotice({ kind: 'ok', text: t('grid.place.done', { count: result.count }) });
      refresh();
    } catch (error) {
      setPlace(null);
      failed(error);
    }
  };

  const visibleToggle = (colId: string, visible: boolean) => {
    apiRef.current?.setColumnsVisible([colId], visible);
    saveView();
  };

  const searchPlaceholder =
    grid === 'requests' ? t('grid.toolbar.searchPlaceholderRequests') : grid === 'cohorts' ? t('grid.toolbar.searchPlaceholderCohorts') : t('grid.toolbar.searchPlaceholder');

  return (
    <div className="grid-page" data-testid={`grid-page-${grid}`}>
      <PageHeader title={t(`grid.pages.${grid}.title`)} description={t(`grid.pages.${grid}.description`)} />
      {personId !== undefined && (
        <div className="banner banner--warn grid-person-filter" data-testid="history-person-filter">
          <span>{t('grid.toolbar.personFilter', { person: personLabel ?? `#${personId}` })}</span>
          <button type="button" className="button button--ghost" onClick={onClearPerson}>
            {t('grid.toolbar.clearPersonFilter')}
          </button>
        </div>
      )}
      <div className="grid-toolbar" role="toolbar" aria-label={t(`grid.pages.${grid}.title`)}>
        <label className="grid-search">
          <span className="visually-hidden">{t('grid.toolbar.search')}</span>
          <input ref={searchRef} className="input" type="search" value={search} placeholder={searchPlaceholder} onChange={(e) => onSearch(e.target.value)} data-testid="grid-search" />
        </label>
        {editable && (
          <>
            {draft ? (
              <>
                <button type="button" className="button button--primary" onClick={() => void saveDraft()} data-testid="grid-save-row">
                  {t('grid.newRow.save')}
                </button>
                <button type="button" className="button button--ghost" onClick={cancelDraft} data-testid="grid-cancel-row">
                  {t('grid.newRow.cancel')}
                </button>
              </>
            ) : (
              <button type="button" className="button" onClick={startDraft} disabled={replayingNow} data-testid="grid-add">
                {t('grid.toolbar.add')}
              </button>
            )}
            <button type="button" className="button" onClick={() => void askDelete()} disabled={selected.length === 0 || replayingNow} data-testid="grid-delete">
              {t('grid.toolbar.delete')}
            </button>
            <button type="button" className="button" onClick={() => void fillDown()} disabled={selected.length < 2 || replayingNow} title="Ctrl+D" data-testid="grid-fill">
              {t('grid.toolbar.fillDown')}
            </button>
            <span className="grid-toolbar__divider" />
            <button type="button" className="button" onClick={() => void undoRedo('undo')} disabled={!undoState?.canUndo || replayingNow} title={undoState?.undoKind ? t('grid.toolbar.undoWhat', { what: t(`grid.options.operation.${undoState.undoKind}` as never) }) : 'Ctrl+Z'} data-testid="grid-undo">
              {t('grid.toolbar.undo')}
            </button>
            <button type="button" className="button" onClick={() => void undoRedo('redo')} disabled={!undoState?.canRedo || replayingNow} title="Ctrl+Y" data-testid="grid-redo">
              {t('grid.toolbar.redo')}
            </button>
          </>
        )}
        {extraActions?.({ selected, refresh, notify })}
        {grid === 'placements' && (
          <button type="button" className="button button--primary" onClick={() => void openPlace()} data-testid="grid-place">
            {t('grid.toolbar.place')}
          </button>
        )}
        <span className="grid-toolbar__spacer" />
        <button type="button" className="button button--ghost" onClick={() => setExportOpen(true)} data-testid="grid-export-view">
          {t('grid.toolbar.exportView')}
        </button>
        <div className="grid-columns">
          <button type="button" className="button button--ghost" aria-expanded={columnsOpen} onClick={() => setColumnsOpen(!columnsOpen)} data-testid="grid-columns">
            {t('grid.toolbar.columns')}
          </button>
          {columnsOpen && apiRef.current && (
            <div className="grid-columns__menu" role="menu">
              {apiRef.current.getColumns()?.filter((c) => c.getColId() !== 'ag-Grid-SelectionColumn').map((c) => (
                <label key={c.getColId()} className="grid-columns__item">
                  <input type="checkbox" checked={c.isVisible()} onChange={(e) => visibleToggle(c.getColId(), e.target.checked)} data-testid={`grid-column-toggle-${c.getColId()}`} />
                  {c.getColDef().headerName}
                </label>
              ))}
            </div>
          )}
        </div>
        <button type="button" className="button button--ghost" onClick={resetView} data-testid="grid-reset-view">
          {t('grid.toolbar.resetView')}
        </button>
      </div>
      {notice && (
        <div className={`banner ${notice.kind === 'error' ? 'banner--error' : 'banner--ok'} grid-notice`} role={notice.kind === 'error' ? 'alert' : 'status'} aria-busy={notice.kind === 'busy'} data-testid="grid-notice">
          {notice.kind === 'busy' ? <span className="spinner banner__icon" aria-hidden="true" /> : <Icon name={notice.kind === 'error' ? 'alert' : 'check'} className="banner__icon" size={18} />}
          <div className="banner__body">
            <div data-testid="grid-notice-text">{notice.text}</div>
            {notice.details && (
              <ul className="problem-list" data-testid="grid-notice-details">
                {notice.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
          </div>
          <button type="button" className="banner__close" aria-label="×" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      {draft && <p className="grid-draft-hint">{t('grid.newRow.hint')}</p>}
      <div className="grid-wrapper" ref={wrapperRef} data-testid="grid">
        <AgGridReact<GridRow>
          theme={gridTheme}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, suppressHeaderMenuButton: false, wrapHeaderText: true, autoHeaderHeight: true }}
          rowModelType="infinite"
          cacheBlockSize={BLOCK}
          maxBlocksInCache={40}
          infiniteInitialRowCount={1}
          getRowId={(p) => String((p.data as GridRow).id)}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          rowSelection={editable ? { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false } : undefined}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedNodes().map((n) => n.data as GridRow).filter(Boolean))}
          onGridReady={onGridReady}
          onColumnMoved={(e) => e.finished && saveView()}
          onColumnResized={(e) => e.finished && saveView()}
          onColumnVisible={() => {
            setColumnsVersion((v) => v + 1);
            saveView();
          }}
          onSortChanged={saveView}
          onFilterChanged={() => {
            saveView();
            void loadTotals();
          }}
          onCellEditingStarted={(e) => {
            const row = e.data as GridRow | undefined;
            if (row) clearError(row.id, e.column.getColId());
          }}
          stopEditingWhenCellsLoseFocus
          suppressColumnVirtualisation
          maintainColumnOrder
          enterNavigatesVerticallyAfterEdit
          tooltipShowDelay={200}
          localeText={agLocaleText(t)}
          overlayNoRowsTemplate={`<span class="grid-empty">${t('grid.toolbar.noRows')}</span>`}
          getRowClass={(p) => (p.node.rowPinned === 'bottom' ? 'row--totals' : p.node.rowPinned === 'top' ? 'row--draft' : undefined)}
        />
      </div>
      <div className="grid-footer">
        <span data-testid="grid-row-count" data-value={rowCount ?? ''}>
          {rowCount === null ? t('grid.toolbar.loading') : t('grid.toolbar.rows', { formatted: format(rowCount) })}
        </span>
        {selected.length > 0 && <span data-testid="grid-selected-count">{t('grid.toolbar.selected', { count: selected.length })}</span>}
        <span className="grid-footer__help">{editable ? t('grid.toolbar.keyboardHelp') : ''}</span>
      </div>
      {deletePreview && <DeleteDialog preview={deletePreview.preview} grid={grid} onConfirm={(mode) => void doDelete(mode)} onClose={() => setDeletePreview(null)} />}
      {exportOpen && apiRef.current && (
        <ExportViewDialog
          grid={grid}
          view={lastView.current}
          columns={displayedColumnIds(apiRef.current)}
          onClose={() => setExportOpen(false)}
          onDone={(result) => {
            setExportOpen(false);
            setNotice({ kind: 'ok', text: t('grid.exportView.done', { rows: format(result.rows), path: result.path }) });
          }}
        />
      )}
      {place && (
        <PlaceDialog
          count={place.ids.length}
          who={place.who}
          offer={place.offer}
          confirmation={place.confirmation}
          onAssign={(id, confirmed) => void assign(id, confirmed)}
          onClose={() => setPlace(null)}
        />
      )}
    </div>
  );
}

export { provinceOfCounty };
