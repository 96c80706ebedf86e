// A recorded run as the page (and the committee workbook) shows it: per city/county by name, each
// request with its seats, proposed persons (service number and name) and fill rate, the persons
// left without a workplace and why, other-sector flags, totals. Built from the run's rows in the
// ledger, so it is the same after a restart, and after a move by hand.
import type Database from 'better-sqlite3';
import type {
  AllocationCountyView,
  AllocationPersonView,
  AllocationProposal,
  AllocationRequestView,
  AllocationSettingsData,
  AllocationSolverFigures,
  AllocationTotals,
  AllocationUnassignedReason,
} from '../../shared/api/allocation.contract';
import { SECTORS, type Sector } from '../../shared/domain';
import { splitSkills } from './input';
import { runRow, runSummary } from './runs';

/** Proposals up to this many persons come with every person; larger ones county by county. */
export const INLINE_PERSONS = 20000;

const REASON_ORDER: readonly AllocationUnassignedReason[] = [
  'county_has_no_requests',
  'no_request_of_sector',
  'all_full_before',
  'seats_taken',
  'kept_unassigned',
];

interface PersonRow {
  placement_id: number;
  county_id: number;
  request_id: number | null;
  reason: AllocationUnassignedReason | null;
  seat: number;
  moved: number;
  person_id: number;
  service_no: string;
  name: string;
  sector: Sector;
  skill: string | null;
  unit: string | null;
  rank: string | null;
  request_sector: Sector | null;
  pinned_now: number;
}

interface CountyFigureRow {
  county_id: number;
  persons: number;
  assigned: number;
  cross: number;
}

/**
 * The run's proposal. `include`: whose persons to list — 'auto' (all when the run is small, else
 * none), or the cities/counties asked for.
 */
export function proposalView(
  db: Database.Database,
  runId: number,
  include: 'auto' | 'all' | readonly number[] = 'auto',
): AllocationProposal {
  return db.transaction(() => buildView(db, runId, include)).deferred();
}

function buildView(db: Database.Database, runId: number, include: 'auto' | 'all' | readonly number[]): AllocationProposal {
  const row = runRow(db, runId);
  const run = runSummary(row);
  const objectives = new Map((JSON.parse(row.counties) as { countyId: number; objective: number }[]).map((c) => [c.countyId, c.objective]));
  const figures = db
    .prepare<[number], CountyFigureRow>(
      `SELECT a.county_id, count(*) AS persons, count(a.request_id) AS assigned,
              sum(CASE WHEN r.sector IS NOT NULL AND r.sector <> pl.sector THEN 1 ELSE 0 END) AS cross
         FROM allocation_assignments a JOIN placements pl ON pl.id = a.placement_id LEFT JOIN county_requests r ON r.id = a.request_id
        WHERE a.run_id = ? GROUP BY a.county_id`,
    )
    .all(runId);
  const byCounty = new Map(figures.map((f) => [f.county_id, f]));
  const requestRows = db
    .prepare<
      [number],
      {
        request_id: number;
        county_id: number;
        taken_before: number;
        workplace: string;
        sector: Sector;
        skills_wanted: string;
        priority: number;
        dev_20x10: number;
        headcount: number;
      }
    >(
      `SELECT q.request_id, q.county_id, q.taken_before, r.workplace, r.sector, r.skills_wanted, r.priority, r.dev_20x10, r.headcount
         FROM allocation_run_requests q JOIN county_requests r ON r.id = q.request_id
        WHERE q.run_id = ? ORDER BY q.county_id, r.priority, r.workplace, q.request_id`,
    )
    .all(runId);
  // Persons per request in one pass (not a count per request over the run's rows).
  const perRequest = new Map(
    db
      .prepare<[number], { request_id: number; proposed: number; cross: number }>(
        `SELECT a.request_id, count(*) AS proposed, sum(CASE WHEN pl.sector <> r.sector THEN 1 ELSE 0 END) AS cross
           FROM allocation_assignments a JOIN placements pl ON pl.id = a.placement_id JOIN county_requests r ON r.id = a.request_id
          WHERE a.run_id = ? AND a.request_id IS NOT NULL GROUP BY a.request_id`,
      )
      .all(runId)
      .map((r) => [r.request_id, r]),
  );
  const unassignedBy = db
    .prepare<[number], { county_id: number; sector: Sector; reason: AllocationUnassignedReason; persons: number }>(
      `SELECT a.county_id, pl.sector, a.reason, count(*) AS persons FROM allocation_assignments a JOIN placements pl ON pl.id = a.placement_id
        WHERE a.run_id = ? AND a.request_id IS NULL GROUP BY a.county_id, pl.sector, a.reason`,
    )
    .all(runId);
  const countyIds = [...new Set([...byCounty.keys(), ...requestRows.map((r) => r.county_id)])];
  const names = db.prepare<[number], { name_ko: string; name_en: string; province_ko: string; province_en: string }>(
    `SELECT u.name_ko, u.name_en, p.name_ko AS province_ko, p.name_en AS province_en FROM regions u LEFT JOIN regions p ON p.id = u.parent_id WHERE u.id = ?`,
  );
  const wantAll = include === 'all' || (include === 'auto' && row.persons <= INLINE_PERSONS);
  const wanted = new Set(Array.isArray(include) ? include : wantAll ? countyIds : []);
  const personsOf = db.prepare<[number, number], PersonRow>(
    `SELECT a.placement_id, a.county_id, a.request_id, a.reason, a.seat, a.moved, p.id AS person_id, p.service_no, p.name, pl.sector,
            p.skill, p.unit, p.rank, r.sector AS request_sector,
            EXISTS (SELECT 1 FROM allocation_pins x WHERE x.placement_id = a.placement_id) AS pinned_now
       FROM allocation_assignments a JOIN placements pl ON pl.id = a.placement_id JOIN persons p ON p.id = pl.person_id
       LEFT JOIN county_requests r ON r.id = a.request_id
      WHERE a.run_id = ? AND a.county_id = ?
      ORDER BY a.request_id, a.seat = 0, a.seat, p.service_no, a.placement_id`,
  );
  const counties: AllocationCountyView[] = countyIds.map((countyId) => {
    const n = names.get(countyId);
    const f = byCounty.get(countyId) ?? { persons: 0, assigned: 0, cross: 0 };
    const persons = wanted.has(countyId) ? personsOf.all(runId, countyId).map(personView) : null;
    const requests: AllocationRequestView[] = requestRows
      .filter((r) => r.county_id === countyId)
      .map((r) => ({
        requestId: r.request_id,
        workplace: r.workplace,
        sector: r.sector,
        skills: splitSkills(r.skills_wanted),
        priority: r.priority,
        dev20x10: r.dev_20x10 === 1,
        headcount: r.headcount,
        takenBefore: r.taken_before,
        freeSeats: Math.max(0, r.headcount - r.taken_before),
        proposed: perRequest.get(r.request_id)?.proposed ?? 0,
        fillRate: r.headcount > 0 ? Math.min(1, (r.taken_before + (perRequest.get(r.request_id)?.proposed ?? 0)) / r.headcount) : 0,
        crossSector: perRequest.get(r.request_id)?.cross ?? 0,
        persons: persons ? persons.filter((p) => p.requestId === r.request_id) : [],
      }));
    return {
      countyId,
      nameKo: n?.name_ko ?? '',
      nameEn: n?.name_en ?? '',
      provinceKo: n?.province_ko ?? '',
      provinceEn: n?.province_en ?? '',
      persons: f.persons,
      assigned: f.assigned,
      unassigned: f.persons - f.assigned,
      crossSector: f.cross,
      objective: objectives.get(countyId) ?? 0,
      noRequests: requests.length === 0 && f.persons > 0,
      requests,
      unassignedBy: unassignedBy
        .filter((u) => u.county_id === countyId)
        .map(({ sector, reason, persons: count }) => ({ sector, reason, persons: count }))
        .sort(
          (a, b) =>
            SECTORS.indexOf(a.sector) - SECTORS.indexOf(b.sector) || REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason),
        ),
      unassignedPersons: persons ? persons.filter((p) => p.requestId === null) : [],
      personsIncluded: persons !== null,
    };
  });
  // Cities/counties in the ledger's order: province, then name (Korean).
  counties.sort(
    (a, b) => a.provinceKo.localeCompare(b.provinceKo, 'ko') || a.nameKo.localeCompare(b.nameKo, 'ko') || a.countyId - b.countyId,
  );
  const moved = db
    .prepare<[number], number>('SELECT count(*) FROM allocation_assignments WHERE run_id = ? AND moved = 1')
    .pluck()
    .get(runId)!;
  const pinned = db
    .prepare<[number], number>(
      'SELECT count(*) FROM allocation_assignments a WHERE a.run_id = ? AND EXISTS (SELECT 1 FROM allocation_pins x WHERE x.placement_id = a.placement_id)',
    )
    .pluck()
    .get(runId)!;
  return {
    run,
    settings: JSON.parse(row.settings) as AllocationSettingsData,
    totals: totalsOf(counties, row.objective, pinned, moved),
    solver: JSON.parse(row.solver) as AllocationSolverFigures,
    counties,
  };
}

export function totalsOf(counties: readonly AllocationCountyView[], objective: number, pinned: number, moved: number): AllocationTotals {
  const t: AllocationTotals = {
    persons: 0,
    assigned: 0,
    unassigned: 0,
    crossSector: 0,
    objective,
    requests: 0,
    freeSeats: 0,
    pinned,
    moved,
    countiesWithoutRequests: 0,
  };
  for (const c of counties) {
    t.persons += c.persons;
    t.assigned += c.assigned;
    t.unassigned += c.unassigned;
    t.crossSector += c.crossSector;
    t.requests += c.requests.length;
    t.freeSeats += c.requests.reduce((s, r) => s + r.freeSeats, 0);
    if (c.noRequests) t.countiesWithoutRequests++;
  }
  return t;
}

function personView(p: PersonRow): AllocationPersonView {
  return {
    placementId: p.placement_id,
    personId: p.person_id,
    serviceNo: p.service_no,
    name: p.name,
    sector: p.sector,
    skill: p.skill,
    unit: p.unit,
    rank: p.rank,
    requestId: p.request_id,
    crossSector: p.request_sector !== null && p.request_sector !== p.sector,
    pinned: p.pinned_now === 1,
    moved: p.moved === 1,
    reason: p.reason,
  };
}
