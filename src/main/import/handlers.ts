import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { HandlersFor } from '../../shared/contract';
import type { IMPORT_CALLS } from '../../shared/api/import.names';
import {
  IMPORT_CHUNK_BYTES,
  IMPORT_MAX_FILE_BYTES,
  type ImportIssue,
  type ImportReport,
  type ImportUndoResult,
  type StagedImportFile,
} from '../../shared/api/import.contract';
import { LedgerError } from '../../shared/errors';
import type { ApiContext } from '../api/context';
import { currentClerk } from '../settings/settings';
import { isLedgerFile } from '../ledger/header';
import { ledgerErrorFrom } from '../ledger/open';
import { listImportHistory } from './history';
import { writeReportXlsx } from './report-xlsx';
import { inspectImport, runImport } from './service';
import { ImportStaging, type StagedFile } from './staging';
import { longWriteRunning, startLongWrite } from '../ledger/long-write';
import { runWorkerTask } from '../workers/launch';
import type { ImportUndoWorkerData } from './import-undo.worker';

const REPORTS_KEPT = 10;

function publicFile(file: StagedFile): StagedImportFile {
  return { fileId: file.fileId, fileName: file.fileName, size: file.size, sha256: file.sha256 };
}

/** The import calls (src/shared/api/import.contract.ts). */
export function createImportHandlers(context: ApiContext): HandlersFor<(typeof IMPORT_CALLS)[number]> {
  const { ledger, jobs } = context;
  const staging = new ImportStaging();
  context.onDispose?.(() => staging.dispose());
  const reports = new Map<string, { report: ImportReport; issues: ImportIssue[] }>();

  const keepReport = (run: { report: ImportReport; issues: ImportIssue[] }) => {
    reports.set(run.report.reportId, run);
    for (const id of [...reports.keys()].slice(0, Math.max(0, reports.size - REPORTS_KEPT))) reports.delete(id);
    return run.report;
  };
  /** The import job that commits or undoes now (one at a time: their writes would wait on each other). */
  let importJob: string | null = null;
  /**
   * Claims the import's turn (another import committing or undoing is import_busy); with `hold`
   * it also marks the long write at once (an undo holds the lock from its start; a commit marks it
   * only when its write begins, see onWriteStart). Returns the release.
   */
  const exclusive = (kind: string, hold: boolean): (() => void) => {
    const running = importJob ?? longWriteRunning(ledger);
    if (running?.startsWith('import-')) throw new LedgerError('import_busy', `an import job (${running}) is running`, {});
    const endWrite = hold ? startLongWrite(ledger, `import-${kind}`) : () => undefined;
    importJob = `import-${kind}`;
    return () => {
      importJob = null;
      endWrite();
    };
  };

  return {
    beginImportUpload: async ({ fileName, size }) => ({ uploadId: await staging.begin(fileName, size) }),
    appendImportUpload: async ({ uploadId, offset, data }) => ({ received: await staging.append(uploadId, offset, data) }),
    finishImportUpload: async ({ uploadId }) => publicFile(await staging.finish(uploadId)),
    chooseImportFile: async () => {
      if (!context.desktop.chooseImportFile) throw new LedgerError('import_dialog_unavailable', 'no native file dialog here', {});
      const path = await context.desktop.chooseImportFile();
      // Reading the open ledger (or its -wal/-shm) as an import would drop SQLite's locks on it.
      if (path !== null && isLedgerFile(path, ledger.path))
        throw new LedgerError('file_is_ledger', `${path} is the ledger`, { file: basename(path) });
      return { file: path === null ? null : publicFile(await staging.addPath(path)) };
    },
    discardImportFile: ({ fileId }) => ({ discarded: staging.discard(fileId) }),
    getImportCapabilities: () => ({
      nativeDialog: context.desktop.chooseImportFile !== undefined,
      maxFileBytes: IMPORT_MAX_FILE_BYTES,
      chunkBytes: IMPORT_CHUNK_BYTES,
    }),
    startImportInspect: ({ fileId, options }) => {
      const file = staging.get(fileId);
      return jobs.start('import-inspect', ({ signal, report }) => inspectImport({ ledger, file, options, signal, progress: report }));
    },
    startImportDryRun: ({ fileId, options }) => {
      const file = staging.get(fileId);
      return jobs.start('import-dry-run', async ({ signal, report }) =>
        keepReport(await runImport({ ledger, file, options, signal, progress: report, mode: 'dry', skipInvalid: false })),
      );
    },
    startImportCommit: ({ fileId, options, skipInvalid, acceptIdentityChanges }) => {
      const file = staging.get(fileId);
      const end = exclusive('commit', false);
      const acceptIdentity = acceptIdentityChanges.length > 0 ? new Set(acceptIdentityChanges) : 'none';
      const onWriteStart = () => startLongWrite(ledger, 'import-commit');
      return jobs.start('import-commit', async ({ signal, report }) => {
        try {
          return keepReport(
            await runImport({
              ledger,
              file,
              options,
              signal,
              progress: report,
              mode: 'commit',
              skipInvalid,
              separateWriter: true,
              acceptIdentity,
              onWriteStart,
            }),
          );
        } catch (error) {
          // A full disk or an I/O error in the commit is a sentence (the transaction is rolled back).
          throw ledgerErrorFrom(error, ledger.path, ledger.busyTimeoutMs);
        } finally {
          end();
        }
      });
    },
    exportImportReport: async ({ reportId, language }) => {
      const run = reports.get(reportId);
      if (!run) throw new LedgerError('import_report_unknown', `no report ${reportId}`, {});
      const path = join(tmpdir(), `import-report-${randomBytes(6).toString('hex')}.xlsx`);
      try {
        await writeReportXlsx(path, run.report, run.issues, language);
        const base = run.report.fileName.replace(/\.[^.]*$/, '');
        return {
          fileName: `${base}-${language === 'ko' ? '검사보고서' : 'import-report'}.xlsx`,
          data: readFileSync(path).toString('base64'),
        };
      } finally {
        rmSync(path, { force: true });
      }
    },
    listImports: ({ limit }) => listImportHistory(ledger.db, limit),
    startImportUndo: ({ decisionFileId }) => {
      const end = exclusive('undo', true);
      return jobs.start('import-undo', async ({ report }) => {
        report({ phase: 'undoing', done: 0, total: null });
        try {
          // In a worker on its own connection: the window keeps answering while a big import goes.
          const data: ImportUndoWorkerData = {
            path: ledger.path,
            busyTimeoutMs: ledger.busyTimeoutMs,
            decisionFileId,
            clerk: currentClerk(ledger.db),
          };
          return await runWorkerTask<ImportUndoResult>('import/import-undo.worker.ts', data, 'import-undo', (p) =>
            report({ phase: 'undoing', done: p.done, total: p.total }),
          );
        } finally {
          end();
        }
      });
    },
  };
}
