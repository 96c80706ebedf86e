// Allocation runs on a real ledger imported from /work/shared/samples (spring decisions + request
// workbooks): a run recorded and read back by name (also after reopening the file), Accept as one
// `allocate` operation that undo takes back, refusal when touched rows changed, pins and moves by
// hand, explanations, the committee workbook and the CLI's `allocate` / `undo`.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainInRun, RunResults } from '../../src/main/allocation/explain-run';
import { exportProposal } from '../../src/main/allocation/proposal-xlsx';
import { settingsInfo } from '../../src/main/allocation/queries';
import { acceptRun, discardRun, listPins, moveInRun, runAllocation, setPins } from '../../src/main/allocation/runs';
import { proposalView } from '../../src/main/allocation/view';
import { undo, undoState } from '../../src/main/audit/undo';
import { checkLedger } from '../../src/main/check/check';
import { openLedger, type Ledger } from '../../src/main/ledger/open';
import { readWorkbookCells } from '../helpers/allocation-workbook';
import { errorSentence } from '../../src/shared/i18n';
import { importSamples } from './allocation-support';
import { captureIo, tempDir } from '../helpers/ledger';
import { refusal } from '../helpers/unit';
import { runCli } from '../../src/main/cli/index';

let dir: ReturnType<typeof tempDir>;
let base: string;
let copies = 0;

beforeAll(async () => {
  dir = tempDir('allocation-runs-');
  base = join(dir.dir, 'base.sqlite');
  const ledger = openLedger(base);
  await importSamples(ledger);
  ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  ledger.close();
}, 180_000);
afterAll(() => dir?.cleanup());

/** A fresh copy of the imported ledger. */
function fresh(): { ledger: Ledger; path: string } {
  const path = join(dir.dir, `copy-${++copies}.sqlite`);
  copyFileSync(base, path);
  return { ledger: openLedger(path), path };
}

function spring(ledger: Ledger): number {
  return ledger.db.prepare(`SELECT id FROM cohorts WHERE year = 2027 AND term = 'spring'`).pluck().get() as number;
}

const ISO = /\d{4}-\d{2}-\d{2}/;

describe('allocation runs', () => {
  it('records a run and shows it by name; the same after reopening the ledger', () => {
    const { ledger, path } = fresh();
    const cohortId = spring(ledger);
    const outcome = runAllocation(ledger.db, { cohortId, clerk: '김영호' });
    expect(outcome.runId).toBeGreaterThan(0);
    const view = proposalView(ledger.db, outcome.runId!);
    expect(view.run.state).toBe('proposed');
    expect(view.totals.assigned).toBe(outcome.result.totals.assigned);
    expect(view.totals.persons).toBe(outcome.result.totals.persons);
    expect(view.totals.objective).toBe(outcome.result.totals.objective);
    for (const c of view.counties) {
      expect(c.nameKo).not.toBe('');
      expect(c.nameEn).not.toBe('');
      expect(c.personsIncluded).toBe(true);
      let listed = c.unassignedPersons.length;
      for (const r of c.requests) {
        expect(r.persons.length).toBe(r.proposed);
        expect(r.proposed).toBeLessThanOrEqual(r.freeSeats);
        expect(r.fillRate).toBeGreaterThanOrEqual(0);
        expect(r.fillRate).toBeLessThanOrEqual(1);
        for (const p of r.persons) {
          expect(p.serviceNo).not.toBe('');
          expect(p.name).not.toBe('');
        }
        listed += r.persons.length;
      }
      expect(listed).toBe(c.persons);
      expect(c.assigned + c.unassigned).toBe(c.persons);
    }
    ledger.close();
    const again = openLedger(path);
    try {
      expect(proposalView(again.db, outcome.runId!)).toEqual(view);
      expect(checkLedger(again.db)).toEqual({ ok: true, problems: [] });
    } finally {
      again.close();
    }
  });

  it('accepts as ONE allocate operation that undo takes back; the run then reads as undone', () => {
    const { ledger } = fresh();
    const db = ledger.db;
    const cohortId = spring(ledger);
    const before = db.prepare('SELECT id, request_id, sector, updated_at FROM placements ORDER BY id').all();
    const { runId } = runAllocation(db, { cohortId, clerk: '김영호' });
    const view = proposalView(db, runId!);
    const accepted = acceptRun(db, runId!, '김영호');
    expect(accepted.assigned).toBe(view.totals.assigned);
    expect(db.prepare('SELECT count(*) FROM operations WHERE kind = ?').pluck().get('allocate')).toBe(1);
    // Every proposed person has exactly the proposed workplace.
    const linked = new Map(
      (db.prepare('SELECT id, request_id FROM placements').raw().all() as [number, number | null][]).map(([id, r]) => [id, r]),
    );
    for (const c of view.counties)
      for (const r of c.requests) for (const p of r.persons) expect(linked.get(p.placementId)).toBe(r.requestId);
    expect(proposalView(db, runId!).run.state).toBe('accepted');
    expect(refusal(() => acceptRun(db, runId!, '김영호')).code).toBe('allocation_run_closed');
    expect(undoState(db).undoKind).toBe('allocate');
    undo(db, '김영호');
    expect(
      db
        .prepare('SELECT id, request_id, sector, updated_at FROM placements ORDER BY id')
        .all()
        .map((r) => ({ ...(r as object), updated_at: undefined })),
    ).toEqual(before.map((r) => ({ ...(r as object), updated_at: undefined })));
    expect(proposalView(db, runId!).run.state).toBe('undone');
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
    ledger.close();
  });

  it('refuses to accept when a person or request it touches changed since the run, changing nothing', () => {
    const { ledger } = fresh();
    const db = ledger.db;
    const cohortId = spring(ledger);
    const { runId } = runAllocation(db, { cohortId, clerk: '김영호' });
    const view = proposalView(db, runId!);
    const someone = view.counties.flatMap((c) => c.requests.flatMap((r) => r.persons))[0]!;
    const request = view.counties
      .flatMap((c) => c.requests)
      .find((r) => r.proposed > 0 && !r.persons.some((p) => p.placementId === someone.placementId))!;
    db.prepare(`UPDATE persons SET unit = 'x', updated_at = '2099-01-01T00:00:00.000Z' WHERE id = ?`).run(someone.personId);
    db.prepare(`UPDATE county_requests SET priority = priority + 1, updated_at = '2099-01-01T00:00:00.000Z' WHERE id = ?`).run(
      request.requestId,
    );
    const error = refusal(() => acceptRun(db, runId!, '김영호'));
    expect(error.code).toBe('allocation_stale');
    expect(error.details).toEqual({ persons: 1, requests: 1 });
    expect(errorSentence(error.toData(), 'ko')).toContain('사람 1명과 로력요구 1건');
    expect(errorSentence(error.toData(), 'en')).toContain('1 of its persons and 1 of its requests');
    expect(db.prepare('SELECT count(*) FROM placements WHERE request_id IS NOT NULL').pluck().get()).toBe(
      db.prepare('SELECT sum(taken_before) FROM allocation_run_requests WHERE run_id = ?').pluck().get(runId),
    );
    expect(db.prepare(`SELECT count(*) FROM operations WHERE kind = 'allocate'`).pluck().get()).toBe(0);
    ledger.close();
  });

  it('pins and moves by hand: kept by the next run, refused beyond seats or across counties', () => {
    const { ledger, path } = fresh();
    const db = ledger.db;
    const cohortId = spring(ledger);
    const { runId } = runAllocation(db, { cohortId, clerk: '김영호' });
    const view = proposalView(db, runId!);
    const county = view.counties.find(
      (c) => c.requests.filter((r) => r.proposed > 0).length >= 2 && c.requests.some((r) => r.proposed < r.freeSeats),
    )!;
    const roomy = county.requests.find((r) => r.proposed < r.freeSeats)!;
    const mover =
      county.requests.find((r) => r.requestId !== roomy.requestId && r.proposed > 0 && r.sector === roomy.sector)?.persons[0] ??
      county.requests.find((r) => r.requestId !== roomy.requestId && r.proposed > 0)!.persons[0]!;
    const full = county.requests.find((r) => r.proposed >= r.freeSeats && r.requestId !== roomy.requestId);
    const other = view.counties.find((c) => c.countyId !== county.countyId && c.requests.length > 0)!;
    // Across counties: refused.
    expect(refusal(() => moveInRun(db, runId!, mover.placementId, other.requests[0]!.requestId, '김영호')).code).toBe(
      'allocation_move_other_county',
    );
    if (full) {
      const e = refusal(() => moveInRun(db, runId!, mover.placementId, full.requestId, '김영호'));
      expect(e.code).toBe('allocation_move_full');
      expect(errorSentence(e.toData(), 'ko')).toContain(full.workplace);
    }
    moveInRun(db, runId!, mover.placementId, roomy.requestId, '김영호');
    const after = proposalView(db, runId!, [county.countyId]);
    const moved = after.counties
      .find((c) => c.countyId === county.countyId)!
      .requests.find((r) => r.requestId === roomy.requestId)!
      .persons.find((p) => p.placementId === mover.placementId)!;
    expect(moved).toMatchObject({ moved: true, pinned: true });
    expect(after.totals.moved).toBe(1);
    // Keep someone without a workplace, by a pin.
    const kept = county.requests
      .find((r) => r.proposed > 0 && r.persons.some((p) => p.placementId !== mover.placementId))!
      .persons.find((p) => p.placementId !== mover.placementId)!;
    setPins(db, cohortId, [{ placementId: kept.placementId, requestId: null }], [], '김영호');
    ledger.close();
    // Pins survive a restart and the next run honours them.
    const again = openLedger(path);
    try {
      expect(listPins(again.db, cohortId).map((p) => [p.placementId, p.requestId])).toEqual(
        [
          [mover.placementId, roomy.requestId],
          [kept.placementId, null],
        ].sort((a, b) => a[0]! - b[0]!),
      );
      const second = runAllocation(again.db, { cohortId, clerk: '김영호' });
      const v2 = proposalView(again.db, second.runId!, [county.countyId]);
      const c2 = v2.counties.find((c) => c.countyId === county.countyId)!;
      expect(
        c2.requests.find((r) => r.requestId === roomy.requestId)!.persons.some((p) => p.placementId === mover.placementId && p.pinned),
      ).toBe(true);
      expect(c2.unassignedPersons.find((p) => p.placementId === kept.placementId)).toMatchObject({
        reason: 'kept_unassigned',
        pinned: true,
      });
      // Explanations of pinned persons say so, in words.
      const results = new RunResults();
      expect(explainInRun(again.db, results, second.runId!, kept.placementId, 'ko').sentences.join(' ')).toContain('고정');
      // The earlier run can no longer change once another is accepted over the same rows.
      acceptRun(again.db, second.runId!, '김영호');
      expect(again.db.prepare('SELECT request_id FROM placements WHERE id = ?').pluck().get(mover.placementId)).toBe(roomy.requestId);
      expect(again.db.prepare('SELECT request_id FROM placements WHERE id = ?').pluck().get(kept.placementId)).toBeNull();
      expect(refusal(() => acceptRun(again.db, runId!, '김영호')).code).toBe('allocation_stale');
      expect(refusal(() => setPins(again.db, cohortId, [{ placementId: mover.placementId, requestId: null }], [], '김영호')).code).toBe(
        'allocation_person_fixed',
      );
      expect(checkLedger(again.db)).toEqual({ ok: true, problems: [] });
    } finally {
      again.close();
    }
  });

  it('explains any person in words (Korean and English), never an id or an ISO date', () => {
    const { ledger } = fresh();
    const db = ledger.db;
    const { runId } = runAllocation(db, { cohortId: spring(ledger), clerk: '김영호' });
    const view = proposalView(db, runId!);
    const results = new RunResults();
    const assigned = view.counties.flatMap((c) => c.requests.flatMap((r) => r.persons)).slice(0, 20);
    const unassigned = view.counties.flatMap((c) => c.unassignedPersons).slice(0, 20);
    expect(assigned.length).toBeGreaterThan(0);
    for (const p of [...assigned, ...unassigned]) {
      for (const language of ['ko', 'en'] as const) {
        const e = explainInRun(db, results, runId!, p.placementId, language);
        expect(e.sentences.length).toBeGreaterThan(0);
        const text = e.sentences.join(' ');
        expect(text).not.toMatch(ISO);
        expect(text).not.toMatch(/_/);
        if (p.requestId !== null) expect(e.chosen?.requestId).toBe(p.requestId);
        else expect(e.reason).toBe(p.reason);
      }
    }
    discardRun(db, runId!);
    expect(refusal(() => acceptRun(db, runId!, '김영호')).code).toBe('allocation_run_closed');
    ledger.close();
  });

  it('writes the committee workbook: per county requests, persons and short reasons, no ids or ISO dates', async () => {
    const { ledger } = fresh();
    const db = ledger.db;
    const { runId } = runAllocation(db, { cohortId: spring(ledger), clerk: '김영호' });
    const view = proposalView(db, runId!);
    const folder = join(dir.dir, `book-${copies}`);
    const result = await exportProposal(db, runId!, { folder, language: 'ko', overwrite: false });
    expect(result.fileName).toBe('2027-봄-작업장배정안.xlsx');
    const sheets = await readWorkbookCells(result.path);
    expect(sheets.map((s) => s.name)).toEqual(['총괄', ...view.counties.map((c) => c.nameKo)]);
    const all = sheets.flatMap((s) => s.rows.flat().map(String));
    expect(all.some((v) => ISO.test(v))).toBe(false);
    const county = view.counties.find((c) => c.assigned > 0)!;
    const sheet = sheets.find((s) => s.name === county.nameKo)!;
    const someone = county.requests.find((r) => r.proposed > 0)!.persons[0]!;
    expect(sheet.rows.some((row) => row.includes(someone.serviceNo) && row.includes(someone.name))).toBe(true);
    expect(sheet.rows.some((row) => row.includes(county.requests[0]!.workplace))).toBe(true);
    // Never over a file without consent.
    await expect(exportProposal(db, runId!, { folder, language: 'ko', overwrite: false })).rejects.toMatchObject({
      code: 'export_files_exist',
    });
    const en = await exportProposal(db, runId!, { folder, language: 'en', overwrite: false });
    expect(en.fileName).toBe('2027-spring-allocation-proposal.xlsx');
    ledger.close();
  });

  it('settings out of range are refused with a sentence naming the setting and its range', () => {
    const { ledger } = fresh();
    const error = refusal(() => runAllocation(ledger.db, { cohortId: spring(ledger), clerk: 'x', settings: { fairness: 5000 } }));
    expect(error.code).toBe('allocation_setting_out_of_range');
    expect(errorSentence(error.toData(), 'ko')).toContain('고르게 나누기 가중치');
    expect(errorSentence(error.toData(), 'en')).toContain('from 0 to 1000');
    expect(ledger.db.prepare('SELECT count(*) FROM allocation_runs').pluck().get()).toBe(0);
    const info = settingsInfo(ledger.db, undefined);
    expect(info.ranges.fairness).toEqual({ min: 0, max: 1000 });
    expect(info.counties.length).toBeGreaterThan(5);
    ledger.close();
  });
});

describe('ledger allocate / ledger undo', () => {
  it('--json prints exactly the issue keys; --dry-run writes nothing; allocate then undo', async () => {
    const { ledger, path } = fresh();
    ledger.close();
    const dry = captureIo();
    expect(await runCli(['allocate', '--term', '2027-spring', '--dry-run', '--json', '--db', path], dry.io)).toBe(0);
    const summary = JSON.parse(dry.stdout()) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(['term', 'runId', 'assigned', 'unassigned', 'crossSector', 'objective', 'requests', 'ms']);
    expect(summary.term).toBe('2027-spring');
    expect(summary.runId).toBeNull();
    const requests = summary.requests as Record<string, unknown>[];
    expect(Object.keys(requests[0]!)).toEqual(['id', 'county', 'workplace', 'sector', 'seats', 'assigned']);
    expect(requests.reduce((s, r) => s + (r.assigned as number), 0)).toBe(summary.assigned);
    let db = openLedger(path);
    expect(db.db.prepare('SELECT count(*) FROM placements WHERE request_id IS NOT NULL').pluck().get()).toBe(0);
    expect(db.db.prepare('SELECT count(*) FROM allocation_runs').pluck().get()).toBe(0);
    db.close();

    const real = captureIo();
    expect(await runCli(['allocate', '--term', '2027-봄', '--json', '--db', path], real.io)).toBe(0);
    const done = JSON.parse(real.stdout()) as { assigned: number; runId: number };
    expect(done.assigned).toBe(summary.assigned);
    db = openLedger(path);
    expect(db.db.prepare('SELECT count(*) FROM placements WHERE request_id IS NOT NULL').pluck().get()).toBe(done.assigned);
    expect(db.db.prepare('SELECT state FROM allocation_runs WHERE id = ?').pluck().get(done.runId)).toBe('accepted');
    db.close();

    const back = captureIo();
    expect(await runCli(['undo', '--json', '--db', path], back.io)).toBe(0);
    expect(JSON.parse(back.stdout())).toMatchObject({ undone: 'allocate' });
    db = openLedger(path);
    expect(db.db.prepare('SELECT count(*) FROM placements WHERE request_id IS NOT NULL').pluck().get()).toBe(0);
    db.close();
  });

  it('exit 2 on bad usage, 1 with a sentence when refused', async () => {
    const { ledger, path } = fresh();
    ledger.close();
    const bad = captureIo();
    expect(await runCli(['allocate', '--term', 'someday', '--db', path], bad.io)).toBe(2);
    const missing = captureIo();
    expect(await runCli(['allocate', '--term', '2031-fall', '--db', path], missing.io)).toBe(1);
    expect(missing.stderr()).toContain('Import the Bureau');
    const county = captureIo();
    expect(await runCli(['allocate', '--county', '없는군', '--db', path], county.io)).toBe(1);
    expect(county.stderr()).toContain('없는군');
    // Nothing to undo in a ledger whose only operations are imports? Imports are undoable: undo
    // refuses only when nothing is left — after the imports are taken back.
    const fresh2 = tempDir('allocation-undo-');
    const empty = join(fresh2.dir, 'empty.sqlite');
    openLedger(empty).close();
    const nothing = captureIo();
    expect(await runCli(['undo', '--db', empty], nothing.io)).toBe(1);
    expect(nothing.stderr()).not.toBe('');
    fresh2.cleanup();
  });
});

describe('bad input: reported, nothing half-written', () => {
  it('a term with persons and no requests: every person «county_has_no_requests», per county; CLI writes nothing', async () => {
    const { ledger, path } = fresh();
    const db = ledger.db;
    const cohortId = spring(ledger);
    db.prepare('DELETE FROM county_requests WHERE cohort_id = ?').run(cohortId);
    const { runId, result } = runAllocation(db, { cohortId, clerk: '김영호' });
    expect(result.totals.assigned).toBe(0);
    const view = proposalView(db, runId!);
    expect(view.counties.length).toBeGreaterThan(3);
    for (const c of view.counties) {
      expect(c.noRequests).toBe(true);
      expect(c.unassignedBy.every((u) => u.reason === 'county_has_no_requests')).toBe(true);
    }
    expect(view.totals.countiesWithoutRequests).toBe(view.counties.length);
    expect(refusal(() => acceptRun(db, runId!, '김영호')).code).toBe('allocation_nothing_to_accept');
    ledger.close();
    const cli = captureIo();
    expect(await runCli(['allocate', '--term', '2027-spring', '--json', '--db', path], cli.io)).toBe(0);
    expect(JSON.parse(cli.stdout())).toMatchObject({ runId: null, assigned: 0, requests: [] });
    const again = openLedger(path);
    expect(again.db.prepare(`SELECT count(*) FROM operations WHERE kind = 'allocate'`).pluck().get()).toBe(0);
    expect(again.db.prepare('SELECT count(*) FROM placements WHERE request_id IS NOT NULL').pluck().get()).toBe(0);
    again.close();
  });

  it('a term with requests and no persons waiting: an empty proposal, nothing to accept', () => {
    const { ledger } = fresh();
    const db = ledger.db;
    const cohortId = spring(ledger);
    db.prepare(`UPDATE placements SET status = 'notified' WHERE cohort_id = ?`).run(cohortId);
    const { runId, result } = runAllocation(db, { cohortId, clerk: '김영호' });
    expect(result.totals.persons).toBe(0);
    const view = proposalView(db, runId!);
    expect(view.totals).toMatchObject({ persons: 0, assigned: 0, unassigned: 0 });
    expect(view.totals.requests).toBeGreaterThan(0);
    expect(view.counties.every((c) => !c.noRequests && c.persons === 0)).toBe(true);
    expect(refusal(() => acceptRun(db, runId!, '김영호')).code).toBe('allocation_nothing_to_accept');
    ledger.close();
  });

  it('every request full: the next run places nobody and says why; a county without requests gets nothing written', () => {
    const { ledger } = fresh();
    const db = ledger.db;
    const cohortId = spring(ledger);
    const first = runAllocation(db, { cohortId, clerk: '김영호' });
    const firstView = proposalView(db, first.runId!);
    const bare = firstView.counties.filter((c) => c.noRequests);
    acceptRun(db, first.runId!, '김영호');
    // A county with persons and no requests: reported, none of its persons given a workplace.
    for (const c of bare) {
      expect(c.unassigned).toBe(c.persons);
      expect(
        db
          .prepare('SELECT count(*) FROM placements WHERE cohort_id = ? AND dest_county_id = ? AND request_id IS NOT NULL')
          .pluck()
          .get(cohortId, c.countyId),
      ).toBe(0);
    }
    // Fill every request to its headcount (the sample asks for more than the Bureau sent).
    db.prepare(
      `UPDATE county_requests SET headcount = max(1, (SELECT count(*) FROM placements pl WHERE pl.request_id = county_requests.id)) WHERE cohort_id = ?`,
    ).run(cohortId);
    const second = runAllocation(db, { cohortId, clerk: '김영호' });
    expect(second.result.totals.assigned).toBe(0);
    const reasons = new Set(proposalView(db, second.runId!).counties.flatMap((c) => c.unassignedBy.map((u) => u.reason)));
    expect(reasons.has('all_full_before')).toBe(true);
    expect(reasons.has('seats_taken')).toBe(false);
    expect(checkLedger(db)).toEqual({ ok: true, problems: [] });
    ledger.close();
  });
});
