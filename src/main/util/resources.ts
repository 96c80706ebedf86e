import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const MARKER = join('regions', 'dprk_regions.csv');

/**
 * The folder of shipped resources. LEDGER_RESOURCES wins; otherwise the first `resources/`
 * above this module (source tree under tsx/vitest, `out/main` in the built app) or beside the
 * working directory.
 */
export function resourcesDir(start: string = __dirname): string {
  const fromEnv = process.env.LEDGER_RESOURCES;
  if (fromEnv) return resolve(fromEnv);
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, MARKER))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const cwdCandidate = resolve('resources');
  if (existsSync(join(cwdCandidate, MARKER))) return cwdCandidate;
  throw new Error(`resources folder with ${MARKER} not found above ${start}`);
}
