// Error codes of the export feature (expected failures; each has a sentence in i18n/export.ts).
export const EXPORT_ERROR_CODES = [] as const;
export type ExportErrorCode = (typeof EXPORT_ERROR_CODES)[number];
