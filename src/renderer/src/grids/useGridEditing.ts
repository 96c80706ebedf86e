// Editing a grid: every cell edit validated in main with the reason shown at the cell, a
// province that only narrows the cities/counties offered, and the new row typed in at the top
// until it is saved.
import type { CellEditRequestEvent } from 'ag-grid-community';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellProblem, GridRow } from '../../../shared/api/grid.contract';
import { cellSentence, errorSentence } from '../../../shared/i18n';
import { columnOf, type CellValue } from '../../../shared/grids';
import { call, toErrorData } from '../api';
import { displayedColumnIds } from './clipboard';
import { noteOwnWrite } from './colleague-changes';
import { cellKey, DRAFT_ID, KEEP_UNSAVED, type GridCore } from './grid-core';

export interface GridEditing {
  draft: GridRow | null;
  startDraft(): void;
  cancelDraft(): void;
  saveDraft(): Promise<void>;
  saveCell(row: GridRow, colId: string, value: CellValue): Promise<void>;
  onCellEditRequest(event: CellEditRequestEvent<GridRow>): void;
  /** Shows each problem at its cell (`rowIdAt` finds the row it belongs to). */
  markProblems(problems: CellProblem[], rowIdAt: (problem: CellProblem) => number | string | undefined): void;
  clearError(rowId: number | string, colId: string): void;
  /** Saves again every value still unsaved (the ledger answers again). */
  retryUnsaved(): void;
  /** Drops the unsaved value of a cell (Esc): the cell shows the ledger's value again. True when there was one. */
  discardUnsaved(rowId: number, colId: string): boolean;
  /** Drops every unsaved value of the grid. */
  discardAllUnsaved(): void;
  /** How many typed values are not saved yet. */
  unsavedCount: number;
}

export interface EditingHooks {
  refresh(): void;
  refreshUndo(): void;
  loadTotals(): Promise<void>;
  reloadCohorts(): void;
}

export function useGridEditing(core: GridCore, hooks: EditingHooks): GridEditing {
  const { t } = useTranslation();
  const { grid, editableGrid, language, apiRef, errors, pendingProvince, unsaved, setNotice, failed } = core;
  const { refresh, refreshUndo, loadTotals, reloadCohorts } = hooks;
  const [draft, setDraft] = useState<GridRow | null>(null);
  const [unsavedCount, setUnsavedCount] = useState(0);
  const unsavedChanged = useCallback(() => setUnsavedCount(unsaved.current.size), [unsaved]);

  const markProblems = useCallback(
    (problems: CellProblem[], rowIdAt: (problem: CellProblem) => number | string | undefined) => {
      for (const p of problems) {
        const id = rowIdAt(p);
        if (id !== undefined) errors.current.set(cellKey(id, p.colId), cellSentence(p, language));
      }
      apiRef.current?.refreshCells({ force: true });
    },
    [language, errors, apiRef],
  );

  const clearError = useCallback(
    (rowId: number | string, colId: string) => {
      errors.current.delete(cellKey(rowId, colId));
    },
    [errors],
  );

  /**
   * One save at a time per row, each based on the version the previous one left (a second edit
   * of the row typed before the first answered would otherwise look stale to the ledger).
   */
  const rowSaves = useRef(new Map<number, Promise<void>>());

  const saveNow = useCallback(
    async (row: GridRow, colId: string, value: CellValue, retryOf?: number) => {
      const api = apiRef.current;
      if (!api) return;
      const node = api.getRowNode(String(row.id));
      const key = cellKey(row.id, colId);
      const baseVersion = retryOf ?? (node?.data as GridRow | undefined)?.version ?? row.version;
      try {
        const updated = await call('gridUpdateCell', {
          grid: editableGrid,
          id: row.id,
          colId,
          value,
          ...(baseVersion !== undefined ? { baseVersion } : {}),
        });
        noteOwnWrite();
        if (unsaved.current.delete(key)) unsavedChanged();
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
        setNotice({ kind: 'error', text: sentence });
        if (KEEP_UNSAVED.includes(data.code)) {
          // Kept in its cell, marked, and tried again when the ledger answers.
          unsaved.current.set(key, { rowId: row.id, colId, value, baseVersion, reason: sentence });
          unsavedChanged();
        } else if (data.code === 'row_changed') {
          // A colleague's change stands: the cell shows it, and the clerk reads who and when.
          if (unsaved.current.delete(key)) unsavedChanged();
          refresh();
        } else {
          if (unsaved.current.delete(key)) unsavedChanged();
          errors.current.set(cellKey(row.id, String(data.details?.field ?? colId)), sentence);
        }
      }
      if (node) api.refreshCells({ rowNodes: [node], force: true });
    },
    [
      editableGrid,
      grid,
      language,
      refresh,
      refreshUndo,
      loadTotals,
      reloadCohorts,
      apiRef,
      errors,
      unsaved,
      unsavedChanged,
      pendingProvince,
      setNotice,
      clearError,
    ],
  );

  const saveCell = useCallback(
    (row: GridRow, colId: string, value: CellValue, retryOf?: number): Promise<void> => {
      const before = rowSaves.current.get(row.id) ?? Promise.resolve();
      const next = before.then(() => saveNow(row, colId, value, retryOf));
      rowSaves.current.set(row.id, next);
      void next.finally(() => {
        if (rowSaves.current.get(row.id) === next) rowSaves.current.delete(row.id);
      });
      return next;
    },
    [saveNow],
  );

  const retrying = useRef(false);
  const retryUnsaved = useCallback(() => {
    if (retrying.current || unsaved.current.size === 0) return;
    retrying.current = true;
    const cells = [...unsaved.current.values()];
    void Promise.all(cells.map((c) => saveCell({ id: c.rowId }, c.colId, c.value, c.baseVersion))).finally(() => {
      retrying.current = false;
    });
  }, [saveCell, unsaved]);

  const discardUnsaved = useCallback(
    (rowId: number, colId: string) => {
      if (!unsaved.current.delete(cellKey(rowId, colId))) return false;
      unsavedChanged();
      const node = apiRef.current?.getRowNode(String(rowId));
      if (node) apiRef.current?.refreshCells({ rowNodes: [node], force: true });
      if (unsaved.current.size === 0) setNotice(null);
      return true;
    },
    [apiRef, unsaved, unsavedChanged, setNotice],
  );
  const discardAllUnsaved = useCallback(() => {
    unsaved.current.clear();
    unsavedChanged();
    setNotice(null);
    apiRef.current?.refreshCells({ force: true });
  }, [apiRef, unsaved, unsavedChanged, setNotice]);

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
    [grid, saveCell, t, apiRef, pendingProvince, setNotice, clearError],
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
        setNotice({
          kind: 'error',
          text: t('grid.paste.rejected', { count: result.problems.length }),
          details: result.problems.map((p) => `«${t(`grid.columns.${p.colId}` as never)}»: ${cellSentence(p, language)}`),
        });
        return;
      }
      noteOwnWrite();
      cancelDraft();
      setNotice({ kind: 'ok', text: t('grid.newRow.saved') });
      if (grid === 'cohorts') reloadCohorts();
      refresh();
    } catch (error) {
      failed(error);
    }
  };

  return {
    draft,
    startDraft,
    cancelDraft,
    saveDraft,
    saveCell,
    onCellEditRequest,
    markProblems,
    clearError,
    retryUnsaved,
    discardUnsaved,
    discardAllUnsaved,
    unsavedCount,
  };
}
