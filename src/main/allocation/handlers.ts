// The allocation calls (src/shared/api/allocation.contract.ts). A run goes to a worker as a job
// (progress, Cancel); everything else is quick reads and small writes on the app's connection,
// except accepting a large proposal, which runs in the worker too (a long write).
import { ALLOCATION_JOB, type AllocationAcceptResult, type AllocationProposal } from '../../shared/api/allocation.contract';
import type { ALLOCATION_CALLS } from '../../shared/api/allocation.names';
import type { HandlersFor } from '../../shared/contract';
import type { ApiContext } from '../api/context';
import { assertNoLongWrite, startLongWrite } from '../ledger/long-write';
import { currentClerk } from '../settings/settings';
import { runWorkerTask } from '../workers/launch';
import type { AllocationWorkerData } from './allocation.worker';
import { explainInRun, RunResults } from './explain-run';
import { exportProposal } from './proposal-xlsx';
import { cohortOf, listTerms, settingsInfo } from './queries';
import { acceptRun, discardRun, listRuns, moveInRun, runRow, setPins } from './runs';
import { resolveSettings } from './settings';
import { proposalView, totalsOf } from './view';

/** Assignments from which Accept runs in a worker (≈0.1 s of writes and more). */
export const BIG_ACCEPT_ROWS = 5000;

export function createAllocationHandlers({ ledger, jobs }: ApiContext): HandlersFor<(typeof ALLOCATION_CALLS)[number]> {
  const { db } = ledger;
  const clerk = () => currentClerk(db);
  const results = new RunResults();
  const writes =
    <I, O>(call: (input: I) => O) =>
    (input: I): O => {
      assertNoLongWrite(ledger);
      return call(input);
    };
  return {
    listAllocationTerms: () => ({ terms: listTerms(db) }),
    getAllocationSettings: ({ cohortId }) => settingsInfo(db, cohortId),
    startAllocation: ({ cohortId, countyIds, settings }) => {
      // Refused at once what the clerk must fix: a setting out of range, a term not in the ledger.
      resolveSettings(settings);
      const cohort = cohortOf(db, cohortId);
      return jobs.start<AllocationProposal>(ALLOCATION_JOB.name, (job) => {
        const cancel = new SharedArrayBuffer(4);
        job.signal.addEventListener('abort', () => Atomics.store(new Int32Array(cancel), 0, 1));
        job.report({ phase: 'reading', done: 0, total: null });
        const data: AllocationWorkerData = {
          task: 'run',
          path: ledger.path,
          busyTimeoutMs: ledger.busyTimeoutMs,
          clerk: clerk(),
          cohortId: cohort.id,
          countyIds,
          settings,
          cancel,
        };
        return runWorkerTask<AllocationProposal>('allocation/allocation.worker.ts', data, 'allocation', (p) => {
          const progress = p as typeof p & { phase?: string };
          job.report({ phase: progress.phase ?? 'solving', done: progress.done, total: progress.total });
        });
      });
    },
    listAllocationRuns: ({ cohortId }) => ({ runs: listRuns(db, cohortId) }),
    getAllocationProposal: ({ runId, countyIds }) => proposalView(db, runId, countyIds ?? 'auto'),
    explainAllocation: ({ runId, placementId, language }) => explainInRun(db, results, runId, placementId, language),
    setAllocationPins: writes(({ cohortId, set, clear }) => ({ pins: setPins(db, cohortOf(db, cohortId).id, set, clear, clerk()) })),
    moveInProposal: writes(({ runId, placementId, requestId }) => {
      const countyId = moveInRun(db, runId, placementId, requestId, clerk());
      const view = proposalView(db, runId, [countyId]);
      return {
        county: view.counties.find((c) => c.countyId === countyId)!,
        totals: totalsOf(view.counties, view.totals.objective, view.totals.pinned, view.totals.moved),
      };
    }),
    acceptAllocation: ({ runId }): AllocationAcceptResult | Promise<AllocationAcceptResult> => {
      assertNoLongWrite(ledger);
      const row = runRow(db, runId);
      if (row.assigned < BIG_ACCEPT_ROWS) return { runId, ...acceptRun(db, runId, clerk()) };
      const end = startLongWrite(ledger, 'allocate');
      const data: AllocationWorkerData = { task: 'accept', runId, path: ledger.path, busyTimeoutMs: ledger.busyTimeoutMs, clerk: clerk() };
      return runWorkerTask<{ operationId: number; assigned: number }>('allocation/allocation.worker.ts', data, 'allocation-accept')
        .then((r) => ({ runId, ...r }))
        .finally(end);
    },
    discardAllocation: writes(({ runId }) => discardRun(db, runId)),
    exportAllocationProposal: ({ runId, folder, language, overwrite }) => exportProposal(db, runId, { folder, language, overwrite }),
  };
}
