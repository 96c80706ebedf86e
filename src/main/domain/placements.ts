// The rules of a placement that every writer keeps — assigning by hand, the coming automatic
// allocation, the grids' figures: which placements take a request's seats, and what giving a
// placement a workplace changes with it.
import type Database from 'better-sqlite3';
import type { Sector } from '../../shared/domain';
import { recordUpdate, type OperationRecorder } from '../audit/operations';
import { setAsideTriggers } from '../ledger/triggers';
import { tableSql } from '../ledger/schema';
import { NEXT_VERSION } from './entities';
import { prepared } from '../util/statements';

/** The seats of request `alias` that are taken: its placements that are not cancelled. */
export const seatsTakenSql = (alias: string): string =>
  `(SELECT count(*) FROM placements pl WHERE pl.request_id = ${alias}.id AND pl.status <> 'cancelled')`;

/** The persons of request `alias` who have arrived. */
export const arrivedSql = (alias: string): string =>
  `(SELECT count(*) FROM placements pl WHERE pl.request_id = ${alias}.id AND pl.status = 'arrived')`;

/** The columns of a placement this module reads and writes. */
export interface PlacementRow extends Record<string, unknown> {
  id: number;
  request_id: number | null;
  sector: unknown;
  status: unknown;
}

/**
 * Gives placements the workplace `requestId` (null: takes it away), inside the caller's
 * transaction and operation. A placement's sector follows its workplace's (`sector`), so the
 * ledger and the roster never disagree — except a cancelled placement, which keeps its own.
 * Placements already there are left alone. Returns how many changed; each change is recorded.
 */
export function setWorkplace(
  db: Database.Database,
  op: OperationRecorder,
  rows: readonly PlacementRow[],
  requestId: number | null,
  sector: Sector | null,
): number {
  const update = prepared(db, `UPDATE placements SET request_id = ?, sector = ?, updated_at = ?, ${NEXT_VERSION} WHERE id = ?`);
  let count = 0;
  for (const row of rows) {
    if (row.request_id === requestId) continue;
    const nextSector = sector !== null && row.status !== 'cancelled' ? sector : row.sector;
    update.run(requestId, nextSector, op.at, row.id);
    recordUpdate(op, 'placement', row.id, row, { ...row, request_id: requestId, sector: nextSector });
    count++;
  }
  return count;
}

/** A status a clerk sets for selected placements, following them to arrival (issue 14). */
export type StatusChange =
  { status: 'notified'; date: string } | { status: 'arrived'; date: string } | { status: 'cancelled'; date: string; reason: string };

/** The statuses each change may start from: what has arrived is not notified again; what is cancelled stays so. */
const CHANGE_FROM: Record<StatusChange['status'], readonly string[]> = {
  notified: ['decided', 'notified'],
  arrived: ['decided', 'notified', 'arrived'],
  cancelled: ['proposed', 'decided', 'notified', 'arrived'],
};

/** The statuses a placement may have for `status` to be set on it. */
export const statusChangeAllowedFrom = (status: StatusChange['status']): readonly string[] => CHANGE_FROM[status];

/** The columns setStatus reads and writes. */
export interface StatusRow extends Record<string, unknown> {
  id: number;
  status: unknown;
  notified_on: unknown;
  arrival_date: unknown;
  cancelled_on: unknown;
  notes: unknown;
}

/**
 * Sets the status of placements inside the caller's transaction and operation: notified on a
 * date, arrived on a date (a placement never notified keeps no notification date), cancelled on
 * a date with its reason — the reason is added to the placement's notes, never replacing what
 * they said. Every row must allow the change (statusChangeAllowedFrom), or nothing is written:
 * returns the rows refused, and the caller refuses the whole operation. Otherwise returns [] and
 * every changed field is recorded for undo.
 */
export function setStatus(db: Database.Database, op: OperationRecorder, rows: readonly StatusRow[], change: StatusChange): StatusRow[] {
  const refused = rows.filter((r) => !CHANGE_FROM[change.status].includes(String(r.status)));
  if (refused.length > 0) return refused;
  const update = prepared(
    db,
    `UPDATE placements SET status = ?, notified_on = ?, arrival_date = ?, cancelled_on = ?, notes = ?, updated_at = ?, ${NEXT_VERSION} WHERE id = ?`,
  );
  for (const row of rows) {
    const next: StatusRow = { ...row, status: change.status };
    if (change.status === 'notified') next.notified_on = change.date;
    else if (change.status === 'arrived') next.arrival_date = change.date;
    else {
      next.cancelled_on = change.date;
      const notes = typeof row.notes === 'string' ? row.notes.trim() : '';
      next.notes = notes === '' ? change.reason : notes.includes(change.reason) ? notes : `${notes} / ${change.reason}`;
    }
    if (recordUpdate(op, 'placement', row.id, row, next) === 0) continue;
    update.run(next.status, next.notified_on, next.arrival_date, next.cancelled_on, next.notes, op.at, row.id);
  }
  return [];
}

const TALLY_TRIGGERS = ['placements_tally_insert', 'placements_tally_delete', 'placements_tally_update'];

/** Counts the tally (migration 0009) of the terms `cohortIds` afresh from their placements. */
export function recountTally(db: Database.Database, cohortIds: readonly number[]): void {
  if (cohortIds.length === 0) return;
  const list = cohortIds.map(() => '?').join(', ');
  db.prepare(`DELETE FROM placement_tally WHERE cohort_id IN (${list})`).run(...cohortIds);
  db.prepare(
    `INSERT INTO placement_tally (cohort_id, county_id, sector, status, assigned, arrival_day, n)
     SELECT cohort_id, dest_county_id, sector, status, request_id IS NOT NULL,
            CASE WHEN status = 'arrived' THEN coalesce(arrival_date, '') ELSE '' END, count(*)
       FROM placements WHERE cohort_id IN (${list}) GROUP BY 1, 2, 3, 4, 5, 6`,
  ).run(...cohortIds);
}

/**
 * A bulk write of placements (an import, the undo or redo of one): the tally's triggers cost a
 * few microseconds a placement, a million of them seconds; counting the touched terms afresh
 * afterwards costs one pass. Runs `write` with the triggers set aside, then recounts the terms
 * `cohortsBefore` (those of the rows about to go) and `cohortsAfter` (those of the rows written)
 * name, then puts the triggers back — all inside the caller's transaction.
 */
export function bulkPlacementWrite<T>(
  db: Database.Database,
  cohortsBefore: () => readonly number[],
  write: () => T,
  cohortsAfter: () => readonly number[] = () => [],
): T {
  const before = cohortsBefore();
  const recount = deferTally(db);
  if (!recount) return write();
  const result = write();
  recount([...before, ...cohortsAfter()]);
  return result;
}

/**
 * Sets the tally's triggers aside for a bulk write spread over several calls (an import's
 * batches); the answer recounts the terms given and puts the triggers back. Null: the ledger
 * has no tally (older than migration 0009).
 */
export function deferTally(db: Database.Database): ((cohortIds: readonly number[]) => void) | null {
  if (tableSql(db, 'placement_tally') === null) return null;
  const restore = setAsideTriggers(db, TALLY_TRIGGERS);
  return (cohortIds) => {
    recountTally(db, [...new Set(cohortIds)]);
    restore();
  };
}

const TALLY_COLUMNS = 'cohort_id, county_id, sector, status, assigned, arrival_day, n';

/**
 * For an undo that takes out every placement there is (a fresh ledger's import taken back): keeps
 * a copy of the whole tally — the tally of exactly the placements taken out — under the name
 * `aside` (ledger/aside.ts), then writes as bulkPlacementWrite does. Its redo puts it back
 * (restoringAllPlacements) instead of counting a million placements again.
 */
export function removingAllPlacements<T>(db: Database.Database, cohortsBefore: () => readonly number[], write: () => T, aside: string): T {
  if (tableSql(db, 'placement_tally') !== null) db.exec(`CREATE TABLE "${aside}" AS SELECT ${TALLY_COLUMNS} FROM placement_tally`);
  return bulkPlacementWrite(db, cohortsBefore, write);
}

/**
 * For a redo that brings back `rows` placements into a table holding none: when `aside` is the
 * tally an undo kept for exactly those placements (its counts add up to `rows`), runs `write`
 * with the tally's triggers set aside and makes the tally that one again — with no other
 * placement, nothing else counts. Returns false, doing nothing, when there is none or it does not
 * add up: then count them with bulkPlacementWrite.
 */
export function restoringAllPlacements(db: Database.Database, write: () => void, aside: string, rows: number): boolean {
  if (tableSql(db, 'placement_tally') === null || tableSql(db, aside) === null) return false;
  if (db.prepare(`SELECT coalesce(sum(n), 0) FROM "${aside}"`).pluck().get() !== rows) return false;
  const restore = setAsideTriggers(db, TALLY_TRIGGERS);
  write();
  db.exec('DELETE FROM placement_tally');
  db.exec(`INSERT INTO placement_tally (${TALLY_COLUMNS}) SELECT ${TALLY_COLUMNS} FROM "${aside}"`);
  db.exec(`DROP TABLE "${aside}"`);
  restore();
  return true;
}
