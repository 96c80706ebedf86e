// What every part of a grid page shares: the grid's API once it is ready, the reasons shown at
// cells, the notice above the grid, and the lock while an undo or redo replays.
import type { GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { GridRow } from '../../../shared/api/grid.contract';
import type { Language } from '../../../shared/domain';
import { errorSentence, messages } from '../../../shared/i18n';
import { columnOf, FIXED_OPTIONS, type CellValue, type EditableGridId, type GridId } from '../../../shared/grids';
import type { ErrorCode } from '../../../shared/errors';
import { toErrorData } from '../api';
import { useLedger } from '../ledger-context';

export const DRAFT_ID = -1;
export const TOTALS_ID = -2;

export interface Notice {
  /** busy: work under way (an undo of many rows), shown with a spinner. */
  kind: 'ok' | 'error' | 'busy';
  text: string;
  details?: string[];
}

export const cellKey = (rowId: number | string, colId: string) => `${rowId}:${colId}`;

/**
 * A value the clerk typed that the ledger has not taken yet: the office hub could not be reached,
 * the sign-in expired, or a colleague's long write runs. The cell keeps showing it, marked, until
 * a retry saves it or the clerk discards it (Esc) — never dropped silently.
 */
export interface UnsavedCell {
  rowId: number;
  colId: string;
  value: CellValue;
  /** The row's version the clerk typed it on (a retry is refused if a colleague changed the row since). */
  baseVersion: number | undefined;
  /** Why it is not saved: the sentence of the error. */
  reason: string;
}

/** Errors after which a typed value stays in its cell, unsaved, to be tried again. */
export const KEEP_UNSAVED: readonly ErrorCode[] = ['hub_unreachable', 'session_expired', 'long_write_running'];

/** The words a select column of fixed choices takes (남, 녀 …), or null for other columns. */
export function allowedLabels(grid: GridId, colId: string, language: Language): string | null {
  const source = columnOf(grid, colId)?.options;
  if (!source || !(source in FIXED_OPTIONS)) return null;
  const labels = messages[language].grid.options as Record<string, Record<string, string>>;
  return FIXED_OPTIONS[source as keyof typeof FIXED_OPTIONS].map((code) => labels[source]?.[code] ?? code).join(', ');
}

export interface GridCore {
  grid: GridId;
  /** History is read-only; the other grids edit. */
  editable: boolean;
  editableGrid: EditableGridId;
  language: Language;
  apiRef: MutableRefObject<GridApi<GridRow> | null>;
  /** The reason a cell was refused, by cellKey, shown at the cell until it is edited again. */
  errors: MutableRefObject<Map<string, string>>;
  /** A province chosen in a row before its city/county (which saves both). */
  pendingProvince: MutableRefObject<Map<number, string>>;
  /** Values typed but not saved yet, by cellKey (see UnsavedCell). */
  unsaved: MutableRefObject<Map<string, UnsavedCell>>;
  notice: Notice | null;
  setNotice(notice: Notice | null): void;
  failed(error: unknown): void;
  /**
   * One undo or redo at a time: a big one runs for seconds (in a worker), and a second Ctrl+Z
   * meanwhile would take back the operation after it; the grid is read-only until it ends.
   */
  replaying: MutableRefObject<boolean>;
  replayingNow: boolean;
  setReplayingNow(on: boolean): void;
  /** The ids of the ticked rows, in the order shown. */
  selectedIds(): number[];
  /** The versions the grid holds of these rows ([id, version]; rows not loaded left out): what a write is based on. */
  versionsOf(ids: readonly number[]): [number, number][];
  /** A cell editor is open. */
  isEditing(): boolean;
}

export function useGridCore(grid: GridId): GridCore {
  const { language } = useLedger();
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const errors = useRef(new Map<string, string>());
  const pendingProvince = useRef(new Map<number, string>());
  const unsaved = useRef(new Map<string, UnsavedCell>());
  const replaying = useRef(false);
  const [replayingNow, setReplayingNow] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const failed = useCallback(
    (error: unknown) => setNotice({ kind: 'error', text: errorSentence(toErrorData(error), language) }),
    [language],
  );
  const selectedIds = useCallback(
    () =>
      (apiRef.current?.getSelectedNodes() ?? [])
        .filter((n) => n.data)
        .sort((a, b) => (a.rowIndex ?? 0) - (b.rowIndex ?? 0))
        .map((n) => (n.data as GridRow).id),
    [],
  );
  const versionsOf = useCallback((ids: readonly number[]) => {
    const versions: [number, number][] = [];
    for (const id of ids) {
      const version = (apiRef.current?.getRowNode(String(id))?.data as GridRow | undefined)?.version;
      if (version !== undefined) versions.push([id, version]);
    }
    return versions;
  }, []);
  const isEditing = useCallback(() => (apiRef.current?.getEditingCells().length ?? 0) > 0, []);
  return useMemo(
    () => ({
      grid,
      editable: grid !== 'history',
      editableGrid: grid as EditableGridId,
      language,
      apiRef,
      errors,
      pendingProvince,
      unsaved,
      notice,
      setNotice,
      failed,
      replaying,
      replayingNow,
      setReplayingNow,
      selectedIds,
      versionsOf,
      isEditing,
    }),
    [grid, language, notice, failed, replayingNow, selectedIds, versionsOf, isEditing],
  );
}
