// Every path a clerk typed or chose — a folder to export into, a file to save, a ledger or a
// backup to open — goes through here before anything is written there. Each step is an
// fs.promises call raced against a time limit, so a path that hangs (a network share that does
// not answer) costs a thread of libuv's pool, never the main thread: the window keeps answering
// and the clerk gets a sentence within seconds. Missing folders are made one level at a time
// (Node's recursive mkdir spins forever on /proc/nope/x); every failure becomes a LedgerError
// that names the path and what is wrong with it (no such folder, a file used as a folder,
// read-only, no permission, disk full, timed out), never blames the ledger, and leaves nothing
// behind: folders made for a failed attempt are removed again.
//
// Leftovers: hidden working files and folders we write beside the clerk's files carry our name,
// our process id and a random part (`leftoverName`); `sweepLeftovers` removes those of dead
// processes (or old ones) at the next run, and only those — never a clerk's file.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { LedgerError } from '../../shared/errors';

/** How long one step on a clerk's path may take (LEDGER_PATH_TIMEOUT_MS overrides). */
export const DEFAULT_PATH_TIMEOUT_MS = 10_000;

export function pathTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.LEDGER_PATH_TIMEOUT_MS);
  return env.LEDGER_PATH_TIMEOUT_MS && Number.isFinite(value) && value > 0 ? value : DEFAULT_PATH_TIMEOUT_MS;
}

export interface PathOptions {
  timeoutMs?: number;
}

const errno = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** True for an error of the file system (ENOSPC, EACCES …) that `pathErrorFrom` turns into a sentence. */
export function isFileSystemError(error: unknown): boolean {
  const code = errno(error);
  return code !== undefined && /^E[A-Z]+$/.test(code);
}

/**
 * A file-system failure on `path` as the clerk's sentence. `part` is the piece of the path that
 * is wrong (the file used as a folder, the missing parent); by default the path itself.
 * Anything that is not a file-system error is returned as it is.
 */
export function pathErrorFrom(error: unknown, path: string, part: string = path): unknown {
  if (error instanceof LedgerError) return error;
  const code = errno(error);
  if (code === undefined || !isFileSystemError(error)) return error;
  const message = `${path}: ${(error as Error).message}`;
  switch (code) {
    case 'ENOENT':
      return new LedgerError('path_missing', message, { path, part });
    case 'ENOTDIR':
    case 'EEXIST':
      return new LedgerError('path_not_folder', message, { path, part });
    case 'EISDIR':
      return new LedgerError('path_is_folder', message, { path });
    case 'EROFS':
      return new LedgerError('path_read_only', message, { path });
    case 'EACCES':
    case 'EPERM':
      return new LedgerError('path_no_permission', message, { path });
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new LedgerError('path_disk_full', message, { path });
    case 'ETIMEDOUT':
    case 'EHOSTDOWN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return new LedgerError('path_timed_out', message, { path, seconds: Math.round(pathTimeoutMs() / 1000) });
    default:
      return new LedgerError('path_unusable', message, { path, reason: code });
  }
}

/**
 * `step` on `path`, refused with path_timed_out when it has not answered within `ms`: a step that
 * hangs leaves its libuv thread waiting, never the main thread. Errors of the step pass as they are.
 */
export function withTimeLimit<T>(path: string, step: Promise<T>, ms = pathTimeoutMs()): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LedgerError('path_timed_out', `${path}: no answer within ${ms} ms`, { path, seconds: Math.max(1, Math.round(ms / 1000)) }),
        ),
      ms,
    );
    timer.unref();
  });
  // A step that fails after the limit has answered must not surface as an unhandled rejection.
  step.catch(() => undefined);
  return Promise.race([step, limit]).finally(() => clearTimeout(timer));
}

/**
 * Runs `work` (fs.promises steps on `path`) and answers within `timeoutMs` (withTimeLimit); any
 * file-system error becomes the path's sentence.
 */
export async function onUserPath<T>(path: string, work: () => Promise<T>, options: PathOptions = {}): Promise<T> {
  try {
    return await withTimeLimit(path, work(), options.timeoutMs ?? pathTimeoutMs());
  } catch (error) {
    throw pathErrorFrom(error, path);
  }
}

/** `~/x` → home/x; anything else must be absolute (a relative path would land in the process's folder). */
export function absoluteUserPath(path: string, home: string): string {
  const trimmed = path.trim();
  const expanded = trimmed === '~' ? home : trimmed.startsWith('~/') || trimmed.startsWith('~\\') ? join(home, trimmed.slice(2)) : trimmed;
  if (!isAbsolute(expanded)) throw new LedgerError('path_not_absolute', `not an absolute path: ${path}`, { path });
  return resolve(expanded);
}

export interface FolderState {
  path: string;
  /** The folder exists (false: it would be made). */
  exists: boolean;
}

/** Where `folder` stands, reading only: missing (to be made) or a folder; a file anywhere in it is path_not_folder. */
export function inspectFolder(folder: string, options: PathOptions = {}): Promise<FolderState> {
  return onUserPath(
    folder,
    async () => {
      const { existing, kind } = await deepestExisting(folder);
      if (kind !== 'folder') throw new LedgerError('path_not_folder', `${existing} is not a folder`, { path: folder, part: existing });
      return { path: folder, exists: existing === folder };
    },
    options,
  );
}

/** The deepest part of `path` that exists, and whether it is a folder. */
async function deepestExisting(path: string): Promise<{ existing: string; kind: 'folder' | 'other'; missing: string[] }> {
  const missing: string[] = [];
  let current = path;
  for (let depth = 0; depth < 256; depth++) {
    try {
      const info = await stat(current);
      return { existing: current, kind: info.isDirectory() ? 'folder' : 'other', missing };
    } catch (error) {
      const code = errno(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw pathErrorFrom(error, path, current);
      const parent = dirname(current);
      if (parent === current) throw new LedgerError('path_missing', `${path}: no root ${current}`, { path, part: current });
      missing.unshift(current);
      current = parent;
    }
  }
  throw new LedgerError('path_missing', `${path}: too deep`, { path, part: path });
}

export interface PreparedFolder extends FolderState {
  /** The outermost folder this call made (null: it existed); `removeMadeFolders` takes them back. */
  made: string | null;
}

/**
 * Makes `folder` when missing (one level at a time), then proves it can take a file: a small
 * probe file is written, synced and removed (read-only media, permissions and a full disk show
 * here, before any real work). On failure the folders it made are removed again.
 */
export function prepareFolder(folder: string, options: PathOptions = {}): Promise<PreparedFolder> {
  let made: string[] = [];
  return onUserPath(
    folder,
    async () => {
      try {
        const found = await deepestExisting(folder);
        if (found.kind !== 'folder')
          throw new LedgerError('path_not_folder', `${found.existing} is not a folder`, { path: folder, part: found.existing });
        for (const level of found.missing) {
          try {
            await mkdir(level);
          } catch (error) {
            if (errno(error) === 'EEXIST' && (await stat(level)).isDirectory()) continue; // made meanwhile
            throw pathErrorFrom(error, folder, level);
          }
          made.push(level);
        }
        await probe(folder);
        return { path: folder, exists: found.missing.length === 0, made: made[0] ?? null };
      } catch (error) {
        await removeMadeFolders(made).catch(() => undefined);
        made = [];
        throw error;
      }
    },
    options,
  );
}

async function probe(folder: string): Promise<void> {
  const path = join(folder, leftoverName('probe'));
  const handle = await open(path, 'wx');
  try {
    await handle.write(Buffer.alloc(4096, 0x20));
    await handle.sync();
  } finally {
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
  }
}

/** Removes folders a failed attempt made (innermost first), each only when empty. */
export async function removeMadeFolders(made: readonly string[] | string | null, folder?: string): Promise<void> {
  const levels = typeof made === 'string' ? foldersBetween(made, folder ?? made) : (made ?? []);
  for (const level of [...levels].reverse()) {
    try {
      await rmdir(level);
    } catch {
      return; // not empty (something else is there now) or gone: leave the rest
    }
  }
}

function foldersBetween(outer: string, inner: string): string[] {
  const levels: string[] = [];
  for (let current = inner; current.startsWith(outer); current = dirname(current)) {
    levels.unshift(current);
    if (current === outer || dirname(current) === current) break;
  }
  return levels;
}

export interface OutputFile {
  path: string;
  /** A file of that name is there already (it is replaced only with the clerk's consent). */
  exists: boolean;
}

/**
 * Checks a file about to be written: absolute, its extension, its folder usable (made when
 * `createFolder`), and what is at the path now — a folder there is path_is_folder; an existing
 * file is file_exists unless `overwrite` (the clerk agreed).
 */
export async function prepareOutputFile(
  path: string,
  options: PathOptions & { extension?: string; overwrite?: boolean; createFolder?: boolean } = {},
): Promise<OutputFile & { madeFolder: string | null }> {
  if (!isAbsolute(path)) throw new LedgerError('path_not_absolute', `not an absolute path: ${path}`, { path });
  if (options.extension !== undefined && extname(path).toLowerCase() !== `.${options.extension}`) {
    throw new LedgerError('path_wrong_extension', `${path} does not end in .${options.extension}`, { path, extension: options.extension });
  }
  const folder = dirname(path);
  let made: string | null = null;
  if (options.createFolder) made = (await prepareFolder(folder, options)).made;
  else await prepareExistingFolder(folder, options);
  const exists = await onUserPath(
    path,
    async () => {
      try {
        const info = await lstat(path);
        if (info.isDirectory()) throw new LedgerError('path_is_folder', `${path} is a folder`, { path });
        return true;
      } catch (error) {
        if (errno(error) === 'ENOENT') return false;
        throw error;
      }
    },
    options,
  );
  if (exists && !options.overwrite) {
    await removeMadeFolders(made, folder);
    throw new LedgerError('file_exists', `${path} exists`, { path });
  }
  return { path, exists, madeFolder: made };
}

/** An existing folder that can take a file (missing is path_missing; nothing is made). */
async function prepareExistingFolder(folder: string, options: PathOptions): Promise<void> {
  const state = await inspectFolder(folder, options);
  if (!state.exists) throw new LedgerError('path_folder_missing', `${folder} does not exist`, { path: folder });
  await onUserPath(folder, () => probe(folder), options);
}

// ---- leftovers -------------------------------------------------------------------------------

const LEFTOVER = /^\.placement-(?:ledger-)?([a-z]+)-(?:(\d+)-)?[A-Za-z0-9_-]{6,}(?:\.[a-z]+)?$/;

/** A hidden working name of this process: `.placement-<kind>-<pid>-<random>`. */
export function leftoverName(kind: string, suffix = ''): string {
  return `.placement-${kind}-${process.pid}-${randomBytes(6).toString('base64url')}${suffix}`;
}

/** Whether the process that left a working file is still running (EPERM: it is, as another user). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errno(error) === 'EPERM';
  }
}

/** Leftovers of processes still running are kept, unless older than this (a pid reused after a reboot). */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
/** Names without a process id (an older version's) are removed only past this age. */
const OLD_FORMAT_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes our own stale working files and folders from `folder`: a name of ours (`leftoverName`,
 * of one of `kinds`), owned by this user, whose process is gone (or which is a day old). Never
 * anything else. Returns the names removed. Errors (a folder that cannot be read) are ignored:
 * sweeping is tidying, never a reason to refuse the work.
 */
export async function sweepLeftovers(folder: string, kinds: readonly string[], now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return removed;
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    if (!m || !kinds.includes(m[1]!)) continue;
    const path = join(folder, name);
    try {
      const info = await lstat(path);
      if (info.isSymbolicLink()) continue;
      if (uid !== null && info.uid !== uid) continue;
      const age = now - info.mtimeMs;
      const pid = m[2] === undefined ? null : Number(m[2]);
      const stale = pid === null ? age > OLD_FORMAT_AFTER_MS : !processAlive(pid) || age > STALE_AFTER_MS;
      if (!stale) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

/** Which of `paths` (files in one folder the clerk chose) exist now. */
export function existingPaths(folder: string, paths: readonly string[], options: PathOptions = {}): Promise<Set<string>> {
  return onUserPath(
    folder,
    async () => {
      const found = new Set<string>();
      for (const path of paths) {
        try {
          await lstat(path);
          found.add(path);
        } catch (error) {
          if (errno(error) !== 'ENOENT') throw error;
        }
      }
      return found;
    },
    options,
  );
}
