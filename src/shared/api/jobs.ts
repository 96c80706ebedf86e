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

/**
 * A job's status. `R` is the job kind's result: the call that starts a job says it in the
 * contract (`startExport` → `JobStatus<ExportResult>`); getJob answers `JobStatus` (unknown
 * result) and `isLaterStatus` ties its answer back to the started job's type.
 */
export interface JobStatus<R = unknown> {
  id: string;
  kind: string;
  state: JobState;
  progress: JobProgress;
  startedAt: string;
  finishedAt: string | null;
  /** The result once done (null before, and after a failure or cancel). */
  result: R | null;
  error: LedgerErrorData | null;
}

/**
 * True when `latest` (a getJob answer) is a later status of `started`: the same job, so its
 * result is the type the starting call gave.
 */
export function isLaterStatus<R>(started: JobStatus<R>, latest: JobStatus): latest is JobStatus<R> {
  return latest.id === started.id && latest.kind === started.kind;
}

/** A job kind with its result type, for picking a job up again by id (e.g. after a page change). */
export interface JobKind<R> {
  readonly name: string;
  /** Phantom: carries the result type; never read at run time. */
  readonly result?: R;
}

export function jobKind<R>(name: string): JobKind<R> {
  return { name };
}

export function isJobOf<R>(kind: JobKind<R>, status: JobStatus): status is JobStatus<R> {
  return status.kind === kind.name;
}
