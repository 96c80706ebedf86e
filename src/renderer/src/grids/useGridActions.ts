// What the toolbar and the keys do to a grid's rows besides editing a cell: undo and redo (kept
// in the ledger), fill down, clear a cell, delete with its consequences spelled out, and placing
// persons by hand.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeletePreview, GridRow, PlacementCandidates, UndoState } from '../../../shared/api/grid.contract';
import { columnOf } from '../../../shared/grids';
import { call, toErrorData } from '../api';
import { noteOwnWrite } from './colleague-changes';
import type { GridCore } from './grid-core';
import type { PlaceConfirmation, PlaceConfirmed } from './PlaceDialog';
import type { GridEditing } from './useGridEditing';

export interface UndoStateHook {
  undoState: UndoState | null;
  setUndoState(state: UndoState): void;
  refreshUndo(): void;
}

export function useUndoState(editable: boolean): UndoStateHook {
  const [undoState, setUndoState] = useState<UndoState | null>(null);
  const refreshUndo = useCallback(() => {
    if (!editable) return;
    call('getUndoState', {})
      .then(setUndoState)
      .catch(() => undefined);
  }, [editable]);
  return { undoState, setUndoState, refreshUndo };
}

export interface PlaceState {
  ids: number[];
  /** The person acted on when no row was ticked (the focused row), named in the dialog. */
  who: string | null;
  offer: PlacementCandidates;
  confirmation: PlaceConfirmation | null;
}

export type DeleteMode = Parameters<typeof call<'gridDelete'>>[1]['mode'];

export interface GridActions {
  undoRedo(which: 'undo' | 'redo'): Promise<void>;
  fillDown(): Promise<void>;
  clearFocusedCell(): void;
  deletePreview: { ids: number[]; preview: DeletePreview } | null;
  askDelete(): Promise<void>;
  doDelete(mode: DeleteMode): Promise<void>;
  closeDelete(): void;
  place: PlaceState | null;
  openPlace(): Promise<void>;
  assign(requestId: number | null, confirmed: PlaceConfirmed): Promise<void>;
  closePlace(): void;
}

export function useGridActions(
  core: GridCore,
  undo: UndoStateHook,
  editing: Pick<GridEditing, 'saveCell'>,
  after: { refresh(): void; reloadCohorts(): void },
): GridActions {
  const { t } = useTranslation();
  const { grid, editableGrid, apiRef, errors, replaying, setReplayingNow, setNotice, failed, selectedIds, versionsOf } = core;
  const { refresh, reloadCohorts } = after;
  /** A refused write: its sentence, and — where a colleague changed the rows since — the rows reloaded to show it. */
  const refused = (error: unknown) => {
    failed(error);
    if (toErrorData(error).code === 'row_changed') refresh();
  };
  /** The versions the write is based on, when the grid holds every row's. */
  const basedOn = (ids: readonly number[]) => {
    const versions = versionsOf(ids);
    return versions.length === ids.length ? { versions } : {};
  };
  const [deletePreview, setDeletePreview] = useState<{ ids: number[]; preview: DeletePreview } | null>(null);
  const [place, setPlace] = useState<PlaceState | null>(null);

  const askDelete = async () => {
    const ids = selectedIds();
    if (ids.length === 0) return setNotice({ kind: 'error', text: t('grid.place.selectFirst') });
    try {
      setDeletePreview({ ids, preview: await call('gridDeletePreview', { grid: editableGrid, ids }) });
    } catch (error) {
      failed(error);
    }
  };
  const doDelete = async (mode: DeleteMode) => {
    if (!deletePreview) return;
    try {
      const { affected } = await call('gridDelete', { grid: editableGrid, ids: deletePreview.ids, mode, ...basedOn(deletePreview.ids) });
      noteOwnWrite();
      setDeletePreview(null);
      apiRef.current?.deselectAll();
      setNotice({ kind: 'ok', text: t('grid.delete.done', { count: affected }) });
      refresh();
    } catch (error) {
      setDeletePreview(null);
      refused(error);
    }
  };

  const fillDown = async () => {
    const api = apiRef.current;
    const focused = api?.getFocusedCell();
    const ids = selectedIds();
    if (!api || !focused || ids.length < 2) return setNotice({ kind: 'error', text: t('grid.fill.needRows') });
    try {
      const { changedCells } = await call('gridFillDown', { grid: editableGrid, ids, colId: focused.column.getColId(), ...basedOn(ids) });
      noteOwnWrite();
      setNotice({ kind: 'ok', text: t('grid.fill.done', { count: changedCells }) });
      refresh();
    } catch (error) {
      refused(error);
    }
  };

  const clearFocusedCell = () => {
    const api = apiRef.current;
    const focused = api?.getFocusedCell();
    if (!api || !focused || focused.rowPinned) return;
    const node = api.getDisplayedRowAtIndex(focused.rowIndex);
    const colId = focused.column.getColId();
    if (!node?.data || !columnOf(grid, colId)?.editable) return;
    void editing.saveCell(node.data, colId, null);
  };

  const undoRedo = async (which: 'undo' | 'redo') => {
    if (replaying.current) return;
    replaying.current = true;
    setReplayingNow(true);
    const before = undo.undoState;
    const what = t(`grid.options.operation.${(which === 'undo' ? before?.undoKind : before?.redoKind) ?? 'edit'}` as never);
    // Said only when it takes a moment (an import of many rows), so a quick Ctrl+Z does not flicker.
    const slow = window.setTimeout(
      () => setNotice({ kind: 'busy', text: t(which === 'undo' ? 'grid.undoing' : 'grid.redoing', { what }) }),
      300,
    );
    try {
      const state = await call(which, {});
      noteOwnWrite();
      undo.setUndoState(state);
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

  // ---- placing by hand ----------------------------------------------------------------------
  const openPlace = async () => {
    const ids = selectedIds();
    const focused = apiRef.current?.getFocusedCell();
    const focusedRow =
      focused && !focused.rowPinned ? (apiRef.current?.getDisplayedRowAtIndex(focused.rowIndex)?.data as GridRow | undefined) : undefined;
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
      const result = await call('placeByHand', { placementIds: place.ids, requestId, ...confirmed, ...basedOn(place.ids) });
      if (result.status === 'needs_confirmation' || result.status === 'needs_sector_confirmation') {
        setPlace({ ...place, confirmation: { result, requestId: requestId!, confirmed } });
        return;
      }
      noteOwnWrite();
      setPlace(null);
      setNotice({ kind: 'ok', text: t('grid.place.done', { count: result.count }) });
      refresh();
    } catch (error) {
      setPlace(null);
      refused(error);
    }
  };

  return {
    undoRedo,
    fillDown,
    clearFocusedCell,
    deletePreview,
    askDelete,
    doDelete,
    closeDelete: () => setDeletePreview(null),
    place,
    openPlace,
    assign,
    closePlace: () => setPlace(null),
  };
}
