// Real better_sqlite3.node files for the native-module tests. The node_modules build has Node's
// ABI; a copy of it with its registered ABI number rewritten (same digit count) is, byte for byte,
// what the ABI check sees in an Electron build — it cannot be loaded, and nothing loads it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
export const NODE_BUILD = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
export const NODE_ABI = Number(process.versions.modules);

/** The bytes of the Node build registering `abi` instead of Node's ABI. */
export function nodeBuildWithAbi(abi: number): Buffer {
  const bytes = readFileSync(NODE_BUILD);
  const from = Buffer.from(`node_register_module_v${NODE_ABI}`, 'latin1');
  const to = Buffer.from(`node_register_module_v${abi}`, 'latin1');
  if (to.length !== from.length) throw new Error(`ABI ${abi} has another digit count than ${NODE_ABI}`);
  let replaced = 0;
  for (let at = bytes.indexOf(from); at !== -1; at = bytes.indexOf(from, at + 1)) {
    to.copy(bytes, at);
    replaced++;
  }
  if (replaced === 0) throw new Error(`${NODE_BUILD} registers no node_register_module_v${NODE_ABI}`);
  return bytes;
}
