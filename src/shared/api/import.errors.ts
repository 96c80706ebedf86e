// Error codes of the import feature (expected failures; each has a sentence in i18n/import.ts).
export const IMPORT_ERROR_CODES = [] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];
