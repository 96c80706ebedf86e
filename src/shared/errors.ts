// Errors cross every boundary (IPC, HTTP, CLI) as data. A clerk reads the sentence for `code`
// in their language (see i18n/*.ts `errors`); a developer finds the cause in the log.

import { ALLOCATION_ERROR_CODES } from './api/allocation.errors';
import { BACKUP_ERROR_CODES } from './api/backup.errors';
import { EXPORT_ERROR_CODES } from './api/export.errors';
import { GRID_ERROR_CODES } from './api/grid.errors';
import { HUB_ERROR_CODES } from './api/hub.errors';
import { IMPORT_ERROR_CODES } from './api/import.errors';
import { PATH_ERROR_CODES } from './api/paths.errors';

export const CORE_ERROR_CODES = [
  'invalid_input',
  'unknown_call',
  'forbidden_sender',
  'ledger_not_sqlite',
  'ledger_damaged',
  'ledger_too_new',
  'ledger_foreign',
  'ledger_unwritable',
  'ledger_busy',
  'long_write_running',
  'ledger_pragma_failed',
  'not_found',
  'file_exists',
  'backup_onto_ledger',
  'sqlite_module_unusable',
  'request_malformed',
  'request_too_large',
  'internal',
] as const;
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

export const ERROR_CODES = [
  ...CORE_ERROR_CODES,
  ...GRID_ERROR_CODES,
  ...IMPORT_ERROR_CODES,
  ...EXPORT_ERROR_CODES,
  ...BACKUP_ERROR_CODES,
  ...PATH_ERROR_CODES,
  ...ALLOCATION_ERROR_CODES,
  ...HUB_ERROR_CODES,
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface LedgerErrorData {
  code: ErrorCode;
  /** A developer-facing English sentence; the UI shows its own translation of `code`. */
  message: string;
  details?: Record<string, string | number | boolean | null>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: LedgerErrorData };

/** An expected failure (bad input, a refused file) — not a bug. Carries a stable code. */
export class LedgerError extends Error {
  readonly code: ErrorCode;
  readonly details?: LedgerErrorData['details'];
  constructor(code: ErrorCode, message: string, details?: LedgerErrorData['details']) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
    this.details = details;
  }
  toData(): LedgerErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isLedgerErrorData(value: unknown): value is LedgerErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
