// Following placements to arrival: the clerk sets the status of the selected rows — notified on
// a date, arrived on a date, cancelled on a date with a reason — as one operation (one Ctrl+Z).
// The rule of what may change lives in domain/placements.ts (setStatus).
import type Database from 'better-sqlite3';
import type { RowVersions, StatusChangeInput } from '../../shared/api/grid.contract';
import { LedgerError } from '../../shared/errors';
import { cleanText, parseDateText } from '../../shared/normalize';
import { beginOperation } from '../audit/operations';
import { setStatus, type StatusChange, type StatusRow } from '../domain/placements';
import { tableRow } from './cells';
import { assertVersions } from './versions';

/** The clerk's typed or pasted date and reason, checked, as the domain's change. */
export function statusChangeOf(input: StatusChangeInput): StatusChange {
  const date = parseDateText(cleanText(input.date));
  if (date === null) throw new LedgerError('status_date_invalid', 'not a date', { value: input.date });
  if (input.status !== 'cancelled') return { status: input.status, date };
  const reason = cleanText(input.reason ?? '');
  if (reason === '') throw new LedgerError('cancel_reason_required', 'a cancellation needs its reason');
  return { status: 'cancelled', date, reason };
}

/** Sets the status of the placements, all or none, in one audited operation. Returns how many changed. */
export function setPlacementStatus(
  db: Database.Database,
  clerk: string,
  placementIds: readonly number[],
  input: StatusChangeInput,
  versions?: RowVersions,
): { changed: number } {
  const change = statusChangeOf(input);
  const nothing = new Error('unchanged');
  try {
    return run(db, clerk, placementIds, change, nothing, versions);
  } catch (error) {
    if (error === nothing) return { changed: 0 };
    throw error;
  }
}

function run(
  db: Database.Database,
  clerk: string,
  placementIds: readonly number[],
  change: StatusChange,
  nothing: Error,
  versions: RowVersions | undefined,
): { changed: number } {
  return db
    .transaction(() => {
      assertVersions(db, 'placement', versions);
      const rows = placementIds.map((id) => {
        const row = tableRow(db, 'placements', id) as StatusRow | undefined;
        if (!row) throw new LedgerError('row_not_found', `placement ${id} not found`);
        return row;
      });
      const op = beginOperation(db, 'edit', clerk, `placements: status ${change.status}`);
      const refused = setStatus(db, op, rows, change);
      if (refused.length > 0) {
        // Thrown inside the transaction: the operation row goes with it, nothing is left to undo.
        throw new LedgerError('status_not_allowed', `${refused.length} placements cannot become ${change.status}`, {
          count: refused.length,
          status: change.status,
        });
      }
      // The same status and date again: rolled back, so no empty operation waits for Ctrl+Z.
      if (op.entries === 0) throw nothing;
      return { changed: rows.length };
    })
    .immediate();
}
