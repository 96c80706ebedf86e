// "Why", for one person of a recorded run: the run is worked out again from the ledger with its
// own settings, scope and pins (the same ledger gives the same proposal, byte for byte), checked
// against the run's input hash, and explained from the solved network's dual values. A person the
// clerk pinned or moved by hand is said so first.
import type Database from 'better-sqlite3';
import type { AllocationExplanation, AllocationSettingsData, AllocationUnassignedReason } from '../../shared/api/allocation.contract';
import type { Language, Sector } from '../../shared/domain';
import { LedgerError } from '../../shared/errors';
import { interpolate, messages } from '../../shared/i18n';
import { explanationSentences } from '../../shared/i18n/allocation';
import { allocate, type AllocationResult } from './allocate';
import { explainPerson, explanationWords, personOfPlacement } from './explain';
import { readAllocationInput } from './input';
import { runRow } from './runs';

/** Solved runs kept for explanations (the newest few). */
export class RunResults {
  private readonly results = new Map<number, AllocationResult>();
  constructor(private readonly keep = 2) {}

  get(db: Database.Database, runId: number): AllocationResult {
    const cached = this.results.get(runId);
    if (cached) return cached;
    const row = runRow(db, runId);
    const input = readAllocationInput(db, {
      cohortId: row.cohort_id,
      countyIds: JSON.parse(row.county_ids) as number[],
      pins: JSON.parse(row.pins) as { placementId: number; requestId: number | null }[],
    });
    if (input.inputHash !== row.input_hash)
      throw new LedgerError('allocation_ledger_changed', `run ${runId}: the ledger changed since`, { runId });
    const result = allocate(input, JSON.parse(row.settings) as AllocationSettingsData);
    this.results.set(runId, result);
    while (this.results.size > this.keep) this.results.delete(this.results.keys().next().value!);
    return result;
  }

  /** Keeps a result just computed (the run's own, before the ledger moves on). */
  put(runId: number, result: AllocationResult): void {
    this.results.set(runId, result);
    while (this.results.size > this.keep) this.results.delete(this.results.keys().next().value!);
  }
}

export function explainInRun(
  db: Database.Database,
  results: RunResults,
  runId: number,
  placementId: number,
  language: Language,
): AllocationExplanation {
  const a = db
    .prepare<
      [number, number],
      { request_id: number | null; reason: AllocationUnassignedReason | null; pinned: number; moved: number; workplace: string | null }
    >(
      `SELECT a.request_id, a.reason, a.pinned, a.moved, r.workplace FROM allocation_assignments a LEFT JOIN county_requests r ON r.id = a.request_id
        WHERE a.run_id = ? AND a.placement_id = ?`,
    )
    .get(runId, placementId);
  if (!a) throw new LedgerError('not_found', `placement ${placementId} is not in run ${runId}`);
  const who = db
    .prepare<[number], { service_no: string; name: string; sector: Sector; name_ko: string; name_en: string }>(
      `SELECT p.service_no, p.name, pl.sector, u.name_ko, u.name_en FROM placements pl JOIN persons p ON p.id = pl.person_id
         JOIN regions u ON u.id = pl.dest_county_id WHERE pl.id = ?`,
    )
    .get(placementId)!;
  const m = messages[language].allocation.why;
  const base: AllocationExplanation = {
    runId,
    placementId,
    serviceNo: who.service_no,
    name: who.name,
    countyKo: who.name_ko,
    countyEn: who.name_en,
    sector: who.sector,
    sentences: [],
    chosen: null,
    reason: a.reason,
    ruledOut: { otherCounty: 0, otherSector: [], full: [] },
    alternatives: [],
    equallyGoodExists: false,
    pinned: a.pinned === 1,
    moved: a.moved === 1,
  };
  const handNote = a.moved === 1 ? (a.request_id === null ? m.movedNone : interpolate(m.moved, { workplace: a.workplace })) : null;
  // Pinned before the run: the engine did not choose, the clerk did.
  if (a.pinned === 1) {
    const pinNote = a.request_id === null ? m.pinnedNone : interpolate(m.pinned, { workplace: a.workplace });
    return { ...base, sentences: handNote ? [handNote] : [pinNote] };
  }
  const result = results.get(db, runId);
  const i = personOfPlacement(result, placementId);
  if (i < 0) throw new LedgerError('allocation_ledger_changed', `placement ${placementId} not in the recomputed run ${runId}`, { runId });
  const e = explainPerson(result, i);
  const words = explanationWords(result, e, language);
  const { requests } = result.input;
  const sentences = explanationSentences(words, language);
  return {
    ...base,
    sentences: handNote ? [handNote, ...sentences] : sentences,
    chosen: e.chosen && {
      ...e.chosen.points,
      requestId: requests[e.chosen.request]!.id,
      workplace: requests[e.chosen.request]!.workplace,
      sector: requests[e.chosen.request]!.sector,
      fairnessCost: e.chosen.fairnessCost,
      seat: e.chosen.seat,
      freeSeats: e.chosen.freeSeats,
      net: e.chosen.net,
      crossSector: e.chosen.crossSector,
    },
    reason: a.reason,
    ruledOut: words.ruledOut,
    alternatives: e.alternatives.map((x) => ({
      requestId: requests[x.request]!.id,
      workplace: requests[x.request]!.workplace,
      points: x.points.total,
      betterLooking: x.betterLooking,
      gainForPerson: x.gainForPerson,
      loss: x.loss,
      costToOthers: x.costToOthers,
      equallyGood: x.equallyGood,
      alikeThere: x.alikeThere,
    })),
    equallyGoodExists: e.equallyGoodExists,
  };
}
