import type { GRID_CALLS } from '../../shared/api/grid.names';
import type { HandlersFor } from '../../shared/contract';
import type { ApiContext } from '../api/context';
import { nextReplay, redo, undo, undoState } from '../audit/undo';
import type { UndoWorkerData } from '../audit/undo.worker';
import { assertNoLongWrite, startLongWrite, writeWhenFree } from '../ledger/long-write';
import { runWorkerTask } from '../workers/launch';
import type { UndoState } from '../../shared/api/grid.contract';
import { currentClerk } from '../settings/settings';
import { requestClerk, isShared } from '../hub/request-clerk';
import { GridEditor } from './edit';
import { exportGridView } from './export-view';
import { GridExportTargets } from './export-target';
import { listCohorts, placeByHand, placementCandidates } from './placing';
import { queryPage, requestTotals } from './query';
import { dashboardFigures, termFigures } from '../figures/term-figures';
import { getGridView, saveGridView } from './views';
import { setPlacementStatus } from './status';
import { localToday, notArrivedCounties, notArrivedRows } from '../figures/not-arrived';
import { exportFiguresWorkbook, exportNotArrivedWorkbook } from '../figures/dashboard-export';
import { safeFileName } from '../export/safe-name';
import { LedgerError } from '../../shared/errors';

/** Rows an undo or redo touches from which it runs in a worker (≈0.1 s of replay and more). */
export const BIG_REPLAY_ROWS = 5000;

/** The grid calls (src/shared/api/grid.contract.ts). */
export function createGridHandlers({ ledger, jobs, desktop }: ApiContext): HandlersFor<(typeof GRID_CALLS)[number]> {
  const { db } = ledger;
  const clerk = () => currentClerk(db);
  /**
   * Through the hub, a clerk undoes and redoes their own operations only (audit/undo.ts); so does
   * the clerk at the PC that shares the ledger, while it does. Locally, all.
   */
  const own = () => requestClerk()?.name ?? (isShared(db) ? currentClerk(db) : undefined);
  const editor = new GridEditor(db, clerk);
  const exportTargets = new GridExportTargets(desktop);
  /** A call that writes on the app's connection: refused at once while a long write runs. */
  const writes =
    <I, O>(call: (input: I) => O) =>
    (input: I): O => {
      assertNoLongWrite(ledger);
      return call(input);
    };
  /**
   * Ctrl+Z / Ctrl+Y: here when quick, in a worker on its own connection when the operation
   * touches many rows (an import), so the window keeps answering while it runs.
   */
  const replay = (which: 'undo' | 'redo'): UndoState | Promise<UndoState> => {
    const mine = own();
    const next = nextReplay(db, which, BIG_REPLAY_ROWS, mine);
    if (!next?.big) return which === 'undo' ? undo(db, clerk(), next?.expected, mine) : redo(db, clerk(), next?.expected, mine);
    const data: UndoWorkerData = {
      task: which,
      expected: next.expected,
      path: ledger.path,
      busyTimeoutMs: ledger.busyTimeoutMs,
      clerk: clerk(),
      ...(mine !== undefined ? { own: mine } : {}),
    };
    const end = startLongWrite(ledger, which);
    return runWorkerTask<UndoState>('audit/undo.worker.ts', data, `grid-${which}`).finally(end);
  };
  return {
    listCohorts: () => listCohorts(db),
    termFigures: ({ cohortId }) => termFigures(db, cohortId),
    dashboardFigures: ({ cohortId }) => dashboardFigures(db, cohortId),
    gridQuery: ({ grid, view, start, count }) => queryPage(db, grid, view, start, count),
    gridTotals: ({ grid, view }) => (grid === 'requests' ? requestTotals(db, view) : {}),
    gridUpdateCell: writes(({ grid, id, colId, value, baseVersion }) => editor.updateCell(grid, id, colId, value, baseVersion)),
    gridAddRow: writes(({ grid, values }) => editor.addRow(grid, values)),
    gridPaste: writes(({ grid, view, startIndex, columns, cells, versions }) =>
      editor.paste(grid, view, startIndex, columns, cells, versions),
    ),
    gridFillDown: writes(({ grid, ids, colId, versions }) => editor.fillDown(grid, ids, colId, versions)),
    gridDeletePreview: ({ grid, ids }) => editor.deletePreview(grid, ids),
    gridDelete: writes(({ grid, ids, mode, versions }) => editor.delete(grid, ids, mode, versions)),
    getUndoState: () => undoState(db, own()),
    undo: writes(() => replay('undo')),
    redo: writes(() => replay('redo')),
    getGridView: ({ grid }) => ({ state: getGridView(db, grid) }),
    // Column widths and order are bookkeeping: kept for after a long write rather than refused.
    saveGridView: ({ grid, state }) => ({ saved: writeWhenFree(ledger, `view:${grid}`, () => saveGridView(db, grid, state)) }),
    setPlacementStatus: writes(({ placementIds, change, versions }) => setPlacementStatus(db, clerk(), placementIds, change, versions)),
    notArrivedCounties: ({ cohortId }) => notArrivedCounties(db, cohortId),
    notArrivedRows: ({ cohortId, countyCode }) => notArrivedRows(db, cohortId, countyCode),
    exportDashboardWorkbook: async (input) => {
      if (input.what === 'notArrived' && input.countyCode === undefined)
        throw new LedgerError('invalid_input', 'notArrived needs countyCode');
      const target = await exportTargets.resolve({ ...input, format: 'xlsx' });
      const to = { path: target.path, overwrite: target.overwrite, language: input.language };
      return input.what === 'figures'
        ? exportFiguresWorkbook(db, input.cohortId, to)
        : exportNotArrivedWorkbook(db, input.cohortId, input.countyCode!, { ...to, today: localToday() });
    },
    printDashboard: async ({ suggestedName }) => {
      if (!desktop.printWindowToPdf) return { supported: false, path: null };
      return { supported: true, path: await desktop.printWindowToPdf(safeFileName(suggestedName.replace(/\.pdf$/i, ''), 'pdf')) };
    },
    placementCandidates: ({ placementIds }) => placementCandidates(db, placementIds),
    placeByHand: writes(({ placementIds, requestId, confirmOverfill, confirmSectorChange, versions }) =>
      placeByHand(db, clerk(), placementIds, requestId, { confirmOverfill, confirmSectorChange }, versions),
    ),
    exportGridView: async (input) => {
      const target = await exportTargets.resolve(input);
      return jobs.start('grid-export', (job) => exportGridView(db, { ...input, ...target }, job));
    },
    chooseGridExportFile: ({ format, suggestedName }) => exportTargets.choose(format, suggestedName),
  };
}
