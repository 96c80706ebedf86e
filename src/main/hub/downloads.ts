// Files a clerk saves while working on the office hub (docs/hub.md, "Files over the hub"): rosters,
// "Export this view", the Dashboard's workbooks, an allocation proposal. The hub writes them into
// a temp folder of its own (openDownload); they are fetched in chunks (readDownload) to the place
// the clerk chose on this PC — under a working name, then moved into place without replacing a
// file unless the clerk agreed — and the hub's folder discarded. A job (export, view) reads
// "running" until its files are here. The save dialogs, the folders and "open folder" are this PC's.
import { randomBytes } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { AllocationExportResult } from '../../shared/api/allocation.contract';
import type { ExportPlan, ExportResult, StartExportInput } from '../../shared/api/export.contract';
import type { GridExportResult } from '../../shared/api/grid.contract';
import type { JobStatus } from '../../shared/api/jobs';
import type { ApiCallName } from '../../shared/api-names';
import type { CallInput, ParsedInput } from '../../shared/contract';
import { LedgerError, type LedgerErrorData } from '../../shared/errors';
import type { DesktopIntegration } from '../api/context';
import { defaultExportFolder } from '../export/desktop';
import { filesExistError, placeInFolder, publish, resolveFolder } from '../export/run';
import { GridExportTargets } from '../grid/export-target';
import { onUserPath, pathErrorFrom, prepareFolder } from '../util/user-path';
import type { HubCall } from './hub-call';

type Override = (input: unknown) => unknown;

export interface Downloads {
  overrides: Partial<Record<ApiCallName, Override>>;
  /** Discards the hub's temp folders of this session. */
  dispose(): Promise<void>;
}

/** A hub job whose files come here when it is done: `finish` fetches them and answers the local result. */
interface Pending {
  downloadId: string;
  finish(result: unknown): Promise<unknown>;
  fetching?: Promise<void>;
  outcome?: { ok: true; result: unknown } | { ok: false; error: LedgerErrorData };
}

export function createDownloads(call: HubCall, desktop: DesktopIntegration): Downloads {
  const open_ = new Set<string>();
  const pending = new Map<string, Pending>();
  const targets = new GridExportTargets(desktop);
  // "Open folder" opens only folders this session fetched rosters into.
  const fetchedFolders = new Set<string>();

  const openDownload = async () => {
    const drop = await call('openDownload', {});
    open_.add(drop.downloadId);
    return drop;
  };
  const discard = async (downloadId: string) => {
    open_.delete(downloadId);
    await call('discardDownload', { downloadId }).catch(() => undefined);
  };

  /** Fetches one file of the hub's folder to `target`; its size. */
  const fetchTo = async (downloadId: string, fileName: string, target: string, overwrite: boolean): Promise<number> => {
    const folder = dirname(target);
    const temp = join(folder, `.placement-download-${randomBytes(6).toString('hex')}`);
    let offset = 0;
    try {
      const handle = await onUserPath(folder, () => open(temp, 'wx'));
      try {
        for (;;) {
          const chunk = await call('readDownload', { downloadId, fileName, offset });
          const bytes = Buffer.from(chunk.data, 'base64');
          if (bytes.length > 0) await handle.write(bytes, 0, bytes.length, offset);
          offset += bytes.length;
          if (offset >= chunk.size || bytes.length === 0) break;
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        publish(temp, target, overwrite);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw filesExistError(folder, [basename(target)]);
        throw pathErrorFrom(error, target);
      }
      return offset;
    } finally {
      await rm(temp, { force: true });
    }
  };

  /** A hub job as this PC sees it: done once its files are here. */
  const view = (status: JobStatus, job: Pending): JobStatus => {
    if (status.state === 'failed' || status.state === 'cancelled') {
      pending.delete(status.id);
      void discard(job.downloadId);
    }
    if (status.state !== 'done' || status.result === null) return status;
    job.fetching ??= job.finish(status.result).then(
      (result) => {
        job.outcome = { ok: true, result };
      },
      (error: unknown) => {
        if (!(error instanceof LedgerError)) console.error('[hub] fetching files from the hub failed', error);
        job.outcome = {
          ok: false,
          error: error instanceof LedgerError ? error.toData() : { code: 'internal', message: `fetching failed: ${String(error)}` },
        };
      },
    );
    const outcome = job.outcome;
    if (!outcome) return { ...status, state: 'running', finishedAt: null, result: null };
    return outcome.ok ? { ...status, result: outcome.result } : { ...status, state: 'failed', result: null, error: outcome.error };
  };

  /** Starts a hub job that writes into a download folder; its files are fetched by `finish`. */
  const startJob = async (
    start: (folder: string) => Promise<JobStatus>,
    finish: (downloadId: string, result: unknown) => Promise<unknown>,
  ): Promise<JobStatus> => {
    const drop = await openDownload();
    let status: JobStatus;
    try {
      status = await start(drop.folder);
    } catch (error) {
      await discard(drop.downloadId);
      throw error;
    }
    pending.set(status.id, {
      downloadId: drop.downloadId,
      finish: async (result) => {
        try {
          return await finish(drop.downloadId, result);
        } finally {
          // The entry stays: a later getJob of the same job (a page opened again) answers the same.
          await discard(drop.downloadId);
        }
      },
    });
    return status;
  };

  /** The hub's plan (its folder does not matter: its home), placed in this PC's folder. */
  const plan = async (selection: CallInput<'planExport'>): Promise<ExportPlan> => {
    const folder = resolveFolder(selection.folder);
    const hubPlan = await call('planExport', { ...selection, folder: '~' });
    return { ...hubPlan, ...(await placeInFolder(folder, hubPlan.files)) };
  };

  const overrides: Partial<Record<ApiCallName, Override>> = {
    getExportDefaults: () => ({
      folder: defaultExportFolder(desktop),
      canChooseFolder: Boolean(desktop.chooseFolder),
      canOpenFolder: Boolean(desktop.openFolder),
    }),
    chooseExportFolder: async (input) => {
      const { current } = input as CallInput<'chooseExportFolder'>;
      if (!desktop.chooseFolder) return { path: null, supported: false };
      return { path: await desktop.chooseFolder(current), supported: true };
    },
    openExportFolder: async (input) => {
      const folder = resolve((input as CallInput<'openExportFolder'>).path);
      if (!desktop.openFolder || !fetchedFolders.has(folder)) return { opened: false, path: folder };
      const isFolder = await onUserPath(folder, async () => (await stat(folder)).isDirectory()).catch(() => false);
      if (!isFolder) return { opened: false, path: folder };
      return { opened: (await desktop.openFolder(folder)) === '', path: folder };
    },
    planExport: (input) => plan(input as CallInput<'planExport'>),
    startExport: async (input) => {
      const { folder, overwrite, ...selection } = input as StartExportInput;
      const planned = await plan({ ...selection, folder });
      await prepareFolder(planned.folder);
      if (!overwrite && planned.existing > 0) {
        throw filesExistError(
          planned.folder,
          planned.files.filter((f) => f.exists).map((f) => f.fileName),
        );
      }
      return startJob(
        (hubFolder) => call('startExport', { ...selection, folder: hubFolder, overwrite: false }),
        async (downloadId, raw) => {
          const result = raw as ExportResult;
          const files: ExportResult['files'] = [];
          for (const file of result.files) {
            const path = join(planned.folder, file.fileName);
            files.push({ ...file, path, bytes: await fetchTo(downloadId, file.fileName, path, overwrite) });
          }
          fetchedFolders.add(resolve(planned.folder));
          return { ...result, folder: planned.folder, files };
        },
      );
    },
    chooseGridExportFile: (input) => {
      const { format, suggestedName } = input as ParsedInput<'chooseGridExportFile'>;
      return targets.choose(format, suggestedName);
    },
    exportGridView: async (input) => {
      const { chosenId: _chosen, folder: _folder, fileName: _name, ...rest } = input as ParsedInput<'exportGridView'>;
      const target = await targets.resolve(input as ParsedInput<'exportGridView'>);
      return startJob(
        (hubFolder) => call('exportGridView', { ...rest, folder: hubFolder, fileName: basename(target.path), overwrite: true }),
        async (downloadId, raw) => {
          const result = raw as GridExportResult;
          await fetchTo(downloadId, basename(result.path), target.path, target.overwrite);
          return { ...result, path: target.path };
        },
      );
    },
    exportDashboardWorkbook: async (input) => {
      const parsed = input as ParsedInput<'exportDashboardWorkbook'>;
      const { chosenId: _chosen, folder: _folder, fileName: _name, ...rest } = parsed;
      const target = await targets.resolve({ ...parsed, format: 'xlsx' });
      const drop = await openDownload();
      try {
        const result = await call('exportDashboardWorkbook', {
          ...rest,
          folder: drop.folder,
          fileName: basename(target.path),
          overwrite: true,
        });
        await fetchTo(drop.downloadId, basename(result.path), target.path, target.overwrite);
        return { ...result, path: target.path };
      } finally {
        await discard(drop.downloadId);
      }
    },
    exportAllocationProposal: async (input) => {
      const { folder, overwrite, ...rest } = input as ParsedInput<'exportAllocationProposal'>;
      const local = (await prepareFolder(resolveFolder(folder))).path;
      const drop = await openDownload();
      try {
        const result: AllocationExportResult = await call('exportAllocationProposal', { ...rest, folder: drop.folder, overwrite: true });
        const path = join(local, result.fileName);
        await fetchTo(drop.downloadId, result.fileName, path, overwrite);
        return { ...result, path };
      } finally {
        await discard(drop.downloadId);
      }
    },
    getJob: async (input) => {
      const status = await call('getJob', input as CallInput<'getJob'>);
      const job = pending.get(status.id);
      return job ? view(status, job) : status;
    },
  };

  return {
    overrides,
    async dispose() {
      pending.clear();
      await Promise.all([...open_].map(discard));
    },
  };
}
