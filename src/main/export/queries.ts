// What exporting reads from the ledger: terms, departments (cities/counties/districts with
// persons on a roster), roster rows in the order they print, and the totals of covers and the
// province summary. A roster holds every placement of the term that is not cancelled.
import type Database from 'better-sqlite3';
import type { ExportCohort, ExportDepartment } from '../../shared/api/export.contract';
import { SECTORS, TERMS, type Sector, type Term } from '../../shared/domain';
import { LedgerError } from '../../shared/errors';
import { nkSortKey } from '../domain/nk-collation';

export interface CohortRef {
  id: number;
  year: number;
  term: Term;
}

const TERM_KO: Record<Term, string> = { spring: '봄', summer: '여름', fall: '가을' };

export function termDetails(year: number, term: Term): Record<string, string | number> {
  return { year, term, termKo: TERM_KO[term], termEn: term };
}

export function findCohort(db: Database.Database, year: number, term: Term): CohortRef {
  const row = db.prepare<[number, string], { id: number }>('SELECT id FROM cohorts WHERE year = ? AND term = ?').get(year, term);
  if (!row) throw new LedgerError('export_no_cohort', `no cohort ${year} ${term}`, termDetails(year, term));
  return { id: row.id, year, term };
}

/** Terms with persons on rosters, newest first. */
export function listCohorts(db: Database.Database): ExportCohort[] {
  const counts = new Map(
    db
      .prepare<[], { cohort_id: number; persons: number; departments: number }>(
        `SELECT cohort_id, count(*) AS persons, count(DISTINCT dest_county_id) AS departments
           FROM placements NOT INDEXED WHERE status <> 'cancelled' GROUP BY cohort_id`,
      )
      .all()
      .map((r) => [r.cohort_id, r]),
  );
  return db
    .prepare<[], { id: number; year: number; term: Term }>('SELECT id, year, term FROM cohorts')
    .all()
    .filter((c) => (counts.get(c.id)?.persons ?? 0) > 0)
    .map((c) => ({ year: c.year, term: c.term, persons: counts.get(c.id)!.persons, departments: counts.get(c.id)!.departments }))
    .sort((a, b) => b.year - a.year || TERMS.indexOf(b.term) - TERMS.indexOf(a.term));
}

/** The newest term with persons on rosters (the CLI's default). */
export function latestCohort(db: Database.Database): CohortRef | null {
  const first = listCohorts(db)[0];
  return first ? findCohort(db, first.year, first.term) : null;
}

interface Tally {
  persons: number;
  arrived: number;
}

export interface DepartmentFacts {
  persons: number;
  allocated: number;
  arrived: number;
  decisionFileIds: Set<number>;
  /** Persons per county request (allocated). */
  requests: Map<number, Tally>;
  /** Persons without a workplace, per sector. */
  unallocated: Map<Sector, Tally>;
}

/** Everything the covers, the plan and the summary count, from one pass over the term's placements. */
export interface CohortFacts {
  cohortId: number;
  departments: Map<number, DepartmentFacts>;
  /** Per city/county and placement sector: decided (decided/notified/arrived), placed (with workplace), arrived. */
  bySector: Map<number, Record<Sector, { decided: number; placed: number; arrived: number }>>;
  placedByRequest: Map<number, number>;
}

export function cohortFacts(db: Database.Database, cohortId: number): CohortFacts {
  const facts: CohortFacts = { cohortId, departments: new Map(), bySector: new Map(), placedByRequest: new Map() };
  // A full scan reads the table in order: faster than the index plus a million random lookups.
  const rows = db
    .prepare<[number], [number, number | null, Sector, number | null, number, number, number]>(
      `SELECT dest_county_id, request_id, sector, decision_file_id, count(*),
              sum(status = 'arrived'), sum(status IN ('decided', 'notified', 'arrived'))
         FROM placements NOT INDEXED
        WHERE cohort_id = ? AND status <> 'cancelled'
        GROUP BY dest_county_id, request_id, sector, decision_file_id`,
    )
    .raw(true)
    .all(cohortId);
  for (const [county, request, sector, file, persons, arrived, decided] of rows) {
    let d = facts.departments.get(county);
    if (!d) {
      d = { persons: 0, allocated: 0, arrived: 0, decisionFileIds: new Set(), requests: new Map(), unallocated: new Map() };
      facts.departments.set(county, d);
    }
    d.persons += persons;
    d.arrived += arrived;
    if (file !== null) d.decisionFileIds.add(file);
    const tallies = request === null ? d.unallocated : d.requests;
    const key = (request ?? sector) as never;
    const t = tallies.get(key) ?? { persons: 0, arrived: 0 };
    t.persons += persons;
    t.arrived += arrived;
    tallies.set(key, t);
    if (request !== null) {
      d.allocated += persons;
      facts.placedByRequest.set(request, (facts.placedByRequest.get(request) ?? 0) + persons);
    }
    let s = facts.bySector.get(county);
    if (!s) {
      const z = () => ({ decided: 0, placed: 0, arrived: 0 });
      s = { local_factory: z(), rural_housing: z(), farm_team: z(), other: z() };
      facts.bySector.set(county, s);
    }
    s[sector].decided += decided;
    if (request !== null) s[sector].placed += persons;
    s[sector].arrived += arrived;
  }
  return facts;
}

export interface DepartmentRow extends ExportDepartment {
  countyId: number;
}

/** Every city/county/district with persons on the term's rosters, in the regions' order. */
export function listDepartments(db: Database.Database, facts: CohortFacts): DepartmentRow[] {
  const units = db
    .prepare<
      [],
      { countyId: number; code: string; nameKo: string; nameEn: string; provinceCode: string; provinceKo: string; provinceEn: string }
    >(
      `SELECT u.id AS countyId, u.code, u.name_ko AS nameKo, u.name_en AS nameEn,
              pr.code AS provinceCode, pr.name_ko AS provinceKo, pr.name_en AS provinceEn
         FROM regions u JOIN regions pr ON pr.id = u.parent_id
        WHERE u.level = 2 ORDER BY pr.id, u.id`,
    )
    .all();
  const departments: DepartmentRow[] = [];
  for (const u of units) {
    const d = facts.departments.get(u.countyId);
    if (!d) continue;
    departments.push({ ...u, persons: d.persons, allocated: d.allocated, unallocated: d.persons - d.allocated, arrived: d.arrived });
  }
  return departments;
}

export function stripCountyId(row: DepartmentRow): ExportDepartment {
  const { countyId: _countyId, ...rest } = row;
  return rest;
}

/**
 * Finds departments by what a clerk types: a region code (kangwon.hoeyang-gun), a Korean name
 * (회양군, or 강원도 회양군), or a romanized name (Hoeyang-gun). Unknown names are refused.
 */
export function resolveCounties(db: Database.Database, names: readonly string[]): number[] {
  const units = db
    .prepare<[], { id: number; code: string; name_ko: string; name_en: string; province_ko: string }>(
      `SELECT u.id, u.code, u.name_ko, u.name_en, p.name_ko AS province_ko
         FROM regions u JOIN regions p ON p.id = u.parent_id WHERE u.level = 2`,
    )
    .all();
  const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, '').toLowerCase();
  const ids: number[] = [];
  for (const name of names) {
    const key = fold(name);
    const matches = units.filter(
      (u) => u.code.toLowerCase() === key || fold(u.name_ko) === key || fold(u.province_ko + u.name_ko) === key || fold(u.name_en) === key,
    );
    if (matches.length !== 1) {
      throw new LedgerError('export_unknown_county', `county ${name}: ${matches.length} matches`, { county: name });
    }
    if (!ids.includes(matches[0]!.id)) ids.push(matches[0]!.id);
  }
  return ids;
}

export interface ProvinceNames {
  ko: Map<string, string>;
  en: Map<string, string>;
}

export function provinceNames(db: Database.Database): ProvinceNames {
  const rows = db
    .prepare<[], { code: string; name_ko: string; name_en: string }>('SELECT code, name_ko, name_en FROM regions WHERE level = 1')
    .all();
  return { ko: new Map(rows.map((r) => [r.code, r.name_ko])), en: new Map(rows.map((r) => [r.code, r.name_en])) };
}

/** One group of a roster: the persons of one workplace, or those of one sector without one. */
export interface WorkplaceTotal {
  requestId: number | null;
  workplace: string | null;
  sector: Sector;
  headcount: number | null;
  persons: number;
  arrived: number;
}

/**
 * Workplaces of a department (requests of the term, with or without persons yet) and its persons
 * without a workplace per sector, with counts — in the order the roster prints them: by sector,
 * workplaces in North Korean dictionary order, persons without a workplace last.
 */
export function departmentGroups(db: Database.Database, facts: CohortFacts, countyId: number): WorkplaceTotal[] {
  const d = facts.departments.get(countyId);
  const requests = db
    .prepare<[number, number], { id: number; workplace: string; sector: Sector; headcount: number; status: string }>(
      `SELECT id, workplace, sector, headcount, status FROM county_requests WHERE cohort_id = ? AND county_id = ?`,
    )
    .all(facts.cohortId, countyId);
  const groups: WorkplaceTotal[] = [];
  const seen = new Set<number>();
  for (const q of requests) {
    const c = d?.requests.get(q.id);
    if (q.status === 'cancelled' && !c) continue;
    seen.add(q.id);
    groups.push({
      requestId: q.id,
      workplace: q.workplace,
      sector: q.sector,
      headcount: q.headcount,
      persons: c?.persons ?? 0,
      arrived: c?.arrived ?? 0,
    });
  }
  // A placement allocated to a request of another county (the ledger check reports those) still prints.
  for (const [requestId, c] of d?.requests ?? []) {
    if (seen.has(requestId)) continue;
    const q = db
      .prepare<[number], { workplace: string; sector: Sector; headcount: number }>(
        'SELECT workplace, sector, headcount FROM county_requests WHERE id = ?',
      )
      .get(requestId);
    groups.push({
      requestId,
      workplace: q?.workplace ?? '?',
      sector: q?.sector ?? 'other',
      headcount: q?.headcount ?? null,
      persons: c.persons,
      arrived: c.arrived,
    });
  }
  const sectorRank = (s: Sector) => SECTORS.indexOf(s);
  const keys = new Map(groups.map((g) => [g, nkSortKey(g.workplace ?? '')]));
  groups.sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return sectorRank(a.sector) - sectorRank(b.sector) || (ka < kb ? -1 : ka > kb ? 1 : 0) || (a.requestId ?? 0) - (b.requestId ?? 0);
  });
  for (const sector of SECTORS) {
    const c = d?.unallocated.get(sector);
    if (c) groups.push({ requestId: null, workplace: null, sector, headcount: null, persons: c.persons, arrived: c.arrived });
  }
  return groups;
}

/** Decision numbers of the Bureau's files behind a department's placements. */
export function decisionNumbers(db: Database.Database, facts: CohortFacts, countyId: number): string[] {
  const ids = facts.departments.get(countyId)?.decisionFileIds;
  if (!ids || ids.size === 0) return [];
  const lookup = db.prepare<[number], { decision_no: string | null }>('SELECT decision_no FROM decision_files WHERE id = ?');
  const numbers = new Set<string>();
  for (const id of ids) {
    const no = lookup.get(id)?.decision_no;
    if (no) numbers.add(no);
  }
  return [...numbers].sort();
}

const SECTOR_ORDER_SQL = `CASE pl.sector WHEN 'local_factory' THEN 0 WHEN 'rural_housing' THEN 1 WHEN 'farm_team' THEN 2 ELSE 3 END`;

/** A roster row as it comes from SQLite (raw arrays: cheaper than objects at a million rows). */
export type RosterRaw = [
  departmentRank: number,
  requestId: number | null,
  sector: Sector,
  serviceNo: string,
  name: string,
  sex: string | null,
  birthDate: string | null,
  homeProvince: string | null,
  homeCounty: string | null,
  unit: string | null,
  rank: string | null,
  skill: string | null,
  arrivalDate: string | null,
  personNotes: string | null,
  placementNotes: string | null,
];

/**
 * Every roster row of the chosen departments in print order, in one pass: departments in the
 * given order, then groups (workplace ranks given), then North Korean name order. SQLite sorts
 * (spilling to temporary files, memory stays bounded); the table is read in its stored order.
 */
export function rosterRows(
  db: Database.Database,
  cohortId: number,
  departments: readonly { countyId: number }[],
  groupRank: ReadonlyMap<number, number>,
): { rows: IterableIterator<RosterRaw>; dispose(): void } {
  const suffix = Math.random().toString(36).slice(2, 8);
  const dept = `export_dept_${suffix}`;
  const grp = `export_grp_${suffix}`;
  db.exec(`CREATE TEMP TABLE ${dept} (county_id INTEGER PRIMARY KEY, rank INTEGER NOT NULL);
           CREATE TEMP TABLE ${grp} (request_id INTEGER PRIMARY KEY, rank INTEGER NOT NULL);`);
  const insertDept = db.prepare(`INSERT INTO temp.${dept} VALUES (?, ?)`);
  departments.forEach((d, i) => insertDept.run(d.countyId, i));
  const insertGroup = db.prepare(`INSERT INTO temp.${grp} VALUES (?, ?)`);
  for (const [request, rank] of groupRank) insertGroup.run(request, rank);
  const statement = db
    .prepare<[number]>(
      `SELECT d.rank, pl.request_id, pl.sector,
              p.service_no, p.name, p.sex, p.birth_date, p.home_province, p.home_county, p.unit, p.rank,
              p.skill, pl.arrival_date, p.notes, pl.notes
         FROM placements pl ${departments.length > 20 ? 'NOT INDEXED' : ''}
         JOIN temp.${dept} d ON d.county_id = pl.dest_county_id
         JOIN persons p ON p.id = pl.person_id
         LEFT JOIN temp.${grp} g ON g.request_id = pl.request_id
        WHERE pl.cohort_id = ? AND pl.status <> 'cancelled'
        ORDER BY d.rank, coalesce(g.rank, 1000000000 + ${SECTOR_ORDER_SQL}), p.name_sort_key, p.id`,
    )
    .raw(true);
  const rows = statement.iterate(cohortId) as IterableIterator<RosterRaw>;
  return {
    rows,
    dispose: () => {
      rows.return?.();
      db.exec(`DROP TABLE IF EXISTS temp.${dept}; DROP TABLE IF EXISTS temp.${grp};`);
    },
  };
}

// ---- province summary ---------------------------------------------------------------------

export interface UnitTotals {
  countyId: number;
  provinceId: number;
  provinceKo: string;
  provinceEn: string;
  nameKo: string;
  nameEn: string;
  /** Per sector (SECTORS order): requested, decided, placed, arrived. */
  bySector: Record<Sector, { requested: number; decided: number; placed: number; arrived: number }>;
}

export function summaryTotals(db: Database.Database, facts: CohortFacts): UnitTotals[] {
  const units = new Map<number, UnitTotals>();
  const unitInfo = db.prepare<
    [number],
    { province_id: number; province_ko: string; province_en: string; name_ko: string; name_en: string }
  >(
    `SELECT p.id AS province_id, p.name_ko AS province_ko, p.name_en AS province_en, u.name_ko, u.name_en
       FROM regions u JOIN regions p ON p.id = u.parent_id WHERE u.id = ?`,
  );
  const unit = (countyId: number): UnitTotals => {
    let t = units.get(countyId);
    if (!t) {
      const info = unitInfo.get(countyId)!;
      const zero = () => ({ requested: 0, decided: 0, placed: 0, arrived: 0 });
      t = {
        countyId,
        provinceId: info.province_id,
        provinceKo: info.province_ko,
        provinceEn: info.province_en,
        nameKo: info.name_ko,
        nameEn: info.name_en,
        bySector: { local_factory: zero(), rural_housing: zero(), farm_team: zero(), other: zero() },
      };
      units.set(countyId, t);
    }
    return t;
  };
  for (const r of db
    .prepare<[number], { county_id: number; sector: Sector; requested: number }>(
      `SELECT county_id, sector, sum(headcount) AS requested FROM county_requests
        WHERE cohort_id = ? AND status <> 'cancelled' GROUP BY county_id, sector`,
    )
    .all(facts.cohortId)) {
    unit(r.county_id).bySector[r.sector].requested += r.requested;
  }
  for (const [county, sectors] of facts.bySector) {
    const t = unit(county);
    for (const sector of SECTORS) {
      t.bySector[sector].decided += sectors[sector].decided;
      t.bySector[sector].placed += sectors[sector].placed;
      t.bySector[sector].arrived += sectors[sector].arrived;
    }
  }
  return [...units.values()].sort((a, b) => a.provinceId - b.provinceId || a.countyId - b.countyId);
}

export interface UnfilledRequest {
  provinceKo: string;
  provinceEn: string;
  countyKo: string;
  countyEn: string;
  workplace: string;
  sector: Sector;
  headcount: number;
  placed: number;
  skills: string;
  priority: number;
  housing: number;
  dev: number;
  notes: string | null;
}

export function unfilledRequests(db: Database.Database, facts: CohortFacts): UnfilledRequest[] {
  const rows = db
    .prepare<[number], Omit<UnfilledRequest, 'placed'> & { id: number; province_id: number; county_id: number }>(
      `SELECT q.id, pr.id AS province_id, u.id AS county_id, pr.name_ko AS provinceKo, pr.name_en AS provinceEn,
              u.name_ko AS countyKo, u.name_en AS countyEn, q.workplace, q.sector, q.headcount,
              q.skills_wanted AS skills, q.priority, q.housing_provided AS housing, q.dev_20x10 AS dev, q.notes
         FROM county_requests q
         JOIN regions u ON u.id = q.county_id
         JOIN regions pr ON pr.id = u.parent_id
        WHERE q.cohort_id = ? AND q.status <> 'cancelled'`,
    )
    .all(facts.cohortId)
    .map((r) => ({ ...r, placed: facts.placedByRequest.get(r.id) ?? 0 }))
    .filter((r) => r.placed < r.headcount);
  const keys = new Map(rows.map((r) => [r, nkSortKey(r.workplace)]));
  rows.sort(
    (a, b) =>
      a.province_id - b.province_id ||
      a.county_id - b.county_id ||
      a.priority - b.priority ||
      (keys.get(a)! < keys.get(b)! ? -1 : keys.get(a)! > keys.get(b)! ? 1 : 0),
  );
  return rows;
}

/** Persons of the term without a workplace, by city/county, sector and name (raw arrays). */
export function unallocatedStatement(db: Database.Database): Database.Statement<[number]> {
  return db
    .prepare<[number]>(
      `SELECT pr.name_ko, pr.name_en, u.name_ko, u.name_en, pl.sector, p.service_no, p.name, p.sex, p.birth_date,
              p.rank, p.skill, pl.status, coalesce(pl.notes, p.notes)
         FROM placements pl
         JOIN persons p ON p.id = pl.person_id
         JOIN regions u ON u.id = pl.dest_county_id
         JOIN regions pr ON pr.id = u.parent_id
        WHERE pl.cohort_id = ? AND pl.request_id IS NULL AND pl.status <> 'cancelled'
        ORDER BY pr.id, u.id,
                 CASE pl.sector WHEN 'local_factory' THEN 0 WHEN 'rural_housing' THEN 1 WHEN 'farm_team' THEN 2 ELSE 3 END,
                 p.name_sort_key, p.id`,
    )
    .raw(true);
}
