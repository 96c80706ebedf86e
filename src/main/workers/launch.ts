import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread from a worker entry `src/main/<path>.worker.ts`. In the built app it
 * runs the bundled `out/main/<name>.worker.js` (electron.vite.config.ts lists every worker entry);
 * under tsx, vitest or Playwright it runs the TypeScript source through tsx's loader.
 */
export function startWorker(
  sourcePath: string,
  options: { workerData?: unknown; resourceLimits?: ResourceLimits; name?: string } = {},
): Worker {
  const base = sourcePath.replace(/\.ts$/, '').split('/').pop()!;
  const bundled = join(__dirname, `${base}.js`);
  const fromSource = !__filename.endsWith('.js') || !existsSync(bundled);
  const filename = fromSource ? resolve(__dirname, '..', sourcePath) : bundled;
  const common = {
    workerData: options.workerData,
    resourceLimits: options.resourceLimits,
    name: options.name ?? base,
    stdout: false,
    stderr: false,
  };
  if (!fromSource) return new Worker(filename, common);
  // TypeScript source (development and tests): register tsx's CommonJS hook, then load it.
  const bootstrap = `require('tsx/cjs'); require(${JSON.stringify(filename)});`;
  return new Worker(bootstrap, { ...common, eval: true });
}
