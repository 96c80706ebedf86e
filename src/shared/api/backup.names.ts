// Names of the backup and ledger-file calls. Zod-free: the preload imports the names files.
export const BACKUP_CALLS = ['listBackups', 'restoreBackup', 'getLedgerFileOptions', 'chooseLedgerFile', 'openLedgerFile'] as const;
