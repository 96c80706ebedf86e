// The rules of a placement that every writer keeps — assigning by hand, the coming automatic
// allocation, the grids' figures: which placements take a request's seats, and what giving a
// placement a workplace changes with it.
import type Database from 'better-sqlite3';
import type { Sector } from '../../shared/domain';
import { recordUpdate, type OperationRecorder } from '../audit/operations';
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
  const update = prepared(db, 'UPDATE placements SET request_id = ?, sector = ?, updated_at = ? WHERE id = ?');
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
