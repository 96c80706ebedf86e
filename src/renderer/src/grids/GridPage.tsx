// One editable grid page: rows paged from the ledger (sort, filters and search run in SQL in
// main), edits validated in main with the reason shown at the cell, a new row to type in, paste
// and copy with Excel, fill down, delete with its consequences spelled out, undo/redo kept in
// the ledger, and the view (columns, widths, sort, filters) remembered across restarts.
// The parts live beside it: grid-core (what they share), useGridData (rows, totals, views),
// useGridEditing (cells, the new row), useGridActions (undo/redo, fill, delete, placing),
// useGridKeyboard (keys, copy, paste), GridToolbar; this file puts them together.
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridRow } from '../../../shared/api/grid.contract';
import { columnOf, type GridId } from '../../../shared/grids';
import { PageHeader } from '../components/PageHeader';
import { useLedger, useNumberFormat } from '../ledger-context';
import { displayedColumnIds } from './clipboard';
import { buildColumnDefs, displayValue, type ColumnContext } from './columns';
import { DeleteDialog } from './DeleteDialog';
import { ExportViewDialog } from './ExportViewDialog';
import { useGridCore, cellKey, type Notice } from './grid-core';
import { GridNotice, GridToolbar } from './GridToolbar';
import { agLocaleText } from './locale';
import { provinceOfCounty, useLedgerOptions } from './options';
import { PlaceDialog } from './PlaceDialog';
import { useGridActions, useUndoState } from './useGridActions';
import { useGridData } from './useGridData';
import { useGridEditing } from './useGridEditing';
import { useGridKeyboard } from './useGridKeyboard';
import { useColleagueChanges } from './colleague-changes';

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

export interface GridPageProps {
  grid: GridId;
  /** History: only this person's entries. */
  personId?: number;
  personLabel?: string;
  onClearPerson?: () => void;
  /** Filters to open with (AG Grid's model, by the names the grid shows), replacing the remembered ones. */
  initialFilters?: Record<string, unknown>;
  /** Extra toolbar buttons, given the grid's API and the selected rows. */
  extraActions?: (ctx: { selected: GridRow[]; refresh: () => void; notify: (n: Notice) => void }) => ReactNode;
}

export function GridPage({ grid, personId, personLabel, onClearPerson, extraActions, initialFilters }: GridPageProps): React.JSX.Element {
  const { t } = useTranslation();
  const { language, refreshInfo } = useLedger();
  const format = useNumberFormat();
  const { options, reloadCohorts } = useLedgerOptions();
  const core = useGridCore(grid);
  const { editable, apiRef, errors, pendingProvince, unsaved, replaying, notice, setNotice } = core;
  const wrapperRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState<GridRow[]>([]);
  const [exportOpen, setExportOpen] = useState(false);
  const [, setColumnsVersion] = useState(0);

  const ctx: ColumnContext = useMemo(
    () => ({
      grid,
      t,
      language,
      options,
      pendingProvince: (id) => pendingProvince.current.get(id) ?? null,
      cellError: (id, colId) => errors.current.get(cellKey(id, colId)),
      locked: () => replaying.current,
      unsaved: (id, colId) => unsaved.current.get(cellKey(id, colId)),
    }),
    [grid, t, language, options, pendingProvince, errors, unsaved, replaying],
  );
  const columnDefs = useMemo(() => buildColumnDefs(ctx), [ctx]);

  const undo = useUndoState(editable);
  const { refreshUndo } = undo;
  const data = useGridData(core, personId, refreshUndo, initialFilters);
  const { loadTotals, saveView } = data;
  const refresh = useCallback(() => {
    apiRef.current?.refreshInfiniteCache();
    if (grid === 'requests') void loadTotals();
    refreshUndo();
    refreshInfo();
  }, [grid, refreshUndo, refreshInfo, loadTotals, apiRef]);
  const editing = useGridEditing(core, { refresh, refreshUndo: undo.refreshUndo, loadTotals, reloadCohorts });
  const actions = useGridActions(core, undo, editing, { refresh, reloadCohorts });

  // Colleagues' changes (polled once per window): the rows reload where they are, keeping the
  // clerk's scroll and ticked rows; while a cell is being edited, once the editor closes.
  const colleaguesPending = useRef(false);
  const showColleagues = useCallback(() => {
    if (core.isEditing()) {
      colleaguesPending.current = true;
      return;
    }
    colleaguesPending.current = false;
    refresh();
    if (grid === 'cohorts' || grid === 'persons' || grid === 'placements') reloadCohorts();
  }, [core, refresh, reloadCohorts, grid]);
  useColleagueChanges(grid, showColleagues, editing.retryUnsaved);

  useEffect(() => {
    apiRef.current?.refreshCells({ force: true });
  }, [options, language, apiRef]);

  const display = useCallback(
    (colId: string, row: GridRow) => {
      const column = columnOf(grid, colId);
      return column ? displayValue(ctx, column, row[colId], row) : String(row[colId] ?? '');
    },
    [grid, ctx],
  );
  useGridKeyboard(core, { wrapper: wrapperRef, search: searchRef }, { data, editing, actions, display, refresh });

  const visibleToggle = (colId: string, visible: boolean) => {
    apiRef.current?.setColumnsVisible([colId], visible);
    saveView();
  };

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
      <GridToolbar
        grid={grid}
        editable={editable}
        api={apiRef.current}
        searchRef={searchRef}
        search={data.search}
        onSearch={data.onSearch}
        draft={editing.draft !== null}
        onAdd={editing.startDraft}
        onSaveDraft={() => void editing.saveDraft()}
        onCancelDraft={editing.cancelDraft}
        selectedCount={selected.length}
        locked={core.replayingNow}
        onDelete={() => void actions.askDelete()}
        onFill={() => void actions.fillDown()}
        undoState={undo.undoState}
        onUndo={() => void actions.undoRedo('undo')}
        onRedo={() => void actions.undoRedo('redo')}
        extra={extraActions?.({ selected, refresh, notify: setNotice })}
        onPlace={() => void actions.openPlace()}
        onExport={() => setExportOpen(true)}
        onToggleColumn={visibleToggle}
        onResetView={data.resetView}
      />
      {notice && <GridNotice notice={notice} onClose={() => setNotice(null)} />}
      {editing.unsavedCount > 0 && (
        <div className="banner banner--warn grid-unsaved" role="status" data-testid="grid-unsaved">
          <span>{t('hub.unsavedNotice', { count: editing.unsavedCount })}</span>
          <button type="button" className="button" onClick={editing.retryUnsaved} data-testid="grid-unsaved-retry">
            {t('hub.retryUnsaved')}
          </button>
          <button type="button" className="button button--ghost" onClick={editing.discardAllUnsaved} data-testid="grid-unsaved-discard">
            {t('hub.discardUnsaved')}
          </button>
        </div>
      )}
      {editing.draft && <p className="grid-draft-hint">{t('grid.newRow.hint')}</p>}
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
          onCellEditRequest={editing.onCellEditRequest}
          rowSelection={editable ? { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false } : undefined}
          onSelectionChanged={(e) =>
            setSelected(
              e.api
                .getSelectedNodes()
                .map((n) => n.data as GridRow)
                .filter(Boolean),
            )
          }
          onGridReady={data.onGridReady}
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
            if (row) editing.clearError(row.id, e.column.getColId());
          }}
          onCellEditingStopped={() => {
            if (colleaguesPending.current) window.setTimeout(showColleagues, 0);
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
        <span data-testid="grid-row-count" data-value={data.rowCount ?? ''}>
          {data.rowCount === null ? t('grid.toolbar.loading') : t('grid.toolbar.rows', { formatted: format(data.rowCount) })}
        </span>
        {selected.length > 0 && <span data-testid="grid-selected-count">{t('grid.toolbar.selected', { count: selected.length })}</span>}
        <span className="grid-footer__help">{editable ? t('grid.toolbar.keyboardHelp') : ''}</span>
      </div>
      {actions.deletePreview && (
        <DeleteDialog
          preview={actions.deletePreview.preview}
          grid={grid}
          onConfirm={(mode) => void actions.doDelete(mode)}
          onClose={actions.closeDelete}
        />
      )}
      {exportOpen && apiRef.current && (
        <ExportViewDialog
          grid={grid}
          view={data.lastView.current}
          columns={displayedColumnIds(apiRef.current)}
          onClose={() => setExportOpen(false)}
          onDone={(result) => {
            setExportOpen(false);
            setNotice({ kind: 'ok', text: t('grid.exportView.done', { rows: format(result.rows), path: result.path }) });
          }}
        />
      )}
      {actions.place && (
        <PlaceDialog
          count={actions.place.ids.length}
          who={actions.place.who}
          offer={actions.place.offer}
          confirmation={actions.place.confirmation}
          onAssign={(id, confirmed) => void actions.assign(id, confirmed)}
          onClose={actions.closePlace}
        />
      )}
    </div>
  );
}

export { provinceOfCounty };
