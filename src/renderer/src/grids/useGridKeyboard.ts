// A grid's keys and clipboard: Ctrl+F search, Ctrl+Z/Y undo/redo, Ctrl+D fill down, Delete
// clears; copy and paste with Excel (TSV). A paste goes to main as one change, refused whole
// with each problem named by the pasted block's line and value.
import { useEffect, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridRow } from '../../../shared/api/grid.contract';
import { cellSentence } from '../../../shared/i18n';
import { parseTsv } from '../../../shared/tsv';
import { call, toErrorData } from '../api';
import { noteOwnWrite } from './colleague-changes';
import { copyBlock, displayedColumnIds, writeClipboard } from './clipboard';
import { allowedLabels, type GridCore } from './grid-core';
import type { GridActions } from './useGridActions';
import type { GridData } from './useGridData';
import type { GridEditing } from './useGridEditing';

export function useGridKeyboard(
  core: GridCore,
  refs: { wrapper: RefObject<HTMLDivElement | null>; search: RefObject<HTMLInputElement | null> },
  parts: {
    data: Pick<GridData, 'lastView'>;
    editing: Pick<GridEditing, 'markProblems' | 'discardUnsaved'>;
    actions: GridActions;
    display: (colId: string, row: GridRow) => string;
    refresh(): void;
  },
): void {
  const { t } = useTranslation();
  const { grid, editable, editableGrid, language, apiRef, errors, replaying, isEditing, setNotice, failed, versionsOf } = core;
  const { data, actions, display, refresh } = parts;

  const onCopy = (event: ClipboardEvent) => {
    const api = apiRef.current;
    if (!api || isEditing()) return;
    const block = copyBlock(api, grid, display);
    if (!block) return;
    writeClipboard(event, block.rows);
    setNotice({ kind: 'ok', text: t('grid.copy.done', { rows: block.rows.length, cols: block.columns }) });
  };

  const onPaste = async (event: ClipboardEvent) => {
    const api = apiRef.current;
    if (!api || isEditing() || !editable || replaying.current) return;
    const focused = api.getFocusedCell();
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!focused || focused.rowPinned || text === '') return;
    event.preventDefault();
    const cells = parseTsv(text);
    const all = displayedColumnIds(api);
    const columns = all.slice(Math.max(0, all.indexOf(focused.column.getColId())));
    const startIndex = focused.rowIndex;
    // The rows the clerk sees where the block lands, in order (as far as they are loaded): a paste
    // onto rows that changed or moved since is refused whole.
    const seen: number[] = [];
    for (let i = startIndex; i < startIndex + cells.length; i++) {
      const row = api.getDisplayedRowAtIndex(i)?.data as GridRow | undefined;
      if (row === undefined) break;
      seen.push(row.id);
    }
    const versions = versionsOf(seen);
    try {
      const result = await call('gridPaste', {
        grid: editableGrid,
        view: data.lastView.current,
        startIndex,
        columns,
        cells,
        ...(versions.length === seen.length ? { versions } : {}),
      });
      errors.current.clear();
      if (result.status === 'rejected') {
        parts.editing.markProblems(result.problems, (p) => {
          const node = api.getDisplayedRowAtIndex(startIndex + p.row);
          return node?.data ? (node.data as GridRow).id : undefined;
        });
        // Named by the line of the pasted block and the value pasted, with the values the column takes.
        const shown = result.problems.slice(0, 8).map((p) => {
          const allowed = allowedLabels(grid, p.colId, language);
          return (
            t('grid.paste.problem', {
              row: p.row + 1,
              column: t(`grid.columns.${p.colId}` as never),
              value: p.value,
              reason: cellSentence(p, language),
            }) + (allowed && p.rule === 'invalid_value' ? ' ' + t('grid.paste.allowed', { values: allowed }) : '')
          );
        });
        if (result.problems.length > 8) shown.push(t('grid.paste.more', { count: result.problems.length - 8 }));
        setNotice({ kind: 'error', text: t('grid.paste.rejected', { count: result.problems.length }), details: shown });
        return;
      }
      noteOwnWrite();
      setNotice({
        kind: 'ok',
        text: t('grid.paste.applied', {
          cells: result.changedCells,
          added: result.addedRows > 0 ? t('grid.paste.addedRows', { count: result.addedRows }) : '',
        }),
      });
      refresh();
    } catch (error) {
      failed(error);
      // A colleague's change stands: the rows reload to show it.
      if (toErrorData(error).code === 'row_changed') refresh();
    }
  };

  // Re-attached every render (as before the split): the handlers read the latest state.
  useEffect(() => {
    const wrapper = refs.wrapper.current;
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (ctrl && key === 'f') {
        e.preventDefault();
        refs.search.current?.focus();
        refs.search.current?.select();
        return;
      }
      const inGrid = wrapper?.contains(document.activeElement) ?? false;
      if (!inGrid || isEditing() || !editable || replaying.current) return;
      if (e.key === 'Escape') {
        // Esc on a cell whose typed value is not saved: drop it, the ledger's value shows again.
        const focused = apiRef.current?.getFocusedCell();
        const row =
          focused && !focused.rowPinned
            ? (apiRef.current?.getDisplayedRowAtIndex(focused.rowIndex)?.data as GridRow | undefined)
            : undefined;
        if (row && focused && parts.editing.discardUnsaved(row.id, focused.column.getColId())) e.preventDefault();
        return;
      }
      if (ctrl && !e.shiftKey && key === 'z') {
        e.preventDefault();
        void actions.undoRedo('undo');
      } else if (ctrl && (key === 'y' || (e.shiftKey && key === 'z'))) {
        e.preventDefault();
        void actions.undoRedo('redo');
      } else if (ctrl && key === 'd') {
        e.preventDefault();
        void actions.fillDown();
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !ctrl) {
        e.preventDefault();
        e.stopPropagation();
        actions.clearFocusedCell();
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
}
