// Allocation in a worker thread on its own connection: a run (read, solve, record the proposal)
// or an Accept of a large proposal, so the window keeps answering. Cancel arrives as a flag in
// shared memory, read between the run's phases; nothing is written before the last phase, and the
// run's record is one transaction (a stopped thread leaves none of it).
import { parentPort, workerData } from 'node:worker_threads';
import type { AllocationProposal, AllocationSettingsData } from '../../shared/api/allocation.contract';
import { ledgerErrorFrom, openLedger } from '../ledger/open';
import { answerParent } from '../workers/answer';
import { acceptRun, runAllocation } from './runs';
import { proposalView } from './view';

export type AllocationWorkerData = { path: string; busyTimeoutMs: number; clerk: string } & (
  | { task: 'run'; cohortId: number | null; countyIds: number[]; settings: Partial<AllocationSettingsData>; cancel: SharedArrayBuffer }
  | { task: 'accept'; runId: number }
);

export type AllocationWorkerAnswer = AllocationProposal | { operationId: number; assigned: number };

const data = workerData as AllocationWorkerData;

void answerParent<AllocationWorkerAnswer>(
  () => {
    const ledger = openLedger(data.path, { busyTimeoutMs: data.busyTimeoutMs, create: false });
    try {
      const { db } = ledger;
      if (data.task === 'accept') return acceptRun(db, data.runId, data.clerk);
      const flag = new Int32Array(data.cancel);
      const outcome = runAllocation(
        db,
        { cohortId: data.cohortId, countyIds: data.countyIds, settings: data.settings, clerk: data.clerk },
        {
          progress: (phase, done, total) => parentPort!.postMessage({ progress: { phase, done, total } }),
          cancelled: () => Atomics.load(flag, 0) === 1,
        },
      );
      return proposalView(db, outcome.runId!);
    } finally {
      ledger.close();
    }
  },
  (error) => ledgerErrorFrom(error, data.path, data.busyTimeoutMs),
);
