// Backups a clerk can bring back, and which ledger file the app has open.
// Settings: listBackups → restoreBackup (after a confirmation; the current ledger is kept as a
// backup first). getLedgerFileOptions says whether a native dialog exists (Electron) —
// chooseLedgerFile opens it — else the web host's Settings shows a path field; openLedgerFile
// switches the app to another ledger file (or a new one).
import { z } from 'zod';
import { call, type AnyCallSpec } from './define';
import type { BACKUP_CALLS } from './backup.names';

/** Why a backup was made; recorded in its file name (…-before-import-…). */
export const BACKUP_REASONS = ['import', 'restore', 'allocation', 'open', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupEntry {
  /** The file name inside the backups folder (what restoreBackup takes). */
  name: string;
  path: string;
  /** When it was made, ISO 8601 UTC (the UI shows yyyy.mm.dd HH:MM local). */
  madeAt: string;
  reason: BackupReason;
  bytes: number;
  /** Persons in it; null when the copy cannot be read (then it cannot be restored either). */
  persons: number | null;
}

export interface BackupList {
  folder: string;
  backups: BackupEntry[];
}

export interface RestoreResult {
  /** The ledger as it was, kept as a backup before the restore. */
  keptAs: string;
  restored: string;
  persons: number;
  /** The restored copy was at an older level and has been migrated. */
  migratedFrom: number | null;
}

export interface LedgerFileOptions {
  ledgerPath: string;
  /** A native open/save dialog is available (Electron); else a path field. */
  canChoose: boolean;
}

export interface LedgerFileChoice {
  /** null: the clerk cancelled the dialog. */
  path: string | null;
}

export interface OpenedLedger {
  ledgerPath: string;
  created: boolean;
}

const noInput = z.object({}).strict();

export const backupContract = {
  listBackups: call<BackupList>()(noInput),
  restoreBackup: call<RestoreResult>()(z.object({ name: z.string().min(1).max(255) }).strict()),
  getLedgerFileOptions: call<LedgerFileOptions>()(noInput),
  chooseLedgerFile: call<LedgerFileChoice>()(z.object({ mode: z.enum(['open', 'new']) }).strict()),
  openLedgerFile: call<OpenedLedger>()(z.object({ path: z.string().trim().min(1).max(4096), create: z.boolean() }).strict()),
} satisfies Record<(typeof BACKUP_CALLS)[number], AnyCallSpec>;
