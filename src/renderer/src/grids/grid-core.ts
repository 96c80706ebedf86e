// What every part of a grid page shares: the grid's API once it is ready, the reasons shown at
// cells, the notice above the grid, and the lock while an undo or redo replays.
import type { GridApi } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { GridRow } from '../../../shared/api/grid.contract';
import type { Language } from '../../../shared/domain';
import { errorSentence, messages } from '../../../shared/i18n';
import { columnOf, FIXED_OPTIONS, type EditableGridId, type GridId } from '../../../shared/grids';
import { toErrorData } from '../api';
import { useCanWrite } from '../hub-context';
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
  /** A cell editor is open. */
  isEditing(): boolean;
}

export function useGridCore(grid: GridId): GridCore {
  const { language } = useLedger();
  const canWrite = useCanWrite();
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const errors = useRef(new Map<string, string>());
  const pendingProvince = useRef(new Map<number, string>());
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
  const isEditing = useCallback(() => (apiRef.current?.getEditingCells().length ?? 0) > 0, []);
  return useMemo(
    () => ({
      grid,
      // History is read-only, and so is every grid for a read-only account.
      editable: grid !== 'history' && canWrite,
      editableGrid: grid as EditableGridId,
      language,
      apiRef,
      errors,
      pendingProvince,
      notice,
      setNotice,
      failed,
      replaying,
      replayingNow,
      setReplayingNow,
      selectedIds,
      isEditing,
    }),
    [grid, canWrite, language, notice, failed, replayingNow, selectedIds, isEditing],
  );
}
