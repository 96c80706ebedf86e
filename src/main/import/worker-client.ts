// Runs the reading half (pipeline.ts) in a worker thread with a memory cap, an idle limit and an
// overall time limit; the parent consumes batches one at a time and hands out credits, so a fast
// reader never floods main's memory. Cancel terminates the worker.
import type { ResourceLimits } from 'node:worker_threads';
import { LedgerError, type LedgerErrorData } from '../../shared/errors';
import { JobCancelled } from '../jobs/registry';
import { startWorker } from '../workers/launch';
import { BatchUnpacker } from './batch-codec';
import { runPipeline, type PipelineLayout, type PipelineProgress, type PipelineRequest, type PipelineSummary } from './pipeline';
import type { RowResult } from './rows';
import type { WorkerMessage } from './worker-protocol';

export interface PipelineHandlers {
  progress(progress: PipelineProgress): void;
  layout?(layout: PipelineLayout): void | Promise<void>;
  /** Awaited before the next batch is requested. */
  rows?(batch: RowResult[]): void | Promise<void>;
}

export interface WorkerLimits {
  resourceLimits: ResourceLimits;
  /** The worker must say something (progress, a batch) at least this often. */
  idleMs: number;
  /** The whole run (inspect: 20 s; rows: long, bounded by idleMs). */
  totalMs: number;
}

export const DEFAULT_WORKER_LIMITS: WorkerLimits = {
  resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  idleMs: 20_000,
  totalMs: 60 * 60_000,
};

function rebuild(data: LedgerErrorData): Error {
  if (data.code === 'internal') return new Error(`import worker failed: ${data.message}`);
  return new LedgerError(data.code, data.message, data.details);
}

/** Runs the pipeline in a worker thread (the default) or in this thread (tests of the pipeline). */
export function runPipelineIsolated(
  request: PipelineRequest,
  handlers: PipelineHandlers,
  options: { signal?: AbortSignal; limits?: Partial<WorkerLimits>; inProcess?: boolean } = {},
): Promise<PipelineSummary> {
  if (options.inProcess) {
    return runPipeline(
      request,
      {
        progress: handlers.progress,
        layout: (l) => void handlers.layout?.(l),
        rows: async (batch) => {
          await handlers.rows?.(batch);
        },
      },
      options.signal,
    );
  }
  const limits = { ...DEFAULT_WORKER_LIMITS, ...options.limits };
  return new Promise<PipelineSummary>((resolve, reject) => {
    let settled = false;
    const worker = startWorker('import/parse.worker.ts', {
      workerData: request,
      resourceLimits: limits.resourceLimits,
      name: 'import-parse',
    });
    let queue: Promise<void> = Promise.resolve();
    // Batches are unpacked one after another in the queue: in the order they were packed.
    const unpacker = new BatchUnpacker();
    let idleTimer: NodeJS.Timeout | undefined;
    const finish = (error: unknown, summary?: PipelineSummary) => {
      if (settled) return;
      settled = true;
      clearTimeout(idleTimer);
      clearTimeout(totalTimer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error) reject(error);
      else resolve(summary!);
    };
    const timeout = (ms: number) =>
      finish(
        new LedgerError('import_timeout', `${request.fileName}: the reader stopped answering (${ms} ms)`, {
          file: request.fileName,
          seconds: Math.round(ms / 1000),
        }),
      );
    const touch = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => timeout(limits.idleMs), limits.idleMs);
    };
    const totalTimer = setTimeout(() => timeout(limits.totalMs), limits.totalMs);
    const onAbort = () => finish(new JobCancelled());
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort);
    touch();
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return;
      touch();
      switch (message.type) {
        case 'progress':
          handlers.progress({ rowsRead: message.rowsRead, total: message.total });
          return;
        case 'layout':
          queue = queue.then(() => handlers.layout?.(message.layout)).catch((e: unknown) => finish(e));
          return;
        case 'batch':
          queue = queue
            .then(async () => {
              if (settled) return;
              const rows = unpacker.unpack(message.rows);
              await handlers.rows?.(rows);
              // The main side may have been busy a while: that is not the reader idling.
              touch();
              if (!settled) worker.postMessage({ type: 'credit', n: 1 });
            })
            .catch((e: unknown) => finish(e));
          return;
        case 'done':
          queue = queue.then(() => finish(null, message.summary)).catch((e: unknown) => finish(e));
          return;
        case 'fail':
          queue = queue.then(() => finish(rebuild(message.error))).catch((e: unknown) => finish(e));
          return;
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap limit/i.test(error.message)) {
        finish(new LedgerError('import_worker_memory', `${request.fileName}: the reader ran out of memory`, { file: request.fileName }));
      } else {
        finish(
          new LedgerError('import_worker_failed', `${request.fileName}: ${error.message}`, {
            file: request.fileName,
            reason: error.message,
          }),
        );
      }
    });
    worker.on('exit', (code) => {
      if (!settled) {
        queue = queue.then(() =>
          finish(
            new LedgerError('import_worker_failed', `${request.fileName}: the reader stopped (exit ${code})`, {
              file: request.fileName,
              reason: `exit ${code}`,
            }),
          ),
        );
      }
    });
  });
}
