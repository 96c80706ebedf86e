// What a compiled better_sqlite3.node is for — which ABI (NODE_MODULE_VERSION), platform and
// architecture — read from the file's bytes, so a binary made for the wrong runtime is refused
// before anything loads it (loading it would abort the process, or worse, half work). Plain
// Node, no Electron: `npm start` (scripts/electron-native.mjs), the packaging hook and the app
// itself (native-binding.ts) all use it, and the unit tests run it on real binaries.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const NATIVE_FILE_NAME = 'better_sqlite3.node';

/** The runtime a binary must fit: Electron's (or Node's) ABI, the platform and the architecture. */
export interface NativeTarget {
  abi: number;
  platform: string;
  arch: string;
}

/** What the bytes of a .node file say. Undefined fields could not be read. */
export interface NativeModuleInfo {
  platform?: 'linux' | 'win32' | 'darwin';
  arch?: string;
  /** The NODE_MODULE_VERSION it registers (`node_register_module_v<N>`). */
  abis: number[];
}

/**
 * The cache key of an Electron build of better-sqlite3: a build fits one Electron version (its
 * ABI and headers), one better-sqlite3 version (its C++ and bundled SQLite), one platform and
 * one architecture. Changing any of them makes a new folder instead of reusing a stale binary.
 */
export function nativeCacheKey(parts: { electronVersion: string; sqliteVersion: string; platform: string; arch: string }): string {
  for (const [name, value] of Object.entries(parts)) {
    if (!/^[0-9A-Za-z._-]+$/.test(value))
      throw new Error(`native cache key: ${name} ${JSON.stringify(value)} is not a plain version or name`);
  }
  return `electron-${parts.electronVersion}_better-sqlite3-${parts.sqliteVersion}_${parts.platform}-${parts.arch}`;
}

/** Where `npm start` keeps that build: <project>/.cache/electron-native/<key>/better_sqlite3.node. */
export function nativeCacheFile(projectRoot: string, parts: Parameters<typeof nativeCacheKey>[0]): string {
  return join(projectRoot, '.cache', 'electron-native', nativeCacheKey(parts), NATIVE_FILE_NAME);
}

const ELF_MACHINES: Record<number, string> = { 0x03: 'ia32', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64' };
const PE_MACHINES: Record<number, string> = { 0x014c: 'ia32', 0x01c4: 'arm', 0x8664: 'x64', 0xaa64: 'arm64' };
const MACHO_CPUS: Record<number, string> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const REGISTER_SYMBOL = Buffer.from('node_register_module_v', 'latin1');

/**
 * Reads the format (ELF → linux, PE → win32, Mach-O → darwin), the architecture from the header,
 * and every `node_register_module_v<N>` symbol name in the file (the symbol Node and Electron
 * look up to register a non-N-API addon; N is the ABI it was compiled against). Portable: works
 * for a Windows binary examined on Linux and the other way round.
 */
export function inspectNativeModule(bytes: Buffer): NativeModuleInfo {
  const info: NativeModuleInfo = { abis: [] };
  if (bytes.length >= 20 && bytes.readUInt32BE(0) === 0x7f454c46) {
    info.platform = 'linux';
    const machine = bytes[5] === 2 ? bytes.readUInt16BE(18) : bytes.readUInt16LE(18);
    info.arch = ELF_MACHINES[machine];
  } else if (bytes.length >= 0x40 && bytes.toString('latin1', 0, 2) === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c);
    if (pe + 6 <= bytes.length && bytes.readUInt32BE(pe) === 0x50450000) {
      info.platform = 'win32';
      info.arch = PE_MACHINES[bytes.readUInt16LE(pe + 4)];
    }
  } else if (bytes.length >= 8 && (bytes.readUInt32LE(0) === 0xfeedfacf || bytes.readUInt32LE(0) === 0xfeedface)) {
    info.platform = 'darwin';
    info.arch = MACHO_CPUS[bytes.readUInt32LE(4)];
  }
  const abis = new Set<number>();
  for (let at = bytes.indexOf(REGISTER_SYMBOL); at !== -1; at = bytes.indexOf(REGISTER_SYMBOL, at + 1)) {
    let end = at + REGISTER_SYMBOL.length;
    let digits = '';
    while (end < bytes.length && bytes[end]! >= 0x30 && bytes[end]! <= 0x39 && digits.length < 6)
      digits += String.fromCharCode(bytes[end++]!);
    if (digits) abis.add(Number(digits));
  }
  info.abis = [...abis].sort((a, b) => a - b);
  return info;
}

/**
 * Why a file cannot serve `target` (a developer-facing sentence), or undefined when it fits:
 * it exists, is a binary of the target's platform and architecture, and registers exactly the
 * target's ABI.
 */
export function nativeModuleMismatch(file: string, target: NativeTarget): string | undefined {
  if (!existsSync(file)) return `${file} does not exist`;
  let info: NativeModuleInfo;
  try {
    info = inspectNativeModule(readFileSync(file));
  } catch (error) {
    return `${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!info.platform) return `${file} is not a native module (no ELF, PE or Mach-O header)`;
  if (info.platform !== target.platform) return `${file} is built for ${info.platform}, not ${target.platform}`;
  if (info.arch !== target.arch) return `${file} is built for ${info.arch ?? 'an unknown architecture'}, not ${target.arch}`;
  if (info.abis.length === 0) return `${file} registers no node_register_module_v<N> symbol, so its ABI is unknown`;
  if (info.abis.length > 1) return `${file} registers several ABIs (${info.abis.join(', ')})`;
  if (info.abis[0] !== target.abi) return `${file} is built for ABI ${info.abis[0]} (NODE_MODULE_VERSION), not ${target.abi}`;
  return undefined;
}

/**
 * Makes sure `file` holds a build for `target`: a cached file that fits is used as it is; one
 * that does not is deleted and `build(file)` is asked for a new one, which is checked the same
 * way. A binary that still does not fit is deleted and an Error thrown — it is never left where
 * the app would load it.
 */
export function ensureNativeBuild(
  file: string,
  target: NativeTarget,
  build: (file: string) => void,
  log: (line: string) => void = () => {},
): { built: boolean } {
  if (existsSync(file)) {
    const mismatch = nativeModuleMismatch(file, target);
    if (!mismatch) return { built: false };
    log(`Discarding a cached SQLite module that does not fit: ${mismatch}.`);
    rmSync(file, { force: true });
  }
  build(file);
  const mismatch = nativeModuleMismatch(file, target);
  if (mismatch) {
    rmSync(file, { force: true });
    throw new Error(`The SQLite module that was just prepared does not fit: ${mismatch}.`);
  }
  return { built: true };
}
