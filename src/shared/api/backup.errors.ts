// Error codes of backups, restore and the ledger file itself (each has a sentence in i18n/backup.ts).
export const BACKUP_ERROR_CODES = [
  'ledger_missing',
  'file_is_ledger',
  'ledger_readonly',
  'disk_full',
  'disk_io_error',
  'backup_not_found',
  'restore_not_ledger',
  'restore_damaged',
  'restore_too_new',
  'restore_same_file',
  'restore_page_size',
  'restore_busy',
] as const;
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];
