import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is compiled twice: node_modules holds the build for Node (tests, CLI, web host);
 * `npm start` builds one for Electron's ABI into .cache/electron-native/<electron version>/ and
 * the app passes it as `nativeBinding`. LEDGER_NATIVE_BINDING overrides; a packaged app whose
 * node_modules were rebuilt for Electron needs neither and gets undefined.
 */
export function electronNativeBinding(appPath: string, electronVersion: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LEDGER_NATIVE_BINDING) return env.LEDGER_NATIVE_BINDING;
  const candidate = join(appPath, '.cache', 'electron-native', electronVersion, 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}
