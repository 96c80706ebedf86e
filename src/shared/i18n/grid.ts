// Strings of the grid feature, Korean first. Reached in the UI as t('grid.…').
import type { GridErrorCode } from '../api/grid.errors';

export const gridKo = {
  _: '',
};

export const gridEn: typeof gridKo = {
  _: '',
};

/** The clerk's sentence for each grid error code ({{placeholders}} from the error's details). */
export const gridErrorsKo: Record<GridErrorCode, string> = {};
export const gridErrorsEn: Record<GridErrorCode, string> = {};
