// Error codes of the grids (expected failures; each has a sentence in i18n/grid.ts).
export const GRID_ERROR_CODES = [
  'cell_invalid',
  'row_not_found',
  'delete_blocked',
  'nothing_to_undo',
  'nothing_to_redo',
  'undo_conflict',
  'undo_moved',
  'mixed_destinations',
  'request_not_found',
  'status_date_invalid',
  'cancel_reason_required',
  'status_not_allowed',
  'term_not_found',
] as const;
export type GridErrorCode = (typeof GRID_ERROR_CODES)[number];
