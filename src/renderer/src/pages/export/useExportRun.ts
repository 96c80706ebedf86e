// One export from the clerk's "Make rosters" to its end: check which files exist (and ask before
// replacing them), start the job in main, follow it (progress, Cancel), and keep its id for the
// session so the page picks a running export up again after the clerk looked elsewhere.
import { useCallback, useEffect, useState } from 'react';
import { EXPORT_JOB, type ExportPlan, type ExportResult, type ExportSelection } from '../../../../shared/api/export.contract';
import { isJobOf, type JobStatus } from '../../../../shared/api/jobs';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call, toErrorData } from '../../api';
import { jobMemory } from '../../jobs/job-memory';
import { useJob } from '../../jobs/useJob';
import { useLedger } from '../../ledger-context';

export type RunState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'confirm'; plan: ExportPlan }
  | { kind: 'running'; cancelling: boolean }
  | { kind: 'done'; result: ExportResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: LedgerErrorData };

const POLL_MS = 250;
/** The running job, picked up again after the clerk looks elsewhere. */
const { remember: rememberJob, remembered: rememberedJob } = jobMemory('ledger.export.job');

export interface ExportRun {
  run: RunState;
  /** The running job's latest status (its progress). */
  job: JobStatus | null;
  busy: boolean;
  /** Checks the folder, asks before replacing files, then starts. */
  begin(input: ExportSelection): void;
  /** Starts after the clerk's answer (`overwrite`: replace the files of the same name). */
  start(input: ExportSelection, overwrite: boolean): void;
  cancel(): void;
  /** Back to the start (after a result, or "no" to replacing). */
  reset(): void;
  /** Shows a failure met around the export (e.g. the folder chooser). */
  fail(error: unknown): void;
}

export function useExportRun(): ExportRun {
  const { refreshInfo } = useLedger();
  const job = useJob(POLL_MS);
  const [run, setRun] = useState<RunState>({ kind: 'idle' });

  const follow = useCallback(
    (started: JobStatus<ExportResult>) => {
      setRun({ kind: 'running', cancelling: false });
      job
        .follow(started, { keepOnLeave: true })
        .then((status) => {
          if (status.state === 'running') return; // the page was left: the job goes on, remembered
          rememberJob(null);
          if (status.state === 'done' && status.result !== null) {
            setRun({ kind: 'done', result: status.result });
            refreshInfo();
          } else if (status.state === 'cancelled') setRun({ kind: 'cancelled' });
          else setRun({ kind: 'failed', error: status.error ?? { code: 'internal', message: 'export failed' } });
        })
        .catch((error: unknown) => {
          rememberJob(null);
          setRun({ kind: 'failed', error: toErrorData(error) });
        });
    },
    [job, refreshInfo],
  );

  // A job started before the clerk went to another page: show it again (running or finished).
  useEffect(() => {
    const jobId = rememberedJob();
    if (jobId === null) return;
    call('getJob', { jobId })
      .then((status) => {
        if (isJobOf(EXPORT_JOB, status)) follow(status);
        else rememberJob(null);
      })
      .catch(() => rememberJob(null));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page opens: a job left running is picked up, not again on each render
  }, []);

  const start = useCallback(
    (input: ExportSelection, overwrite: boolean) => {
      setRun({ kind: 'checking' });
      call('startExport', { ...input, overwrite })
        .then((started) => {
          rememberJob(started.id);
          follow(started);
        })
        .catch((error: unknown) => setRun({ kind: 'failed', error: toErrorData(error) }));
    },
    [follow],
  );

  const begin = useCallback(
    (input: ExportSelection) => {
      setRun({ kind: 'checking' });
      call('planExport', input)
        .then((plan) => {
          if (plan.existing > 0) setRun({ kind: 'confirm', plan });
          else start(input, false);
        })
        .catch((error: unknown) => setRun({ kind: 'failed', error: toErrorData(error) }));
    },
    [start],
  );

  const cancel = useCallback(() => {
    setRun((current) => (current.kind === 'running' ? { ...current, cancelling: true } : current));
    job.cancel();
  }, [job]);

  const reset = useCallback(() => setRun({ kind: 'idle' }), []);
  const fail = useCallback((error: unknown) => setRun({ kind: 'failed', error: toErrorData(error) }), []);

  return { run, job: job.status, busy: run.kind === 'checking' || run.kind === 'running', begin, start, cancel, reset, fail };
}
