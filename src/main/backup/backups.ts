// The automatic backups beside the ledger (`backups/`): made before an import, a restore or the
// opening of another ledger, the 10 newest kept. The reason and the moment are in the file name
// (`ledger-before-import-20270314T091502123Z.sqlite`, `-2`, `-3` … for more in the same
// millisecond), so the list needs nothing but the folder, and rotation sorts by the real moment
// and sequence — never as text, where `…Z-10` comes before `…Z-2` — and never prunes the backup
// just made. Copies a killed run left half-written (`*.<pid>.partial`) are swept at the next run.
import { open, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { BACKUP_REASONS, type BackupEntry, type BackupList, type BackupReason } from '../../shared/api/backup.contract';
import type { Ledger } from '../ledger/open';
import { openDatabase } from '../ledger/sqlite';
import { backupLedger, type BackupResult } from './backup';
import { timedFs } from './timed-fs';
import { processAlive } from '../util/user-path';

export const BACKUPS_KEPT = 10;
/** A partial whose writer is gone — or older than this, whoever wrote it — is a leftover. */
const PARTIAL_STALE_MS = 60 * 60_000;

export function backupFolderOf(ledgerPath: string): string {
  return join(dirname(ledgerPath), 'backups');
}

function ledgerBase(ledgerPath: string): string {
  return basename(ledgerPath, extname(ledgerPath));
}

function stampOf(date: Date): string {
  // 2027-03-14T09:15:02.123Z → 20270314T091502123Z
  return date.toISOString().replace(/[-:.]/g, '');
}

export interface ParsedBackupName {
  reason: BackupReason;
  /** Milliseconds since the epoch. */
  time: number;
  sequence: number;
}

const NAME = new RegExp(`-before-(${BACKUP_REASONS.join('|')})-(\\d{8})T(\\d{6})(\\d{3})?Z(?:-(\\d+))?\\.sqlite$`);

/** The reason, moment and sequence in an automatic backup's name, or null for another file. */
export function parseBackupName(name: string, base?: string): ParsedBackupName | null {
  if (base !== undefined && !name.startsWith(`${base}-before-`)) return null;
  const m = NAME.exec(name);
  if (!m) return null;
  const [, reason, day, time, millis, sequence] = m as unknown as [
    string,
    BackupReason,
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  const iso = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.${millis ?? '000'}Z`;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  return { reason, time: ms, sequence: sequence === undefined ? 1 : Number(sequence) };
}

/** Oldest first, by moment then sequence. */
function compareBackups(a: ParsedBackupName, b: ParsedBackupName): number {
  return a.time - b.time || a.sequence - b.sequence;
}

/**
 * Removes copies a killed backup or restore left in the backups folder: `*.<pid>.partial` (and
 * its -journal/-wal/-shm) whose process is gone, or which are older than an hour.
 */
export async function sweepBackupLeftovers(ledgerPath: string, folder = backupFolderOf(ledgerPath)): Promise<string[]> {
  const swept: string[] = [];
  for (const name of await timedFs.readdir(folder)) {
    // `X.sqlite.<pid>.partial`; `X.sqlite.partial` (no pid) was left by an earlier version.
    const m = /\.sqlite(?:\.(\d+))?\.partial(?:-journal|-wal|-shm)?$/.exec(name);
    if (!m) continue;
    const path = join(folder, name);
    const stat = await timedFs.stat(path);
    if (stat === null) continue;
    if (m[1] !== undefined && processAlive(Number(m[1])) && Date.now() - stat.mtimeMs < PARTIAL_STALE_MS) continue;
    await timedFs.rm(path);
    swept.push(path);
  }
  return swept;
}

/** Sweeps leftovers without waiting or failing (at a start or run). */
export function sweepBackupLeftoversSoon(ledgerPath: string): void {
  sweepBackupLeftovers(ledgerPath).catch((error: unknown) => console.error('[ledger] sweeping backup leftovers failed', error));
}

async function automaticBackups(folder: string, base: string): Promise<{ name: string; parsed: ParsedBackupName }[]> {
  const found: { name: string; parsed: ParsedBackupName }[] = [];
  for (const name of await timedFs.readdir(folder)) {
    const parsed = parseBackupName(name, base);
    if (parsed) found.push({ name, parsed });
  }
  return found.sort((a, b) => compareBackups(a.parsed, b.parsed));
}

/**
 * The automatic backup: `backups/<ledger>-before-<reason>-<moment>.sqlite`, verified before it
 * is kept; then only the newest BACKUPS_KEPT stay — never the one just made nor `protect`ed ones.
 */
/** Creates `path` empty unless it exists, atomically: true when this call created it. */
async function claimName(path: string): Promise<boolean> {
  try {
    await (await open(path, 'wx')).close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

export async function makeAutomaticBackup(
  ledger: Ledger,
  reason: BackupReason,
  options: { folder?: string; protect?: readonly string[] } = {},
): Promise<BackupResult> {
  const folder = options.folder ?? backupFolderOf(ledger.path);
  const base = ledgerBase(ledger.path);
  await timedFs.mkdir(folder);
  await sweepBackupLeftovers(ledger.path, folder);
  const now = new Date();
  const stamp = stampOf(now);
  // Within one millisecond, the next sequence after the highest there (a pruned lower one must
  // not be reused: it would sort as the oldest).
  const sameMoment = (await automaticBackups(folder, base)).filter((b) => b.parsed.time === now.getTime());
  let n = sameMoment.length === 0 ? 1 : Math.max(...sameMoment.map((b) => b.parsed.sequence)) + 1;
  const nameFor = (k: number) => join(folder, `${base}-before-${reason}-${stamp}${k === 1 ? '' : `-${k}`}.sqlite`);
  // The name is claimed by creating it empty (two processes backing up in the same millisecond
  // must not write one backup over the other); the verified copy then replaces the claim.
  let target = nameFor(n);
  while (!(await claimName(target))) target = nameFor(++n);
  let result: BackupResult;
  try {
    result = await backupLedger(ledger, target, { overwrite: true });
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  const keep = new Set([basename(target), ...(options.protect ?? [])]);
  const mine = await automaticBackups(folder, base);
  let excess = mine.length - BACKUPS_KEPT;
  for (const { name } of mine) {
    if (excess <= 0) break;
    if (keep.has(name)) continue;
    await timedFs.rm(join(folder, name));
    excess--;
  }
  return result;
}

function personsIn(path: string): number | null {
  try {
    const db = openDatabase(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** The automatic backups of this ledger, newest first. */
export async function listBackups(ledgerPath: string): Promise<BackupList> {
  const folder = backupFolderOf(ledgerPath);
  const backups: BackupEntry[] = [];
  for (const { name, parsed } of (await automaticBackups(folder, ledgerBase(ledgerPath))).reverse()) {
    const path = join(folder, name);
    const stat = await timedFs.stat(path);
    if (stat === null) continue;
    backups.push({
      name,
      path,
      madeAt: new Date(parsed.time).toISOString(),
      reason: parsed.reason,
      bytes: stat.size,
      persons: personsIn(path),
    });
  }
  return { folder, backups };
}
