// Following arrivals: the placements of a term that were notified and have not arrived, per
// city/county, with the days since each was notified (counted to `today`, the clerk's day).
import type Database from 'better-sqlite3';
import type { NotArrivedCounty, NotArrivedRow } from '../../shared/api/grid.contract';
import type { Sector } from '../../shared/domain';
import { newestCohortId } from './term-figures';

/** Days from the notification to today (the parameter); none for a notification dated after today (a mistyped date). */
const DAYS = `CASE WHEN pl.notified_on <= @today THEN julianday(@today) - julianday(pl.notified_on) END`;

/** Today as the clerk's calendar has it (local time), ISO. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Cities/counties with notified placements not yet arrived, in region order. */
export function notArrivedCounties(
  db: Database.Database,
  cohortId: number | null,
  today = localToday(),
): { cohortId: number | null; counties: NotArrivedCounty[] } {
  const cohort = cohortId ?? newestCohortId(db);
  if (cohort === null) return { cohortId: null, counties: [] };
  const counties = db
    .prepare<[{ today: string; cohort: number }], NotArrivedCounty>(
      `SELECT u.code AS countyCode, p.code AS provinceCode, count(*) AS count,
              CAST(max(${DAYS}) AS INTEGER) AS maxDays
         FROM placements pl JOIN regions u ON u.id = pl.dest_county_id JOIN regions p ON p.id = u.parent_id
        WHERE pl.cohort_id = @cohort AND pl.status = 'notified'
        GROUP BY u.id ORDER BY p.id, u.id`,
    )
    .all({ today, cohort });
  return { cohortId: cohort, counties };
}

/** The notified placements of one city/county not yet arrived: the longest waiting first. */
export function notArrivedRows(db: Database.Database, cohortId: number, countyCode: string, today = localToday()): NotArrivedRow[] {
  return db
    .prepare<
      [{ today: string; cohort: number; county: string }],
      {
        id: number;
        serviceNo: string;
        name: string;
        sector: Sector;
        workplace: string | null;
        notifiedOn: string | null;
        days: number | null;
      }
    >(
      `SELECT pl.id, pe.service_no AS serviceNo, pe.name, pl.sector, q.workplace, pl.notified_on AS notifiedOn,
              CAST(${DAYS} AS INTEGER) AS days
         FROM placements pl JOIN persons pe ON pe.id = pl.person_id JOIN regions u ON u.id = pl.dest_county_id
         LEFT JOIN county_requests q ON q.id = pl.request_id
        WHERE pl.cohort_id = @cohort AND pl.status = 'notified' AND u.code = @county
        ORDER BY pl.notified_on IS NULL, pl.notified_on, pe.service_no`,
    )
    .all({ today, cohort: cohortId, county: countyCode });
}
