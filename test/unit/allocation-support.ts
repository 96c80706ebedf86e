// Shared checks of allocation tests: every hard rule of a result, person by person.
import { join } from 'node:path';
import { expect } from 'vitest';
import type { AllocationResult } from '../../src/main/allocation/allocate';
import type { AllocationInput } from '../../src/main/allocation/input';
import type { AllocationSettings } from '../../src/main/allocation/settings';
import type { Ledger } from '../../src/main/ledger/open';
import { seatCost } from '../helpers/allocation';
import { importFile } from '../helpers/import';

/** Every hard rule, checked person by person; returns the objective recomputed from scratch. */
export function checkHardRules(input: AllocationInput, settings: AllocationSettings, result: AllocationResult): number {
  const { persons, requests } = input;
  const sectors = ['local_factory', 'rural_housing', 'farm_team', 'other'];
  const perRequest = new Map<number, number[]>();
  let objective = 0;
  let cross = 0;
  for (let i = 0; i < persons.count; i++) {
    const r = result.personRequest[i]!;
    if (r < 0) {
      expect(result.personReason[i]).toBeGreaterThanOrEqual(0);
      continue;
    }
    const request = requests[r]!;
    // Only a request of the person's own city/county.
    expect(request.countyId).toBe(persons.countyId[i]);
    // The same sector unless the county allows another.
    const sector = sectors[persons.sector[i]!]!;
    if (request.sector !== sector) {
      expect(settings.otherSectorCounties).toContain(request.countyId);
      cross++;
    }
    const have = new Set(
      persons.skillTexts[persons.skill[i]!]!.split(/[,，、;/]/)
        .map((s) => s.trim())
        .filter(Boolean),
    );
    objective +=
      settings.skillPoints * new Set(request.skills.filter((s) => have.has(s))).size +
      settings.priorityWeight * Math.max(0, 10 - request.priority) +
      (request.dev20x10 ? settings.dev20x10Points : 0) -
      (request.sector === sector ? 0 : settings.otherSectorCost);
    (perRequest.get(r) ?? perRequest.set(r, []).get(r)!).push(i);
  }
  for (const [r, list] of perRequest) {
    // Never beyond a request's free seats.
    expect(list.length).toBeLessThanOrEqual(requests[r]!.freeSeats);
    for (let k = 1; k <= list.length; k++) objective -= seatCost(settings, k, requests[r]!.freeSeats);
    // Seats are numbered 1..n within the request.
    expect(list.map((p) => result.personSeat[p]).sort((a, b) => a! - b!)).toEqual(list.map((_, k) => k + 1));
  }
  expect(result.totals.crossSector).toBe(cross);
  expect(result.totals.assigned + result.totals.unassigned).toBe(persons.count);
  return objective;
}

/** The spring term's Bureau decisions and the county request workbooks of /work/shared/samples, imported. */
export async function importSamples(ledger: Ledger): Promise<void> {
  for (const [file, options] of [
    ['decision-11-spring-ko.xlsx', {}],
    ['decision-11-spring-utf8.csv', {}],
    ['county-requests-11.xlsx', { year: 2027 }],
    ['county-requests-12-per-sheet.xlsx', { year: 2027 }],
  ] as const) {
    const { report } = await importFile(ledger, join('/work/shared/samples', file), { skipInvalid: true, options });
    expect(report.committed, file).toBe(true);
  }
}
