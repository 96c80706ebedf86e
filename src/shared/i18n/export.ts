// Strings of the export feature, Korean first. Reached in the UI as t('export.…').
import type { ExportErrorCode } from '../api/export.errors';

export const exportKo = {
  _: '',
};

export const exportEn: typeof exportKo = {
  _: '',
};

/** The clerk's sentence for each export error code ({{placeholders}} from the error's details). */
export const exportErrorsKo: Record<ExportErrorCode, string> = {};
export const exportErrorsEn: Record<ExportErrorCode, string> = {};
