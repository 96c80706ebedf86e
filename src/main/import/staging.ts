// Files the clerk chose, kept in a private temp folder until the import is done or discarded:
// uploaded in chunks from the window (the web host and tests; the browser gives bytes, not paths)
// or picked with the native dialog in the app (a path main may read).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync, statSync } from 'node:fs';
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
}

const UPLOADS_KEPT = 20;

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

  constructor(dir = join(tmpdir(), `placement-ledger-import-${process.pid}-${randomBytes(4).toString('hex')}`)) {
    this.dir = dir;
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
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const id = newId();
    const path = join(this.dir, `${id}.upload`);
    const handle = await open(path, 'wx', 0o600);
    this.uploads.set(id, { fileName: basename(fileName), size, path, handle, received: 0, hash: createHash('sha256') });
    return id;
  }

  async append(uploadId: string, offset: number, base64: string): Promise<number> {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new LedgerError('import_upload_unknown', `no upload ${uploadId}`, {});
    const bytes = Buffer.from(base64, 'base64');
    if (offset !== upload.received || upload.received + bytes.length > upload.size) {
      throw new LedgerError('import_upload_invalid', `${upload.fileName}: chunk at ${offset}, expected ${upload.received}`, {
        file: upload.fileName,
        reason: 'offset',
      });
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
    for (const id of [...this.files.keys()]) this.discard(id);
    for (const upload of this.uploads.values()) void upload.handle.close().catch(() => undefined);
    this.uploads.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
