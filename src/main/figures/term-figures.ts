// The four numbers an office follows for a term (DOMAIN.md, "Four numbers, four words"), per
// city/county and sector: requested (the county requests' headcounts), decided by the Bureau
// (placements from its decision files), assigned to a workplace (placements linked to a request)
// and arrived — plus notified, on the way to arrived. One home for these figures: the County
// requests page shows them, and what reports them later reads them from here.
import type Database from 'better-sqlite3';
import type { DashboardFigures, FigureCounts, TermFigures } from '../../shared/api/grid.contract';
import type { Sector } from '../../shared/domain';

const ZERO: FigureCounts = { requested: 0, decided: 0, assigned: 0, notified: 0, arrived: 0 };

/**
 * The newest term that holds requests or placements (a term just created and still empty is not
 * what a clerk asks about), else the newest term; null for a ledger without cohorts.
 */
export function newestCohortId(db: Database.Database): number | null {
  const id = db
    .prepare(
      `SELECT c.id FROM cohorts c
        ORDER BY (EXISTS (SELECT 1 FROM placements p WHERE p.cohort_id = c.id) OR EXISTS (SELECT 1 FROM county_requests q WHERE q.cohort_id = c.id)) DESC,
                 c.year DESC, CASE c.term WHEN 'fall' THEN 3 WHEN 'summer' THEN 2 ELSE 1 END DESC
        LIMIT 1`,
    )
    .pluck()
    .get() as number | undefined;
  return id ?? null;
}

/**
 * Placements are counted from placement_tally (migration 0008), which triggers keep equal to
 * counting the placements themselves — a look at a million-person term stays a few milliseconds.
 *
 * Figures of one term, per city/county and sector, in region order, with their totals. Requested
 * counts requests not cancelled; decided counts placements the Bureau decided (decided, notified,
 * arrived — not proposals, not cancelled); assigned counts those of them with a workplace;
 * notified those notified or arrived; arrived those arrived.
 */
export function termFigures(db: Database.Database, cohortId: number | null): TermFigures {
  const cohort = cohortId ?? newestCohortId(db);
  if (cohort === null) return { cohortId: null, rows: [], totals: { ...ZERO } };
  const rows = db
    .prepare<[number, number], { county_code: string; province_code: string; sector: Sector } & FigureCounts>(
      `WITH requested AS (
         SELECT county_id, sector, sum(headcount) AS n FROM county_requests
          WHERE cohort_id = ? AND status <> 'cancelled' GROUP BY county_id, sector
       ), placed AS (
         SELECT county_id, sector,
                sum(n) AS decided,
                sum(n * assigned) AS assigned,
                sum(n * (status IN ('notified', 'arrived'))) AS notified,
                sum(n * (status = 'arrived')) AS arrived
           FROM placement_tally WHERE cohort_id = ? AND status IN ('decided', 'notified', 'arrived') GROUP BY county_id, sector HAVING sum(n) > 0
       ), keys AS (SELECT county_id, sector FROM requested UNION SELECT county_id, sector FROM placed)
       SELECT u.code AS county_code, p.code AS province_code, k.sector,
              coalesce(r.n, 0) AS requested, coalesce(d.decided, 0) AS decided, coalesce(d.assigned, 0) AS assigned,
              coalesce(d.notified, 0) AS notified, coalesce(d.arrived, 0) AS arrived
         FROM keys k JOIN regions u ON u.id = k.county_id JOIN regions p ON p.id = u.parent_id
         LEFT JOIN requested r ON r.county_id = k.county_id AND r.sector = k.sector
         LEFT JOIN placed d ON d.county_id = k.county_id AND d.sector = k.sector
        ORDER BY p.id, u.id, CASE k.sector WHEN 'local_factory' THEN 1 WHEN 'rural_housing' THEN 2 WHEN 'farm_team' THEN 3 ELSE 4 END`,
    )
    .all(cohort, cohort);
  const totals = { ...ZERO };
  const out = rows.map((r) => {
    const counts: FigureCounts = {
      requested: r.requested,
      decided: r.decided,
      assigned: r.assigned,
      notified: r.notified,
      arrived: r.arrived,
    };
    for (const key of Object.keys(totals) as (keyof FigureCounts)[]) totals[key] += counts[key];
    return { countyCode: r.county_code, provinceCode: r.province_code, sector: r.sector, ...counts };
  });
  return { cohortId: cohort, rows: out, totals };
}

/** Arrivals of one term per day of arrival (ISO date, oldest first); arrived placements without a date are left out. */
export function termArrivals(db: Database.Database, cohortId: number): { day: string; arrived: number }[] {
  return db
    .prepare<[number], { day: string; arrived: number }>(
      `SELECT arrival_day AS day, sum(n) AS arrived FROM placement_tally
        WHERE cohort_id = ? AND status = 'arrived' AND arrival_day <> '' GROUP BY arrival_day HAVING sum(n) > 0 ORDER BY arrival_day`,
    )
    .all(cohortId);
}

/** What the Dashboard shows of a term: its figures and its arrivals per day. */
export function dashboardFigures(db: Database.Database, cohortId: number | null): DashboardFigures {
  const figures = termFigures(db, cohortId);
  return { ...figures, arrivals: figures.cohortId === null ? [] : termArrivals(db, figures.cohortId) };
}
