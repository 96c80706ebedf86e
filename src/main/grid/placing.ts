// Placing persons by hand: the county requests a selection of placements can go to, and giving
// them a workplace (one operation, audited, undoable).
import type Database from 'better-sqlite3';
import type { CohortOption, PlaceResult, PlacementCandidates, RequestCandidate, RowVersions } from '../../shared/api/grid.contract';
import type { Sector, Term } from '../../shared/domain';
import { LedgerError } from '../../shared/errors';
import { beginOperation } from '../audit/operations';
import { seatsTakenSql, setWorkplace, type PlacementRow } from '../domain/placements';
import { tableRow, type TableRow } from './cells';
import { prepared } from './query';
import { assertVersions } from './versions';

interface Selection {
  countyId: number;
  cohortId: number;
  sector: Sector | null;
  rows: TableRow[];
}

function selection(db: Database.Database, placementIds: number[]): Selection {
  const rows = placementIds.map((id) => {
    const row = tableRow(db, 'placements', id);
    if (!row) throw new LedgerError('row_not_found', `placement ${id} not found`);
    return row;
  });
  const counties = new Set(rows.map((r) => r.dest_county_id));
  const cohorts = new Set(rows.map((r) => r.cohort_id));
  if (counties.size !== 1 || cohorts.size !== 1) throw new LedgerError('mixed_destinations', 'placements of several counties or terms');
  const sectors = new Set(rows.map((r) => r.sector as Sector));
  return {
    countyId: rows[0]!.dest_county_id as number,
    cohortId: rows[0]!.cohort_id as number,
    sector: sectors.size === 1 ? [...sectors][0]! : null,
    rows,
  };
}

const DECIDED = seatsTakenSql('q');

/** The requests of the placements' city/county and term, those of their sector first. */
export function placementCandidates(db: Database.Database, placementIds: number[]): PlacementCandidates {
  const sel = selection(db, placementIds);
  const county = prepared(db, 'SELECT code, name_ko FROM regions WHERE id = ?').get(sel.countyId) as { code: string; name_ko: string };
  const cohort = prepared(db, 'SELECT id, year, term FROM cohorts WHERE id = ?').get(sel.cohortId) as CohortOption;
  const rows = prepared(
    db,
    `SELECT q.id, q.workplace, q.sector, q.headcount, ${DECIDED} AS decided, q.priority, q.housing_provided
       FROM county_requests q
      WHERE q.county_id = ? AND q.cohort_id = ? AND q.status <> 'cancelled'
      ORDER BY (q.sector = ?) DESC, q.priority, q.workplace`,
  ).all(sel.countyId, sel.cohortId, sel.sector ?? '') as {
    id: number;
    workplace: string;
    sector: Sector;
    headcount: number;
    decided: number;
    priority: number;
    housing_provided: number;
  }[];
  const candidates: RequestCandidate[] = rows.map((r) => ({
    requestId: r.id,
    workplace: r.workplace,
    sector: r.sector,
    headcount: r.headcount,
    decided: r.decided,
    remaining: r.headcount - r.decided,
    priority: r.priority,
    housingProvided: r.housing_provided === 1,
    sectorMatches: r.sector === sel.sector,
  }));
  return {
    countyCode: county.code,
    countyName: county.name_ko,
    cohort: { id: cohort.id, year: cohort.year, term: cohort.term as Term },
    sector: sel.sector,
    candidates,
  };
}

/**
 * Gives the placements a workplace (or none, with requestId null). A request of another sector
 * than a person's changes that person's sector with it — the ledger and the roster must say the
 * same — so it needs `confirmSectorChange`; over-filling a request needs `confirmOverfill`.
 * Without them the answer says what would happen, and nothing changes.
 */
export function placeByHand(
  db: Database.Database,
  clerk: string,
  placementIds: number[],
  requestId: number | null,
  confirm: { confirmOverfill?: boolean; confirmSectorChange?: boolean } = {},
  versions?: RowVersions,
): PlaceResult {
  return db
    .transaction((): PlaceResult => {
      assertVersions(db, 'placement', versions);
      const sel = selection(db, placementIds);
      let sector: Sector | null = null;
      if (requestId !== null) {
        const request = prepared(
          db,
          `SELECT q.id, q.workplace, q.sector, q.county_id, q.cohort_id, q.headcount, ${DECIDED} AS decided FROM county_requests q WHERE q.id = ?`,
        ).get(requestId) as
          | { id: number; workplace: string; sector: Sector; county_id: number; cohort_id: number; headcount: number; decided: number }
          | undefined;
        if (!request) throw new LedgerError('request_not_found', `request ${requestId} not found`);
        if (request.county_id !== sel.countyId || request.cohort_id !== sel.cohortId)
          throw new LedgerError('mixed_destinations', 'request of another county or term');
        const joining = sel.rows.filter((r) => r.request_id !== requestId && r.status !== 'cancelled');
        const changing = joining.filter((r) => r.sector !== request.sector);
        if (changing.length > 0 && !confirm.confirmSectorChange) {
          const from = [...new Set(changing.map((r) => r.sector as Sector))];
          return {
            status: 'needs_sector_confirmation',
            workplace: request.workplace,
            sector: request.sector,
            count: changing.length,
            from,
          };
        }
        const remaining = request.headcount - request.decided;
        if (joining.length > remaining && !confirm.confirmOverfill) {
          return { status: 'needs_confirmation', remaining, requested: joining.length, workplace: request.workplace };
        }
        sector = request.sector;
      }
      const op = beginOperation(db, 'place', clerk, requestId === null ? 'unallocate' : `request ${requestId}`);
      const count = setWorkplace(db, op, sel.rows as PlacementRow[], requestId, sector);
      return { status: 'placed', count };
    })
    .immediate();
}

export function listCohorts(db: Database.Database): CohortOption[] {
  return prepared(
    db,
    "SELECT id, year, term FROM cohorts ORDER BY year DESC, CASE term WHEN 'spring' THEN 1 WHEN 'summer' THEN 2 ELSE 3 END DESC",
  ).all() as CohortOption[];
}
