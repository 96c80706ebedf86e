// The ledger half of an import: each batch of checked rows is compared with what the ledger holds
// (persons by service number, their placements, cohorts, county requests) and — when committing —
// written, with every change in the audit log under the import's one operation. A dry run makes
// the same comparison without writing, so it reports exactly what a commit would do.
import type Database from 'better-sqlite3';
import { withWho, type ImportCounts, type ImportIssue, type ImportIssueCode, type ImportKind } from '../../shared/api/import.contract';
import { TERMS, type Sector, type Term } from '../../shared/domain';
import { columnLetter } from '../spreadsheet/cells';
import { isIdentityConflict, type IdentityFields } from '../domain/person-identity';
import {
  extendCreatedRange,
  idRuns,
  recordCreatedRange,
  recordInsert,
  recordUpdate,
  type AuditEntity,
  type OperationRecorder,
} from '../audit/operations';
import { deferSearchIndex, type DeferredSearchIndex } from '../persons/search';
import { DuplicateWatch } from './duplicates';
import type { UnitRef } from '../regions/match';
import type { DecisionRecord, RequestRecord, RowResult } from './rows';
import { BULK_ROWS } from '../audit/bulk';
import { deferTally } from '../domain/placements';
import { NEXT_VERSION } from '../domain/entities';

type Recorder = OperationRecorder;

interface PersonRow {
  id: number;
  service_no: string;
  name: string;
  sex: string | null;
  birth_date: string | null;
  home_province: string | null;
  home_county: string | null;
  unit: string | null;
  rank: string | null;
  discharge_date: string | null;
  skill: string | null;
  education: string | null;
  notes: string | null;
  cohort_id: number | null;
}

interface PlacementRow {
  id: number;
  person_id: number;
  cohort_id: number;
  dest_county_id: number;
  sector: string;
  status: string;
  decision_file_id: number | null;
  decided_on: string | null;
}

/** Terms in calendar order: 2027 spring, 2027 summer, 2027 fall, 2028 spring. */
export const byCalendar = (a: { year: number; term: Term }, b: { year: number; term: Term }): number =>
  a.year - b.year || TERMS.indexOf(a.term) - TERMS.indexOf(b.term);

export interface CohortUse {
  id: number | null;
  year: number;
  term: Term;
  rows: number;
  isNew: boolean;
}

/** Indexes built after a bulk load into an empty persons table (their keys arrive in random order). */
const DEFERRED_INDEXES = ['persons_name_sort'] as const;

const PERSON_FIELDS: readonly [keyof DecisionRecord, keyof PersonRow][] = [
  ['name', 'name'],
  ['sex', 'sex'],
  ['birthDate', 'birth_date'],
  ['homeProvince', 'home_province'],
  ['homeCounty', 'home_county'],
  ['unit', 'unit'],
  ['rank', 'rank'],
  ['dischargeDate', 'discharge_date'],
  ['skill', 'skill'],
  ['education', 'education'],
  ['notes', 'notes'],
];

/** The identity fields and the person columns they are kept in. */
const IDENTITY_COLUMNS = { name: 'name', sex: 'sex', birthDate: 'birth_date' } as const;
const IDENTITY_COLUMN_SET = new Set<string>(Object.values(IDENTITY_COLUMNS));

/** A person of the ledger the clerk let a file turn into another (recorded with the import). */
export interface IdentityChange {
  serviceNo: string;
  personId: number;
  row: number;
  from: IdentityFields;
  to: IdentityFields;
}

/**
 * Which identity conflicts the clerk accepted: none (the default: each is an error), all of them
 * (the CLI's --allow-identity-change), or those of the service numbers listed (the wizard: the
 * persons the clerk saw listed in the dry run — a conflict that appears only later is not).
 */
export type IdentityAcceptance = 'none' | 'all' | ReadonlySet<string>;

/** Where the decision fields the ledger side reports on are in the file (0-based column indexes). */
export type DecisionColumns = Partial<Record<'serviceNo' | 'destCounty' | 'name' | 'sex' | 'birthDate', number>>;

export interface ApplierOptions {
  db: Database.Database;
  kind: ImportKind;
  /** Commit: write through `db` (inside the caller's transaction). Dry: only read. */
  write: boolean;
  operation: Recorder | null;
  clerk: string;
  decisionFileId: number | null;
  decidedOn: string | null;
  unitsById: ReadonlyMap<number, UnitRef>;
  /** Where ledger-side findings (moves, amendments) go, in row order with the file's issues. */
  issue(issue: ImportIssue): void;
  acceptIdentity?: IdentityAcceptance;
  /** Look for possible duplicate persons (default true; the commit's second pass reuses the first's findings). */
  watchDuplicates?: boolean;
  /** A big file (the read pass found this many valid rows): the figures' tally is counted once at the end. */
  validRows?: number;
}

export class LedgerApplier {
  readonly counts: Omit<ImportCounts, 'rows'> = {
    persons: { new: 0, updated: 0, unchanged: 0 },
    placements: { new: 0, moved: 0, unchanged: 0 },
    requests: { new: 0, updated: 0, unchanged: 0 },
  };
  readonly cohorts = new Map<string, CohortUse>();
  readonly sectors: Partial<Record<Sector, number>> = {};
  /** Set to false to stop writing (a row with errors and no --skip-invalid: it will roll back). */
  writing: boolean;
  private readonly now = new Date().toISOString();
  private readonly db: Database.Database;
  private readonly stmts: ReturnType<LedgerApplier['prepare']>;
  private nextVirtualCohort = -1;
  /** A ledger without persons before this import: no service number can already be there. */
  private readonly freshLedger: boolean;
  /** The newest '+*' entry per entity: rows created right after it extend it (one entry per run). */
  private readonly openRanges = new Map<AuditEntity, { entryId: number; last: number }>();
  /** Cities/counties the written rows point to (checked once in finish(), see there). */
  private readonly counties = new Set<number>();
  /** Indexes dropped while persons are loaded into an empty table, re-created by finish(). */
  private deferredIndexes: string[] | null = null;
  /** The quick-search insert trigger, dropped while the import writes and re-created by finish(). */
  private deferredSearch: DeferredSearchIndex | null = null;
  /** The tally's triggers, set aside for a big file (domain/placements.ts deferTally). */
  private deferredTally: ((cohortIds: readonly number[]) => void) | null = null;
  /** Rows the ledger side turned into errors (identity conflicts), in all batches so far. */
  rejected = 0;
  /** Identity conflicts the clerk accepted, applied as updates. */
  readonly identityChanges: IdentityChange[] = [];
  private duplicates: DuplicateWatch | null = null;

  constructor(private readonly options: ApplierOptions) {
    this.db = options.db;
    this.writing = options.write;
    this.stmts = this.prepare();
    this.freshLedger = this.db.prepare('SELECT NOT EXISTS (SELECT 1 FROM persons) AS fresh').pluck().get() === 1;
  }

  private prepare() {
    const db = this.db;
    return {
      personsBySno: db.prepare<[string], PersonRow>(
        `SELECT id, service_no, name, sex, birth_date, home_province, home_county, unit, rank, discharge_date, skill, education, notes, cohort_id
           FROM persons WHERE service_no IN (SELECT value FROM json_each(?))`,
      ),
      placementsOf: db.prepare<[string], PlacementRow>(
        `SELECT id, person_id, cohort_id, dest_county_id, sector, status, decision_file_id, decided_on
           FROM placements WHERE person_id IN (SELECT value FROM json_each(?))`,
      ),
      cohort: db.prepare<[number, string], { id: number }>('SELECT id FROM cohorts WHERE year = ? AND term = ?'),
      cohortById: db.prepare<[number], { year: number; term: Term }>('SELECT year, term FROM cohorts WHERE id = ?'),
      insertCohort: db.prepare('INSERT INTO cohorts (year, term, created_at) VALUES (?, ?, ?)'),
      cohortRow: db.prepare('SELECT * FROM cohorts WHERE id = ?'),
      insertPerson: db.prepare(
        `INSERT INTO persons (service_no, name, name_sort_key, sex, birth_date, home_province, home_county, unit, rank,
                              discharge_date, skill, education, notes, cohort_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertPlacement: db.prepare(
        `INSERT INTO placements (person_id, cohort_id, dest_county_id, sector, status, decision_file_id, decided_on, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'decided', ?, ?, ?, ?)`,
      ),
      /** Placements of persons just inserted with consecutive ids: [cohort, county, sector] per person. */
      insertPlacementsBulk: db.prepare(
        `INSERT INTO placements (person_id, cohort_id, dest_county_id, sector, status, decision_file_id, decided_on, created_at, updated_at)
         SELECT ? + j.key, j.value->>0, j.value->>1, j.value->>2, 'decided', ?, ?, ?, ? FROM json_each(?) j`,
      ),
      // A request is a workplace's ask for a sector and skills in a term (migration 0007).
      requestByKey: db.prepare<[number, string, number, string, string]>(
        'SELECT * FROM county_requests WHERE county_id = ? AND workplace = ? AND cohort_id = ? AND sector = ? AND skills_wanted = ?',
      ),
      insertRequest: db.prepare(
        `INSERT INTO county_requests (county_id, workplace, sector, headcount, skills_wanted, cohort_id, priority, housing_provided,
                                      dev_20x10, notes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      requestRow: db.prepare('SELECT * FROM county_requests WHERE id = ?'),
    };
  }

  /** Audits rows first…last as created by the import (see audit/operations.ts, '+*'). */
  private recordCreated(entity: AuditEntity, first: number, last: number): void {
    const open = this.openRanges.get(entity);
    if (open && first === open.last + 1) {
      extendCreatedRange(this.db, open.entryId, last);
      open.last = last;
      return;
    }
    this.openRanges.set(entity, { entryId: recordCreatedRange(this.options.operation!, entity, first, last), last });
  }

  /** The cohort of (year, term): existing, created now (commit), or a placeholder (dry run). */
  private cohortId(year: number, term: Term): number {
    const key = `${year}-${term}`;
    let use = this.cohorts.get(key);
    if (!use) {
      const existing = this.stmts.cohort.get(year, term);
      use = { id: existing?.id ?? null, year, term, rows: 0, isNew: !existing };
      this.cohorts.set(key, use);
    }
    use.rows++;
    if (use.id === null) {
      if (this.writing) {
        use.id = Number(this.stmts.insertCohort.run(year, term, this.now).lastInsertRowid);
        recordInsert(this.options.operation!, 'cohort', use.id, this.stmts.cohortRow.get(use.id) as Record<string, unknown>);
      } else return this.nextVirtualCohort--;
    }
    return use.id;
  }

  private note(
    row: RowResult,
    code: ImportIssueCode,
    column: number | undefined,
    field: ImportIssue['field'],
    details: ImportIssue['details'],
    severity: ImportIssue['severity'] = 'warning',
  ): void {
    const issue: ImportIssue = {
      row: row.row,
      column: column === undefined ? null : columnLetter(column),
      field,
      severity,
      code,
      details,
    };
    if (row.sheet !== undefined) issue.sheet = row.sheet;
    withWho(issue, row.decision ?? row.request ?? {});
    this.options.issue(issue);
    (row.issues ??= []).push(issue);
  }

  private countyName(id: number): string {
    return this.options.unitsById.get(id)?.nameKo ?? String(id);
  }

  /**
   * Runs one batch's work in one transaction of the connection: in a dry run a read snapshot (and
   * the TEMP table's writes), so its thousands of lookups do not each open a read transaction;
   * when writing, the import's transaction is already open.
   */
  inBatch<T>(work: () => T): T {
    return this.db.inTransaction ? work() : this.db.transaction(work).deferred();
  }

  /** The import's operation (null in a dry run). */
  get operation(): Recorder | null {
    return this.options.operation;
  }

  get decisionFileId(): number | null {
    return this.options.decisionFileId;
  }

  private accepts(serviceNo: string): boolean {
    const a = this.options.acceptIdentity ?? 'none';
    return a === 'all' || (a !== 'none' && a.has(serviceNo));
  }

  /**
   * The person the ledger holds under the row's service number, against the row: another person
   * (an identity conflict: an error, unless the clerk accepted it) or the same one, each changed
   * identity field shown as a correction. False when the row must not be applied.
   */
  private checkIdentity(row: RowResult, before: PersonRow, columns: DecisionColumns): boolean {
    const column = columns.serviceNo;
    const d = row.decision!;
    const from: IdentityFields = { name: before.name, sex: before.sex, birthDate: before.birth_date };
    const to: IdentityFields = { name: d.name, sex: d.sex, birthDate: d.birthDate };
    const details = {
      value: d.serviceNo,
      ledgerName: from.name,
      ledgerSex: from.sex,
      ledgerBirth: from.birthDate,
      name: to.name,
      sex: to.sex,
      birth: to.birthDate,
    };
    if (isIdentityConflict(from, to)) {
      if (!this.accepts(d.serviceNo)) {
        row.status = 'error';
        this.rejected++;
        this.note(row, 'identity_conflict', column, 'serviceNo', details, 'error');
        return false;
      }
      this.note(row, 'identity_changed', column, 'serviceNo', details);
      this.identityChanges.push({
        serviceNo: d.serviceNo,
        personId: before.id,
        row: row.row,
        from,
        to: { name: to.name, sex: to.sex ?? from.sex, birthDate: to.birthDate ?? from.birthDate },
      });
      return true;
    }
    for (const [field, col] of Object.entries(IDENTITY_COLUMNS) as [keyof IdentityFields, keyof PersonRow][]) {
      const value = to[field];
      if (value !== null && value !== before[col])
        this.note(row, 'person_corrected', columns[field], field, { value: d.serviceNo, fields: col, from: before[col], to: value });
    }
    return true;
  }

  applyDecisions(rows: readonly RowResult[], columns: DecisionColumns): void {
    let ok = rows.filter((r) => r.status === 'ok' && r.decision !== undefined);
    if (ok.length === 0) return;
    if (this.writing) {
      this.deferredSearch ??= deferSearchIndex(this.db);
      if ((this.options.validRows ?? 0) >= BULK_ROWS) this.deferredTally ??= deferTally(this.db);
    }
    const { stmts } = this;
    const existing = new Map<string, PersonRow>();
    // The file's own service numbers are unique (duplicates are errors), so a ledger that had no
    // persons when the import began holds none of them.
    if (!this.freshLedger)
      for (const p of stmts.personsBySno.all(JSON.stringify(ok.map((r) => r.decision!.serviceNo)))) existing.set(p.service_no, p);
    if (existing.size > 0) {
      ok = ok.filter((r) => {
        const before = existing.get(r.decision!.serviceNo);
        return before === undefined || this.checkIdentity(r, before, columns);
      });
      if (ok.length === 0) return;
    }
    if (this.options.watchDuplicates !== false) {
      this.duplicates ??= new DuplicateWatch(this.db, this.options.issue, columns.serviceNo);
      this.duplicates.batch(ok, !this.freshLedger);
    }
    const placements = new Map<number, PlacementRow[]>();
    if (existing.size > 0) {
      for (const pl of stmts.placementsOf.all(JSON.stringify([...existing.values()].map((p) => p.id)))) {
        const list = placements.get(pl.person_id);
        if (list) list.push(pl);
        else placements.set(pl.person_id, [pl]);
      }
    }
    const op = this.options.operation;
    if (existing.size === 0) {
      this.applyNewPersons(ok);
      return;
    }
    const newPersons: number[] = [];
    const newPlacements: number[] = [];
    for (const row of ok) {
      const d = row.decision!;
      const cohortId = this.cohortId(d.year, d.term);
      this.sectors[d.sector] = (this.sectors[d.sector] ?? 0) + 1;
      this.counties.add(d.destCountyId);
      const before = existing.get(d.serviceNo);
      let personId: number | null = null;
      if (before) {
        personId = before.id;
        const after: Record<string, unknown> = {};
        for (const [from, to] of PERSON_FIELDS) {
          const value = d[from];
          if (value !== null && value !== before[to]) after[to] = value;
        }
        if (cohortId > 0 && before.cohort_id !== cohortId) after.cohort_id = cohortId;
        const changed = Object.keys(after).filter((k) => k !== 'cohort_id' && !IDENTITY_COLUMN_SET.has(k));
        if (Object.keys(after).length > 0) {
          this.counts.persons.updated++;
          if (changed.length > 0)
            this.note(row, 'person_amended', columns.serviceNo, 'serviceNo', { value: d.serviceNo, fields: changed.join(', ') });
          if (this.writing) {
            const sets = Object.keys(after).map((c) => `"${c}" = @${c}`);
            const params: Record<string, unknown> = { ...after, id: before.id, updated_at: this.now };
            if (after.name !== undefined) {
              sets.push('name_sort_key = @name_sort_key');
              params.name_sort_key = d.nameSortKey;
            }
            this.db.prepare(`UPDATE persons SET ${sets.join(', ')}, updated_at = @updated_at, ${NEXT_VERSION} WHERE id = @id`).run(params);
            recordUpdate(op!, 'person', before.id, before as unknown as Record<string, unknown>, after);
          }
        } else this.counts.persons.unchanged++;
      } else {
        this.counts.persons.new++;
        if (this.writing) {
          personId = Number(
            stmts.insertPerson.run(
              d.serviceNo,
              d.name,
              d.nameSortKey,
              d.sex,
              d.birthDate,
              d.homeProvince,
              d.homeCounty,
              d.unit,
              d.rank,
              d.dischargeDate,
              d.skill,
              d.education,
              d.notes,
              cohortId,
              this.now,
              this.now,
            ).lastInsertRowid,
          );
          newPersons.push(personId);
        }
      }
      // The placement of this person in this term.
      const theirs = personId !== null && before ? (placements.get(personId) ?? []) : [];
      const same = theirs.find((p) => p.cohort_id === cohortId);
      for (const other of theirs) {
        if (other === same || other.status === 'cancelled') continue;
        const c = this.stmts.cohortById.get(other.cohort_id);
        this.note(row, 'placed_other_term', columns.destCounty, 'destCounty', {
          value: d.serviceNo,
          year: c?.year ?? null,
          term: c?.term ?? null,
          county: this.countyName(other.dest_county_id),
        });
      }
      if (same) {
        if (same.dest_county_id === d.destCountyId && same.sector === d.sector) {
          this.counts.placements.unchanged++;
        } else {
          this.counts.placements.moved++;
          this.note(row, 'placement_moved', columns.destCounty, 'destCounty', {
            value: d.serviceNo,
            from: this.countyName(same.dest_county_id),
            to: this.countyName(d.destCountyId),
          });
          if (this.writing) {
            const after: Record<string, unknown> = { dest_county_id: d.destCountyId, sector: d.sector };
            if (this.options.decisionFileId !== null) after.decision_file_id = this.options.decisionFileId;
            if (this.options.decidedOn !== null) after.decided_on = this.options.decidedOn;
            const sets = Object.keys(after).map((c) => `"${c}" = @${c}`);
            this.db
              .prepare(`UPDATE placements SET ${sets.join(', ')}, updated_at = @updated_at, ${NEXT_VERSION} WHERE id = @id`)
              .run({ ...after, id: same.id, updated_at: this.now });
            recordUpdate(op!, 'placement', same.id, same as unknown as Record<string, unknown>, after);
          }
        }
      } else {
        this.counts.placements.new++;
        if (this.writing && personId !== null) {
          newPlacements.push(
            Number(
              stmts.insertPlacement.run(
                personId,
                cohortId,
                d.destCountyId,
                d.sector,
                this.options.decisionFileId,
                this.options.decidedOn,
                this.now,
                this.now,
              ).lastInsertRowid,
            ),
          );
        }
      }
    }
    if (this.writing && op) {
      // Created rows by their ids (runs of consecutive ids); persons before their placements.
      for (const [first, last] of idRuns(newPersons)) this.recordCreated('person', first, last);
      for (const [first, last] of idRuns(newPlacements)) this.recordCreated('placement', first, last);
    }
  }

  /** A batch of persons none of whom the ledger knows (a fresh import): inserted as sets. */
  private applyNewPersons(ok: readonly RowResult[]): void {
    const { stmts } = this;
    if (this.writing && this.freshLedger && this.deferredIndexes === null) this.deferIndexes();
    const n = ok.length;
    this.counts.persons.new += n;
    this.counts.placements.new += n;
    const tuples: unknown[] = new Array(n);
    let firstId = 0;
    let lastId = 0;
    for (let i = 0; i < n; i++) {
      const d = ok[i]!.decision!;
      const cohortId = this.cohortId(d.year, d.term);
      this.sectors[d.sector] = (this.sectors[d.sector] ?? 0) + 1;
      this.counties.add(d.destCountyId);
      tuples[i] = [cohortId, d.destCountyId, d.sector];
      if (!this.writing) continue;
      const id = Number(
        stmts.insertPerson.run(
          d.serviceNo,
          d.name,
          d.nameSortKey,
          d.sex,
          d.birthDate,
          d.homeProvince,
          d.homeCounty,
          d.unit,
          d.rank,
          d.dischargeDate,
          d.skill,
          d.education,
          d.notes,
          cohortId,
          this.now,
          this.now,
        ).lastInsertRowid,
      );
      if (i === 0) firstId = id;
      else if (id !== lastId + 1) firstId = Number.NaN; // not consecutive: no set-based placements
      lastId = id;
    }
    if (!this.writing) return;
    if (Number.isNaN(firstId)) {
      // Never expected inside one transaction; kept correct anyway.
      const ids = this.db
        .prepare(`SELECT id FROM persons WHERE service_no IN (SELECT value FROM json_each(?)) ORDER BY id`)
        .pluck()
        .all(JSON.stringify(ok.map((r) => r.decision!.serviceNo))) as number[];
      const byNo = new Map(
        (
          this.db.prepare(`SELECT service_no, id FROM persons WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as {
            service_no: string;
            id: number;
          }[]
        ).map((r) => [r.service_no, r.id]),
      );
      const placementIds: number[] = [];
      for (let i = 0; i < n; i++) {
        const d = ok[i]!.decision!;
        const [cohortId] = tuples[i] as [number];
        placementIds.push(
          Number(
            stmts.insertPlacement.run(
              byNo.get(d.serviceNo),
              cohortId,
              d.destCountyId,
              d.sector,
              this.options.decisionFileId,
              this.options.decidedOn,
              this.now,
              this.now,
            ).lastInsertRowid,
          ),
        );
      }
      for (const [first, last] of idRuns(ids)) this.recordCreated('person', first, last);
      for (const [first, last] of idRuns(placementIds)) this.recordCreated('placement', first, last);
      return;
    }
    const placed = stmts.insertPlacementsBulk.run(
      firstId,
      this.options.decisionFileId,
      this.options.decidedOn,
      this.now,
      this.now,
      JSON.stringify(tuples),
    );
    const lastPlacement = Number(placed.lastInsertRowid);
    this.recordCreated('person', firstId, lastId);
    this.recordCreated('placement', lastPlacement - placed.changes + 1, lastPlacement);
  }

  applyRequests(rows: readonly RowResult[], columns: { workplace?: number }): void {
    const { stmts } = this;
    const op = this.options.operation;
    for (const row of rows) {
      if (row.status !== 'ok' || !row.request) continue;
      const r: RequestRecord = row.request;
      const cohortId = this.cohortId(r.year, r.term);
      this.counties.add(r.countyId);
      this.sectors[r.sector] = (this.sectors[r.sector] ?? 0) + 1;
      const before =
        cohortId > 0
          ? (stmts.requestByKey.get(r.countyId, r.workplace, cohortId, r.sector, r.skills) as Record<string, unknown> | undefined)
          : undefined;
      const values: Record<string, unknown> = {
        headcount: r.headcount,
        priority: r.priority,
        housing_provided: r.housing ? 1 : 0,
        dev_20x10: r.dev20x10 ? 1 : 0,
        notes: r.notes,
      };
      if (before) {
        const after: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(values)) if (v !== before[k] && !(v === null && k === 'notes')) after[k] = v;
        if (Object.keys(after).length === 0) {
          this.counts.requests.unchanged++;
          continue;
        }
        this.counts.requests.updated++;
        this.note(row, 'request_amended', columns.workplace, 'workplace', { value: r.workplace, fields: Object.keys(after).join(', ') });
        if (this.writing) {
          const sets = Object.keys(after).map((c) => `"${c}" = @${c}`);
          this.db
            .prepare(`UPDATE county_requests SET ${sets.join(', ')}, updated_at = @updated_at, ${NEXT_VERSION} WHERE id = @id`)
            .run({ ...after, id: before.id, updated_at: this.now });
          recordUpdate(op!, 'county_request', Number(before.id), before, after);
        }
      } else {
        this.counts.requests.new++;
        if (this.writing) {
          const id = Number(
            stmts.insertRequest.run(
              r.countyId,
              r.workplace,
              r.sector,
              r.headcount,
              r.skills,
              cohortId,
              r.priority,
              r.housing ? 1 : 0,
              r.dev20x10 ? 1 : 0,
              r.notes,
              this.now,
              this.now,
            ).lastInsertRowid,
          );
          recordInsert(op!, 'county_request', id, stmts.requestRow.get(id) as Record<string, unknown>);
        }
      }
    }
  }

  /**
   * Persons loaded into an empty table: the name index is built once at the end (a sort) instead
   * of taking a million inserts at random places. Inside the import's transaction, so a rollback
   * (an error, a cancel, a killed process) brings the index back with everything else.
   */
  private deferIndexes(): void {
    this.deferredIndexes = [];
    for (const name of DEFERRED_INDEXES) {
      const sql = this.db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?").pluck().get(name) as
        string | undefined;
      if (!sql) continue;
      this.db.exec(`DROP INDEX ${name}`);
      this.deferredIndexes.push(sql);
    }
  }

  /**
   * Before the commit: re-creates deferred indexes, and checks every row the import wrote points
   * to records that exist. The import's own connection does not check foreign keys row by row
   * (service.ts): what its rows point to is the persons it just inserted or read, and the few
   * cohorts, cities/counties and the decision file checked here.
   */
  finish(): void {
    for (const sql of this.deferredIndexes ?? []) this.db.exec(sql);
    this.deferredSearch?.restore();
    const missing = (table: string, ids: number[]) =>
      ids.length -
      (this.db
        .prepare(`SELECT count(*) FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`)
        .pluck()
        .get(JSON.stringify(ids)) as number);
    const cohorts = [...this.cohorts.values()].map((c) => c.id).filter((id): id is number => id !== null && id > 0);
    // Every placement the file wrote is of one of its terms.
    this.deferredTally?.(cohorts);
    const problems = [
      missing('cohorts', cohorts),
      missing('regions', [...this.counties]),
      missing('decision_files', this.options.decisionFileId === null ? [] : [this.options.decisionFileId]),
    ];
    if (problems.some((n) => n !== 0)) throw new Error(`import: rows point to records that are not in the ledger (${problems.join('/')})`);
  }

  /** After the last batch: the possible duplicates within the file (warnings), and the file's rows forgotten. */
  finishRows(): void {
    try {
      this.duplicates?.finish();
    } finally {
      this.close();
    }
  }

  /** Drops what the applier keeps on its connection (also after an error). */
  close(): void {
    this.duplicates?.close();
    this.duplicates = null;
  }

  /** The cohort most rows belong to (the decision file's cohort). */
  /** Every term the rows went to, with its rows, in calendar order. */
  cohortsUsed(): { year: number; term: Term; rows: number }[] {
    return [...this.cohorts.values()].map((c) => ({ year: c.year, term: c.term, rows: c.rows })).sort(byCalendar);
  }

  mainCohortId(): number | null {
    let best: CohortUse | null = null;
    for (const c of this.cohorts.values()) if (best === null || c.rows > best.rows) best = c;
    return best?.id ?? null;
  }
}
