// Turning one cell's value into a change of the ledger: parsing (shared rules), resolving what
// the ledger must know (regions, cohorts, persons), and the domain checks a single column cannot
// state. Used by edits, pastes, fills and new rows alike.
import type Database from 'better-sqlite3';
import { columnOf, parseCell, type CellRule, type CellValue, type EditableGridId } from '../../shared/grids';
import { LedgerError } from '../../shared/errors';
import { cleanText, normalizeServiceNo, parseTerm } from '../../shared/normalize';
import { GRID_ENTITY, gridTable } from '../domain/entities';
import { personNameColumns } from '../domain/persons';
import { regionMatcher, type ProvinceRef, type UnitRef } from '../regions/match';
import { prepared } from './query';

/** A refused cell: the rule it broke (and its limit). */
export class CellError extends Error {
  constructor(
    readonly colId: string,
    readonly rule: CellRule,
    readonly limit?: number,
  ) {
    super(`${colId}: ${rule}`);
    this.name = 'CellError';
  }
  toLedgerError(): LedgerError {
    return new LedgerError('cell_invalid', this.message, { field: this.colId, rule: this.rule, limit: this.limit ?? null });
  }
}

export type TableRow = Record<string, unknown> & { id: number };

export const TABLE_ROW_SQL = Object.fromEntries(
  Object.keys(GRID_ENTITY).map((grid) => [grid, `SELECT * FROM ${gridTable(grid as EditableGridId)} WHERE id = ?`]),
) as Record<EditableGridId, string>;

export function tableRow(db: Database.Database, grid: EditableGridId, id: number): TableRow | undefined {
  return prepared(db, TABLE_ROW_SQL[grid]).get(id) as TableRow | undefined;
}

/** A province by code, Korean or romanized name (강원도, 강원, Kangwon, gangwon …). */
export function findProvince(db: Database.Database, text: string): ProvinceRef | undefined {
  return regionMatcher(db).matchProvince(text) ?? undefined;
}

/** A cohort from its id or from text like "2027 봄" / "2027 spring". */
export function findCohort(db: Database.Database, value: CellValue): number | undefined {
  if (typeof value === 'number')
    return (prepared(db, 'SELECT id FROM cohorts WHERE id = ?').pluck().get(value) as number | undefined) ?? undefined;
  const t = cleanText(String(value ?? ''));
  if (/^\d+$/.test(t) && t.length < 4)
    return (prepared(db, 'SELECT id FROM cohorts WHERE id = ?').pluck().get(Number(t)) as number | undefined) ?? undefined;
  const m = /^(\d{4})\s*[-년 ]?\s*(.+)$/.exec(t);
  const term = m ? parseTerm(m[2]!.replace(/^-/, '')) : null;
  if (!m || !term) return undefined;
  return (
    (prepared(db, 'SELECT id FROM cohorts WHERE year = ? AND term = ?').pluck().get(Number(m[1]), term) as number | undefined) ?? undefined
  );
}

function personIdByServiceNo(db: Database.Database, value: CellValue): number | undefined {
  const serviceNo = normalizeServiceNo(String(value ?? ''));
  if (!serviceNo) return undefined;
  return (prepared(db, 'SELECT id FROM persons WHERE service_no = ?').pluck().get(serviceNo) as number | undefined) ?? undefined;
}

const cellOf = (row: TableRow | null, column: string): unknown => (row ? row[column] : null);

/** The one city/county `value` names (within the province if given); throws CellError for `colId`. */
function onlyCounty(db: Database.Database, colId: string, value: CellValue, provinceCode: string | null): UnitRef {
  if (value === null) throw new CellError(colId, 'required');
  const match = regionMatcher(db).matchCounty(String(value), provinceCode);
  if (match.kind !== 'ok') throw new CellError(colId, provinceCode ? 'county_not_in_province' : 'invalid_value');
  return match.unit;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * How the columns that are not stored as typed become a patch: names (with their sort key),
 * dates checked against each other, cohorts and regions looked up, choices that set a date.
 * Every other editable column is stored as parsed, under its own name (see isPlainColumn).
 */
type SpecialPatch = (db: Database.Database, colId: string, value: CellValue, row: TableRow | null) => Record<string, unknown>;

const cohortPatch: SpecialPatch = (db, colId, value) => {
  const id = findCohort(db, value);
  if (id === undefined) throw new CellError(colId, 'invalid_value');
  return { cohort_id: id };
};

const lifeDates: SpecialPatch = (_db, colId, value, row) => {
  const birth = colId === 'birth_date' ? value : cellOf(row, 'birth_date');
  const discharge = colId === 'discharge_date' ? value : cellOf(row, 'discharge_date');
  if (typeof birth === 'string' && typeof discharge === 'string' && birth >= discharge) throw new CellError(colId, 'birth_after_discharge');
  return { [colId]: value };
};

const flag: SpecialPatch = (_db, colId, value) => ({ [colId]: value ? 1 : 0 });

/** The province of a county (by region id). */
const provinceOfCounty = (db: Database.Database, countyId: unknown) =>
  prepared(db, 'SELECT p.code FROM regions u JOIN regions p ON p.id = u.parent_id WHERE u.id = ?').pluck().get(countyId) as
    string | undefined;

const SPECIAL: Record<EditableGridId, Record<string, SpecialPatch>> = {
  persons: {
    name: (_db, _colId, value) => personNameColumns(String(value)),
    birth_date: lifeDates,
    discharge_date: lifeDates,
    cohort: (db, colId, value, row) => (value === null ? { cohort_id: null } : cohortPatch(db, colId, value, row)),
    home_province: (db, colId, value, row) => {
      if (value === null) return { home_province: null, home_county: null };
      const province = findProvince(db, String(value));
      if (!province) throw new CellError(colId, 'invalid_value');
      const county = cellOf(row, 'home_county');
      const keepCounty = typeof county === 'string' && regionMatcher(db).matchCounty(county, province.code).kind === 'ok';
      return keepCounty ? { home_province: province.code } : { home_province: province.code, home_county: null };
    },
    home_county: (db, colId, value, row) => {
      if (value === null) return { home_county: null };
      const province = (cellOf(row, 'home_province') as string | null) ?? null;
      const county = onlyCounty(db, colId, value, province);
      return province ? { home_county: county.nameKo } : { home_county: county.nameKo, home_province: county.provinceCode };
    },
  },
  cohorts: {},
  requests: {
    cohort: cohortPatch,
    province: (db, colId, value, row) => {
      const province = findProvince(db, String(value));
      if (!province) throw new CellError(colId, 'invalid_value');
      const current = row ? provinceOfCounty(db, row.county_id) : null;
      if (current !== province.code) throw new CellError('county', 'county_not_in_province');
      return {};
    },
    county: (db, colId, value) => ({ county_id: onlyCounty(db, colId, value, null).id }),
    housing_provided: flag,
    dev_20x10: flag,
  },
  placements: {
    service_no: (db, colId, value) => {
      const personId = personIdByServiceNo(db, value);
      if (personId === undefined) throw new CellError(colId, 'unknown_person');
      return { person_id: personId };
    },
    cohort: cohortPatch,
    dest_province: (db, colId, value, row) => {
      const province = findProvince(db, String(value));
      if (!province) throw new CellError(colId, 'invalid_value');
      if (!row) return {};
      if (provinceOfCounty(db, row.dest_county_id) !== province.code) throw new CellError('dest_county', 'county_not_in_province');
      return {};
    },
    dest_county: (db, colId, value, row) => {
      const county = onlyCounty(db, colId, value, null);
      const patch: Record<string, unknown> = { dest_county_id: county.id };
      if (row?.request_id !== null && row?.request_id !== undefined) {
        const requestCounty = prepared(db, 'SELECT county_id FROM county_requests WHERE id = ?').pluck().get(row.request_id);
        if (requestCounty !== county.id) patch.request_id = null;
      }
      return patch;
    },
    status: (_db, _colId, value, row) => {
      const patch: Record<string, unknown> = { status: value };
      const dateColumn =
        value === 'arrived'
          ? 'arrival_date'
          : value === 'notified'
            ? 'notified_on'
            : value === 'cancelled'
              ? 'cancelled_on'
              : value === 'decided'
                ? 'decided_on'
                : null;
      if (dateColumn && row && row[dateColumn] === null) patch[dateColumn] = today();
      return patch;
    },
  },
};

/**
 * Whether an editable column is stored as parsed under its own name, with no lookup and no other
 * column involved (text, numbers, plain dates, fixed choices): its edit needs only parseCell.
 */
export function isPlainColumn(grid: EditableGridId, colId: string): boolean {
  return columnOf(grid, colId)?.editable === true && !Object.hasOwn(SPECIAL[grid], colId);
}

/**
 * The table columns to set when `colId` of `row` gets `raw`. Throws CellError when the value
 * cannot be stored. `row` is the current table row (for checks against other columns).
 */
export function patchFor(
  db: Database.Database,
  grid: EditableGridId,
  colId: string,
  raw: CellValue,
  row: TableRow | null,
): Record<string, unknown> {
  const column = columnOf(grid, colId);
  if (!column) throw new CellError(colId, 'not_editable');
  // A new row may be given columns that are read-only afterwards (a placement's person and term).
  const parsed = parseCell(row === null ? { ...column, editable: true } : column, raw);
  if (!parsed.ok) throw new CellError(colId, parsed.rule, parsed.limit);
  const special = Object.hasOwn(SPECIAL[grid], colId) ? SPECIAL[grid][colId]! : null;
  return special ? special(db, colId, parsed.value, row) : { [colId]: parsed.value };
}

/** Which grid column a failed constraint points at, to say it at the cell. */
export function constraintColumn(grid: EditableGridId, error: unknown, colId: string): CellError | null {
  const message = (error as Error).message ?? '';
  const code = (error as { code?: string }).code ?? '';
  if (!code.startsWith('SQLITE_CONSTRAINT')) return null;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE/.test(message)) {
    const target = grid === 'placements' ? 'cohort' : grid === 'requests' ? 'workplace' : grid === 'cohorts' ? 'term' : colId;
    return new CellError(/service_no/.test(message) ? 'service_no' : target, 'duplicate');
  }
  return new CellError(colId, 'invalid_value');
}
