// Paging, sorting, filtering, quick search and totals of the grids, all in SQL: the renderer
// asks for a block of rows of a view and never holds a whole table.
import type Database from 'better-sqlite3';
import type { FilterCondition, FilterModel, GridPage, GridRow, GridView } from '../../shared/api/grid.contract';
import { columnOf, type GridId } from '../../shared/grids';
import { messages } from '../../shared/i18n';
import { cleanText, parseDateText, parseTerm } from '../../shared/normalize';
import { prepared } from '../util/statements';
import { GRID_SQL, type ColumnSql, type GridSql } from './definitions';

export { prepared };

interface Clause {
  sql: string;
  params: unknown[];
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function textClause(expr: string, condition: FilterCondition): Clause | null {
  const value = cleanText(String(condition.filter ?? ''));
  switch (condition.type) {
    case 'blank':
      return { sql: `(${expr} IS NULL OR ${expr} = '')`, params: [] };
    case 'notBlank':
      return { sql: `(${expr} IS NOT NULL AND ${expr} <> '')`, params: [] };
    case 'equals':
      return { sql: `${expr} = ?`, params: [value] };
    case 'notEqual':
      return { sql: `(${expr} IS NULL OR ${expr} <> ?)`, params: [value] };
    case 'startsWith':
      return { sql: `${expr} LIKE ? ESCAPE '\\'`, params: [`${escapeLike(value)}%`] };
    case 'endsWith':
      return { sql: `${expr} LIKE ? ESCAPE '\\'`, params: [`%${escapeLike(value)}`] };
    case 'notContains':
      return { sql: `(${expr} IS NULL OR ${expr} NOT LIKE ? ESCAPE '\\')`, params: [`%${escapeLike(value)}%`] };
    case 'contains':
      return value === '' ? null : { sql: `${expr} LIKE ? ESCAPE '\\'`, params: [`%${escapeLike(value)}%`] };
    default:
      return null;
  }
}

function numberClause(expr: string, condition: FilterCondition): Clause | null {
  const value = typeof condition.filter === 'number' ? condition.filter : Number(condition.filter);
  const ops: Record<string, string> = {
    equals: '=',
    notEqual: '<>',
    lessThan: '<',
    lessThanOrEqual: '<=',
    greaterThan: '>',
    greaterThanOrEqual: '>=',
  };
  if (condition.type === 'blank') return { sql: `${expr} IS NULL`, params: [] };
  if (condition.type === 'notBlank') return { sql: `${expr} IS NOT NULL`, params: [] };
  if (!Number.isFinite(value)) return null;
  if (condition.type === 'inRange' && typeof condition.filterTo === 'number') {
    return { sql: `${expr} BETWEEN ? AND ?`, params: [value, condition.filterTo] };
  }
  const op = ops[condition.type];
  return op ? { sql: `${expr} ${op} ?`, params: [value] } : null;
}

function dayOf(text: string | null | undefined): string | null {
  if (!text) return null;
  return parseDateText(text.slice(0, 10)) ?? (/^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null);
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Dates compare as ISO text; a timestamp column compares its day. */
function dateClause(expr: string, condition: FilterCondition, timestamp: boolean): Clause | null {
  const from = dayOf(condition.dateFrom);
  const to = dayOf(condition.dateTo);
  if (condition.type === 'blank') return { sql: `${expr} IS NULL`, params: [] };
  if (condition.type === 'notBlank') return { sql: `${expr} IS NOT NULL`, params: [] };
  if (!from) return null;
  const day = (d: string) => (timestamp ? [`${d}`, `${nextDay(d)}`] : [d, d]);
  switch (condition.type) {
    case 'equals':
      return timestamp ? { sql: `(${expr} >= ? AND ${expr} < ?)`, params: day(from) } : { sql: `${expr} = ?`, params: [from] };
    case 'notEqual':
      return timestamp ? { sql: `(${expr} < ? OR ${expr} >= ?)`, params: day(from) } : { sql: `${expr} <> ?`, params: [from] };
    case 'lessThan':
      return { sql: `${expr} < ?`, params: [from] };
    case 'greaterThan':
      return { sql: `${expr} ${timestamp ? '>=' : '>'} ?`, params: [timestamp ? nextDay(from) : from] };
    case 'inRange':
      if (!to) return null;
      return timestamp
        ? { sql: `(${expr} >= ? AND ${expr} < ?)`, params: [from, nextDay(to)] }
        : { sql: `${expr} BETWEEN ? AND ?`, params: [from, to] };
    default:
      return null;
  }
}

type LabelList = NonNullable<ColumnSql['labelList']>;

/** The stored codes whose code or Korean/English label matches what the clerk typed. */
function codesMatching(list: LabelList, condition: FilterCondition): string[] {
  const typed = cleanText(String(condition.filter ?? '')).toLowerCase();
  const exact = condition.type === 'equals' || condition.type === 'notEqual';
  const codes = new Set<string>();
  for (const language of ['ko', 'en'] as const) {
    const labels = messages[language].grid.options[list] as Record<string, string>;
    for (const [code, label] of Object.entries(labels)) {
      const candidates = [code.toLowerCase(), label.toLowerCase()];
      if (candidates.some((c) => (exact ? c === typed : c.includes(typed)))) codes.add(code);
    }
  }
  return [...codes];
}

function regionClause(db: Database.Database, column: ColumnSql, condition: FilterCondition): Clause | null {
  const typed = cleanText(String(condition.filter ?? ''));
  if (typed === '' && condition.type !== 'blank' && condition.type !== 'notBlank') return null;
  const negate = condition.type === 'notEqual' || condition.type === 'notContains';
  const exact = condition.type === 'equals' || condition.type === 'notEqual';
  const pattern = exact ? typed : condition.type === 'startsWith' ? `${escapeLike(typed)}%` : `%${escapeLike(typed)}%`;
  // Regions are few (≈200): resolve the matching ones first, then filter by their ids.
  const matches = exact
    ? (prepared(db, `SELECT id, code, name_ko FROM regions WHERE code = ? OR name_ko = ? OR lower(name_en) = lower(?)`).all(
        typed,
        typed,
        typed,
      ) as {
        id: number;
        code: string;
        name_ko: string;
      }[])
    : (prepared(
        db,
        `SELECT id, code, name_ko FROM regions WHERE code LIKE ? ESCAPE '\\' OR name_ko LIKE ? ESCAPE '\\' OR name_en LIKE ? ESCAPE '\\'`,
      ).all(pattern, pattern, pattern) as {
        id: number;
        code: string;
        name_ko: string;
      }[]);
  const values = matches.map((m) => (column.regionBy === 'code' ? m.code : column.regionBy === 'name' ? m.name_ko : m.id));
  const list = values.length === 0 ? 'NULL' : values.map(() => '?').join(', ');
  const expr = column.regionExpr ?? column.select;
  if (expr.includes('#REGIONS#')) {
    const sql = expr.replace('#REGIONS#', list);
    return { sql: negate ? `NOT (${sql})` : sql, params: values };
  }
  return { sql: negate ? `(${expr} IS NULL OR ${expr} NOT IN (${list}))` : `${expr} IN (${list})`, params: values };
}

function cohortClause(db: Database.Database, expr: string, condition: FilterCondition): Clause | null {
  const typed = cleanText(String(condition.filter ?? ''));
  if (typed === '') return null;
  const year = /\d{4}/.exec(typed)?.[0];
  const termWord = typed.replace(/\d{4}/, '').trim();
  const term = termWord ? parseTerm(termWord) : null;
  if (termWord && !term) return { sql: '0', params: [] };
  const ids = (
    prepared(db, 'SELECT id FROM cohorts WHERE (? IS NULL OR year = ?) AND (? IS NULL OR term = ?)').all(
      year ?? null,
      year ?? null,
      term,
      term,
    ) as { id: number }[]
  ).map((r) => r.id);
  const negate = condition.type === 'notEqual' || condition.type === 'notContains';
  const list = ids.length === 0 ? 'NULL' : ids.map(() => '?').join(', ');
  return { sql: negate ? `(${expr} IS NULL OR ${expr} NOT IN (${list}))` : `${expr} IN (${list})`, params: ids };
}

function conditionClause(db: Database.Database, grid: GridId, colId: string, condition: FilterCondition): Clause | null {
  const column = GRID_SQL[grid].columns[colId];
  const spec = columnOf(grid, colId);
  if (!column || !spec) return null;
  if (column.filterAs === 'region') return regionClause(db, column, condition);
  if (column.filterAs === 'cohort') return cohortClause(db, column.select, condition);
  if (column.filterAs === 'label' && column.labelList && condition.filterType === 'text') {
    if (condition.type === 'blank' || condition.type === 'notBlank') return textClause(column.select, condition);
    const codes = codesMatching(column.labelList, condition);
    const negate = condition.type === 'notEqual' || condition.type === 'notContains';
    const list = codes.length === 0 ? 'NULL' : codes.map(() => '?').join(', ');
    return {
      sql: negate ? `(${column.select} IS NULL OR ${column.select} NOT IN (${list}))` : `${column.select} IN (${list})`,
      params: codes,
    };
  }
  if (condition.filterType === 'number') return numberClause(column.select, condition);
  if (condition.filterType === 'date') return dateClause(column.select, condition, spec.kind === 'datetime');
  return textClause(column.select, condition);
}

function filterClause(db: Database.Database, grid: GridId, colId: string, model: FilterModel): Clause | null {
  if ('conditions' in model) {
    const parts = model.conditions.map((c) => conditionClause(db, grid, colId, c)).filter((c): c is Clause => c !== null);
    if (parts.length === 0) return null;
    return { sql: `(${parts.map((p) => p.sql).join(` ${model.operator} `)})`, params: parts.flatMap((p) => p.params) };
  }
  return conditionClause(db, grid, colId, model);
}

/** The WHERE clause of a view: column filters AND quick search AND (history) one person. */
export function whereOf(db: Database.Database, grid: GridId, view: GridView): Clause {
  const def = GRID_SQL[grid];
  const parts: Clause[] = [];
  for (const [colId, model] of Object.entries(view.filters)) {
    const clause = filterClause(db, grid, colId, model);
    if (clause) parts.push(clause);
  }
  const search = cleanText(view.search);
  if (search !== '') {
    const clause = def.search(search);
    parts.push(clause ?? { sql: '0', params: [] });
  }
  if (view.personId !== undefined && grid === 'history') {
    // Their own entries, their placements', and the bulk entries ('+*') whose range holds them.
    const id = view.personId;
    parts.push({
      sql: `((a.entity = 'person' AND a.entity_id = ?) OR (a.entity = 'placement' AND a.entity_id IN (SELECT pl.id FROM placements pl WHERE pl.person_id = ?))
         OR a.id IN (SELECT r.id FROM audit_log r WHERE r.field = '+*' AND r.entity = 'person' AND r.entity_id <= ? AND CAST(r.new_value AS INTEGER) >= ?)
         OR a.id IN (SELECT r.id FROM placements pl JOIN audit_log r ON r.field = '+*' AND r.entity = 'placement' AND r.entity_id <= pl.id AND CAST(r.new_value AS INTEGER) >= pl.id
                      WHERE pl.person_id = ?))`,
      params: [id, id, id, id, id],
    });
  }
  if (parts.length === 0) return { sql: '', params: [] };
  return { sql: `WHERE ${parts.map((p) => `(${p.sql})`).join(' AND ')}`, params: parts.flatMap((p) => p.params) };
}

/** ORDER BY of a view, always ending with the row id so pages are stable. */
export function orderOf(grid: GridId, view: GridView): string {
  const def = GRID_SQL[grid];
  const keys = view.sort
    .filter((s) => def.columns[s.colId] && columnOf(grid, s.colId)?.sortable !== false)
    .map((s) => {
      const column = def.columns[s.colId]!;
      return `${column.sort ?? column.select} ${s.sort === 'desc' ? 'DESC' : 'ASC'}`;
    });
  keys.push(`${def.alias}.id ${def.idOrder}`);
  return `ORDER BY ${keys.join(', ')}`;
}

const selectLists = new Map<GridSql, string>();

/**
 * The grid's columns as a select list (built once per grid); an edited grid's rows also carry
 * their version (migration 0012), which the grid sends back with a write (grid/versions.ts).
 */
function selectList(def: GridSql): string {
  let list = selectLists.get(def);
  if (list === undefined) {
    const version = def.table === null ? [] : [`${def.alias}.version AS version`];
    list = [`${def.alias}.id AS id`, ...version, ...Object.entries(def.columns).map(([key, c]) => `${c.select} AS "${key}"`)].join(', ');
    selectLists.set(def, list);
  }
  return list;
}

/**
 * A view that is only a quick search, in id order, of a grid whose search has an index of its own
 * (persons): its pages come from the index in rowid order and stop at the block, and its count
 * is the index's — no lookup of each matching row. Otherwise null (the general WHERE serves).
 */
function searchOnly(grid: GridId, view: GridView): Clause | null {
  const def = GRID_SQL[grid];
  if (!def.searchIndex || view.personId !== undefined || Object.keys(view.filters).length > 0) return null;
  if (view.sort.some((s) => def.columns[s.colId] && columnOf(grid, s.colId)?.sortable !== false)) return null;
  const text = cleanText(view.search);
  const match = text === '' ? null : def.searchIndex.query(text);
  return match === null ? null : { sql: def.searchIndex.table, params: [match] };
}

/** The SQL the grid runs for one block of rows (also used by the benchmark's baseline). */
export function pageSql(
  db: Database.Database,
  grid: GridId,
  view: GridView,
  where: Clause = whereOf(db, grid, view),
): { sql: string; params: unknown[] } {
  const def = GRID_SQL[grid];
  const order = orderOf(grid, view);
  const index = searchOnly(grid, view);
  const inner = index
    ? `SELECT rowid FROM ${index.sql} WHERE ${index.sql} MATCH ? ORDER BY rowid ${def.idOrder} LIMIT ? OFFSET ?`
    : `SELECT ${def.alias}.id FROM ${def.from} ${where.sql} ${order} LIMIT ? OFFSET ?`;
  return {
    sql: `SELECT ${selectList(def)} FROM ${def.from} WHERE ${def.alias}.id IN (${inner}) ${order}`,
    params: index ? index.params : where.params,
  };
}

/** Every row of a view, in the view's order (export this view). */
export function viewSql(db: Database.Database, grid: GridId, view: GridView): { sql: string; params: unknown[] } {
  const def = GRID_SQL[grid];
  const where = whereOf(db, grid, view);
  return { sql: `SELECT ${selectList(def)} FROM ${def.from} ${where.sql} ${orderOf(grid, view)}`, params: where.params };
}

export function countSql(
  db: Database.Database,
  grid: GridId,
  view: GridView,
  where: Clause = whereOf(db, grid, view),
): { sql: string; params: unknown[] } {
  const def = GRID_SQL[grid];
  const index = searchOnly(grid, view);
  if (index) return { sql: `SELECT count(*) AS n FROM ${index.sql} WHERE ${index.sql} MATCH ?`, params: index.params };
  return { sql: `SELECT count(*) AS n FROM ${def.from} ${where.sql}`, params: where.params };
}

/**
 * What the ledger is at: moves whenever this connection (total_changes) or another process
 * (data_version) writes. Two tiny statements, cheaper than one query of the pragma's table.
 */
function dataVersion(db: Database.Database): string {
  const external = prepared(db, 'PRAGMA data_version').pluck().get() as number;
  const own = prepared(db, 'SELECT total_changes()').pluck().get() as number;
  return `${external}:${own}`;
}

/**
 * A view's statements, made once: scrolling asks for block after block of the same view. Filters
 * that name regions or cohorts resolve them in the ledger, so those plans hold for one version of
 * it; the others (text, numbers, dates, the quick search) hold until the app closes.
 */
interface ViewPlan {
  /** The ledger version the plan was made at, or null when the plan does not depend on it. */
  version: string | null;
  where: Clause;
  page: Database.Statement;
  params: unknown[];
  /** The row count's cache key: filters, search and person — not the sort. */
  countKey: string;
  count?: Database.Statement;
}

const viewPlans = new WeakMap<Database.Database, Map<string, ViewPlan>>();
const countCache = new WeakMap<Database.Database, Map<string, { version: string; count: number }>>();

function cacheOf<T>(caches: WeakMap<Database.Database, Map<string, T>>, db: Database.Database): Map<string, T> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

const countKeyOf = (grid: GridId, view: GridView) => `${grid}|${JSON.stringify({ f: view.filters, s: view.search, p: view.personId })}`;

/** Whether the view's WHERE clause looks names up in the ledger (regions, cohorts). */
function looksUpLedger(grid: GridId, view: GridView): boolean {
  const columns = GRID_SQL[grid].columns;
  for (const colId in view.filters) {
    const filterAs = columns[colId]?.filterAs;
    if (filterAs === 'region' || filterAs === 'cohort') return true;
  }
  return false;
}

function viewPlan(db: Database.Database, grid: GridId, view: GridView, version: string): ViewPlan {
  const plans = cacheOf(viewPlans, db);
  const key = `${grid}|${JSON.stringify(view)}`;
  let plan = plans.get(key);
  if (plan === undefined || (plan.version !== null && plan.version !== version)) {
    const where = whereOf(db, grid, view);
    const { sql, params } = pageSql(db, grid, view, where);
    plan = {
      version: looksUpLedger(grid, view) ? version : null,
      where,
      page: prepared(db, sql),
      params,
      countKey: countKeyOf(grid, view),
    };
    if (plans.size > 200) plans.clear();
    plans.set(key, plan);
  }
  return plan;
}

/** The view's row count at this version of the ledger: from the cache, or counted once. */
function cachedCount(db: Database.Database, key: string, version: string, count: () => number): number {
  const cache = cacheOf(countCache, db);
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.count;
  const n = count();
  if (cache.size > 200) cache.clear();
  cache.set(key, { version, count: n });
  return n;
}

/** How many rows match the view; remembered until the ledger changes. */
export function countRows(db: Database.Database, grid: GridId, view: GridView, where?: Clause): number {
  return cachedCount(db, countKeyOf(grid, view), dataVersion(db), () => {
    const { sql, params } = countSql(db, grid, view, where);
    return (prepared(db, sql).get(...params) as { n: number }).n;
  });
}

/** One block of a view's rows and how many rows match it. */
export function queryPage(db: Database.Database, grid: GridId, view: GridView, start: number, count: number): GridPage {
  const version = dataVersion(db);
  const plan = viewPlan(db, grid, view, version);
  const rows = plan.page.all(...plan.params, count, start) as GridRow[];
  const rowCount = cachedCount(db, plan.countKey, version, () => {
    plan.count ??= prepared(db, countSql(db, grid, view, plan.where).sql);
    return (plan.count.get(...plan.params) as { n: number }).n;
  });
  return { rows, rowCount };
}

/** The SQL of one row by id, as the grid shows it (also the benchmark's baseline). */
const rowSqlCache = new Map<GridId, string>();

export function rowSql(grid: GridId): string {
  let sql = rowSqlCache.get(grid);
  if (sql === undefined) {
    const def = GRID_SQL[grid];
    sql = `SELECT ${selectList(def)} FROM ${def.from} WHERE ${def.alias}.id = ?`;
    rowSqlCache.set(grid, sql);
  }
  return sql;
}

/** One row by id, as the grid shows it. */
export function rowById(db: Database.Database, grid: GridId, id: number): GridRow | undefined {
  return prepared(db, rowSql(grid)).get(id) as GridRow | undefined;
}

/** The ids of rows [start, start + count) of a view, in view order (for pastes). */
export function idsAt(db: Database.Database, grid: GridId, view: GridView, start: number, count: number): number[] {
  const def = GRID_SQL[grid];
  const where = whereOf(db, grid, view);
  const sql = `SELECT ${def.alias}.id FROM ${def.from} ${where.sql} ${orderOf(grid, view)} LIMIT ? OFFSET ?`;
  return prepared(db, sql)
    .pluck()
    .all(...where.params, count, start) as number[];
}

/** County requests: the sums over every matching row, for the pinned totals row. */
export function requestTotals(db: Database.Database, view: GridView): Record<string, number> {
  const def = GRID_SQL.requests;
  const where = whereOf(db, 'requests', view);
  const c = def.columns;
  const row = prepared(
    db,
    `SELECT count(*) AS rows, COALESCE(sum(${c.headcount!.select}), 0) AS headcount, COALESCE(sum(${c.assigned!.select}), 0) AS assigned,
            COALESCE(sum(${c.arrived!.select}), 0) AS arrived, COALESCE(sum(${c.remaining!.select}), 0) AS remaining
       FROM ${def.from} ${where.sql}`,
  ).get(...where.params) as Record<string, number>;
  return row;
}
