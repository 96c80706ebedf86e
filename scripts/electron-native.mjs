// The Electron build of better-sqlite3, prepared for `npm start` (scripts/start.mjs) and for the
// installer (scripts/dist.mjs, checked again after packing by scripts/after-pack.cjs).
// node_modules keeps the Node build (tests, CLI, web host); the Electron build lives in
// .cache/electron-native/<key>/ (key: Electron version, better-sqlite3 version, platform, arch),
// made once per key — a prebuilt binary (prebuild-install), else compiled with node-gyp against
// Electron's headers — and its ABI, platform and architecture are checked before it is used
// (src/main/electron/native-module.ts, shared with the app and the unit tests through tsx).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** src/main/electron/native-module.ts, loaded through tsx: one implementation for all. */
export async function nativeModule() {
  return tsImport(pathToFileURL(join(root, 'src', 'main', 'electron', 'native-module.ts')).href, import.meta.url);
}

/** Ends a script with one sentence for the person running it. */
export function fail(sentence) {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

/** electron-vite build → out/main, out/preload, out/renderer (what Electron and the packager take). */
export function buildApp() {
  const viteBin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  if (spawnSync(process.execPath, [viteBin, 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) {
    fail('The app could not be built (see the messages above).');
  }
}

export const versionOf = (pkg) => JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;

/**
 * Electron's NODE_MODULE_VERSION, from node-abi's registry (the table prebuild-install itself
 * chooses binaries by): e.g. 143 for Electron 40.
 */
export function electronAbi(electronVersion) {
  const nodeAbi = createRequire(require.resolve('prebuild-install/package.json'))('node-abi');
  return Number(nodeAbi.getAbi(electronVersion, 'electron'));
}

/**
 * Returns the path of a checked Electron build of better-sqlite3 for this Electron version,
 * platform and architecture, building it first if the cache has none that fits. Throws an
 * Error with a sentence when it cannot be prepared.
 */
export async function prepareElectronNative({
  electronVersion = versionOf('electron'),
  platform = process.platform,
  arch = process.arch,
  log = (line) => process.stdout.write(`${line}\n`),
} = {}) {
  const { nativeCacheFile, ensureNativeBuild } = await nativeModule();
  const sqliteVersion = versionOf('better-sqlite3');
  const file = nativeCacheFile(root, { electronVersion, sqliteVersion, platform, arch });
  const target = { abi: electronAbi(electronVersion), platform, arch };
  ensureNativeBuild(file, target, (dest) => buildElectronNative({ dest, electronVersion, platform, arch, log }), log);
  return file;
}

function buildElectronNative({ dest, electronVersion, platform, arch, log }) {
  log(`Preparing the SQLite module for Electron ${electronVersion} (${platform}-${arch}), once…`);
  const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
  const work = join(dirname(dirname(dest)), `build-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
      if (existsSync(join(pkgDir, entry))) cpSync(join(pkgDir, entry), join(work, entry), { recursive: true });
    }
    const run = (command, args) =>
      spawnSync(command, args, { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;
    const prebuild = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
    const gypFromNpm = process.env.npm_config_node_gyp;
    const sameMachine = platform === process.platform && arch === process.arch;
    const ok =
      run(process.execPath, [prebuild, '--runtime', 'electron', '--target', electronVersion, '--platform', platform, '--arch', arch]) ||
      (sameMachine &&
        gypFromNpm &&
        run(process.execPath, [
          gypFromNpm,
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electronVersion}`,
          `--arch=${arch}`,
          '--dist-url=https://electronjs.org/headers',
        ]));
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (!ok || !existsSync(built)) {
      throw new Error(
        `Could not prepare the SQLite module for Electron ${electronVersion} (no prebuilt binary could be downloaded, and compiling needs Electron's headers from the internet and a C++ compiler). Connect to the internet and try again.`,
      );
    }
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(built, dest);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
