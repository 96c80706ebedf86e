// One proposal from "Make the proposal" to "Accept" (and back with Undo): the job in main
// (progress, Cancel), the proposal it answers (a recorded run), the persons of a county fetched
// when the clerk opens it, moves and pins by hand, acceptance as one operation, the undo, and the
// proposal workbook. The job's id is kept for the session so the page picks a running allocation
// up again after the clerk looked elsewhere.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ALLOCATION_JOB,
  type AllocationAcceptResult,
  type AllocationCountyView,
  type AllocationExportResult,
  type AllocationProposal,
  type StartAllocationInput,
} from '../../../../shared/api/allocation.contract';
import { isJobOf, type JobStatus } from '../../../../shared/api/jobs';
import type { Language } from '../../../../shared/domain';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call, toErrorData } from '../../api';
import { jobMemory } from '../../jobs/job-memory';
import { useJob } from '../../jobs/useJob';
import { useLedger } from '../../ledger-context';

export type RunState =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'running'; cancelling: boolean }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: LedgerErrorData };

export type Outcome =
  | { kind: 'none' }
  | { kind: 'accepted'; result: AllocationAcceptResult }
  | { kind: 'undone'; assigned: number }
  | { kind: 'refused'; error: LedgerErrorData };

const POLL_MS = 200;
/** The running job, picked up again after the clerk looks elsewhere. */
const { remember: rememberJob, remembered: rememberedJob } = jobMemory('ledger.allocation.job');

export interface AllocationRun {
  run: RunState;
  job: JobStatus | null;
  busy: boolean;
  proposal: AllocationProposal | null;
  outcome: Outcome;
  /** A failure of a move, a pin, an export (shown near the proposal). */
  actionError: LedgerErrorData | null;
  setActionError(error: LedgerErrorData | null): void;
  /** A call that changes something is on its way (accept, undo, move, export). */
  working: 'accept' | 'undo' | 'move' | 'export' | null;
  exported: AllocationExportResult | null;
  /** Why the proposal workbook was not made (shown beside its button). */
  exportError: LedgerErrorData | null;
  start(input: StartAllocationInput): void;
  cancel(): void;
  /** Shows a recorded run (the newest proposal of a term when the page opens). */
  show(runId: number): void;
  /** Fetches a county's persons when the proposal came without them. */
  loadCounty(countyId: number): Promise<void>;
  move(placementId: number, requestId: number | null): Promise<boolean>;
  accept(): Promise<void>;
  undo(): Promise<void>;
  exportWorkbook(folder: string, language: Language, overwrite: boolean): Promise<void>;
}

const mergeCounty = (proposal: AllocationProposal, county: AllocationCountyView): AllocationProposal => ({
  ...proposal,
  counties: proposal.counties.map((c) => (c.countyId === county.countyId ? county : c)),
});

export function useAllocationRun(): AllocationRun {
  const { refreshInfo } = useLedger();
  const job = useJob(POLL_MS);
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const [proposal, setProposal] = useState<AllocationProposal | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [actionError, setActionError] = useState<LedgerErrorData | null>(null);
  const [working, setWorking] = useState<AllocationRun['working']>(null);
  const [exported, setExported] = useState<AllocationExportResult | null>(null);
  const [exportError, setExportError] = useState<LedgerErrorData | null>(null);
  const proposalRef = useRef<AllocationProposal | null>(null);
  proposalRef.current = proposal;

  const fresh = useCallback((next: AllocationProposal) => {
    setProposal(next);
    setOutcome({ kind: 'none' });
    setActionError(null);
    setExported(null);
    setExportError(null);
  }, []);

  const follow = useCallback(
    (started: JobStatus<AllocationProposal>) => {
      setRun({ kind: 'running', cancelling: false });
      job
        .follow(started)
        .then((status) => {
          if (status.state === 'running') return;
          rememberJob(null);
          if (status.state === 'done' && status.result !== null) {
            fresh(status.result);
            setRun({ kind: 'idle' });
          } else if (status.state === 'cancelled') setRun({ kind: 'cancelled' });
          else setRun({ kind: 'failed', error: status.error ?? { code: 'internal', message: 'allocation failed' } });
        })
        .catch((error: unknown) => {
          rememberJob(null);
          setRun({ kind: 'failed', error: toErrorData(error) });
        });
    },
    [job, fresh],
  );

  useEffect(() => {
    const jobId = rememberedJob();
    if (jobId === null) return;
    call('getJob', { jobId })
      .then((status) => {
        if (isJobOf(ALLOCATION_JOB, status) && status.state === 'running') follow(status);
        else rememberJob(null);
      })
      .catch(() => rememberJob(null));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page opens: a run left going is picked up
  }, []);

  const start = useCallback(
    (input: StartAllocationInput) => {
      setRun({ kind: 'starting' });
      setActionError(null);
      call('startAllocation', input)
        .then((started) => {
          rememberJob(started.id);
          follow(started);
        })
        .catch((error: unknown) => setRun({ kind: 'failed', error: toErrorData(error) }));
    },
    [follow],
  );

  const cancel = useCallback(() => {
    setRun((current) => (current.kind === 'running' ? { ...current, cancelling: true } : current));
    job.cancel();
  }, [job]);

  const show = useCallback(
    (runId: number) => {
      call('getAllocationProposal', { runId })
        .then(fresh)
        .catch((error: unknown) => setActionError(toErrorData(error)));
    },
    [fresh],
  );

  const loadCounty = useCallback(async (countyId: number) => {
    const current = proposalRef.current;
    if (!current) return;
    try {
      const answer = await call('getAllocationProposal', { runId: current.run.runId, countyIds: [countyId] });
      const county = answer.counties.find((c) => c.countyId === countyId);
      if (county) setProposal((p) => (p && p.run.runId === answer.run.runId ? mergeCounty(p, county) : p));
    } catch (error) {
      setActionError(toErrorData(error));
    }
  }, []);

  const move = useCallback(async (placementId: number, requestId: number | null) => {
    const current = proposalRef.current;
    if (!current) return false;
    setWorking('move');
    try {
      const answer = await call('moveInProposal', { runId: current.run.runId, placementId, requestId });
      setProposal((p) => (p ? { ...mergeCounty(p, answer.county), totals: answer.totals } : p));
      setActionError(null);
      return true;
    } catch (error) {
      setActionError(toErrorData(error));
      return false;
    } finally {
      setWorking(null);
    }
  }, []);

  const accept = useCallback(async () => {
    const current = proposalRef.current;
    if (!current) return;
    setWorking('accept');
    try {
      const result = await call('acceptAllocation', { runId: current.run.runId });
      setOutcome({ kind: 'accepted', result });
      setProposal((p) => (p ? { ...p, run: { ...p.run, state: 'accepted', operationId: result.operationId } } : p));
      refreshInfo();
    } catch (error) {
      setOutcome({ kind: 'refused', error: toErrorData(error) });
    } finally {
      setWorking(null);
    }
  }, [refreshInfo]);

  const undo = useCallback(async () => {
    setWorking('undo');
    try {
      await call('undo', {});
      setOutcome((o) => ({ kind: 'undone', assigned: o.kind === 'accepted' ? o.result.assigned : 0 }));
      setProposal((p) => (p ? { ...p, run: { ...p.run, state: 'undone' } } : p));
      refreshInfo();
    } catch (error) {
      setOutcome({ kind: 'refused', error: toErrorData(error) });
    } finally {
      setWorking(null);
    }
  }, [refreshInfo]);

  const exportWorkbook = useCallback(async (folder: string, language: Language, overwrite: boolean) => {
    const current = proposalRef.current;
    if (!current) return;
    setWorking('export');
    setExported(null);
    try {
      setExported(await call('exportAllocationProposal', { runId: current.run.runId, folder, language, overwrite }));
      setExportError(null);
    } catch (error) {
      setExportError(toErrorData(error));
    } finally {
      setWorking(null);
    }
  }, []);

  return {
    run,
    job: job.status,
    busy: run.kind === 'starting' || run.kind === 'running',
    proposal,
    outcome,
    actionError,
    setActionError,
    working,
    exported,
    exportError,
    start,
    cancel,
    show,
    loadCounty,
    move,
    accept,
    undo,
    exportWorkbook,
  };
}
