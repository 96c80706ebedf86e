import { randomUUID } from 'node:crypto';
import type { JobProgress, JobStatus } from '../../shared/api/jobs';
import { LedgerError } from '../../shared/errors';

export interface JobContext {
  /** Aborted when the clerk presses Cancel; long work checks it between steps. */
  signal: AbortSignal;
  report(progress: Partial<JobProgress>): void;
}

export type JobRunner<T> = (context: JobContext) => Promise<T>;

interface JobRecord {
  status: JobStatus;
  controller: AbortController;
}

/** Thrown (or rejected with) by a runner that stopped because it was cancelled. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

const KEEP_FINISHED = 50;

/**
 * Long work (import, export) as jobs: started by one call, polled with getJob, cancelled with
 * cancelJob. The runner does the work off the event loop (a worker) and reports progress here.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, JobRecord>();

  constructor(private readonly log: (message: string, error?: unknown) => void = (m, e) => console.error(`[jobs] ${m}`, e ?? '')) {}

  start<T>(kind: string, runner: JobRunner<T>): JobStatus<T> {
    const id = randomUUID();
    const controller = new AbortController();
    const status: JobStatus<T> = {
      id,
      kind,
      state: 'running',
      progress: { phase: 'starting', done: 0, total: null },
      startedAt: new Date().toISOString(),
      finishedAt: null,
      result: null,
      error: null,
    };
    this.jobs.set(id, { status, controller });
    const finish = (patch: Partial<JobStatus<T>>) => {
      Object.assign(status, patch, { finishedAt: new Date().toISOString() });
      this.prune();
    };
    const context: JobContext = {
      signal: controller.signal,
      report: (progress) => {
        if (status.state === 'running') status.progress = { ...status.progress, ...progress };
      },
    };
    void Promise.resolve()
      .then(() => runner(context))
      .then(
        (result) => finish(controller.signal.aborted ? { state: 'cancelled' } : { state: 'done', result }),
        (error: unknown) => {
          if (controller.signal.aborted || error instanceof JobCancelled) finish({ state: 'cancelled' });
          else if (error instanceof LedgerError) finish({ state: 'failed', error: error.toData() });
          else {
            this.log(`${kind} job ${id} failed`, error);
            finish({ state: 'failed', error: { code: 'internal', message: `${kind} failed` } });
          }
        },
      );
    return { ...status };
  }

  get(id: string): JobStatus {
    const record = this.jobs.get(id);
    if (!record) throw new LedgerError('not_found', `no job ${id}`);
    return { ...record.status, progress: { ...record.status.progress } };
  }

  cancel(id: string): JobStatus {
    const record = this.jobs.get(id);
    if (!record) throw new LedgerError('not_found', `no job ${id}`);
    if (record.status.state === 'running') record.controller.abort();
    return this.get(id);
  }

  /** How many jobs are running now. */
  runningCount(): number {
    let n = 0;
    for (const job of this.jobs.values()) if (job.status.state === 'running') n++;
    return n;
  }

  /** Resolves when the job has left the running state. */
  async settled(id: string, pollMs = 20): Promise<JobStatus> {
    for (;;) {
      const status = this.get(id);
      if (status.state !== 'running') return status;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.status.id);
  }
}
