// The Electron build of better-sqlite3: its cache key, the ABI/platform/arch check on real
// binaries, the rebuild of a stale one, and where the app finds it (installed app, `npm start`,
// plain Node). The "wrong ABI" binary is the real node_modules build (Node's ABI); the "right"
// one for Electron 40 is a copy of it registering ABI 143 (test/helpers/native.ts).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { packagedNativeFile, resolveNativeBinding } from '../../src/main/electron/native-binding';
import {
  ensureNativeBuild,
  inspectNativeModule,
  nativeCacheFile,
  nativeCacheKey,
  nativeModuleMismatch,
} from '../../src/main/electron/native-module';
import { openDatabase } from '../../src/main/ledger/sqlite';
import { tempDir } from '../helpers/ledger';
import { NODE_ABI, NODE_BUILD, nodeBuildWithAbi } from '../helpers/native';

const require = createRequire(import.meta.url);
const ELECTRON_VERSION = (require('electron/package.json') as { version: string }).version;
/** Electron 40's NODE_MODULE_VERSION (node-abi's registry; Electron's own docs list it too). */
const ELECTRON_ABI = 143;
const SQLITE_VERSION = (require('better-sqlite3/package.json') as { version: string }).version;
const ELECTRON_TARGET = { abi: ELECTRON_ABI, platform: process.platform, arch: process.arch };
const NODE_TARGET = { abi: NODE_ABI, platform: process.platform, arch: process.arch };

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function scratch(): string {
  const t = tempDir('native-module-');
  cleanups.push(t.cleanup);
  return t.dir;
}

/** The real Node build copied to `file`, registering `abi` instead. */
function buildFor(file: string, abi: number): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, nodeBuildWithAbi(abi));
  return file;
}
function nodeBuildAt(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(NODE_BUILD, file);
  return file;
}

/** A minimal PE (Windows DLL) header with the given machine and a registered ABI. */
function windowsModule(machine: number, abi: number): Buffer {
  const bytes = Buffer.alloc(1024);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.writeUInt16LE(machine, 0x84);
  bytes.write(`node_register_module_v${abi}\0`, 0x200, 'latin1');
  return bytes;
}

describe('the Electron build of better-sqlite3: ABI check', () => {
  it('Electron 40 registers ABI 143, as node-abi (what prebuild-install chooses by) says', () => {
    expect(ELECTRON_VERSION.split('.')[0]).toBe('40');
    const nodeAbi = createRequire(require.resolve('prebuild-install/package.json'))('node-abi') as {
      getAbi(target: string, runtime: string): string;
    };
    expect(Number(nodeAbi.getAbi(ELECTRON_VERSION, 'electron'))).toBe(ELECTRON_ABI);
  });

  it('reads platform, architecture and ABI from the real node_modules build', () => {
    const info = inspectNativeModule(readFileSync(NODE_BUILD));
    expect(info).toEqual({ platform: 'linux', arch: process.arch, abis: [NODE_ABI] });
    expect(nativeModuleMismatch(NODE_BUILD, NODE_TARGET)).toBeUndefined();
  });

  it('refuses the Node build for Electron: wrong ABI', () => {
    expect(nativeModuleMismatch(NODE_BUILD, ELECTRON_TARGET)).toMatch(new RegExp(`ABI ${NODE_ABI} .*not ${ELECTRON_ABI}`));
    const electronBuild = buildFor(join(scratch(), 'e.node'), ELECTRON_ABI);
    expect(nativeModuleMismatch(electronBuild, ELECTRON_TARGET)).toBeUndefined();
    expect(nativeModuleMismatch(electronBuild, NODE_TARGET)).toMatch(/not/);
  });

  it('reads Windows binaries too, and refuses another platform or architecture', () => {
    expect(inspectNativeModule(windowsModule(0x8664, 143))).toEqual({ platform: 'win32', arch: 'x64', abis: [143] });
    expect(inspectNativeModule(windowsModule(0xaa64, 143)).arch).toBe('arm64');
    const dir = scratch();
    writeFileSync(join(dir, 'arm.node'), windowsModule(0xaa64, 143));
    writeFileSync(join(dir, 'x64.node'), windowsModule(0x8664, 143));
    expect(nativeModuleMismatch(join(dir, 'x64.node'), { abi: 143, platform: 'win32', arch: 'x64' })).toBeUndefined();
    expect(nativeModuleMismatch(join(dir, 'arm.node'), { abi: 143, platform: 'win32', arch: 'x64' })).toMatch(/arm64, not x64/);
    expect(nativeModuleMismatch(join(dir, 'x64.node'), ELECTRON_TARGET)).toMatch(/win32, not linux/);
  });

  it('refuses a missing, empty, foreign or symbol-less file', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'empty.node'), '');
    writeFileSync(join(dir, 'text.node'), 'node_register_module_v143 but not a binary');
    writeFileSync(join(dir, 'nosym.node'), windowsModule(0x8664, 143).subarray(0, 0x200));
    expect(nativeModuleMismatch(join(dir, 'absent.node'), ELECTRON_TARGET)).toMatch(/does not exist/);
    expect(nativeModuleMismatch(join(dir, 'empty.node'), ELECTRON_TARGET)).toMatch(/not a native module/);
    expect(nativeModuleMismatch(join(dir, 'text.node'), ELECTRON_TARGET)).toMatch(/not a native module/);
    expect(nativeModuleMismatch(join(dir, 'nosym.node'), { abi: 143, platform: 'win32', arch: 'x64' })).toMatch(/ABI is unknown/);
  });
});

describe('the Electron build of better-sqlite3: cache', () => {
  const parts = { electronVersion: '40.10.2', sqliteVersion: '12.11.1', platform: 'win32', arch: 'x64' };

  it('keys the cache by Electron version, better-sqlite3 version, platform and architecture', () => {
    expect(nativeCacheKey(parts)).toBe('electron-40.10.2_better-sqlite3-12.11.1_win32-x64');
    const keys = new Set([
      nativeCacheKey(parts),
      nativeCacheKey({ ...parts, electronVersion: '40.10.3' }),
      nativeCacheKey({ ...parts, sqliteVersion: '12.12.0' }),
      nativeCacheKey({ ...parts, platform: 'linux' }),
      nativeCacheKey({ ...parts, arch: 'arm64' }),
    ]);
    expect(keys.size).toBe(5);
    expect(nativeCacheFile('/p', parts)).toBe(join('/p', '.cache', 'electron-native', nativeCacheKey(parts), 'better_sqlite3.node'));
    expect(() => nativeCacheKey({ ...parts, arch: '../x' })).toThrow(/not a plain/);
  });

  it('uses a cached build that fits without building', () => {
    const file = buildFor(join(scratch(), 'cache', 'better_sqlite3.node'), ELECTRON_ABI);
    let builds = 0;
    expect(ensureNativeBuild(file, ELECTRON_TARGET, () => builds++)).toEqual({ built: false });
    expect(builds).toBe(0);
  });

  it('discards a cached build with the wrong ABI and builds again', () => {
    const file = nodeBuildAt(join(scratch(), 'cache', 'better_sqlite3.node'));
    const log: string[] = [];
    let builds = 0;
    const result = ensureNativeBuild(
      file,
      ELECTRON_TARGET,
      (dest) => {
        builds++;
        expect(existsSync(dest)).toBe(false); // the stale one is gone before the build
        buildFor(dest, ELECTRON_ABI);
      },
      (line) => log.push(line),
    );
    expect(result).toEqual({ built: true });
    expect(builds).toBe(1);
    expect(log.join('\n')).toMatch(new RegExp(`ABI ${NODE_ABI}`));
    expect(nativeModuleMismatch(file, ELECTRON_TARGET)).toBeUndefined();
  });

  it('never leaves a freshly built binary that does not fit where it would be loaded', () => {
    const file = join(scratch(), 'cache', 'better_sqlite3.node');
    // What @electron/rebuild has been seen to do: "Rebuild Complete", with a Node-ABI binary.
    expect(() => ensureNativeBuild(file, ELECTRON_TARGET, (dest) => nodeBuildAt(dest))).toThrow(/does not fit.*ABI/);
    expect(existsSync(file)).toBe(false);
    expect(() => ensureNativeBuild(file, ELECTRON_TARGET, () => {})).toThrow(/does not exist/);
  });
});

describe('where the app finds better_sqlite3.node', () => {
  /** A project tree: node_modules/better-sqlite3 with its Node build (as `npm install` leaves it). */
  function project(): string {
    const appPath = scratch();
    const pkg = join(appPath, 'node_modules', 'better-sqlite3');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: SQLITE_VERSION }));
    nodeBuildAt(join(pkg, 'build', 'Release', 'better_sqlite3.node'));
    return appPath;
  }
  const dev = (appPath: string, env: NodeJS.ProcessEnv = {}) =>
    ({ mode: 'electron-dev', appPath, electronVersion: ELECTRON_VERSION, target: ELECTRON_TARGET, env }) as const;
  const cacheOf = (appPath: string) =>
    nativeCacheFile(appPath, {
      electronVersion: ELECTRON_VERSION,
      sqliteVersion: SQLITE_VERSION,
      platform: process.platform,
      arch: process.arch,
    });
  function refusal(run: () => unknown): LedgerError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerError);
      return error as LedgerError;
    }
    throw new Error('expected a refusal');
  }

  it('installed app: the unpacked file under process.resourcesPath, checked', () => {
    const resourcesPath = scratch();
    const file = packagedNativeFile(resourcesPath);
    expect(file).toBe(join(resourcesPath, 'app.asar.unpacked', 'out', 'native', 'better_sqlite3.node'));
    const packaged = { mode: 'packaged', resourcesPath, target: ELECTRON_TARGET } as const;

    const missing = refusal(() => resolveNativeBinding(packaged));
    expect(missing.code).toBe('sqlite_module_unusable');
    expect(missing.message).toMatch(/does not exist.*reinstall/);

    nodeBuildAt(file);
    expect(refusal(() => resolveNativeBinding(packaged)).message).toMatch(new RegExp(`ABI ${NODE_ABI}.*reinstall`));

    buildFor(file, ELECTRON_ABI);
    expect(resolveNativeBinding(packaged)).toBe(file);
  });

  it('npm start: the checked cache for this Electron, better-sqlite3, platform and arch', () => {
    const appPath = project();
    expect(refusal(() => resolveNativeBinding(dev(appPath))).message).toMatch(/npm start/);
    buildFor(cacheOf(appPath), ELECTRON_ABI);
    expect(resolveNativeBinding(dev(appPath))).toBe(cacheOf(appPath));
    // The Node build in the cache (a stale or wrongly "rebuilt" one) is refused, never loaded.
    nodeBuildAt(cacheOf(appPath));
    expect(refusal(() => resolveNativeBinding(dev(appPath))).message).toMatch(new RegExp(`ABI ${NODE_ABI}.*npm start`));
  });

  it('npm start: LEDGER_NATIVE_BINDING wins, and is checked too', () => {
    const appPath = project();
    buildFor(cacheOf(appPath), ELECTRON_ABI);
    const override = buildFor(join(scratch(), 'mine.node'), ELECTRON_ABI);
    expect(resolveNativeBinding(dev(appPath, { LEDGER_NATIVE_BINDING: override }))).toBe(override);
    const wrong = nodeBuildAt(join(scratch(), 'wrong.node'));
    expect(refusal(() => resolveNativeBinding(dev(appPath, { LEDGER_NATIVE_BINDING: wrong }))).details).toEqual({ file: wrong });
    expect(refusal(() => resolveNativeBinding(dev(appPath, { LEDGER_NATIVE_BINDING: join(appPath, 'absent.node') }))).message).toMatch(
      /does not exist/,
    );
  });

  it('npm start: node_modules itself, only if it was rebuilt for Electron', () => {
    const appPath = project();
    const own = join(appPath, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    expect(() => resolveNativeBinding(dev(appPath))).toThrow(LedgerError);
    buildFor(own, ELECTRON_ABI);
    expect(resolveNativeBinding(dev(appPath))).toBe(own);
  });

  it('plain Node: better-sqlite3 loads its own build, and it opens a real database', () => {
    expect(resolveNativeBinding({ mode: 'node' })).toBeUndefined();
    const db = openDatabase(join(scratch(), 'plain.sqlite'));
    expect(db.prepare('select sqlite_version() as v').get()).toMatchObject({ v: expect.any(String) });
    db.close();
  });

  it('tells the clerk in Korean and English, without a path or code', () => {
    const error = refusal(() => resolveNativeBinding({ mode: 'packaged', resourcesPath: scratch(), target: ELECTRON_TARGET }));
    for (const lang of ['ko', 'en'] as const) {
      const sentence = errorSentence(error.toData(), lang);
      expect(sentence).not.toMatch(/sqlite_module_unusable|better_sqlite3|ABI|\//);
      expect(sentence.length).toBeGreaterThan(20);
    }
    expect(errorSentence(error.toData(), 'ko')).toMatch(/다시 설치/);
    expect(errorSentence(error.toData(), 'en')).toMatch(/Reinstall/);
  });
});
