// The allocation engine against an independent LP solver (HiGHS) on random instances, every hard
// rule checked on every result, determinism, and settings out of range.
import { describe, expect, it } from 'vitest';
import { allocate, proposalText } from '../../src/main/allocation/allocate';
import type { AllocationInput } from '../../src/main/allocation/input';
import { resolveSettings, type AllocationSettings } from '../../src/main/allocation/settings';
import { LedgerError } from '../../src/shared/errors';
import { highsOptimum, personGroups, randomInstance, type RandomShape } from '../helpers/allocation';
import { checkHardRules } from './allocation-support';

const SHAPES: RandomShape[] = [
  { counties: 1, maxRequests: 3, maxPersons: 8, maxHeadcount: 4 },
  { counties: 2, maxRequests: 5, maxPersons: 30, maxHeadcount: 6 },
  { counties: 3, maxRequests: 8, maxPersons: 80, maxHeadcount: 12 },
  { counties: 4, maxRequests: 12, maxPersons: 150, maxHeadcount: 25 },
];

describe('allocation solver', () => {
  it('matches HiGHS on 240 random instances and keeps every hard rule', async () => {
    let compared = 0;
    let nonTrivial = 0;
    for (let seed = 1; seed <= 240; seed++) {
      const { input, settings: partial } = randomInstance(seed, SHAPES[seed % SHAPES.length]!);
      const settings = resolveSettings(partial);
      const result = allocate(input, settings);
      const objective = checkHardRules(input, settings, result);
      expect(result.totals.objective, `seed ${seed}`).toBe(objective);
      const lp = await highsOptimum(input, settings, personGroups(input));
      expect(result.totals.assigned, `seed ${seed}: persons placed`).toBe(lp.placed);
      expect(
        Math.abs(-result.totals.objective - lp.cost),
        `seed ${seed}: objective ${result.totals.objective} vs HiGHS ${-lp.cost}`,
      ).toBeLessThan(1e-6);
      compared++;
      if (lp.placed > 0) nonTrivial++;
    }
    expect(compared).toBe(240);
    expect(nonTrivial).toBeGreaterThan(150);
  });

  it('gives byte-identical proposals for the same input', () => {
    for (const seed of [3, 17, 99]) {
      const { input, settings } = randomInstance(seed, SHAPES[3]!);
      const a = proposalText(allocate(input, settings));
      const b = proposalText(allocate(input, settings));
      expect(a).toBe(b);
      // The same persons listed in another order give the same proposal.
      const reversed = reverseInput(input);
      expect(proposalText(allocate(reversed, settings))).toBe(a);
    }
  });

  it('hands a class out by unit, then service number', () => {
    const { input } = randomInstance(41, SHAPES[3]!);
    const result = allocate(input, { keepUnits: false });
    for (const cl of result.classes) {
      const units = [...cl.persons].map((p) => input.persons.unitTexts[input.persons.unit[p]!]! + '\u0001' + input.persons.serviceNo[p]);
      expect(units).toEqual([...units].sort());
    }
  });

  it('handles the edge cases: no requests, no persons, every request full', async () => {
    const base = randomInstance(7, SHAPES[2]!).input;
    const noRequests = { ...base, requests: [] };
    const r1 = allocate(noRequests);
    expect(r1.totals.assigned).toBe(0);
    expect(r1.counties.every((c) => c.unassigned.county_has_no_requests === c.persons)).toBe(true);
    const noPersons = { ...base, persons: { ...base.persons, count: 0 } };
    expect(allocate(noPersons).totals).toMatchObject({ persons: 0, assigned: 0, unassigned: 0, objective: 0 });
    const full = { ...base, requests: base.requests.map((r) => ({ ...r, taken: r.headcount, freeSeats: 0 })) };
    const r3 = allocate(full, { otherSectorCounties: [] });
    expect(r3.totals.assigned).toBe(0);
    const reasons = r3.counties.flatMap((c) => c.unassignedBySector.map((u) => u.reason));
    expect(reasons).toContain('all_full_before');
    expect(reasons).not.toContain('seats_taken');
  });

  it('refuses settings out of range with a stable code', () => {
    const { input } = randomInstance(5, SHAPES[0]!);
    for (const bad of [
      { fairness: -1 },
      { skillPoints: 1.5 },
      { priorityWeight: 1001 },
      { otherSectorCost: Number.NaN },
      { otherSectorCounties: [0] },
    ]) {
      try {
        allocate(input, bad as Partial<AllocationSettings>);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(LedgerError);
        expect((error as LedgerError).code).toBe('allocation_setting_out_of_range');
        expect((error as LedgerError).details?.setting).toBe(Object.keys(bad)[0]);
      }
    }
  });

  it('catches a broken solver (potentials not updated)', async () => {
    let caught = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { input, settings } = randomInstance(seed, SHAPES[3]!);
      const broken = allocate(input, settings, { breakSolver: true });
      const lp = await highsOptimum(input, resolveSettings(settings), personGroups(input));
      if (broken.totals.assigned !== lp.placed || Math.abs(-broken.totals.objective - lp.cost) > 1e-6) caught++;
    }
    expect(caught).toBeGreaterThan(0);
  });
});

function reverseInput(input: AllocationInput): AllocationInput {
  const p = input.persons;
  const idx = Array.from({ length: p.count }, (_, i) => p.count - 1 - i);
  const take = <T extends Int32Array | Uint8Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(p.count);
    idx.forEach((j, i) => (b[i] = a[j]!));
    return b;
  };
  return {
    ...input,
    persons: {
      ...p,
      placementId: take(p.placementId),
      personId: take(p.personId),
      countyId: take(p.countyId),
      sector: take(p.sector),
      skill: take(p.skill),
      unit: take(p.unit),
      serviceNo: idx.map((j) => p.serviceNo[j]!),
    },
  };
}
