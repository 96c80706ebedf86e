// Error codes of the grid feature (expected failures; each has a sentence in i18n/grid.ts).
export const GRID_ERROR_CODES = [] as const;
export type GridErrorCode = (typeof GRID_ERROR_CODES)[number];
