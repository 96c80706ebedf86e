// Error codes of the import feature (expected failures; each has a sentence in i18n/import.ts).
// Row-level problems of a file (a missing name, an unknown county …) are not errors of a call:
// they are issues of the import report (IMPORT_ISSUE_CODES in import.contract.ts).
export const IMPORT_ERROR_CODES = [
  // The file as a whole cannot be read.
  'import_file_unreadable',
  'import_not_spreadsheet',
  'import_legacy_xls',
  'import_encrypted',
  'import_corrupt',
  'import_zip_bomb',
  'import_unsupported_compression',
  'import_xml_dtd',
  'import_xml_malformed',
  'import_xml_node_too_large',
  'import_file_too_large',
  'import_too_many_rows',
  'import_no_sheets',
  'import_sheet_not_found',
  'import_empty_sheet',
  'import_no_header',
  'import_header_row_invalid',
  'import_missing_columns',
  'import_zero_rows',
  'import_encoding',
  'import_worker_failed',
  'import_worker_memory',
  'import_timeout',
  // The wizard's own steps.
  'import_upload_unknown',
  'import_upload_invalid',
  'import_upload_too_long',
  'import_dialog_unavailable',
  'import_busy',
  'import_has_errors',
  'import_already_imported',
  'import_undo_not_found',
  'import_undo_conflict',
  'import_undo_already',
  'import_report_unknown',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];
