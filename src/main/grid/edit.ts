// Edits of the grids: one cell, a new row, a pasted block, a fill-down, deleting rows. Each is one
// transaction and one operation in the ledger, with an audit entry per changed field — so undo
// (audit/undo.ts) can take it back, even after a restart.
import type Database from 'better-sqlite3';
import type {
  AddRowResult,
  CellProblem,
  DeleteMode,
  DeletePreview,
  GridRow,
  GridView,
  PasteResult,
  RowVersions,
} from '../../shared/api/grid.contract';
import { LedgerError } from '../../shared/errors';
import { columnOf, NEW_ROW_COLUMNS, parseCell, type CellValue, type EditableGridId, type GridColumn } from '../../shared/grids';
import {
  asText,
  operationLogOf,
  recordDelete,
  recordInsert,
  recordUpdate,
  type OperationKind,
  type OperationRecorder,
} from '../audit/operations';
import { CellError, constraintColumn, isPlainColumn, patchFor, tableRow, TABLE_ROW_SQL, type TableRow } from './cells';
import { idsAt, prepared, rowById, rowSql } from './query';
import { assertPlaces, assertVersions, rowChanged } from './versions';
import { GRID_ENTITY, gridTable, NEXT_VERSION, stampsUpdatedAt } from '../domain/entities';

type Operation = OperationRecorder;
const now = () => new Date().toISOString();

/** Thrown inside a transaction whose work changed nothing: no operation is left to undo. */
class Unchanged extends Error {
  constructor(readonly result: unknown) {
    super('unchanged');
  }
}

/** Thrown inside a transaction to roll it back and answer with the refused cells. */
class Rejected extends Error {
  constructor(readonly problems: CellProblem[]) {
    super('rejected');
  }
}

const hasUpdatedAt = (grid: EditableGridId) => stampsUpdatedAt(gridTable(grid));

/** `UPDATE <table> SET "a" = ?, "b" = ? WHERE id = ?`, built once per table and column list. */
const updateSqlCache = new Map<string, string>();

function updateSql(grid: EditableGridId, columns: readonly string[]): string {
  const key = `${grid} ${columns.join(' ')}`;
  let sql = updateSqlCache.get(key);
  if (sql === undefined) {
    sql = `UPDATE ${gridTable(grid)} SET ${columns.map((c) => `"${c}" = ?`).join(', ')}, ${NEXT_VERSION} WHERE id = ?`;
    updateSqlCache.set(key, sql);
  }
  return sql;
}

/** Applies a patch to one table row; records the changed fields when given the operation. */
function applyPatch(
  db: Database.Database,
  grid: EditableGridId,
  row: TableRow,
  patch: Record<string, unknown>,
  op: Operation | null,
): number {
  const columns = Object.keys(patch);
  const values: unknown[] = [];
  let changed = 0;
  for (const c of columns) {
    if (patch[c] !== row[c]) changed++;
    values.push(patch[c]);
  }
  if (changed === 0) return 0;
  if (hasUpdatedAt(grid)) {
    patch.updated_at = op?.at ?? now();
    columns.push('updated_at');
    values.push(patch.updated_at);
  }
  values.push(row.id);
  prepared(db, updateSql(grid, columns)).run(values);
  // Values reach SQLite in their stored form (parsed and typed): the patch is what changed.
  if (op && recordUpdate(op, GRID_ENTITY[grid], row.id, row, patch) === 0) op.wroteUnrecorded = true;
  Object.assign(row, patch);
  return changed;
}

/**
 * What editing one column of a grid needs, made once per editor, grid and column: a cell edit is
 * the call clerks make most, and looking up its statements each time costs more than running them.
 */
interface CellPlan {
  colId: string;
  description: string;
  /** The table row before the edit. */
  selectRow: Database.Statement;
  /** The row as the grid shows it. */
  gridRow: Database.Statement;
  /** A plain column (isPlainColumn): its definition and `UPDATE … SET colId (, updated_at) WHERE id = ?`. */
  plain: { column: GridColumn; update: Database.Statement } | null;
}

/**
 * A plain column's cell: parsed, compared, updated and recorded — what patchFor + applyPatch do
 * for it, without building a patch (the path of nearly every edit, paste and fill-down).
 */
function setPlainCell(
  grid: EditableGridId,
  plan: CellPlan,
  plain: NonNullable<CellPlan['plain']>,
  row: TableRow,
  value: CellValue,
  op: Operation | null,
): number {
  const colId = plan.colId;
  const parsed = parseCell(plain.column, value);
  if (!parsed.ok) throw new CellError(colId, parsed.rule, parsed.limit);
  const next = parsed.value;
  const before = row[colId];
  if (next === before) return 0;
  const at = op?.at ?? now();
  try {
    if (hasUpdatedAt(grid)) plain.update.run(next, at, row.id);
    else plain.update.run(next, row.id);
  } catch (error) {
    throw constraintColumn(grid, error, colId) ?? error;
  }
  op?.field(GRID_ENTITY[grid], row.id, colId, asText(before), asText(next));
  row[colId] = next;
  if (hasUpdatedAt(grid)) row.updated_at = at;
  return 1;
}

/** One cell of an existing row; throws CellError. */
function setCell(
  db: Database.Database,
  grid: EditableGridId,
  row: TableRow,
  colId: string,
  value: CellValue,
  op: Operation | null,
  plan?: CellPlan,
): number {
  if (plan?.plain) return setPlainCell(grid, plan, plan.plain, row, value, op);
  const patch = patchFor(db, grid, colId, value, row);
  try {
    return applyPatch(db, grid, row, patch, op);
  } catch (error) {
    throw constraintColumn(grid, error, colId) ?? error;
  }
}

function cellProblem(error: unknown, row: number, colId: string, value: CellValue): CellProblem {
  if (!(error instanceof CellError)) throw error;
  return {
    row,
    colId: error.colId || colId,
    rule: error.rule,
    ...(error.limit !== undefined ? { limit: error.limit } : {}),
    value: value === null ? '' : String(value),
  };
}

/** Inserts a new row from cell values; returns the new id or the problems. */
function insertRow(
  db: Database.Database,
  grid: EditableGridId,
  values: Record<string, CellValue>,
  op: Operation,
  rowIndex: number,
): { id: number } | { problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  // Required: the columns marked so, and those only a new row can set (a placement's person and term).
  const required = NEW_ROW_COLUMNS[grid].filter((c) => columnOf(grid, c)?.required || columnOf(grid, c)?.editable === false);
  const base: Record<string, unknown> = {};
  const seen = new Set<string>();
  // Required columns first: they make the minimal row.
  for (const colId of required) {
    seen.add(colId);
    const value = values[colId] ?? null;
    try {
      if (value === null || (typeof value === 'string' && value.trim() === '')) throw new CellError(colId, 'required');
      if (colId === 'province' || colId === 'dest_province') continue;
      const provinceColumn = colId === 'county' ? 'province' : colId === 'dest_county' ? 'dest_province' : null;
      const patch = patchFor(db, grid, colId, value, null);
      if (provinceColumn && values[provinceColumn]) {
        // The county must lie in the province the clerk chose.
        const province = patchFor(db, 'persons', 'home_province', values[provinceColumn]!, null).home_province;
        const countyProvince = prepared(db, 'SELECT p.code FROM regions u JOIN regions p ON p.id = u.parent_id WHERE u.id = ?')
          .pluck()
          .get(patch[grid === 'requests' ? 'county_id' : 'dest_county_id']);
        if (province !== countyProvince) throw new CellError(colId, 'county_not_in_province');
      }
      Object.assign(base, patch);
    } catch (error) {
      problems.push(cellProblem(error, rowIndex, colId, value));
    }
  }
  if (problems.length > 0) return { problems };
  const stamp = now();
  const full = { ...base, created_at: stamp, ...(hasUpdatedAt(grid) ? { updated_at: stamp } : {}) };
  let id: number;
  try {
    const columns = Object.keys(full);
    id = Number(
      prepared(
        db,
        `INSERT INTO ${gridTable(grid)} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      ).run(...Object.values(full)).lastInsertRowid,
    );
  } catch (error) {
    const cell = constraintColumn(grid, error, required[0] ?? '');
    if (!cell) throw error;
    return { problems: [cellProblem(cell, rowIndex, cell.colId, values[cell.colId] ?? null)] };
  }
  const row = tableRow(db, grid, id)!;
  for (const [colId, value] of Object.entries(values)) {
    if (seen.has(colId) || value === null || value === '') continue;
    const column = columnOf(grid, colId);
    if (!column || !column.editable) continue;
    try {
      setCell(db, grid, row, colId, value, null);
    } catch (error) {
      problems.push(cellProblem(error, rowIndex, colId, value));
    }
  }
  if (problems.length > 0) return { problems };
  recordInsert(op, GRID_ENTITY[grid], id, tableRow(db, grid, id)!);
  return { id };
}

function rowOrThrow(db: Database.Database, grid: EditableGridId, id: number): TableRow {
  const row = tableRow(db, grid, id);
  if (!row) throw new LedgerError('row_not_found', `${grid} ${id} not found`);
  return row;
}

function describe(grid: EditableGridId, what: string): string {
  return `${grid}: ${what}`;
}

export class GridEditor {
  /** One transaction wrapper for every operation (made once: creating it costs per call). */
  private readonly transaction: Database.Transaction<
    (kind: OperationKind, description: string, work: (op: Operation) => unknown) => unknown
  >;

  constructor(
    private readonly db: Database.Database,
    private readonly clerk: () => string,
  ) {
    const operations = operationLogOf(db);
    this.transaction = db.transaction((kind: OperationKind, description: string, work: (op: Operation) => unknown) => {
      const op = operations.begin(kind, clerk(), description);
      const result = work(op);
      // A value typed again, a paste of what is there: nothing for Ctrl+Z to take back.
      if (op.entries === 0 && !op.wroteUnrecorded) throw new Unchanged(result);
      return result;
    });
  }

  private readonly plans = new Map<EditableGridId, Map<string, CellPlan>>();

  private planOf(grid: EditableGridId, colId: string): CellPlan {
    let byColumn = this.plans.get(grid);
    if (!byColumn) this.plans.set(grid, (byColumn = new Map()));
    let plan = byColumn.get(colId);
    if (!plan) {
      const column = columnOf(grid, colId);
      plan = {
        colId,
        description: describe(grid, colId),
        selectRow: this.db.prepare(TABLE_ROW_SQL[grid]),
        gridRow: this.db.prepare(rowSql(grid)),
        plain:
          column && isPlainColumn(grid, colId)
            ? { column, update: this.db.prepare(updateSql(grid, hasUpdatedAt(grid) ? [colId, 'updated_at'] : [colId])) }
            : null,
      };
      // Only the grid's own columns are kept (a mistaken name is refused by patchFor, once).
      if (column) byColumn.set(colId, plan);
    }
    return plan;
  }

  /** One operation in one transaction; rolled back, leaving no trace, when it recorded no change. */
  private run<T>(kind: OperationKind, description: string, work: (op: Operation) => T): T {
    try {
      return this.transaction.immediate(kind, description, work) as T;
    } catch (error) {
      if (error instanceof Unchanged) return error.result as T;
      throw error;
    }
  }

  /** One cell; `baseVersion`: the row's version the clerk saw (refused with row_changed when it moved on). */
  updateCell(grid: EditableGridId, id: number, colId: string, value: CellValue, baseVersion?: number): GridRow {
    const plan = this.planOf(grid, colId);
    try {
      this.run('edit', plan.description, (op) => {
        const row = plan.selectRow.get(id) as TableRow | undefined;
        if (baseVersion !== undefined && row?.version !== baseVersion) throw rowChanged(this.db, GRID_ENTITY[grid], id);
        if (!row) throw new LedgerError('row_not_found', `${grid} ${id} not found`);
        return setCell(this.db, grid, row, colId, value, op, plan);
      });
    } catch (error) {
      if (error instanceof CellError) throw error.toLedgerError();
      throw error;
    }
    return plan.gridRow.get(id) as GridRow;
  }

  addRow(grid: EditableGridId, values: Record<string, CellValue>): AddRowResult {
    try {
      const id = this.run('add', describe(grid, 'new row'), (op) => {
        const result = insertRow(this.db, grid, values, op, 0);
        if ('problems' in result) throw new Rejected(result.problems);
        return result.id;
      });
      return { status: 'added', row: rowById(this.db, grid, id)! };
    } catch (error) {
      if (error instanceof Rejected) return { status: 'rejected', problems: error.problems };
      throw error;
    }
  }

  /**
   * A block copied from a spreadsheet, at row `startIndex` of the view and the given columns.
   * Rows past the last become new rows. All or nothing: any refused cell rolls it all back, and so
   * does a row the clerk saw at its place (`versions`) that is not there now or changed since.
   */
  paste(
    grid: EditableGridId,
    view: GridView,
    startIndex: number,
    columns: string[],
    cells: string[][],
    versions?: RowVersions,
  ): PasteResult {
    try {
      return this.run('paste', describe(grid, `${cells.length}×${cells[0]?.length ?? 0}`), (op) => {
        const ids = idsAt(this.db, grid, view, startIndex, cells.length);
        assertPlaces(this.db, GRID_ENTITY[grid], ids, versions);
        const problems: CellProblem[] = [];
        let changedCells = 0;
        let addedRows = 0;
        cells.forEach((line, r) => {
          const id = ids[r];
          if (id === undefined) {
            const values: Record<string, CellValue> = {};
            line.forEach((value, c) => {
              const colId = columns[c];
              if (colId && value.trim() !== '') values[colId] = value;
            });
            if (Object.keys(values).length === 0) return;
            const result = insertRow(this.db, grid, values, op, r);
            if ('problems' in result) problems.push(...result.problems);
            else addedRows++;
            return;
          }
          const row = rowOrThrow(this.db, grid, id);
          line.forEach((value, c) => {
            const colId = columns[c];
            if (!colId) return;
            const column = columnOf(grid, colId);
            if (!column?.editable) {
              if (value.trim() !== '' && String(row[colId] ?? '') !== value.trim())
                problems.push({ row: r, colId, rule: 'not_editable', value });
              return;
            }
            try {
              changedCells += setCell(this.db, grid, row, colId, value, op, this.planOf(grid, colId)) > 0 ? 1 : 0;
            } catch (error) {
              problems.push(cellProblem(error, r, colId, value));
            }
          });
        });
        if (problems.length > 0) throw new Rejected(problems);
        return { status: 'applied' as const, updatedRows: Math.min(ids.length, cells.length), addedRows, changedCells };
      });
    } catch (error) {
      if (error instanceof Rejected) return { status: 'rejected', problems: error.problems.slice(0, 200) };
      throw error;
    }
  }

  /** Copies the first row's value of `colId` into the other rows (Ctrl+D). */
  fillDown(grid: EditableGridId, ids: number[], colId: string, versions?: RowVersions): { changedCells: number } {
    const column = columnOf(grid, colId);
    if (!column?.editable) throw new CellError(colId, 'not_editable').toLedgerError();
    const shown = rowById(this.db, grid, ids[0]!);
    if (!shown) throw new LedgerError('row_not_found', `${grid} ${ids[0]} not found`);
    const value = shown[colId] ?? null;
    try {
      return this.run('fill', describe(grid, colId), (op) => {
        assertVersions(this.db, GRID_ENTITY[grid], versions);
        let changedCells = 0;
        const plan = this.planOf(grid, colId);
        for (const id of ids.slice(1))
          changedCells += setCell(this.db, grid, rowOrThrow(this.db, grid, id), colId, value, op, plan) > 0 ? 1 : 0;
        return { changedCells };
      });
    } catch (error) {
      if (error instanceof CellError) throw error.toLedgerError();
      throw error;
    }
  }

  deletePreview(grid: EditableGridId, ids: number[]): DeletePreview {
    const db = this.db;
    const list = ids.map(() => '?').join(', ');
    const count = (sql: string) =>
      (prepared(db, sql)
        .pluck()
        .get(...ids) as number) ?? 0;
    const labelSql: Record<EditableGridId, string> = {
      persons: `SELECT service_no || ' ' || name FROM persons WHERE id IN (${list}) ORDER BY id LIMIT 5`,
      cohorts: `SELECT year || ' ' || term FROM cohorts WHERE id IN (${list}) ORDER BY id LIMIT 5`,
      requests: `SELECT r.name_ko || ' ' || q.workplace FROM county_requests q JOIN regions r ON r.id = q.county_id WHERE q.id IN (${list}) ORDER BY q.id LIMIT 5`,
      placements: `SELECT p.service_no || ' ' || p.name FROM placements pl JOIN persons p ON p.id = pl.person_id WHERE pl.id IN (${list}) ORDER BY pl.id LIMIT 5`,
    };
    const existing = count(`SELECT count(*) FROM ${gridTable(grid)} WHERE id IN (${list})`);
    const labels = prepared(db, labelSql[grid])
      .pluck()
      .all(...ids) as string[];
    const dependents = { placements: 0, persons: 0, requests: 0 };
    let modes: DeleteMode[] = ['delete'];
    let blocked = false;
    if (grid === 'persons') {
      dependents.placements = count(`SELECT count(*) FROM placements WHERE person_id IN (${list})`);
      if (dependents.placements > 0) modes = ['cancel_placements', 'delete_with_placements'];
    } else if (grid === 'requests') {
      dependents.placements = count(`SELECT count(*) FROM placements WHERE request_id IN (${list})`);
      if (dependents.placements > 0) modes = ['cancel_request', 'unallocate_and_delete'];
    } else if (grid === 'cohorts') {
      dependents.persons = count(`SELECT count(*) FROM persons WHERE cohort_id IN (${list})`);
      dependents.placements = count(`SELECT count(*) FROM placements WHERE cohort_id IN (${list})`);
      dependents.requests = count(`SELECT count(*) FROM county_requests WHERE cohort_id IN (${list})`);
      if (dependents.persons + dependents.placements + dependents.requests > 0) {
        modes = [];
        blocked = true;
      }
    } else {
      modes = ['cancel_placement', 'delete'];
    }
    return { count: existing, labels, dependents, modes, blocked };
  }

  delete(grid: EditableGridId, ids: number[], mode: DeleteMode, versions?: RowVersions): { affected: number } {
    const preview = this.deletePreview(grid, ids);
    if (!preview.modes.includes(mode)) {
      throw new LedgerError('delete_blocked', `${mode} is not possible for these ${grid}`, {
        what: grid,
        dependents: `${preview.dependents.persons + preview.dependents.placements + preview.dependents.requests}`,
      });
    }
    const db = this.db;
    const kind: OperationKind = mode.startsWith('cancel') ? 'edit' : 'delete';
    return this.run(kind, describe(grid, `${mode} ${ids.length}`), (op) => {
      assertVersions(db, GRID_ENTITY[grid], versions);
      let affected = 0;
      const cancelPlacement = (placement: TableRow) => {
        setCell(db, 'placements', placement, 'status', 'cancelled', op);
      };
      const removeRow = (g: EditableGridId, row: TableRow) => {
        recordDelete(op, GRID_ENTITY[g], row.id, row);
        prepared(db, `DELETE FROM ${gridTable(g)} WHERE id = ?`).run(row.id);
      };
      for (const id of ids) {
        const row = tableRow(db, grid, id);
        if (!row) continue;
        affected++;
        const placementsOf = (column: string) =>
          prepared(db, `SELECT * FROM placements WHERE ${column} = ? ORDER BY id`).all(id) as TableRow[];
        switch (mode) {
          case 'delete':
            removeRow(grid, row);
            break;
          case 'delete_with_placements':
            for (const placement of placementsOf('person_id')) removeRow('placements', placement);
            removeRow(grid, row);
            break;
          case 'cancel_placements':
            for (const placement of placementsOf('person_id')) cancelPlacement(placement);
            break;
          case 'unallocate_and_delete':
            for (const placement of placementsOf('request_id')) applyPatch(db, 'placements', placement, { request_id: null }, op);
            removeRow(grid, row);
            break;
          case 'cancel_request':
            setCell(db, 'requests', row, 'status', 'cancelled', op);
            break;
          case 'cancel_placement':
            cancelPlacement(row);
            break;
        }
      }
      return { affected };
    });
  }
}

/** Row ids a paste would touch, exported for tests. */
export { idsAt };
