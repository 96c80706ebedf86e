import { homedir } from 'node:os';
import { join } from 'node:path';

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
