#!/usr/bin/env node
// `npm start [-- --db PATH]`: builds the app and opens it in Electron.
//  1. Electron's binary must be there (its postinstall downloads it). Where it could not be
//     downloaded, say so in one sentence with the fix, and point at `npm run web`.
//  2. better-sqlite3 must be compiled for Electron's ABI. node_modules keeps the Node build
//     (tests, CLI, web host); the Electron build goes to .cache/electron-native/<version>/ and
//     the app loads it through better-sqlite3's `nativeBinding` option. Made once per Electron
//     version: a prebuilt binary (prebuild-install), else compiled against Electron's headers.
//  3. electron-vite build, then Electron on the built app, with our arguments passed through.
import { spawnSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);

function fail(sentence) {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

// 1. The Electron binary.
let electronBinary;
try {
  electronBinary = require('electron'); // the path of the binary, from electron/path.txt
} catch {
  electronBinary = undefined;
}
if (typeof electronBinary !== 'string' || !existsSync(electronBinary)) {
  fail(
    "Electron's program file is missing (it could not be downloaded during `npm install`): on a computer with internet access run `node node_modules/electron/install.js` (or `npm install` again without ELECTRON_SKIP_BINARY_DOWNLOAD), then `npm start`; without it, `npm run web -- --db PATH` opens the same app in a browser.",
  );
}
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;

// 2. better-sqlite3 for Electron's ABI.
const nativeDir = join(root, '.cache', 'electron-native', electronVersion);
const nativeFile = join(nativeDir, 'better_sqlite3.node');
if (!existsSync(nativeFile)) {
  process.stdout.write(`Preparing the SQLite module for Electron ${electronVersion} (once)…\n`);
  const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
  const work = join(root, '.cache', 'electron-native', `build-${electronVersion}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    if (existsSync(join(pkgDir, entry))) cpSync(join(pkgDir, entry), join(work, entry), { recursive: true });
  }
  const run = (command, commandArgs) =>
    spawnSync(command, commandArgs, { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;
  const prebuild = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  const gypFromNpm = process.env.npm_config_node_gyp;
  const ok =
    run(process.execPath, [prebuild, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]) ||
    (gypFromNpm &&
      run(process.execPath, [
        gypFromNpm,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        `--arch=${process.arch}`,
        '--dist-url=https://electronjs.org/headers',
      ]));
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !existsSync(built)) {
    fail(
      `Could not prepare the SQLite module for Electron ${electronVersion} (no prebuilt binary, and compiling needs Electron's headers from the internet and a C++ compiler). Connect to the internet and run \`npm start\` again.`,
    );
  }
  mkdirSync(nativeDir, { recursive: true });
  copyFileSync(built, nativeFile);
  rmSync(work, { recursive: true, force: true });
}

// 3. Build and launch.
const viteBin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const build = spawnSync(process.execPath, [viteBin, 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) fail('The app could not be built (see the messages above).');

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electronBinary, [root, ...args], { cwd: root, stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
