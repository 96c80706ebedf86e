#!/usr/bin/env node
// `npm run dist:win` (or `npm run dist -- --dir`, …): the installer an office PC runs.
//  1. The Electron build of better-sqlite3 for the target platform and architecture (the same
//     checked cache as `npm start`, scripts/electron-native.mjs).
//  2. electron-vite build → out/main, out/preload, out/renderer.
//  3. That build copied to out/native/better_sqlite3.node, which electron-builder.json packs
//     into app.asar and unpacks beside it (the app loads it from process.resourcesPath).
//  4. electron-builder with electron-builder.json and our arguments; its afterPack hook
//     (scripts/after-pack.cjs) checks the packed module again before fuses and signing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildApp, fail, prepareElectronNative, root } from './electron-native.mjs';

const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);

const has = (...flags) => flags.some((flag) => args.includes(flag));
const platform = has('--win', '-w') ? 'win32' : has('--linux', '-l') ? 'linux' : has('--mac', '-m') ? 'darwin' : process.platform;
const arch = has('--arm64') ? 'arm64' : has('--ia32') ? 'ia32' : has('--x64') || platform === 'win32' ? 'x64' : process.arch;

const nativeFile = await prepareElectronNative({ platform, arch }).catch((error) =>
  fail(error instanceof Error ? error.message : String(error)),
);

buildApp();

const packedDir = join(root, 'out', 'native');
rmSync(packedDir, { recursive: true, force: true });
mkdirSync(packedDir, { recursive: true });
copyFileSync(nativeFile, join(packedDir, 'better_sqlite3.node'));

const builderCli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
const result = spawnSync(process.execPath, [builderCli, '--config', 'electron-builder.json', ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
