#!/usr/bin/env node
// `npm start [-- --db PATH]`: builds the app and opens it in Electron.
//  1. Electron's binary must be there (its postinstall downloads it). Where it could not be
//     downloaded, say so in one sentence with the fix, and point at `npm run web`.
//  2. better-sqlite3 must be compiled for Electron's ABI. node_modules keeps the Node build
//     (tests, CLI, web host); the Electron build goes to .cache/electron-native/<key>/ (Electron
//     version, better-sqlite3 version, platform, arch — scripts/electron-native.mjs), its ABI is
//     checked, and the app loads it through better-sqlite3's `nativeBinding` option.
//  3. electron-vite build, then Electron on the built app, with our arguments passed through.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildApp, fail, prepareElectronNative, root, versionOf } from './electron-native.mjs';

const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);

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
const electronVersion = versionOf('electron');

// 2. better-sqlite3 for Electron's ABI, checked before use (a wrong one is rebuilt, never loaded).
const nativeFile = await prepareElectronNative({ electronVersion }).catch((error) =>
  fail(error instanceof Error ? error.message : String(error)),
);

// 3. Build and launch.
buildApp();

const env = { ...process.env, LEDGER_NATIVE_BINDING: nativeFile };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electronBinary, [root, ...args], { cwd: root, stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
