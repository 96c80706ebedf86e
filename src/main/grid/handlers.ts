import type { GRID_CALLS } from '../../shared/api/grid.names';
import type { HandlersFor } from '../../shared/contract';
import type { ApiContext } from '../api/handlers';
import { redo, undo, undoState } from '../audit/undo';
import { currentClerk } from '../settings/settings';
import { GridEditor } from './edit';
import { exportGridView } from './export-view';
import { listCohorts, placeByHand, placementCandidates } from './placing';
import { queryPage, requestTotals } from './query';
import { getGridView, saveGridView } from './views';

/** The grid calls (src/shared/api/grid.contract.ts). */
export function createGridHandlers({ ledger, jobs }: ApiContext): HandlersFor<(typeof GRID_CALLS)[number]> {
  const { db } = ledger;
  const clerk = () => currentClerk(db);
  const editor = new GridEditor(db, clerk);
  return {
    listCohorts: () => listCohorts(db),
    gridQuery: ({ grid, view, start, count }) => queryPage(db, grid, view, start, count),
    gridTotals: ({ grid, view }) => (grid === 'requests' ? requestTotals(db, view) : {}),
    gridUpdateCell: ({ grid, id, colId, value }) => editor.updateCell(grid, id, colId, value),
    gridAddRow: ({ grid, values }) => editor.addRow(grid, values),
    gridPaste: ({ grid, view, startIndex, columns, cells }) => editor.paste(grid, view, startIndex, columns, cells),
    gridFillDown: ({ grid, ids, colId }) => editor.fillDown(grid, ids, colId),
    gridDeletePreview: ({ grid, ids }) => editor.deletePreview(grid, ids),
    gridDelete: ({ grid, ids, mode }) => editor.delete(grid, ids, mode),
    getUndoState: () => undoState(db),
    undo: () => undo(db, clerk()),
    redo: () => redo(db, clerk()),
    getGridView: ({ grid }) => ({ state: getGridView(db, grid) }),
    saveGridView: ({ grid, state }) => saveGridView(db, grid, state),
    placementCandidates: ({ placementIds }) => placementCandidates(db, placementIds),
    placeByHand: ({ placementIds, requestId, confirmOverfill }) => placeByHand(db, clerk(), placementIds, requestId, confirmOverfill),
    exportGridView: (input) => jobs.start('grid-export', (job) => exportGridView(db, input, job)),
  };
}
