// Names of the grid calls. Zod-free: the preload imports the names files.
export const GRID_CALLS = [
  'listCohorts',
  'gridQuery',
  'gridTotals',
  'gridUpdateCell',
  'gridAddRow',
  'gridPaste',
  'gridFillDown',
  'gridDeletePreview',
  'gridDelete',
  'getUndoState',
  'undo',
  'redo',
  'getGridView',
  'saveGridView',
  'placementCandidates',
  'placeByHand',
] as const;
