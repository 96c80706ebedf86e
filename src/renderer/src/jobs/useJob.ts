// Following a job in main, the one way Import, Export and "Export this view" do it: poll getJob
// until the job ends, keep its latest status for a progress bar, cancel it on request. A job's
// result keeps the type its starting call gave (see isLaterStatus): no casts on results here or
// in the pages.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isLaterStatus, type JobStatus } from '../../../shared/api/jobs';
import type { LedgerErrorData } from '../../../shared/errors';
import { call } from '../api';

export interface FollowOptions {
  /** Leaving the page lets the job go on (a commit, an undo, an export); otherwise it is cancelled. */
  keepOnLeave?: boolean;
  /** Keep polling after the page has gone, so the caller still hears how the job ended. */
  followAfterLeave?: boolean;
}

export interface JobFollower {
  /** The latest status of the job followed now (null before the first). */
  status: JobStatus | null;
  running: boolean;
  /** Polls `job` (just started, or picked up again) until it ends; resolves with its last status. */
  follow<R>(job: JobStatus<R>, options?: FollowOptions): Promise<JobStatus<R>>;
  cancel(): void;
}

export function useJob(pollMs = 150): JobFollower {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const current = useRef<string | null>(null);
  const keep = useRef(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      // Leaving the page cancels a reading job; a commit, an undo or an export goes on.
      if (current.current && !keep.current) void call('cancelJob', { jobId: current.current }).catch(() => undefined);
    };
  }, []);
  const follow = useCallback(
    async <R>(job: JobStatus<R>, options: FollowOptions = {}): Promise<JobStatus<R>> => {
      current.current = job.id;
      keep.current = options.keepOnLeave === true || options.followAfterLeave === true;
      setStatus(job);
      let latest = job;
      while (latest.state === 'running') {
        await new Promise((r) => setTimeout(r, pollMs));
        if (current.current !== job.id || (!alive.current && !options.followAfterLeave)) return latest;
        const answer: JobStatus = await call('getJob', { jobId: job.id });
        if (!isLaterStatus(job, answer)) throw new Error(`getJob answered for another job than ${job.id}`);
        latest = answer;
        if (alive.current && current.current === job.id) setStatus(latest);
      }
      if (current.current === job.id) current.current = null;
      return latest;
    },
    [pollMs],
  );
  const cancel = useCallback(() => {
    const id = current.current;
    if (id) void call('cancelJob', { jobId: id }).catch(() => undefined);
  }, []);
  return { status, running: status?.state === 'running', follow, cancel };
}

/** The error of a job that did not end 'done' (cancelled is not an error). */
export function jobError(status: JobStatus): LedgerErrorData | null {
  if (status.state === 'failed') return status.error ?? { code: 'internal', message: 'job failed' };
  return null;
}

/** The result of a job that ended 'done'; null otherwise. */
export function jobResult<R>(status: JobStatus<R>): R | null {
  return status.state === 'done' ? status.result : null;
}
