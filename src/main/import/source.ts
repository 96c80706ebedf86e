// The import's door to the spreadsheet library: open any file the clerk brings and stream its
// rows, with every SpreadsheetError turned here — and only here — into the import's LedgerError,
// whose sentence the clerk reads (src/shared/i18n/import.ts). The details pass through as the
// library gives them (file, part, reason, bytes, method, encoding, row, rows, limit).
import type { ErrorCode } from '../../shared/errors';
import { LedgerError } from '../../shared/errors';
import { SpreadsheetError, type SpreadsheetErrorCode } from '../spreadsheet/errors';
import { openSpreadsheet as openFile, type Spreadsheet } from '../spreadsheet/open';

export type { ReadOptions, Spreadsheet } from '../spreadsheet/open';

const IMPORT_CODE: Record<SpreadsheetErrorCode, ErrorCode | null> = {
  unreadable: 'import_file_unreadable',
  empty: 'import_empty_sheet',
  no_sheets: 'import_no_sheets',
  not_spreadsheet: 'import_not_spreadsheet',
  legacy_xls: 'import_legacy_xls',
  encrypted: 'import_encrypted',
  corrupt: 'import_corrupt',
  zip_bomb: 'import_zip_bomb',
  unsupported_compression: 'import_unsupported_compression',
  part_too_large: 'import_file_too_large',
  xml_dtd: 'import_xml_dtd',
  xml_malformed: 'import_xml_malformed',
  value_too_long: 'import_xml_node_too_large',
  too_many_rows: 'import_too_many_rows',
  encoding: 'import_encoding',
  too_many_columns: null, // only the writer says this
};

/** The import's LedgerError for a SpreadsheetError; anything else unchanged. */
export function importErrorOf(error: unknown): unknown {
  if (!(error instanceof SpreadsheetError)) return error;
  const code = IMPORT_CODE[error.code];
  return code === null ? error : new LedgerError(code, error.message, error.details);
}

async function mapped<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw importErrorOf(error);
  }
}

export async function openSpreadsheet(
  path: string,
  fileName: string,
  options: { encoding?: 'auto' | 'utf8' | 'cp949' } = {},
): Promise<Spreadsheet> {
  const book = await mapped(openFile(path, fileName, options));
  return { ...book, readSheet: (sheet, onRow, opts) => mapped(book.readSheet(sheet, onRow, opts)) };
}
