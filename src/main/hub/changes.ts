// What changed since an operation (docs/hub.md, "Many clerks at once"): changesSince. Each
// window's grids poll it about every 1.5 s and reload the rows colleagues changed. Cheap by
// construction: the operations come from their primary key (the newest CHANGES_LIMIT after
// `after`), and each operation's audit entries from their index, at most CHANGE_ROW_IDS_LIMIT + 1
// of them — an import of a million rows costs as little as an edit.
import type Database from 'better-sqlite3';
import { CHANGE_ROW_IDS_LIMIT, CHANGES_LIMIT, type ChangeEntry, type ChangesSince } from '../../shared/api/hub.contract';
import { EDITABLE_GRIDS } from '../../shared/grids';
import type { HandlersFor } from '../../shared/contract';
import type { ApiContext } from '../api/context';
import { CREATED_RANGE } from '../audit/operations';
import { ENTITY_GRID, type AuditEntity } from '../domain/entities';
import { prepared } from '../util/statements';

/** Operations that change no grid's rows. */
const QUIET_KINDS = ['settings'];

interface OperationRow {
  id: number;
  kind: string;
  clerk: string;
  at: string;
}

interface EntryRow {
  entity: AuditEntity;
  entity_id: number | null;
  field: string;
  new_value: string | null;
}

/** Which grids and rows one operation touched (every grid, rows unnamed, when it touched many). */
function touched(db: Database.Database, operationId: number): Pick<ChangeEntry, 'grids' | 'rowIds'> {
  const entries = prepared(db, 'SELECT entity, entity_id, field, new_value FROM audit_log WHERE operation_id = ? LIMIT ?').all(
    operationId,
    CHANGE_ROW_IDS_LIMIT + 1,
  ) as EntryRow[];
  if (entries.length > CHANGE_ROW_IDS_LIMIT) return { grids: [...EDITABLE_GRIDS], rowIds: null };
  const grids = new Set<string>();
  let ids: Set<number> | null = new Set<number>();
  for (const entry of entries) {
    const grid = ENTITY_GRID[entry.entity];
    if (grid === undefined || entry.entity_id === null) continue;
    grids.add(grid);
    if (ids === null) continue;
    // Rows created in bulk: every id of the range counts.
    const last = entry.field === CREATED_RANGE ? Number(entry.new_value) : entry.entity_id;
    if (last - entry.entity_id + 1 + ids.size > CHANGE_ROW_IDS_LIMIT) ids = null;
    else for (let id = entry.entity_id; id <= last; id++) ids.add(id);
  }
  return { grids: EDITABLE_GRIDS.filter((g) => grids.has(g)), rowIds: ids && [...ids].sort((a, b) => a - b) };
}

/**
 * The operations after `after` that changed rows (the newest CHANGES_LIMIT of them, oldest first),
 * each with who, when, its kind, the grids and rows it touched; and the newest operation now.
 */
export function changesSince(db: Database.Database, after: number): ChangesSince {
  const latest = prepared(db, 'SELECT coalesce(max(id), 0) FROM operations').pluck().get() as number;
  const operations = prepared(
    db,
    `SELECT id, kind, clerk, started_at AS at FROM operations
      WHERE id > ? AND kind NOT IN (${QUIET_KINDS.map((k) => `'${k}'`).join(', ')})
      ORDER BY id DESC LIMIT ${CHANGES_LIMIT}`,
  ).all(after) as OperationRow[];
  const changes = operations
    .reverse()
    .map((op) => ({ operationId: op.id, clerk: op.clerk, at: op.at, kind: op.kind, ...touched(db, op.id) }));
  // An operation committed between the two reads is in the list: `latest` covers it.
  return { latest: Math.max(latest, changes.at(-1)?.operationId ?? 0), changes };
}

export function createChangesHandlers({ ledger }: ApiContext): HandlersFor<'changesSince'> {
  return {
    changesSince: ({ after }) => changesSince(ledger.db, after),
  };
}
