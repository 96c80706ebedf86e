import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerError } from '../../shared/errors';
import { NATIVE_FILE_NAME, nativeCacheFile, nativeModuleMismatch, type NativeTarget } from './native-module';

/**
 * Where the packaged app carries its Electron build of better-sqlite3, relative to the app's
 * root: electron-builder packs out/native/ into app.asar and unpacks it (asarUnpack in
 * electron-builder.json), because a .node cannot be loaded from inside an archive.
 */
export const PACKAGED_NATIVE_DIR = ['out', 'native'] as const;

/** How the process runs, and so where its better_sqlite3.node comes from. */
export type NativeBindingContext =
  /** The installed app: only the file inside its own resources; no environment override. */
  | { mode: 'packaged'; resourcesPath: string; target: NativeTarget }
  /** `npm start` (Electron on the source tree): LEDGER_NATIVE_BINDING, else the cache of `npm start`. */
  | { mode: 'electron-dev'; appPath: string; electronVersion: string; target: NativeTarget; env: NodeJS.ProcessEnv }
  /** Plain Node (tests, CLI, web host): node_modules' own build, loaded by better-sqlite3 itself. */
  | { mode: 'node' };

/** The packaged app's better_sqlite3.node: <resources>/app.asar.unpacked/out/native/better_sqlite3.node. */
export function packagedNativeFile(resourcesPath: string): string {
  return join(resourcesPath, 'app.asar.unpacked', ...PACKAGED_NATIVE_DIR, NATIVE_FILE_NAME);
}

function sqliteVersionAt(appPath: string): string {
  const manifest = join(appPath, 'node_modules', 'better-sqlite3', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function unusable(file: string, why: string, fix: string): LedgerError {
  return new LedgerError('sqlite_module_unusable', `${why}. ${fix}`, { file });
}

/**
 * The path to give better-sqlite3 as `nativeBinding`, or undefined to let it load its own build
 * (plain Node). Under Electron the file's ABI, platform and architecture are checked first: a
 * binary that does not fit is never loaded (Electron would abort on it) — a LedgerError
 * `sqlite_module_unusable` says so instead.
 */
export function resolveNativeBinding(context: NativeBindingContext): string | undefined {
  if (context.mode === 'node') return undefined;
  if (context.mode === 'packaged') {
    const file = packagedNativeFile(context.resourcesPath);
    const mismatch = nativeModuleMismatch(file, context.target);
    if (mismatch) throw unusable(file, mismatch, 'The installation is incomplete or damaged: reinstall the program');
    return file;
  }
  const override = context.env.LEDGER_NATIVE_BINDING;
  const cached = nativeCacheFile(context.appPath, {
    electronVersion: context.electronVersion,
    sqliteVersion: sqliteVersionAt(context.appPath),
    platform: context.target.platform,
    arch: context.target.arch,
  });
  const ownBuild = join(context.appPath, 'node_modules', 'better-sqlite3', 'build', 'Release', NATIVE_FILE_NAME);
  // An explicit override is the one meant; then `npm start`'s cache; node_modules' own build only
  // if it was made for Electron (someone rebuilt it by hand).
  const file = override || (existsSync(cached) ? cached : undefined);
  if (file) {
    const mismatch = nativeModuleMismatch(file, context.target);
    if (mismatch) throw unusable(file, mismatch, 'Run `npm start` again: it rebuilds the module');
    return file;
  }
  if (!nativeModuleMismatch(ownBuild, context.target)) return ownBuild;
  throw unusable(
    cached,
    `No build of better-sqlite3 for Electron ${context.electronVersion} at ${cached}`,
    'Start the app with `npm start`, which prepares it',
  );
}
