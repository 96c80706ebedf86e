// The export's one mapping from the spreadsheet library's errors to its LedgerErrors. The
// exports check their limits before writing (export-rows.ts), so a SpreadsheetError here means a
// sheet still outgrew Excel: the clerk reads the same sentence as for that check.
import { LedgerError } from '../../shared/errors';
import { SpreadsheetError } from '../spreadsheet/errors';

/** The export's LedgerError for a SpreadsheetError; anything else unchanged. */
export function exportErrorOf(error: unknown): unknown {
  if (!(error instanceof SpreadsheetError)) return error;
  // Rows and limit count the sheet's rows, headings included.
  if (error.code === 'too_many_rows') return new LedgerError('export_too_many_rows', error.message, error.details);
  return error;
}
