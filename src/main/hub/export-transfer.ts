// An export made while working on the office hub (docs/hub.md, "Files over the hub"): the hub
// writes the workbooks into a temp folder of its own (startExportDownload); when its job is done,
// the first getJob that sees it fetches them (readExportDownload) into the folder the clerk chose on
// this PC — each under a working name, then moved into place without replacing a file unless the
// clerk agreed — and the job reads "running" until they are here. The plan's folder and its
// "already there" marks are this PC's; the folder dialogs and "open folder" stay here too.
import { randomBytes } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ExportPlan, ExportResult, StartExportInput } from '../../shared/api/export.contract';
import type { JobStatus } from '../../shared/api/jobs';
import type { ApiCallName } from '../../shared/api-names';
import type { CallInput } from '../../shared/contract';
import { LedgerError, type LedgerErrorData } from '../../shared/errors';
import type { DesktopIntegration } from '../api/context';
import { defaultExportFolder } from '../export/desktop';
import { filesExistError, placeInFolder, publish, resolveFolder } from '../export/run';
import { onUserPath, pathErrorFrom, prepareFolder } from '../util/user-path';
import type { HubCall } from './hub-call';

type Override = (input: unknown) => unknown;

export interface ExportTransfers {
  overrides: Partial<Record<ApiCallName, Override>>;
  /** Drops what is being fetched and the hub's temp folders of this session. */
  dispose(): Promise<void>;
}

interface Download {
  folder: string;
  overwrite: boolean;
  fetching?: Promise<void>;
  outcome?: { ok: true; result: ExportResult } | { ok: false; error: LedgerErrorData };
}

export function createExportTransfers(call: HubCall, desktop: DesktopIntegration): ExportTransfers {
  const downloads = new Map<string, Download>();
  // "Open folder" opens only folders an export of this session wrote to.
  const fetchedFolders = new Set<string>();

  /** The hub's plan (its folder does not matter: its home), placed in this PC's folder. */
  const plan = async (selection: CallInput<'planExport'>): Promise<ExportPlan> => {
    const folder = resolveFolder(selection.folder);
    const hubPlan = await call('planExport', { ...selection, folder: '~' });
    return { ...hubPlan, ...(await placeInFolder(folder, hubPlan.files)) };
  };

  const fetchFile = async (jobId: string, download: Download, fileName: string): Promise<number> => {
    const target = join(download.folder, fileName);
    const temp = join(download.folder, `.placement-download-${randomBytes(6).toString('hex')}`);
    let offset = 0;
    try {
      const handle = await onUserPath(download.folder, () => open(temp, 'wx'));
      try {
        for (;;) {
          const chunk = await call('readExportDownload', { jobId, fileName, offset });
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
        publish(temp, target, download.overwrite);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw filesExistError(download.folder, [fileName]);
        throw pathErrorFrom(error, target);
      }
      return offset;
    } finally {
      await rm(temp, { force: true });
    }
  };

  const fetchAll = async (jobId: string, download: Download, result: ExportResult): Promise<ExportResult> => {
    const files: ExportResult['files'] = [];
    for (const file of result.files) {
      const bytes = await fetchFile(jobId, download, file.fileName);
      files.push({ ...file, path: join(download.folder, file.fileName), bytes });
    }
    fetchedFolders.add(resolve(download.folder));
    await call('discardExportDownload', { jobId }).catch(() => undefined);
    return { ...result, folder: download.folder, files };
  };

  /** A hub job's status as this PC sees it: done once its workbooks are here. */
  const view = (status: JobStatus, download: Download): JobStatus => {
    if (status.state === 'failed' || status.state === 'cancelled') downloads.delete(status.id);
    if (status.state !== 'done' || status.result === null) return status;
    download.fetching ??= fetchAll(status.id, download, status.result as ExportResult).then(
      (result) => {
        download.outcome = { ok: true, result };
      },
      (error: unknown) => {
        const data =
          error instanceof LedgerError
            ? error.toData()
            : { code: 'internal' as const, message: `fetching the export failed: ${String(error)}` };
        if (!(error instanceof LedgerError)) console.error('[hub] fetching an export failed', error);
        download.outcome = { ok: false, error: data };
      },
    );
    const outcome = download.outcome;
    if (!outcome) return { ...status, state: 'running', finishedAt: null, result: null };
    return outcome.ok ? { ...status, result: outcome.result } : { ...status, state: 'failed', result: null, error: outcome.error };
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
      const { folder: _folder, overwrite, ...selection } = input as StartExportInput;
      const planned = await plan(input as StartExportInput);
      await prepareFolder(planned.folder);
      if (!overwrite && planned.existing > 0) {
        throw filesExistError(
          planned.folder,
          planned.files.filter((f) => f.exists).map((f) => f.fileName),
        );
      }
      const status = await call('startExportDownload', selection);
      downloads.set(status.id, { folder: planned.folder, overwrite });
      return status;
    },
    getJob: async (input) => {
      const status = await call('getJob', input as CallInput<'getJob'>);
      const download = downloads.get(status.id);
      return download ? view(status, download) : status;
    },
  };

  return {
    overrides,
    async dispose() {
      const jobs = [...downloads.keys()];
      downloads.clear();
      await Promise.all(jobs.map((jobId) => call('discardExportDownload', { jobId }).catch(() => undefined)));
    },
  };
}
