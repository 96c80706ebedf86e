// Starts an export as a job (the UI polls getJob, cancels with cancelJob) whose work runs in a
// worker thread, so the window never waits for it. Cancel sets a shared flag the worker reads
// between rows; a worker that does not stop within a few seconds is terminated and its staging
// folder removed by main.
import { existsSync, rmSync } from 'node:fs';
import { EXPORT_JOB, type ExportResult } from '../../shared/api/export.contract';
import type { JobStatus } from '../../shared/api/jobs';
import { LedgerError, type ErrorCode } from '../../shared/errors';
import { JobCancelled, type JobRegistry } from '../jobs/registry';
import { startWorker } from '../workers/launch';
import type { ExportWorkerData, ExportWorkerMessage } from './export.worker';
import type { ExportOptions } from './run';

const STOP_GRACE_MS = 4000;

export interface ExportJobInput {
  ledgerPath: string;
  busyTimeoutMs: number;
  options: ExportOptions;
  onDone?(result: ExportResult): void;
}

export function startExportJob(jobs: JobRegistry, input: ExportJobInput): JobStatus<ExportResult> {
  return jobs.start<ExportResult>(EXPORT_JOB.name, (job) => {
    return new Promise<ExportResult>((resolve, reject) => {
      const cancel = new SharedArrayBuffer(4);
      const flag = new Int32Array(cancel);
      const data: ExportWorkerData = {
        ledgerPath: input.ledgerPath,
        busyTimeoutMs: input.busyTimeoutMs,
        options: input.options,
        cancel,
      };
      let staging: string | null = null;
      let settled = false;
      const worker = startWorker('export/export.worker.ts', { workerData: data, name: 'export' });
      let killTimer: NodeJS.Timeout | undefined;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        if (killTimer) clearTimeout(killTimer);
        fn();
      };
      job.report({ phase: 'starting', done: 0, total: null });
      job.signal.addEventListener('abort', () => {
        Atomics.store(flag, 0, 1);
        killTimer = setTimeout(() => {
          void worker.terminate().then(() => {
            if (staging) rmSync(staging, { recursive: true, force: true });
            settle(() => reject(new JobCancelled()));
          });
        }, STOP_GRACE_MS);
      });
      worker.on('message', (message: ExportWorkerMessage) => {
        switch (message.type) {
          case 'progress':
            job.report({ phase: message.phase, done: message.done, total: message.total || null });
            break;
          case 'staging':
            staging = message.path;
            break;
          case 'done':
            settle(() => {
              input.onDone?.(message.result);
              resolve(message.result);
            });
            break;
          case 'cancelled':
            settle(() => reject(new JobCancelled()));
            break;
          case 'failed':
            settle(() =>
              reject(
                message.error
                  ? new LedgerError(message.error.code as ErrorCode, message.error.message, message.error.details)
                  : new Error(`export worker: ${message.message}`),
              ),
            );
            break;
        }
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) => {
        if (staging && existsSync(staging)) rmSync(staging, { recursive: true, force: true });
        settle(() => reject(new Error(`export worker exited with code ${code} before finishing`)));
      });
    });
  });
}
