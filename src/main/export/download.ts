// Exports a clerk on another PC fetches (docs/hub.md, "Files over the hub"): on the PC holding the
// ledger, an export job writes into a temp folder of its own; the clerk's app reads the workbooks
// back in chunks (only the files that job wrote, by name) and discards the folder. Folders not
// discarded go an hour after their job ended, and when the handlers are released.
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_DOWNLOAD_CHUNK_BYTES, type ExportResult } from '../../shared/api/export.contract';
import type { HandlersFor, LedgerHandlers } from '../../shared/contract';
import { LedgerError } from '../../shared/errors';
import type { ApiContext } from '../api/context';

const KEEP_MS = 60 * 60 * 1000;

type DownloadCalls = 'startExportDownload' | 'readExportDownload' | 'discardExportDownload';

export function createExportDownloadHandlers(context: ApiContext, startExport: LedgerHandlers['startExport']): HandlersFor<DownloadCalls> {
  const folders = new Map<string, { folder: string; timer?: NodeJS.Timeout }>();
  const discard = (jobId: string): boolean => {
    const entry = folders.get(jobId);
    if (!entry) return false;
    folders.delete(jobId);
    clearTimeout(entry.timer);
    rmSync(entry.folder, { recursive: true, force: true });
    return true;
  };
  context.onDispose?.(() => {
    for (const jobId of [...folders.keys()]) discard(jobId);
  });
  /** The finished job's result, or a sentence why there is none. */
  const finished = (jobId: string): ExportResult => {
    if (!folders.has(jobId)) throw new LedgerError('not_found', `no export download ${jobId}`);
    const status = context.jobs.get(jobId);
    if (status.state !== 'done' || status.result === null) throw new LedgerError('not_found', `export ${jobId} is ${status.state}`);
    const entry = folders.get(jobId)!;
    entry.timer ??= setTimeout(() => discard(jobId), KEEP_MS).unref();
    return status.result as ExportResult;
  };
  return {
    startExportDownload: async (selection) => {
      const folder = mkdtempSync(join(tmpdir(), 'ledger-export-download-'));
      try {
        const status = await startExport({ ...selection, folder, overwrite: false });
        folders.set(status.id, { folder });
        return status;
      } catch (error) {
        rmSync(folder, { recursive: true, force: true });
        throw error;
      }
    },
    readExportDownload: async ({ jobId, fileName, offset }) => {
      const file = finished(jobId).files.find((f) => f.fileName === fileName);
      if (!file) throw new LedgerError('not_found', `export ${jobId} wrote no ${fileName}`);
      const handle = await open(join(folders.get(jobId)!.folder, file.fileName), 'r');
      try {
        const size = (await handle.stat()).size;
        const buffer = Buffer.alloc(Math.max(0, Math.min(EXPORT_DOWNLOAD_CHUNK_BYTES, size - offset)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        return { data: buffer.subarray(0, bytesRead).toString('base64'), size };
      } finally {
        await handle.close();
      }
    },
    discardExportDownload: ({ jobId }) => ({ discarded: discard(jobId) }),
  };
}
