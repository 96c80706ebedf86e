// Undo and redo of whole operations (an edit, a paste, a fill, an import …), from the audit log
// alone: undo replays an operation's entries backwards inside a new 'undo' operation that records
// what it did; redo takes that undo back the same way (an undo keeps every row it deleted — each
// recorded whole, or many at once in a row store (row-store.ts) — so rows an import recorded only
// by their ids come back too). The state lives in the ledger, so it survives a restart. Entries
// are read a page at a time and bulk entries are replayed set by set, so an import of a million
// rows is undone and redone without holding it in memory.
//
// Through the office hub (docs/hub.md) each clerk's Ctrl+Z takes back their own newest operation
// and Ctrl+Y brings back their own (`own`: the hub account); one a colleague changed the same
// rows after is refused with undo_colleague_later, naming them. Locally, as ever, the newest of
// all.
import type Database from 'better-sqlite3';
import type { UndoState } from '../../shared/api/grid.contract';
import { LedgerError } from '../../shared/errors';
import { personNameColumns } from '../domain/persons';
import { addingPersons, removingAllPersons, removingPersons, restoringAllPersons } from '../persons/search';
import { bulkPlacementWrite, removingAllPlacements, restoringAllPlacements } from '../domain/placements';
import { asideName, dropAsides } from '../ledger/aside';
import { migrationLevel } from '../ledger/migrate';
import { prepared } from '../util/statements';
import { whoAndWhen } from '../grid/versions';
import { commitThenCheckpoint } from '../ledger/checkpoint';
import { BULK_ROWS, foreignKeyWatch, rebuildPays, refersToItself, setAsideIndexes, withBulkCache, withForeignKeyWatch } from './bulk';
import {
  beginOperation,
  columnsOf,
  ENTITY_TABLES,
  recordCreatedRange,
  rowJsonSql,
  type AuditChange,
  type AuditEntity,
  type OperationRecorder,
  CREATED_RANGE,
  DELETED_RANGE,
} from './operations';
import { hasRowStore, restoreStoredRows, storedAt, storeRows } from './row-store';

type Recorder = OperationRecorder;
/** Makes the error for an entry the ledger no longer matches. */
type Refuse = (why: string) => Error;

/** Operations a clerk can undo; undo/redo themselves and settings are not on the stack. */
export const UNDOABLE_KINDS = ['edit', 'paste', 'fill', 'add', 'delete', 'import', 'place', 'allocate'] as const;
const KINDS_SQL = UNDOABLE_KINDS.map((k) => `'${k}'`).join(', ');

interface OperationRow {
  id: number;
  kind: string;
  description: string | null;
}

interface AuditRow {
  entity: AuditEntity;
  entity_id: number | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

/** `AND clerk = ?` and its parameter when only `own`'s operations count (a hub account); nothing otherwise. */
function ownClause(own: string | undefined, alias = ''): { sql: string; params: string[] } {
  return own === undefined ? { sql: '', params: [] } : { sql: ` AND ${alias}clerk = ?`, params: [own] };
}

/** The operation Ctrl+Z would take back: the newest undoable one not undone yet (of `own`, when given). */
function undoTarget(db: Database.Database, own?: string): OperationRow | undefined {
  const mine = ownClause(own);
  return db
    .prepare(`SELECT id, kind, description FROM operations WHERE kind IN (${KINDS_SQL}) AND undone = 0${mine.sql} ORDER BY id DESC LIMIT 1`)
    .get(...mine.params) as OperationRow | undefined;
}

/**
 * The operation Ctrl+Y would bring back: the one the newest undo took back, as long as no new
 * change has been made since (a new change clears the redo stack, as in every editor); with
 * `undoId`, that undo (a redo replays its entries). With `own`, that clerk's undos and changes alone.
 */
function redoTarget(db: Database.Database, own?: string): (OperationRow & { undoId: number }) | undefined {
  const mine = ownClause(own, 'u.');
  const lastUndo = db
    .prepare(
      `SELECT u.id, u.reverts_operation_id AS target FROM operations u
        WHERE u.kind = 'undo'${mine.sql} AND NOT EXISTS (SELECT 1 FROM operations r WHERE r.kind = 'redo' AND r.reverts_operation_id = u.id)
        ORDER BY u.id DESC LIMIT 1`,
    )
    .get(...mine.params) as { id: number; target: number } | undefined;
  if (!lastUndo) return undefined;
  const newer = db
    .prepare(`SELECT 1 FROM operations WHERE id > ? AND kind IN (${KINDS_SQL}) AND undone = 0${ownClause(own).sql} LIMIT 1`)
    .get(lastUndo.id, ...mine.params);
  if (newer) return undefined;
  const target = db.prepare('SELECT id, kind, description FROM operations WHERE id = ? AND undone = 1').get(lastUndo.target) as
    OperationRow | undefined;
  return target && { ...target, undoId: lastUndo.id };
}

export function undoState(db: Database.Database, own?: string): UndoState {
  const undo = undoTarget(db, own);
  const redo = redoTarget(db, own);
  return {
    canUndo: !!undo,
    canRedo: !!redo,
    undoKind: undo?.kind ?? null,
    undoDescription: undo?.description ?? null,
    redoKind: redo?.kind ?? null,
    redoDescription: redo?.description ?? null,
  };
}

function tableOf(entity: AuditEntity): string {
  return ENTITY_TABLES[entity];
}

function conflict(operation: OperationRow, why: string): LedgerError {
  return new LedgerError('undo_conflict', `operation ${operation.id}: ${why}`, { operation: operation.kind });
}

/**
 * The first change by another clerk than `own`, after operation `sourceId`, to a row that
 * operation touched (a bulk '+*' entry: any row of its range) — one still in effect: neither
 * undone itself nor an undo of a later operation. Read from the entries' (entity, entity_id) index.
 */
function colleagueLater(db: Database.Database, sourceId: number, own: string): { clerk: string; at: string } | undefined {
  return prepared(
    db,
    `SELECT o.clerk, o.started_at AS at FROM audit_log t
       JOIN audit_log l ON l.entity = t.entity
        AND l.entity_id BETWEEN t.entity_id AND (CASE WHEN t.field = '${CREATED_RANGE}' THEN CAST(t.new_value AS INTEGER) ELSE t.entity_id END)
        AND l.operation_id > t.operation_id
       JOIN operations o ON o.id = l.operation_id
      WHERE t.operation_id = ? AND t.entity_id IS NOT NULL AND o.clerk <> ? AND o.undone = 0
        AND NOT (o.kind = 'undo' AND o.reverts_operation_id > ?)
      ORDER BY l.id LIMIT 1`,
  ).get(sourceId, own, sourceId) as { clerk: string; at: string } | undefined;
}

/** Refuses (undo_colleague_later) when a colleague changed, after it, rows operation `sourceId` touched. */
function assertNoColleagueLater(db: Database.Database, sourceId: number, own: string | undefined, target: OperationRow): void {
  if (own === undefined) return;
  const later = colleagueLater(db, sourceId, own);
  if (later)
    throw new LedgerError('undo_colleague_later', `operation ${target.id}: ${later.clerk} changed its rows since`, {
      operation: target.kind,
      ...whoAndWhen(later),
    });
}

interface AuditEntryRow extends AuditRow {
  id: number;
  /** The operation it belongs to (the one replayed). */
  operation_id: number;
}

/** The terms of the placements `where` selects. */
function placementCohorts(db: Database.Database, where: string, params: readonly unknown[]): number[] {
  return prepared(db, `SELECT DISTINCT cohort_id FROM placements WHERE ${where}`)
    .pluck()
    .all(...params) as number[];
}

/**
 * A run of rows a big undo takes out into a row store ('-*': ids first…last, undo operation
 * `undoId`), or its redo brings back. When they are all the table holds, the undo sets the
 * table's derived data aside for the redo (ledger/aside.ts); `reusable`: what was set aside still
 * fits (no migration since the rows were stored).
 */
interface StoredRun {
  undoId: number;
  first: number;
  last: number;
  reusable: boolean;
}

/**
 * Runs `write`, which inserts (or deletes) `rows` rows of `table`: set-wise from BULK_ROWS rows
 * on — the indexes rebuilt afterwards when the table holds few other rows, the persons' search
 * terms and the placements' tally made as one set (persons/search.ts, domain/placements.ts).
 * `rows` of the table written are those `where` selects (a condition on the table's rows, with its parameters).
 * `write` hears whether a delete takes out every row the table holds (from BULK_ROWS rows on):
 * then it may delete without WHERE, and SQLite empties the table in one step. A `run` of stored
 * rows that empties the table (or fills an empty one) sets its search index or tally aside (or
 * puts it back) instead of making it again.
 */
function bulkRows(
  db: Database.Database,
  table: string,
  rows: number,
  direction: 'insert' | 'delete',
  writeRows: (everyRow: boolean) => void,
  where: { sql: string; params: readonly unknown[] },
  run?: StoredRun,
): void {
  if (rows < BULK_ROWS) {
    writeRows(false);
    return;
  }
  const total = prepared(db, `SELECT count(*) FROM ${table}`).pluck().get() as number;
  const others = direction === 'delete' ? total - rows : total;
  const write = () => writeRows(direction === 'delete' && others === 0);
  // One undo's derived data is kept aside at a time: what another set aside goes (its redo, if
  // it comes, makes it afresh); a redo keeps its own undo's.
  if (run) dropAsides(db, run.undoId);
  const whole = run && others === 0 && (direction === 'delete' || run.reusable) ? run : undefined;
  const rebuild = rebuildPays(rows, others) ? setAsideIndexes(db, table) : null;
  withBulkCache(db, () => {
    const cohorts = () => placementCohorts(db, where.sql, where.params);
    if (table === 'persons') {
      const aside = whole && asideName('person_search', whole.undoId, whole.first);
      if (direction === 'delete') {
        if (!(aside && removingAllPersons(db, write, aside))) removingPersons(db, rows, others, write);
      } else if (!(aside && restoringAllPersons(db, write, { name: aside, first: whole.first, last: whole.last }))) {
        addingPersons(db, write, where.sql, where.params);
      }
    } else if (table === 'placements') {
      const aside = whole && asideName('placement_tally', whole.undoId, whole.first);
      if (direction === 'delete') {
        if (aside) removingAllPlacements(db, cohorts, write, aside);
        else bulkPlacementWrite(db, cohorts, write);
      } else if (!(aside && restoringAllPlacements(db, write, aside, rows))) {
        bulkPlacementWrite(db, () => [], write, cohorts);
      }
    } else write();
    rebuild?.();
  });
}

/**
 * Rows first…last of an entity that an operation created in bulk ('+*'): deleted, and kept for a
 * redo — in the table's row store with one '-*' entry when there are many (audit/row-store.ts),
 * else each recorded whole ('-'). Refuses when any is gone already or is still referred to (a
 * later placement of an imported person, say).
 */
function deleteCreatedRange(db: Database.Database, entity: AuditEntity, first: number, last: number, op: Recorder, refuse: Refuse): void {
  const table = tableOf(entity);
  const expected = last - first + 1;
  const present = prepared(db, `SELECT count(*) FROM ${table} WHERE id BETWEEN ? AND ?`).pluck().get(first, last) as number;
  if (present !== expected) throw refuse(`${expected - present} of ${table} ${first}…${last} are already gone`);
  const stored = expected >= BULK_ROWS && hasRowStore(db, table);
  if (stored) storeRows(db, entity, table, first, last, op);
  else
    prepared(
      db,
      `INSERT INTO audit_log (operation_id, entity, entity_id, field, old_value, new_value, at, clerk)
       SELECT ?, ?, t.id, '-', ${rowJsonSql(db, table)}, NULL, ?, ? FROM ${table} t WHERE t.id BETWEEN ? AND ? ORDER BY t.id`,
    ).run(op.id, entity, op.at, op.clerk, first, last);
  // When they are all the table holds, a DELETE without WHERE: with the foreign keys watched
  // (whenBig) and the delete triggers set aside (bulkRows), SQLite empties the table in one step.
  const remove = (everyRow: boolean) => {
    try {
      if (everyRow) prepared(db, `DELETE FROM ${table}`).run();
      else prepared(db, `DELETE FROM ${table} WHERE id BETWEEN ? AND ?`).run(first, last);
    } catch (error) {
      throw refuse(`${table} ${first}…${last} are still referred to: ${(error as Error).message}`);
    }
    foreignKeyWatch(db)?.tookOut(table, first, last);
  };
  const run = stored ? { undoId: op.id, first, last, reusable: true } : undefined;
  bulkRows(db, table, expected, 'delete', remove, { sql: 'id BETWEEN ? AND ?', params: [first, last] }, run);
}

/** Brings back the rows a '-*' entry took out (ids entity_id…new_value, kept from store rowid old_value), in id order. */
function restoreStoredRange(db: Database.Database, entry: AuditEntryRow, out: ReplayRecorder, refuse: Refuse): void {
  const table = tableOf(entry.entity);
  const first = entry.entity_id!;
  const last = Number(entry.new_value);
  const insert = () => {
    try {
      const restored = restoreStoredRows(db, table, first, last, entry.old_value);
      if (restored !== last - first + 1) throw new Error(`${restored} of ${last - first + 1} rows found in the store`);
    } catch (error) {
      throw refuse(`${last - first + 1} row(s) of ${table} cannot be restored: ${(error as Error).message}`);
    }
    foreignKeyWatch(db)?.wrote(table, 'id BETWEEN ? AND ?', [first, last]);
  };
  // The rows' own ids, read from the table once they are back. Stored at today's migration
  // level, what their undo set aside fits them still.
  const run = { undoId: entry.operation_id, first, last, reusable: storedAt(entry.old_value).level === migrationLevel(db) };
  bulkRows(db, table, last - first + 1, 'insert', insert, { sql: 'id BETWEEN ? AND ?', params: [first, last] }, run);
  out.flush();
  recordCreatedRange(out.op, entry.entity, first, last);
}

/**
 * What a replay records, in order: rows re-created from whole-row entries are gathered into runs
 * of consecutive ids and written as one '+*' entry per run (their values are the rows
 * themselves), flushed before anything else is recorded so the entries keep their order.
 */
class ReplayRecorder {
  private run: { entity: AuditEntity; min: number; max: number } | null = null;

  constructor(readonly op: Recorder) {}

  created(entity: AuditEntity, id: number): void {
    const run = this.run;
    if (run && run.entity === entity && (id === run.max + 1 || id === run.min - 1)) {
      run.min = Math.min(run.min, id);
      run.max = Math.max(run.max, id);
      return;
    }
    this.flush();
    this.run = { entity, min: id, max: id };
  }

  record(change: AuditChange): void {
    this.flush();
    this.op.record(change);
  }

  flush(): void {
    if (!this.run) return;
    recordCreatedRange(this.op, this.run.entity, this.run.min, this.run.max);
    this.run = null;
  }
}

/** Re-inserts a row from its JSON (as recorded whole). */
function insertRowJson(db: Database.Database, table: string, json: string | null): void {
  const row = JSON.parse(json ?? '{}') as Record<string, unknown>;
  const columns = Object.keys(row);
  prepared(db, `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
    columns.map((c) => row[c]),
  );
}

/**
 * Takes one entry back: restores old values, deletes what it created (rows it deleted come back
 * by runs, restoreDeletedRun). Checks first that the ledger still holds what the entry left, so an undo never
 * overwrites a later change.
 */
function replay(db: Database.Database, entry: AuditEntryRow, out: ReplayRecorder, refuse: Refuse): void {
  const table = tableOf(entry.entity);
  const id = entry.entity_id;
  const from = entry.new_value;
  const to = entry.old_value;
  if (entry.field === CREATED_RANGE) {
    if (id === null) throw refuse(`${table}: a bulk entry without its first id`);
    out.flush();
    deleteCreatedRange(db, entry.entity, id, Number(entry.new_value), out.op, refuse);
    return;
  }
  if (entry.field === DELETED_RANGE) {
    if (id === null) throw refuse(`${table}: a bulk entry without its first id`);
    restoreStoredRange(db, entry, out, refuse);
    return;
  }
  if (entry.field === '+') {
    const existing = prepared(db, `SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    if (!existing) throw refuse(`${table} ${id} is already gone`);
    try {
      prepared(db, `DELETE FROM ${table} WHERE id = ?`).run(id);
    } catch (error) {
      throw refuse(`${table} ${id} is still referred to: ${(error as Error).message}`);
    }
    foreignKeyWatch(db)?.tookOutRow(table, id!);
    out.record({ entity: entry.entity, entityId: id, field: '-', oldValue: JSON.stringify(existing), newValue: null });
    return;
  }
  if (!/^[a-z_0-9.]+$/.test(entry.field)) throw refuse(`unknown field ${entry.field}`);
  if (entry.entity === 'setting') {
    const current = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(entry.field) as string | undefined;
    if ((current ?? null) !== from) throw refuse(`setting ${entry.field} changed since`);
    if (to === null) db.prepare('DELETE FROM settings WHERE key = ?').run(entry.field);
    else
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
        entry.field,
        to,
      );
    out.record({ entity: 'setting', entityId: null, field: entry.field, oldValue: from, newValue: to });
    return;
  }
  const current = prepared(db, `SELECT "${entry.field}" AS v FROM ${table} WHERE id = ?`).get(id) as { v: unknown } | undefined;
  if (!current) throw refuse(`${table} ${id} is gone`);
  const currentText = current.v === null || current.v === undefined ? null : String(current.v);
  if (currentText !== from) throw refuse(`${table} ${id} ${entry.field} changed since`);
  const extra = table === 'persons' && entry.field === 'name' ? ', name_sort_key = ?' : '';
  const params: unknown[] = [to];
  if (extra) params.push(personNameColumns(to ?? '').name_sort_key);
  const stamp = table === 'cohorts' || table === 'regions' || table === 'decision_files' ? '' : ', updated_at = ?';
  if (stamp) params.push(out.op.at);
  try {
    prepared(db, `UPDATE ${table} SET "${entry.field}" = ?${extra}${stamp} WHERE id = ?`).run(...(params as never[]), id);
  } catch (error) {
    throw refuse(`${table} ${id} ${entry.field}: ${(error as Error).message}`);
  }
  foreignKeyWatch(db)?.wroteRow(table, id as number);
  out.record({ entity: entry.entity, entityId: id, field: entry.field, oldValue: from, newValue: to });
}

const PAGE = 2000;

/** A deleted row's whole-row JSON ('-' entries are paged without it: a run needs none in JS). */
const deletedJson = (db: Database.Database, entryId: number) =>
  prepared(db, 'SELECT old_value FROM audit_log WHERE id = ?').pluck().get(entryId) as string | null;

/**
 * A run of deleted rows of one entity (the operation's '-' entries `oldest`…`newest`, `rows` of
 * them, nothing else of the operation between) brought back in one INSERT … SELECT from their
 * JSON, instead of row by row — a redo of an undone import re-creates a million rows. They go in
 * the order they were deleted (an undo deletes a range by ascending id, so rows arrive in key
 * order), unless the table's rows may refer to each other: then newest first, as replayed. An
 * operation's entries were all written under one schema: when its JSON lacks a column (recorded
 * before a migration added it), the rows go one by one, so the column gets its default. From
 * BULK_ROWS rows on, set-wise: the indexes rebuilt when the ledger held few rows of the table,
 * the persons' search terms made as one set (audit/bulk.ts, persons/search.ts).
 */
function restoreDeletedRun(
  db: Database.Database,
  sourceId: number,
  entity: AuditEntity,
  oldest: number,
  newest: number,
  rows: number,
  refuse: Refuse,
): void {
  const table = tableOf(entity);
  const columns = columnsOf(db, table);
  const sample = JSON.parse(deletedJson(db, newest) ?? '{}') as Record<string, unknown>;
  const insert = () => {
    try {
      if (columns.every((c) => c in sample)) {
        prepared(
          db,
          `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')})
           SELECT ${columns.map((c) => `json_extract(old_value, '$.${c}')`).join(', ')}
             FROM audit_log WHERE operation_id = ? AND id BETWEEN ? AND ? ORDER BY id ${refersToItself(db, table) ? 'DESC' : 'ASC'}`,
        ).run(sourceId, oldest, newest);
      } else {
        const ids = prepared(db, 'SELECT id FROM audit_log WHERE operation_id = ? AND id BETWEEN ? AND ? ORDER BY id DESC')
          .pluck()
          .all(sourceId, oldest, newest) as number[];
        for (const id of ids) insertRowJson(db, table, deletedJson(db, id));
      }
    } catch (error) {
      throw refuse(`${rows} row(s) of ${table} cannot be restored: ${(error as Error).message}`);
    }
  };
  const written = {
    sql: 'id IN (SELECT entity_id FROM audit_log WHERE operation_id = ? AND id BETWEEN ? AND ?)',
    params: [sourceId, oldest, newest],
  };
  bulkRows(db, table, rows, 'insert', insert, written);
  foreignKeyWatch(db)?.wrote(table, written.sql, written.params);
}

/**
 * Replays every entry of operation `sourceId` newest first, a page at a time (an undo of a big
 * import holds a million whole rows: never all in memory), recording into `op`; `refuse` makes
 * the error for an entry the ledger no longer matches. Returns how many rows and fields it took
 * back. Also the import page's undo of one import (import/undo.ts).
 */
export function replayBack(
  db: Database.Database,
  sourceId: number,
  op: Recorder,
  refuse: Refuse,
  progress?: (replayed: number) => void,
): number {
  const page = prepared(
    db,
    `SELECT id, operation_id, entity, entity_id, field, CASE field WHEN '-' THEN NULL ELSE old_value END AS old_value, new_value
       FROM audit_log WHERE operation_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  );
  // Where a run of deleted rows of one entity begins (the entry after the operation's newest
  // other entry before it), and how many entries it holds: a run may span many pages.
  const runStart = prepared(
    db,
    `SELECT coalesce(max(id), 0) + 1 FROM audit_log WHERE operation_id = ? AND id < ? AND NOT (field = '-' AND entity = ?)`,
  ).pluck();
  const runRows = prepared(db, 'SELECT count(*) FROM audit_log WHERE operation_id = ? AND id BETWEEN ? AND ?').pluck();
  const out = new ReplayRecorder(op);
  let replayed = 0;
  let before = Number.MAX_SAFE_INTEGER;
  /** The entries (ids) of the run of deleted rows brought back last: only recorded as they come. */
  let restored = { from: 0, to: -1 };
  for (;;) {
    const entries = page.all(sourceId, before, PAGE) as AuditEntryRow[];
    if (entries.length === 0) break;
    for (const entry of entries) {
      if (entry.field === '-') {
        // Deleted rows of one entity in a row: brought back together when the run's newest comes.
        if (entry.id < restored.from || entry.id > restored.to) {
          const from = runStart.get(sourceId, entry.id, entry.entity) as number;
          restoreDeletedRun(db, sourceId, entry.entity, from, entry.id, runRows.get(sourceId, from, entry.id) as number, refuse);
          restored = { from, to: entry.id };
        }
        out.created(entry.entity, entry.entity_id!);
        replayed++;
        continue;
      }
      replay(db, entry, out, refuse);
      replayed += entry.field === CREATED_RANGE || entry.field === DELETED_RANGE ? Number(entry.new_value) - entry.entity_id! + 1 : 1;
    }
    before = entries[entries.length - 1]!.id;
    progress?.(replayed);
  }
  out.flush();
  foreignKeyWatch(db)?.verify(db, refuse);
  return replayed;
}

/** Refuses when the operation next in line is not the one the clerk asked about (another came first). */
function checkExpected(target: OperationRow, expected: number | undefined): void {
  if (expected !== undefined && target.id !== expected) {
    throw new LedgerError('undo_moved', `operation ${expected} is no longer next (${target.id} is)`, { operation: target.kind });
  }
}

/**
 * How many rows taking back operation `id` would touch, counted up to `limit` (each entry is a
 * row or a field; a bulk entry counts its whole range): tells a quick undo from a long one.
 */
export function replaySize(db: Database.Database, id: number, limit: number): number {
  const { n, extra } = prepared(
    db,
    `SELECT count(*) AS n, coalesce(sum(CASE WHEN field IN ('${CREATED_RANGE}', '${DELETED_RANGE}') THEN CAST(new_value AS INTEGER) - entity_id ELSE 0 END), 0) AS extra
       FROM (SELECT field, entity_id, new_value FROM audit_log WHERE operation_id = ? LIMIT ?)`,
  ).get(id, limit) as { n: number; extra: number };
  return n + extra;
}

/**
 * What Ctrl+Z (or Ctrl+Y) would replay now: the operation's id (to pass as `expected`) and
 * whether it touches at least `bigRows` rows — worth a worker thread rather than the main one.
 */
export function nextReplay(
  db: Database.Database,
  which: 'undo' | 'redo',
  bigRows: number,
  own?: string,
): { expected: number; big: boolean } | null {
  if (which === 'undo') {
    const target = undoTarget(db, own);
    return target ? { expected: target.id, big: replaySize(db, target.id, bigRows) >= bigRows } : null;
  }
  const target = redoTarget(db, own);
  if (!target) return null;
  // A redo replays the undo that took the operation back.
  return { expected: target.id, big: replaySize(db, target.undoId, bigRows) >= bigRows };
}

/**
 * Takes back the newest operation not undone yet, as one new 'undo' operation. `expected`: the
 * operation the clerk meant (refused with undo_moved when another is next by now). `own`: only
 * that clerk's operations are theirs to undo (a hub account), and one whose rows a colleague
 * changed since is refused (undo_colleague_later).
 */
export function undo(db: Database.Database, clerk: string, expected?: number, own?: string): UndoState {
  whenBig(db, nextReplay(db, 'undo', BULK_ROWS, own)?.big ?? false, () => undoTransaction(db, clerk, expected, own), 'watched');
  return undoState(db, own);
}

/**
 * Runs `write` (a whole transaction): when it replays a big operation, with the commit's copy
 * of the WAL into the ledger file left to a worker (ledger/checkpoint.ts).
 */
export function whenBig<T>(db: Database.Database, big: boolean, write: () => T, keys: 'watched' | 'sqlite' = 'sqlite'): T {
  if (!big) return write();
  return commitThenCheckpoint(db, keys === 'watched' ? () => withForeignKeyWatch(db, write) : write);
}

function undoTransaction(db: Database.Database, clerk: string, expected?: number, own?: string): void {
  db.transaction(() => {
    const target = undoTarget(db, own);
    if (!target) throw new LedgerError('nothing_to_undo', 'nothing to undo');
    checkExpected(target, expected);
    assertNoColleagueLater(db, target.id, own, target);
    const op = beginOperation(db, 'undo', clerk, target.description);
    db.prepare('UPDATE operations SET reverts_operation_id = ? WHERE id = ?').run(target.id, op.id);
    replayBack(db, target.id, op, (why) => conflict(target, why));
    db.prepare('UPDATE operations SET undone = 1 WHERE id = ?').run(target.id);
  }).immediate();
}

/**
 * Brings back the operation the newest undo took back, as one new 'redo' operation: the undo's
 * own entries are replayed backwards (what it deleted comes back whole, what it changed changes
 * back). `own`: as for undo.
 */
export function redo(db: Database.Database, clerk: string, expected?: number, own?: string): UndoState {
  whenBig(db, nextReplay(db, 'redo', BULK_ROWS, own)?.big ?? false, () => redoTransaction(db, clerk, expected, own));
  return undoState(db, own);
}

function redoTransaction(db: Database.Database, clerk: string, expected?: number, own?: string): void {
  db.transaction(() => {
    const target = redoTarget(db, own);
    if (!target) throw new LedgerError('nothing_to_redo', 'nothing to redo');
    checkExpected(target, expected);
    const lastUndo = target.undoId;
    assertNoColleagueLater(db, lastUndo, own, target);
    const op = beginOperation(db, 'redo', clerk, target.description);
    db.prepare('UPDATE operations SET reverts_operation_id = ? WHERE id = ?').run(lastUndo, op.id);
    replayBack(db, lastUndo, op, (why) => conflict(target, why));
    db.prepare('UPDATE operations SET undone = 0 WHERE id = ?').run(target.id);
  }).immediate();
}
