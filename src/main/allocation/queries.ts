// What the Allocation page chooses from: the terms with persons waiting for a workplace, the
// settings' defaults and ranges, the cities/counties of a term and the clerk's pins.
import type Database from 'better-sqlite3';
import type {
  AllocationCountyChoice,
  AllocationSettingsInfo,
  AllocationTerm,
  NumericAllocationSetting,
} from '../../shared/api/allocation.contract';
import type { Term } from '../../shared/domain';
import { LedgerError } from '../../shared/errors';
import { newestCohortId } from '../figures/term-figures';
import { resolveCounties } from '../export/queries';
import { listPins, listRuns } from './runs';
import { DEFAULT_SETTINGS, SETTING_RANGES } from './settings';

const WAITING = `request_id IS NULL AND status IN ('proposed', 'decided')`;
const OPEN_REQUEST = `status NOT IN ('cancelled', 'closed')`;
const FREE_SEATS = `max(0, r.headcount - (SELECT count(*) FROM placements pl WHERE pl.request_id = r.id AND pl.status <> 'cancelled'))`;

export function listTerms(db: Database.Database): AllocationTerm[] {
  const newest = newestCohortId(db);
  const rows = db
    .prepare<[], { id: number; year: number; term: Term; waiting: number; requests: number; free: number | null }>(
      `SELECT c.id, c.year, c.term,
              (SELECT count(*) FROM placements WHERE cohort_id = c.id AND ${WAITING}) AS waiting,
              (SELECT count(*) FROM county_requests WHERE cohort_id = c.id AND ${OPEN_REQUEST}) AS requests,
              (SELECT sum(${FREE_SEATS}) FROM county_requests r WHERE r.cohort_id = c.id AND r.${OPEN_REQUEST}) AS free
         FROM cohorts c ORDER BY c.year DESC, CASE c.term WHEN 'fall' THEN 0 WHEN 'summer' THEN 1 ELSE 2 END`,
    )
    .all();
  return rows.map((r) => ({
    cohortId: r.id,
    year: r.year,
    term: r.term,
    waiting: r.waiting,
    requests: r.requests,
    freeSeats: r.free ?? 0,
    newest: r.id === newest,
    lastRun: listRuns(db, r.id, 1)[0] ?? null,
  }));
}

/** The term of a call: the one given (it must exist) or the newest with data. */
export function cohortOf(db: Database.Database, cohortId: number | undefined | null): { id: number; year: number; term: Term } {
  const id = cohortId ?? newestCohortId(db);
  const row =
    id === null
      ? undefined
      : db.prepare<[number], { id: number; year: number; term: Term }>('SELECT id, year, term FROM cohorts WHERE id = ?').get(id);
  if (!row) throw new LedgerError('allocation_term_missing', `no term ${String(id)} in the ledger`);
  return row;
}

export function countyChoices(db: Database.Database, cohortId: number): AllocationCountyChoice[] {
  return db
    .prepare<[{ cohort: number }], AllocationCountyChoice>(
      `SELECT u.id AS countyId, u.name_ko AS nameKo, u.name_en AS nameEn, p.name_ko AS provinceKo, p.name_en AS provinceEn,
              (SELECT count(*) FROM placements WHERE cohort_id = @cohort AND dest_county_id = u.id AND ${WAITING}) AS waiting,
              (SELECT count(*) FROM county_requests WHERE cohort_id = @cohort AND county_id = u.id AND ${OPEN_REQUEST}) AS requests,
              coalesce((SELECT sum(${FREE_SEATS}) FROM county_requests r WHERE r.cohort_id = @cohort AND r.county_id = u.id AND r.${OPEN_REQUEST}), 0) AS freeSeats
         FROM regions u LEFT JOIN regions p ON p.id = u.parent_id
        WHERE u.id IN (SELECT dest_county_id FROM placements WHERE cohort_id = @cohort AND ${WAITING}
                       UNION SELECT county_id FROM county_requests WHERE cohort_id = @cohort AND ${OPEN_REQUEST})
        ORDER BY p.name_ko, u.name_ko, u.id`,
    )
    .all({ cohort: cohortId });
}

export function settingsInfo(db: Database.Database, cohortId: number | undefined): AllocationSettingsInfo {
  const cohort = cohortOf(db, cohortId);
  const ranges = Object.fromEntries(
    Object.entries(SETTING_RANGES).map(([k, [min, max]]) => [k, { min, max }]),
  ) as AllocationSettingsInfo['ranges'];
  return {
    cohortId: cohort.id,
    year: cohort.year,
    term: cohort.term,
    defaults: { ...DEFAULT_SETTINGS, otherSectorCounties: [] },
    ranges: ranges satisfies Record<NumericAllocationSetting, { min: number; max: number }>,
    counties: countyChoices(db, cohort.id),
    pins: listPins(db, cohort.id),
  };
}

/** Cities/counties by name (회양군, 강원도 회양군, Hoeyang, a region code) → ids. */
export function countyIdsByName(db: Database.Database, names: readonly string[]): number[] {
  try {
    return resolveCounties(db, names);
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'export_unknown_county') {
      throw new LedgerError('allocation_unknown_county', error.message, error.details);
    }
    throw error;
  }
}
