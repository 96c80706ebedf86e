// File-system steps on paths a clerk gave or chose (the backups folder beside the ledger, a
// backup to restore, another ledger to open): asynchronous, so a slow or dead network share never
// blocks the main thread, and with a time limit, so the clerk gets a sentence instead of waiting
// for ever. Small and local on purpose (the "paths" helper builds the general one in util/).
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { LedgerError } from '../../shared/errors';

export const PATH_TIME_LIMIT_MS = 10_000;

/** `step` on `path`, refused with path_timeout when it has not answered within `ms`. */
export function withTimeLimit<T>(path: string, step: Promise<T>, ms = PATH_TIME_LIMIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new LedgerError('path_timeout', `${path} did not answer within ${ms} ms`, { path, seconds: Math.round(ms / 100) / 10 })),
      ms,
    );
    timer.unref();
  });
  // A step that fails after the limit has answered must not surface as an unhandled rejection.
  step.catch(() => undefined);
  return Promise.race([step, limit]).finally(() => clearTimeout(timer));
}

export const timedFs = {
  stat: (path: string, ms?: number): Promise<Stats | null> =>
    withTimeLimit(
      path,
      stat(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      }),
      ms,
    ),
  mkdir: (path: string, ms?: number): Promise<unknown> => withTimeLimit(path, mkdir(path, { recursive: true }), ms),
  readdir: (path: string, ms?: number): Promise<string[]> =>
    withTimeLimit(
      path,
      readdir(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      }),
      ms,
    ),
  rm: (path: string, ms?: number): Promise<void> => withTimeLimit(path, rm(path, { force: true }), ms),
};
