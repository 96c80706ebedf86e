// Files the clerk chose, kept in a private temp folder until the import is done or discarded:
// uploaded in chunks from the window (the web host and tests; the browser gives bytes, not paths)
// or picked with the native dialog in the app (a path main may read).
//
// An upload holds a file descriptor and a temp file until it is finished, so begun uploads are
// limited (MAX_OPEN_UPLOADS: the least recently active goes first) and an upload without a
// chunk for UPLOAD_IDLE_MS is dropped with its file. The folder goes when the host stops
// (dispose), and folders of processes that ended without stopping (kill -9) are swept at the
// next start.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { IMPORT_MAX_FILE_BYTES, type StagedImportFile } from '../../shared/api/import.contract';
import { LedgerError } from '../../shared/errors';

export interface StagedFile extends StagedImportFile {
  path: string;
  /** Uploaded copies are removed when discarded; chosen files belong to the clerk. */
  owned: boolean;
}

interface Upload {
  fileName: string;
  size: number;
  path: string;
  handle: FileHandle;
  received: number;
  hash: ReturnType<typeof createHash>;
  /** Date.now() of its last chunk. */
  active: number;
}

const UPLOADS_KEPT = 20;
/** Uploads begun and not finished at one time (a wizard uploads one file at a time). */
export const MAX_OPEN_UPLOADS = 8;
/** An upload without a chunk for this long is abandoned: its descriptor and file go. */
export const UPLOAD_IDLE_MS = 2 * 60 * 1000;
const FOLDER_PREFIX = 'placement-ledger-import-';

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes the staging folders of processes that ended without cleaning up (kill -9, a crash):
 * only our own folder names, with the process id of a process that no longer runs.
 */
export function sweepStaleStaging(root = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  for (const name of names) {
    const m = new RegExp(`^${FOLDER_PREFIX}(\\d+)-[0-9a-f]{8}$`).exec(name);
    if (!m || Number(m[1]) === process.pid || !processGone(Number(m[1]))) continue;
    const path = join(root, name);
    try {
      const info = statSync(path);
      if (!info.isDirectory() || (uid !== null && info.uid !== uid)) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // gone meanwhile
    }
  }
  return removed;
}

export interface StagingOptions {
  /** Where the private folder is made (default: the OS temp folder). */
  root?: string;
  maxOpenUploads?: number;
  idleMs?: number;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** Every staging folder of this process, removed when the process ends. */
const LIVE = new Set<ImportStaging>();
let exitHook = false;

export class ImportStaging {
  private readonly dir: string;
  private readonly uploads = new Map<string, Upload>();
  private readonly files = new Map<string, StagedFile>();
  private readonly maxOpen: number;
  private readonly idleMs: number;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly root: string;

  constructor(options: StagingOptions = {}) {
    this.root = options.root ?? tmpdir();
    this.dir = join(this.root, `${FOLDER_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
    this.maxOpen = options.maxOpenUploads ?? MAX_OPEN_UPLOADS;
    this.idleMs = options.idleMs ?? UPLOAD_IDLE_MS;
    // At start: what a killed run of the app or web host left in the temp folder goes.
    sweepStaleStaging(this.root);
    LIVE.add(this);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const staging of LIVE) staging.dispose();
      });
    }
  }

  async begin(fileName: string, size: number): Promise<string> {
    if (size > IMPORT_MAX_FILE_BYTES) {
      throw new LedgerError('import_upload_invalid', `${fileName}: ${size} bytes`, { file: fileName, reason: 'too_large' });
    }
    this.expireIdle();
    // At the limit the least recently active upload is dropped (its next chunk: upload unknown).
    while (this.uploads.size >= this.maxOpen) {
      const oldest = [...this.uploads.entries()].reduce((a, b) => (b[1].active < a[1].active ? b : a));
      this.dropUpload(oldest[0]);
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const id = newId();
    const path = join(this.dir, `${id}.upload`);
    const handle = await open(path, 'wx', 0o600);
    this.uploads.set(id, { fileName: basename(fileName), size, path, handle, received: 0, hash: createHash('sha256'), active: Date.now() });
    if (this.sweeper === null) {
      this.sweeper = setInterval(() => this.expireIdle(), Math.max(50, Math.floor(this.idleMs / 2)));
      this.sweeper.unref();
    }
    return id;
  }

  /** Uploads begun and not finished (for tests and the limit). */
  openUploads(): number {
    return this.uploads.size;
  }

  private expireIdle(now = Date.now()): void {
    for (const [id, upload] of [...this.uploads]) if (now - upload.active > this.idleMs) this.dropUpload(id);
    if (this.uploads.size === 0 && this.sweeper !== null) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  private dropUpload(id: string): void {
    const upload = this.uploads.get(id);
    if (!upload) return;
    this.uploads.delete(id);
    void upload.handle.close().then(
      () => rmSync(upload.path, { force: true }),
      () => rmSync(upload.path, { force: true }),
    );
  }

  async append(uploadId: string, offset: number, base64: string): Promise<number> {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new LedgerError('import_upload_unknown', `no upload ${uploadId}`, {});
    const bytes = Buffer.from(base64, 'base64');
    upload.active = Date.now();
    if (offset !== upload.received) {
      throw new LedgerError('import_upload_invalid', `${upload.fileName}: chunk at ${offset}, expected ${upload.received}`, {
        file: upload.fileName,
        reason: 'offset',
      });
    }
    if (upload.received + bytes.length > upload.size) {
      this.dropUpload(uploadId);
      throw new LedgerError(
        'import_upload_too_long',
        `${upload.fileName}: a chunk of ${bytes.length} bytes at ${offset} goes past the declared size of ${upload.size} bytes`,
        { file: upload.fileName, size: upload.size },
      );
    }
    await upload.handle.write(bytes, 0, bytes.length, offset);
    upload.hash.update(bytes);
    upload.received += bytes.length;
    return upload.received;
  }

  async finish(uploadId: string): Promise<StagedFile> {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new LedgerError('import_upload_unknown', `no upload ${uploadId}`, {});
    this.uploads.delete(uploadId);
    await upload.handle.close();
    if (upload.received !== upload.size) {
      rmSync(upload.path, { force: true });
      throw new LedgerError('import_upload_invalid', `${upload.fileName}: ${upload.received} of ${upload.size} bytes`, {
        file: upload.fileName,
        reason: 'incomplete',
      });
    }
    const staged: StagedFile = {
      fileId: uploadId,
      fileName: upload.fileName,
      size: upload.size,
      sha256: upload.hash.digest('hex'),
      path: upload.path,
      owned: true,
    };
    this.files.set(uploadId, staged);
    this.prune();
    return staged;
  }

  /** A file main may read directly (the native dialog's choice, the CLI's argument). */
  async addPath(path: string): Promise<StagedFile> {
    let size: number;
    try {
      size = statSync(path).size;
    } catch (error) {
      throw new LedgerError('import_file_unreadable', `${path}: ${(error as Error).message}`, { file: basename(path) });
    }
    const staged: StagedFile = { fileId: newId(), fileName: basename(path), size, sha256: await sha256File(path), path, owned: false };
    this.files.set(staged.fileId, staged);
    this.prune();
    return staged;
  }

  get(fileId: string): StagedFile {
    const file = this.files.get(fileId);
    if (!file) throw new LedgerError('import_upload_unknown', `no staged file ${fileId}`, {});
    return file;
  }

  discard(fileId: string): boolean {
    const file = this.files.get(fileId);
    if (!file) return false;
    this.files.delete(fileId);
    if (file.owned) rmSync(file.path, { force: true });
    return true;
  }

  private prune(): void {
    const ids = [...this.files.keys()];
    for (const id of ids.slice(0, Math.max(0, ids.length - UPLOADS_KEPT))) this.discard(id);
  }

  dispose(): void {
    LIVE.delete(this);
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const id of [...this.files.keys()]) this.discard(id);
    for (const upload of this.uploads.values()) void upload.handle.close().catch(() => undefined);
    this.uploads.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
