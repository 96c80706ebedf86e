// The allocation calls as the window makes them (dispatch → handlers → a job in a worker thread):
// terms and settings, a run with progress, its proposal by name, explain, move, accept and the
// grid's undo taking it back, discard, the committee workbook; refusals as sentences.
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllocationProposal, AllocationSettingsInfo, AllocationTerm } from '../../src/shared/api/allocation.contract';
import type { JobStatus } from '../../src/shared/api/jobs';
import { errorSentence } from '../../src/shared/i18n';
import { dispatch } from '../../src/main/api/dispatch';
import { createHandlers } from '../../src/main/api/handlers';
import { BIG_ACCEPT_ROWS } from '../../src/main/allocation/handlers';
import { checkLedger } from '../../src/main/check/check';
import { nkSortKey } from '../../src/main/domain/nk-collation';
import { JobRegistry } from '../../src/main/jobs/registry';
import { openLedger, type Ledger } from '../../src/main/ledger/open';
import { desktop } from '../helpers/desktop';
import { tempDir } from '../helpers/ledger';
import { importSamples } from './allocation-support';

let dir: ReturnType<typeof tempDir>;
let base: string;
let copies = 0;
const open: Ledger[] = [];
beforeAll(async () => {
  dir = tempDir('allocation-api-');
  base = join(dir.dir, 'base.sqlite');
  const ledger = openLedger(base);
  await importSamples(ledger);
  ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  ledger.close();
}, 180_000);
afterAll(() => {
  for (const l of open) l.close();
  dir?.cleanup();
});

function setup() {
  const path = join(dir.dir, `api-${++copies}.sqlite`);
  copyFileSync(base, path);
  const ledger = openLedger(path);
  open.push(ledger);
  const jobs = new JobRegistry(() => undefined);
  const handlers = createHandlers({ ledger, appVersion: '9.9.9', jobs, desktop });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await dispatch(handlers, ledger, name, input, () => undefined);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { data: result.error });
    return result.value as T;
  };
  const failure = async (name: string, input: unknown) => {
    const result = await dispatch(handlers, ledger, name, input, () => undefined);
    if (result.ok) throw new Error(`${name} succeeded`);
    return result.error;
  };
  const settle = async (started: JobStatus): Promise<JobStatus<AllocationProposal>> => {
    const seen = new Set<string>();
    for (;;) {
      const status = await call<JobStatus<AllocationProposal>>('getJob', { jobId: started.id });
      seen.add(status.progress.phase);
      if (status.state !== 'running') return Object.assign(status, { phases: [...seen] });
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { ledger, call, failure, settle };
}

describe('allocation API', () => {
  it('lists terms and settings, runs as a job, explains, moves, accepts; the grid undo takes it back', async () => {
    const { ledger, call, failure, settle } = setup();
    const { terms } = await call<{ terms: AllocationTerm[] }>('listAllocationTerms', {});
    const spring = terms.find((t) => t.year === 2027 && t.term === 'spring')!;
    expect(spring.waiting).toBeGreaterThan(300);
    expect(spring.lastRun).toBeNull();
    const info = await call<AllocationSettingsInfo>('getAllocationSettings', { cohortId: spring.cohortId });
    expect(info.defaults.fairness).toBe(5);
    expect(info.counties.every((c) => c.nameKo !== '' && c.provinceKo !== '')).toBe(true);

    const bad = await failure('startAllocation', { cohortId: spring.cohortId, settings: { skillPoints: -1 } });
    expect(bad.code).toBe('allocation_setting_out_of_range');
    expect(errorSentence(bad, 'ko')).toContain('요구기술 한 가지당 점수');

    const started = await call<JobStatus>('startAllocation', { cohortId: spring.cohortId });
    expect(started.kind).toBe('allocation');
    const done = await settle(started);
    expect(done.state).toBe('done');
    const proposal = done.result!;
    expect(proposal.run.state).toBe('proposed');
    expect(proposal.totals.assigned).toBeGreaterThan(0);
    const runId = proposal.run.runId;
    expect(await call('getAllocationProposal', { runId })).toEqual(proposal);

    const person = proposal.counties.flatMap((c) => c.requests.flatMap((r) => r.persons))[0]!;
    const why = await call<{ sentences: string[]; chosen: { requestId: number } }>('explainAllocation', {
      runId,
      placementId: person.placementId,
    });
    expect(why.sentences[0]).toMatch(/배정하였습니다/);
    expect(why.chosen.requestId).toBe(person.requestId);

    const moved = await call<{ county: { unassignedPersons: { placementId: number; moved: boolean }[] }; totals: { moved: number } }>(
      'moveInProposal',
      {
        runId,
        placementId: person.placementId,
        requestId: null,
      },
    );
    expect(moved.county.unassignedPersons.find((p) => p.placementId === person.placementId)?.moved).toBe(true);
    expect(moved.totals.moved).toBe(1);

    const accepted = await call<{ operationId: number; assigned: number }>('acceptAllocation', { runId });
    expect(accepted.assigned).toBe(proposal.totals.assigned - 1);
    expect(ledger.db.prepare('SELECT request_id FROM placements WHERE id = ?').pluck().get(person.placementId)).toBeNull();
    expect((await failure('acceptAllocation', { runId })).code).toBe('allocation_run_closed');
    const undoState = await call<{ undoKind: string }>('getUndoState', {});
    expect(undoState.undoKind).toBe('allocate');
    await call('undo', {});
    expect(ledger.db.prepare('SELECT count(*) FROM placements WHERE request_id IS NOT NULL').pluck().get()).toBe(0);
    const runs = await call<{ runs: { runId: number; state: string }[] }>('listAllocationRuns', { cohortId: spring.cohortId });
    expect(runs.runs[0]).toMatchObject({ runId, state: 'undone' });
  });

  it('a run can be cancelled; a proposal can be discarded and exported as a workbook', async () => {
    const { call, failure, settle } = setup();
    const started = await call<JobStatus>('startAllocation', {});
    await call('cancelJob', { jobId: started.id });
    const cancelled = await settle(started);
    expect(['cancelled', 'done']).toContain(cancelled.state);
    const done = await settle(
      await call<JobStatus>('startAllocation', {
        cohortId: (await call<{ terms: AllocationTerm[] }>('listAllocationTerms', {})).terms.find((t) => t.term === 'spring')!.cohortId,
      }),
    );
    const runId = done.result!.run.runId;
    const exported = await call<{ fileName: string; bytes: number }>('exportAllocationProposal', {
      runId,
      folder: join(dir.dir, `book-${copies}`),
    });
    expect(exported.fileName).toBe('2027-봄-작업장배정안.xlsx');
    expect(exported.bytes).toBeGreaterThan(5000);
    expect(await call('discardAllocation', { runId })).toMatchObject({ runId, state: 'discarded' });
    expect((await failure('moveInProposal', { runId, placementId: 1, requestId: null })).code).toBe('allocation_run_closed');
    expect((await failure('getAllocationProposal', { runId: 999_999 })).code).toBe('allocation_run_missing');
  });

  it('accepts a large proposal in the worker (a long write), all of it in one operation', { timeout: 300_000 }, async () => {
    // 8,000 persons without a workplace (the benchmark's generator), more than BIG_ACCEPT_ROWS placed.
    const path = join(dir.dir, 'big.sqlite');
    const made = spawnSync(process.execPath, ['-r', 'tsx/cjs', 'bench/allocate.ts', '--generate', path, '8000', '80'], {
      cwd: resolve(__dirname, '../..'),
      encoding: 'utf8',
    });
    expect(made.status, made.stderr).toBe(0);
    const ledger = openLedger(path);
    open.push(ledger);
    ledger.db.prepare('UPDATE persons SET name_sort_key = ?').run(nkSortKey('김철'));
    const handlers = createHandlers({ ledger, appVersion: '9.9.9', jobs: new JobRegistry(() => undefined), desktop });
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const result = await dispatch(handlers, ledger, name, input, () => undefined);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { data: result.error });
      return result.value as T;
    };
    let status = await call<JobStatus<AllocationProposal>>('startAllocation', {});
    while (status.state === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      status = await call<JobStatus<AllocationProposal>>('getJob', { jobId: status.id });
    }
    const proposal = status.result!;
    expect(proposal.totals.assigned).toBeGreaterThan(BIG_ACCEPT_ROWS);
    // Large: persons are not inlined beyond INLINE_PERSONS; here they are (8,000).
    expect(proposal.counties.every((c) => c.personsIncluded)).toBe(true);
    const accepting = call<{ assigned: number; operationId: number }>('acceptAllocation', { runId: proposal.run.runId });
    const accepted = await accepting;
    expect(accepted.assigned).toBe(proposal.totals.assigned);
    expect(ledger.db.prepare('SELECT count(*) FROM placements WHERE request_id IS NOT NULL').pluck().get()).toBe(accepted.assigned);
    expect(
      ledger.db
        .prepare(
          `SELECT count(DISTINCT operation_id) FROM audit_log a JOIN operations o ON o.id = a.operation_id WHERE o.kind = 'allocate'`,
        )
        .pluck()
        .get(),
    ).toBe(1);
    expect(checkLedger(ledger.db)).toEqual({ ok: true, problems: [] });
  });
});
