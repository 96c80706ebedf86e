// electron-builder's afterPack hook (electron-builder.json): before fuses are flipped and the
// app is signed, the better_sqlite3.node inside the packed app must be there, unpacked from the
// asar, and built for this package's Electron ABI, platform and architecture — otherwise the
// build fails here instead of an office PC failing at start.
const ARCHES = { 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' };

exports.default = async function afterPack(context) {
  const { electronAbi, nativeModule, root } = await import('./electron-native.mjs');
  const { tsImport } = await import('tsx/esm/api');
  const { pathToFileURL } = await import('node:url');
  const { join } = await import('node:path');
  const { nativeModuleMismatch } = await nativeModule();
  const { packagedNativeFile } = await tsImport(pathToFileURL(join(root, 'src', 'main', 'electron', 'native-binding.ts')).href, __filename);
  const electronVersion = context.packager.info.framework.version;
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const target = { abi: electronAbi(electronVersion), platform, arch: ARCHES[context.arch] ?? String(context.arch) };
  const file = packagedNativeFile(context.packager.getResourcesDir(context.appOutDir));
  const mismatch = nativeModuleMismatch(file, target);
  if (mismatch) {
    throw new Error(`The packed app cannot open its ledger: ${mismatch}. Build with \`npm run dist:win\`, which prepares it.`);
  }
  console.log(`  • checked the packed SQLite module: ABI ${target.abi}, ${target.platform}-${target.arch}`);
};
