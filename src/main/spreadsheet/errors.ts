// The one error type of the spreadsheet library. It knows nothing of the ledger: a code saying
// what is wrong with the file, a developer's message, and details (file, part, reason, bytes,
// rows, limit, method, encoding, row) that a feature may put into its own sentence. Import and
// export each map these codes to their LedgerError codes in one place (import/source.ts,
// export/spreadsheet-errors.ts).

export type SpreadsheetErrorCode =
  /** The file cannot be opened or read (missing, no permission). */
  | 'unreadable'
  /** The file has no bytes. */
  | 'empty'
  /** A workbook without sheets. */
  | 'no_sheets'
  /** Not an .xlsx or text file (details.reason: pdf, xml_or_html, binary, xlsb, no_workbook). */
  | 'not_spreadsheet'
  /** An Excel 97–2003 .xls (OLE) workbook. */
  | 'legacy_xls'
  /** A password-protected workbook or an encrypted zip part. */
  | 'encrypted'
  /** A damaged or truncated zip, or a CSV with a quote never closed (details.reason). */
  | 'corrupt'
  /** Declared or actual inflated sizes past the limits (a zip bomb). */
  | 'zip_bomb'
  /** A zip compression method other than stored or deflate. */
  | 'unsupported_compression'
  /** One zip part larger than the reader keeps in memory. */
  | 'part_too_large'
  /** A DTD or entity declaration in an XML part (refused, never expanded). */
  | 'xml_dtd'
  /** An XML part that is not well-formed. */
  | 'xml_malformed'
  /** A text, tag or CSV record longer than the reader accepts. */
  | 'value_too_long'
  /** A sheet with more rows than Excel's limit. */
  | 'too_many_rows'
  /** A sheet with more columns than Excel's limit (writer). */
  | 'too_many_columns'
  /** Text that is not valid in the encoding it is read with. */
  | 'encoding';

export type SpreadsheetErrorDetails = Record<string, string | number>;

export class SpreadsheetError extends Error {
  readonly code: SpreadsheetErrorCode;
  readonly details: SpreadsheetErrorDetails;
  constructor(code: SpreadsheetErrorCode, message: string, details: SpreadsheetErrorDetails = {}) {
    super(message);
    this.name = 'SpreadsheetError';
    this.code = code;
    this.details = details;
  }
}

/**
 * An error a caller's callback threw (onRow, onChunk) that must pass through the readers as it
 * is: one carrying its own string code that is not a system or zlib error (those have errno).
 * Everything else met while reading a part means the part is damaged.
 */
export function isCallerError(error: unknown): boolean {
  if (error instanceof SpreadsheetError) return true;
  if (!(error instanceof Error)) return false;
  const coded = error as Error & { code?: unknown; errno?: unknown };
  return typeof coded.code === 'string' && coded.errno === undefined;
}
