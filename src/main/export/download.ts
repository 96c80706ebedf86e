// Files a clerk on another PC saves (docs/hub.md, "Files over the hub"): on the PC holding the
// ledger, openDownload makes a temp folder whose path the clerk's app gives as the folder of an
// export, a view's workbook or a proposal; readDownload reads a file of that folder back in chunks
// (a plain name in it, nothing else); discardDownload removes it. Folders not discarded go an hour
// after their last use, and when the handlers are released.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { DOWNLOAD_CHUNK_BYTES } from '../../shared/api/export.contract';
import type { HandlersFor, LedgerHandlers } from '../../shared/contract';
import { LedgerError } from '../../shared/errors';
import type { ApiContext } from '../api/context';
import { requestClerk } from '../hub/request-clerk';

const KEEP_MS = 60 * 60 * 1000;

type DownloadCalls = 'openDownload' | 'readDownload' | 'discardDownload';

/** Calls that write a file where their input says (a folder): over the hub, only into a download folder. */
const WRITES_TO_FOLDER = ['startExport', 'exportGridView', 'exportDashboardWorkbook', 'exportAllocationProposal'] as const;

export interface DownloadHandlers {
  handlers: HandlersFor<DownloadCalls>;
  /**
   * Wraps the calls that write files so that a clerk on another PC (a hub request) writes only
   * into a download folder of theirs — never anywhere on the hub PC's disk.
   */
  guard(handlers: LedgerHandlers): void;
}

export function createDownloadHandlers(context: ApiContext): DownloadHandlers {
  const folders = new Map<string, { folder: string; timer: NodeJS.Timeout }>();
  const discard = (downloadId: string): boolean => {
    const entry = folders.get(downloadId);
    if (!entry) return false;
    folders.delete(downloadId);
    clearTimeout(entry.timer);
    rmSync(entry.folder, { recursive: true, force: true });
    return true;
  };
  const expireLater = (downloadId: string) => setTimeout(() => discard(downloadId), KEEP_MS).unref();
  context.onDispose?.(() => {
    for (const downloadId of [...folders.keys()]) discard(downloadId);
  });
  const handlers: HandlersFor<DownloadCalls> = {
    openDownload: () => {
      const folder = mkdtempSync(join(tmpdir(), 'ledger-download-'));
      const downloadId = randomBytes(12).toString('base64url');
      folders.set(downloadId, { folder, timer: expireLater(downloadId) });
      return { downloadId, folder };
    },
    readDownload: async ({ downloadId, fileName, offset }) => {
      const entry = folders.get(downloadId);
      if (!entry) throw new LedgerError('not_found', `no download ${downloadId}`);
      if (basename(fileName) !== fileName || fileName.startsWith('.')) throw new LedgerError('not_found', `no file ${fileName}`);
      clearTimeout(entry.timer);
      entry.timer = expireLater(downloadId);
      let handle;
      try {
        handle = await open(join(entry.folder, fileName), 'r');
      } catch {
        throw new LedgerError('not_found', `download ${downloadId} has no ${fileName}`);
      }
      try {
        const size = (await handle.stat()).size;
        const buffer = Buffer.alloc(Math.max(0, Math.min(DOWNLOAD_CHUNK_BYTES, size - offset)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        return { data: buffer.subarray(0, bytesRead).toString('base64'), size };
      } finally {
        await handle.close();
      }
    },
    discardDownload: ({ downloadId }) => ({ discarded: discard(downloadId) }),
  };
  const isDownloadFolder = (folder: unknown) =>
    typeof folder === 'string' && [...folders.values()].some((entry) => entry.folder === resolve(folder));
  return {
    handlers,
    guard(all) {
      for (const name of WRITES_TO_FOLDER) {
        const write = all[name] as (input: { folder?: string; chosenId?: string }) => unknown;
        (all as Record<string, unknown>)[name] = (input: { folder?: string; chosenId?: string }) => {
          const clerk = requestClerk();
          if (clerk && (input.chosenId !== undefined || !isDownloadFolder(input.folder))) {
            throw new LedgerError('hub_call_local_only', `${name} by ${clerk.name} outside a download folder`);
          }
          return write(input);
        };
      }
    },
  };
}
