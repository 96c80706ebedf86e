import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { LedgerError, type LedgerErrorData } from '../../shared/errors';

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

/** What a one-shot worker task answers its parent (see runWorkerTask / answerParent). */
export type WorkerTaskAnswer<T> = { ok: true; value: T } | { ok: false; error: LedgerErrorData | null; message: string };

/** What a one-shot worker may post before its answer: how far it is (rows done of total). */
export interface WorkerTaskProgress {
  done: number;
  total: number | null;
}

/**
 * Runs a one-shot worker (`answerParent` on its side) and resolves with its value, or rejects
 * with its LedgerError (code and details intact) or a plain Error for anything unexpected.
 */
export function runWorkerTask<T>(
  sourcePath: string,
  workerData: unknown,
  name?: string,
  onProgress?: (progress: WorkerTaskProgress) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const worker = startWorker(sourcePath, { workerData, ...(name ? { name } : {}) });
    worker.on('message', (answer: WorkerTaskAnswer<T> | { progress: WorkerTaskProgress }) => {
      // Progress on the way (a long undo): not the answer.
      if ('progress' in answer) {
        if (!settled) onProgress?.(answer.progress);
        return;
      }
      settled = true;
      if (answer.ok) resolve(answer.value);
      else
        reject(
          answer.error
            ? new LedgerError(answer.error.code, answer.error.message, answer.error.details)
            : new Error(`${sourcePath}: ${answer.message}`),
        );
    });
    worker.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`${sourcePath} stopped (exit ${code}) without an answer`));
      settled = true;
    });
  });
}
