// Allocation on a real ledger file built by the project's import from /work/shared/samples: the
// spring term's Bureau decisions (Korean workbook and UTF-8 CSV) and the county request workbooks.
// Every person read is «작업장 미정»; the proposal keeps the hard rules, equals HiGHS's optimum,
// is the same twice, and every person can be explained in Korean and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate, proposalText } from '../../src/main/allocation/allocate';
import { explainInWords, explainPerson, personOfPlacement } from '../../src/main/allocation/explain';
import { readAllocationInput } from '../../src/main/allocation/input';
import { resolveSettings } from '../../src/main/allocation/settings';
import { type LedgerError } from '../../src/shared/errors';
import { errorSentence } from '../../src/shared/i18n';
import { highsOptimum, personGroups } from '../helpers/allocation';
import { tempLedger } from '../helpers/ledger';
import { checkHardRules, importSamples } from './allocation-support';

let t: ReturnType<typeof tempLedger>;
let spring: number;

beforeAll(async () => {
  t = tempLedger();
  await importSamples(t.ledger);
  spring = t.ledger.db.prepare(`SELECT id FROM cohorts WHERE year = 2027 AND term = 'spring'`).pluck().get() as number;
}, 120_000);
afterAll(() => t?.cleanup());

describe('allocation on an imported ledger', () => {
  it('proposes workplaces for the persons «작업장 미정», optimal and within the rules', async () => {
    const db = t.ledger.db;
    const input = readAllocationInput(db, { cohortId: spring });
    const withoutWorkplace = db
      .prepare(`SELECT count(*) FROM placements WHERE cohort_id = ? AND request_id IS NULL AND status = 'decided'`)
      .pluck()
      .get(spring);
    expect(input.persons.count).toBe(withoutWorkplace);
    expect(input.persons.count).toBeGreaterThan(300);
    expect(input.requests.length).toBeGreaterThan(50);
    const settings = resolveSettings({});
    const result = allocate(input, settings);
    expect(result.totals.assigned).toBeGreaterThan(0);
    expect(result.totals.objective).toBe(checkHardRules(input, settings, result));
    const lp = await highsOptimum(input, settings, personGroups(input));
    expect(result.totals.assigned).toBe(lp.placed);
    expect(-result.totals.objective).toBeCloseTo(lp.cost, 6);
    // Reported per city/county: every person counted once, assigned or with a reason.
    for (const c of result.counties) {
      const reasons = Object.values(c.unassigned).reduce((a, b) => a + b, 0);
      expect(c.assigned + reasons).toBe(c.persons);
      for (const r of c.requests) expect(r.proposed).toBeLessThanOrEqual(r.freeSeats);
    }
    // The same ledger and settings: the same input hash and byte-identical proposal.
    const again = allocate(readAllocationInput(db, { cohortId: spring }), settings);
    expect(again.inputHash).toBe(result.inputHash);
    expect(proposalText(again)).toBe(proposalText(result));
  });

  it('allows another sector only where the clerk says, and flags it', () => {
    const db = t.ledger.db;
    const input = readAllocationInput(db, { cohortId: spring });
    const strict = allocate(input);
    const county = strict.counties.find((c) => c.unassigned.no_request_of_sector > 0)!;
    expect(county).toBeDefined();
    const open = allocate(input, { otherSectorCounties: [county.countyId] });
    const after = open.counties.find((c) => c.countyId === county.countyId)!;
    expect(after.crossSector).toBeGreaterThan(0);
    expect(after.assigned).toBeGreaterThan(county.assigned);
    expect(open.totals.crossSector).toBe(after.crossSector);
    checkHardRules(input, open.settings, open);
    const p = [...open.personRequest.keys()].find(
      (i) =>
        open.personRequest[i]! >= 0 &&
        input.requests[open.personRequest[i]!]!.sector !==
          ['local_factory', 'rural_housing', 'farm_team', 'other'][input.persons.sector[i]!],
    )!;
    expect(explainPerson(open, p).chosen?.crossSector).toBe(true);
    expect(explainInWords(open, p, 'ko').join(' ')).toContain('다른 부문');
  });

  it('explains every person in Korean and English without ids or codes', () => {
    const db = t.ledger.db;
    const input = readAllocationInput(db, { cohortId: spring });
    const result = allocate(input);
    let equallyGood = 0;
    let costly = 0;
    for (let i = 0; i < input.persons.count; i++) {
      const e = explainPerson(result, i);
      if (e.chosen) {
        expect(e.chosen.points.total - e.chosen.fairnessCost).toBe(e.chosen.net);
        // Duals: no alternative could be taken with a gain for the whole (the optimum).
        for (const a of e.alternatives) if (a.loss !== null) expect(a.loss).toBeGreaterThanOrEqual(0);
      } else expect(e.unassignedReason).not.toBeNull();
      if (e.equallyGoodExists) equallyGood++;
      if (e.alternatives.some((a) => a.betterLooking && (a.loss ?? 0) > 0)) costly++;
      for (const language of ['ko', 'en'] as const) {
        const words = explainInWords(result, i, language);
        expect(words.length).toBeGreaterThan(0);
        const text = words.join(' ');
        expect(text).not.toMatch(/local_factory|rural_housing|farm_team|seats_taken|no_request|\{\{|undefined|NaN|\d{4}-\d\d-\d\d/);
      }
    }
    expect(equallyGood + costly).toBeGreaterThan(0);
    const assigned = [...result.personRequest.keys()].find((i) => result.personRequest[i]! >= 0)!;
    const ko = explainInWords(result, assigned, 'ko');
    expect(ko[0]).toContain(`«${input.requests[result.personRequest[assigned]!]!.workplace}»에 배정하였습니다`);
    expect(explainInWords(result, assigned, 'en')[0]).toMatch(/^Proposed for “/);
  });

  it('never moves pinned, notified or arrived persons, and keeps to the chosen counties', () => {
    const db = t.ledger.db;
    const base = readAllocationInput(db, { cohortId: spring });
    const result = allocate(base);
    const someone = [...result.personRequest.keys()].find((i) => result.personRequest[i]! >= 0)!;
    const request = base.requests[result.personRequest[someone]!]!;
    const pinned = readAllocationInput(db, {
      cohortId: spring,
      pins: [{ placementId: base.persons.placementId[someone]!, requestId: request.id }],
    });
    expect(pinned.persons.count).toBe(base.persons.count - 1);
    expect(pinned.requests.find((r) => r.id === request.id)!.freeSeats).toBe(request.freeSeats - 1);
    expect(pinned.inputHash).not.toBe(base.inputHash);
    const again = allocate(pinned);
    expect(personOfPlacement(again, base.persons.placementId[someone]!)).toBe(-1);

    const other = base.persons.placementId[(someone + 1) % base.persons.count]!;
    db.prepare(`UPDATE placements SET status = 'notified' WHERE id = ?`).run(other);
    try {
      const after = readAllocationInput(db, { cohortId: spring });
      expect(after.persons.count).toBe(base.persons.count - 1);
      expect([...after.persons.placementId]).not.toContain(other);
      expect(after.inputHash).not.toBe(base.inputHash);
    } finally {
      db.prepare(`UPDATE placements SET status = 'decided' WHERE id = ?`).run(other);
    }

    const county = base.countyIds[0]!;
    const one = readAllocationInput(db, { cohortId: spring, countyIds: [county] });
    expect(one.countyIds).toEqual([county]);
    expect(one.requests.every((r) => r.countyId === county)).toBe(true);
    expect(allocate(one).counties.map((c) => c.countyId)).toEqual([county]);
  });

  it('says in words when the term is missing or a setting is out of range', () => {
    const db = t.ledger.db;
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error as LedgerError;
      }
      throw new Error('not refused');
    };
    const missing = refusal(() => readAllocationInput(db, { cohortId: 99_999 }));
    expect(missing.code).toBe('allocation_term_missing');
    const bad = refusal(() => allocate(readAllocationInput(db, { cohortId: spring }), { fairness: 5000 }));
    expect(bad.code).toBe('allocation_setting_out_of_range');
    expect(errorSentence(bad.toData(), 'ko')).toBe(
      '배정 설정 «고르게 나누기 가중치»의 값이 맞지 않습니다(0부터 1000까지의 옹근수). 설정을 고쳐 다시 하십시오. 아무것도 바꾸지 않았습니다.',
    );
    expect(errorSentence(bad.toData(), 'en')).toContain('“Fairness weight” is out of range (a whole number from 0 to 1000)');
    const list = refusal(() => allocate(readAllocationInput(db, { cohortId: spring }), { otherSectorCounties: [-1] }));
    expect(errorSentence(list.toData(), 'ko')).toContain('«다른 부문 배정을 허용한 시·군»의 값이 맞지 않습니다(허용되지 않는 값)');
  });
});
