// The installer's configuration (electron-builder.json), loaded and validated by electron-builder
// itself, then held to what an office PC needs: the Electron build of better-sqlite3 packed and
// unpacked where the app looks for it, ASAR with integrity, fuses, Windows targets, and the
// ledger's folder unchanged by installing or uninstalling. And the afterPack hook that refuses
// to ship a wrong-ABI module, run on real files.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PACKAGED_NATIVE_DIR, packagedNativeFile } from '../../src/main/electron/native-binding';
import { NATIVE_FILE_NAME } from '../../src/main/electron/native-module';
import { tempDir } from '../helpers/ledger';
import { NODE_ABI, NODE_BUILD, nodeBuildWithAbi } from '../helpers/native';

const require = createRequire(import.meta.url);
const root = resolve(__dirname, '../..');
const CONFIG_FILE = 'electron-builder.json';
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const { getConfig, validateConfiguration } = builderRequire('./out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { minimatch } = builderRequire('minimatch') as { minimatch(path: string, pattern: string, options?: object): boolean };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: { from: string; to: string }[];
  asar: boolean | object;
  asarUnpack: string[];
  disableAsarIntegrity?: boolean;
  npmRebuild: boolean;
  afterPack: string;
  extraMetadata?: Record<string, unknown>;
  electronFuses: Record<string, boolean>;
  win: { target: { target: string; arch: string[] }[] };
  nsis: Record<string, unknown>;
}
const raw = JSON.parse(readFileSync(join(root, CONFIG_FILE), 'utf8')) as BuilderConfig;
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('the installer configuration (electron-builder.json)', () => {
  it('is accepted by electron-builder’s own loader and schema, which refuses a misspelt key', async () => {
    const loaded = await getConfig(root, CONFIG_FILE, null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...loaded, electronFuses: { ...raw.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/configuration\.electronFuses/);
  });

  it('names the app (id, product; Korean shortcut and uninstall entry) and builds Windows x64 installer and portable', () => {
    expect(raw.appId).toBe('org.placement-ledger.desktop');
    expect(raw.productName).toBe('Placement Ledger');
    expect(raw.nsis).toMatchObject({ shortcutName: '배치대장', uninstallDisplayName: '배치대장 — Placement Ledger' });
    expect(raw.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
  });

  it('never deletes the ledger: uninstalling keeps the user-data folder, which stays %APPDATA%\\placement-ledger', () => {
    expect(raw.nsis.deleteAppDataOnUninstall).toBe(false);
    expect(raw.nsis).toMatchObject({ oneClick: false, perMachine: false });
    // Electron names the user-data folder after package.json's productName, else its name:
    // neither the package nor the packed metadata sets productName, so the folder is the same
    // under `npm start` and in the installed app.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.name).toBe('placement-ledger');
    expect(pkg.productName).toBeUndefined();
    expect(raw.extraMetadata?.productName).toBeUndefined();
  });

  it('packs into an ASAR with integrity and flips the fuses', () => {
    expect(raw.asar).toBe(true);
    expect(raw.disableAsarIntegrity).not.toBe(true);
    expect(raw.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the Electron build of better-sqlite3 and unpacks it exactly where the app looks', () => {
    const inApp = posix.join(...PACKAGED_NATIVE_DIR, NATIVE_FILE_NAME); // out/native/better_sqlite3.node
    expect(raw.files).toContain(inApp);
    expect(raw.asarUnpack.some((pattern) => minimatch(inApp, pattern))).toBe(true);
    // Nothing else is unpacked: the rest stays covered by the archive's integrity.
    for (const other of ['out/main/index.js', 'out/renderer/index.html', 'node_modules/better-sqlite3/lib/index.js']) {
      expect(raw.asarUnpack.some((pattern) => minimatch(other, pattern))).toBe(false);
    }
    expect(packagedNativeFile('R')).toBe(join('R', 'app.asar.unpacked', ...inApp.split('/')));
    // node_modules' own build (Node's ABI) is never shipped, and nothing rebuilds node_modules in
    // place (which would break the tests' Node build and needs Electron's headers online).
    const excluded = '**/node_modules/better-sqlite3/{build,deps,src}/**';
    expect(raw.files).toContain(`!${excluded}`);
    expect(minimatch('node_modules/better-sqlite3/build/Release/better_sqlite3.node', excluded)).toBe(true);
    expect(minimatch('node_modules/better-sqlite3/lib/index.js', excluded)).toBe(false);
    expect(raw.npmRebuild).toBe(false);
  });

  it('packs what `electron-vite build` writes and the app’s resources where main reads them', () => {
    const viteConfig = readFileSync(join(root, 'electron.vite.config.ts'), 'utf8');
    for (const dir of ['out/main', 'out/preload', 'out/renderer']) {
      expect(viteConfig).toContain(`outDir: '${dir}'`);
      expect(raw.files).toContain(`${dir}/**`);
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(raw.files.some((pattern) => minimatch(posix.normalize(pkg.main), pattern))).toBe(true);
    // index.ts: resourcesDir = join(process.resourcesPath, 'resources') when packaged.
    expect(raw.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['**/*'] }]);
    expect(existsSync(join(root, 'resources', 'regions', 'dprk_regions.csv'))).toBe(true);
    expect(pkg.scripts['dist:win']).toBe('node scripts/dist.mjs --win');
    expect(existsSync(join(root, raw.afterPack))).toBe(true);
  });
});

describe('the afterPack hook', () => {
  const afterPack = (require(join(root, 'scripts', 'after-pack.cjs')) as { default(context: unknown): Promise<void> }).default;

  /** An app output folder as electron-builder leaves it, with `bytes` as the unpacked module. */
  function packedApp(bytes: Buffer | undefined) {
    const t = tempDir('after-pack-');
    cleanups.push(t.cleanup);
    const resources = join(t.dir, 'resources');
    if (bytes) {
      mkdirSync(dirname(packagedNativeFile(resources)), { recursive: true });
      writeFileSync(packagedNativeFile(resources), bytes);
    } else mkdirSync(resources, { recursive: true });
    return {
      appOutDir: t.dir,
      electronPlatformName: process.platform,
      arch: { x64: 1, arm64: 3 }[process.arch as 'x64' | 'arm64'],
      packager: {
        info: { framework: { version: (require('electron/package.json') as { version: string }).version } },
        getResourcesDir: (appOutDir: string) => join(appOutDir, 'resources'),
      },
    };
  }

  it('passes a package whose unpacked module has Electron 40’s ABI for this platform', async () => {
    await expect(afterPack(packedApp(nodeBuildWithAbi(143)))).resolves.toBeUndefined();
  }, 60_000);

  it('fails the build when the module is missing or is the Node build', async () => {
    await expect(afterPack(packedApp(undefined))).rejects.toThrow(/does not exist/);
    await expect(afterPack(packedApp(readFileSync(NODE_BUILD)))).rejects.toThrow(new RegExp(`ABI ${NODE_ABI}.*not 143`));
  }, 60_000);

  it('fails the build for a module of another platform', async () => {
    const app = packedApp(nodeBuildWithAbi(143));
    await expect(afterPack({ ...app, electronPlatformName: 'win32' })).rejects.toThrow(/linux, not win32/);
  }, 60_000);
});
