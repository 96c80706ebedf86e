// Many clerks at once (docs/hub.md): a grid's write names the versions its rows had when the
// clerk saw them (migration 0012 keeps `version`), and inside the write's transaction a row that
// moved on since — changed or deleted by a colleague — refuses the whole write with row_changed,
// naming who changed it and when (the audit log's newest entry for that row). Nothing is written
// over. Callers that send no versions (the CLI, older windows) are not checked.
import type Database from 'better-sqlite3';
import type { RowVersions } from '../../shared/api/grid.contract';
import { LedgerError } from '../../shared/errors';
import { localDateTime } from '../../shared/grid-display';
import { ENTITY_TABLES, type AuditEntity } from '../domain/entities';
import { prepared } from '../util/statements';

/** The newest audit entry of any of `ids` (of one entity): who changed it last, and when (ISO). */
export function lastChange(
  db: Database.Database,
  entity: AuditEntity,
  ids: readonly number[],
): { clerk: string; at: string; entry: number } | null {
  let newest: { clerk: string; at: string; entry: number } | null = null;
  const statement = prepared(
    db,
    'SELECT id AS entry, clerk, at FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1',
  );
  for (const id of ids) {
    const row = statement.get(entity, id) as { entry: number; clerk: string; at: string } | undefined;
    if (row && (newest === null || row.entry > newest.entry)) newest = row;
  }
  return newest;
}

/** Who and when as the clerk reads them: the name, and yyyy.mm.dd HH:MM in local time. */
export function whoAndWhen(change: { clerk: string; at: string } | null): { clerk: string | null; at: string | null } {
  return change === null ? { clerk: null, at: null } : { clerk: change.clerk, at: localDateTime(change.at, { seconds: false }) };
}

/**
 * The refusal for row `id` of `entity`, which is not as the clerk saw it; who and when are taken
 * from the newest entry of `touched` (the row, and — for a paste that lands on another row than
 * the clerk saw — that row too).
 */
export function rowChanged(db: Database.Database, entity: AuditEntity, id: number, touched: readonly number[] = [id]): LedgerError {
  return new LedgerError('row_changed', `${entity} ${id} changed since the clerk saw it`, {
    ...whoAndWhen(lastChange(db, entity, touched)),
    rowId: id,
  });
}

/** Refuses when any row of `versions` ([id, version] pairs) is gone or at another version now. */
export function assertVersions(db: Database.Database, entity: AuditEntity, versions: RowVersions | undefined): void {
  if (versions === undefined) return;
  const current = prepared(db, `SELECT version FROM ${ENTITY_TABLES[entity]} WHERE id = ?`).pluck();
  for (const [id, version] of versions) if (current.get(id) !== version) throw rowChanged(db, entity, id);
}

/**
 * A paste lands on rows by their place in the view: refuses when a row the clerk saw at a place
 * (`versions`, in the order shown from the first pasted row) is not there now, or has changed.
 */
export function assertPlaces(db: Database.Database, entity: AuditEntity, ids: readonly number[], versions: RowVersions | undefined): void {
  if (versions === undefined) return;
  versions.forEach(([seen], i) => {
    const now = ids[i];
    if (now !== seen) throw rowChanged(db, entity, seen, now === undefined ? [seen] : [seen, now]);
  });
  assertVersions(db, entity, versions);
}
