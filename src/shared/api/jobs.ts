import type { LedgerErrorData } from '../errors';

/** Long work (import, export, …) runs as a job in main; the UI polls its status. */
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  /** What the job is doing now, a key of the job kind's phases (e.g. 'reading', 'writing'). */
  phase: string;
  done: number;
  /** null while the total is not known yet. */
  total: number | null;
}

export interface JobStatus {
  id: string;
  kind: string;
  state: JobState;
  progress: JobProgress;
  startedAt: string;
  finishedAt: string | null;
  /** The job kind's own result once done (its type is given by the call that started it). */
  result: unknown;
  error: LedgerErrorData | null;
}
