// File-system steps on paths a clerk gave or chose (the backups folder beside the ledger, a
// backup to restore, another ledger to open): asynchronous, so a slow or dead network share never
// blocks the main thread, and with a time limit, so the clerk gets a sentence instead of waiting
// for ever (util/user-path.ts's withTimeLimit). Unlike onUserPath, errors other than the time
// limit pass as they are: the backup code words its own.
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { withTimeLimit } from '../util/user-path';

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
