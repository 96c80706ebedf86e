import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export const APP_FOLDER_NAME = 'placement-ledger';
export const LEDGER_FILE_NAME = 'ledger.sqlite';

/**
 * The OS user-data folder the way Electron computes `app.getPath('userData')` for this app, so
 * the CLI and the web host find the same embedded ledger as `npm start`.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}

const REMEMBERED_FILE = 'last-ledger.json';

/**
 * The ledger file the clerk last opened or started in Settings (desktop app), kept in the
 * user-data folder so the next start opens it again instead of silently going back to the
 * embedded one. null when none was chosen, or when that file is no longer there.
 */
export function rememberedLedgerPath(dir: string): string | null {
  try {
    const value = JSON.parse(readFileSync(join(dir, REMEMBERED_FILE), 'utf8')) as { path?: unknown };
    return typeof value.path === 'string' && isAbsolute(value.path) && existsSync(value.path) ? value.path : null;
  } catch {
    return null;
  }
}

/** Remembers the ledger the clerk switched to (written whole, then renamed into place). */
export function rememberLedgerPath(dir: string, path: string): void {
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `${REMEMBERED_FILE}.${process.pid}.tmp`);
  writeFileSync(temp, JSON.stringify({ path }));
  renameSync(temp, join(dir, REMEMBERED_FILE));
}

/** `--db PATH` or `--db=PATH` wins, then LEDGER_DB, then the embedded default. */
export function resolveLedgerPath(argv: readonly string[], env: NodeJS.ProcessEnv, defaultPath: string): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--db' && argv[i + 1]) return argv[i + 1]!;
    if (arg.startsWith('--db=') && arg.length > 5) return arg.slice(5);
  }
  if (env.LEDGER_DB) return env.LEDGER_DB;
  return defaultPath;
}
