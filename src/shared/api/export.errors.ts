// Error codes of the export feature (expected failures; each has a sentence in i18n/export.ts).
export const EXPORT_ERROR_CODES = [
  'export_empty_ledger',
  'export_no_cohort',
  'export_unknown_county',
  'export_nothing_to_export',
  'export_files_exist',
  'export_too_many_rows',
] as const;
export type ExportErrorCode = (typeof EXPORT_ERROR_CODES)[number];
