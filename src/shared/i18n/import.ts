// Strings of the import feature, Korean first. Reached in the UI as t('import.…').
import type { ImportErrorCode } from '../api/import.errors';

export const importKo = {
  _: '',
};

export const importEn: typeof importKo = {
  _: '',
};

/** The clerk's sentence for each import error code ({{placeholders}} from the error's details). */
export const importErrorsKo: Record<ImportErrorCode, string> = {};
export const importErrorsEn: Record<ImportErrorCode, string> = {};
