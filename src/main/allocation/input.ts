// What an allocation run reads from the ledger (docs/allocation.md, "Who and where"):
// - persons of the term placed in a city/county, without a workplace (no request), whose placement
//   is proposed or decided (not cancelled, not notified, not arrived) and not pinned by the clerk;
// - requests of the term (not cancelled or closed) in the same cities/counties, with their free
//   seats: headcount − placements already linked to them (not cancelled) − seats pinned to them.
// Persons are kept in typed arrays (a million of them fit in a few tens of MB); texts that repeat
// (skills, units) are interned. The input hash covers every row read, so acceptance can refuse
// when the persons or requests changed since the run.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { SECTORS, type Sector } from '../../shared/domain';
import { LedgerError } from '../../shared/errors';
import { newestCohortId } from '../figures/term-figures';

export interface AllocationScope {
  /** The term (cohort id); default the newest term with data. */
  cohortId?: number | null;
  /** Only these cities/counties (region ids); default all. */
  countyIds?: readonly number[];
  /**
   * Placements the clerk pinned: never moved. A pin to a request takes one of its seats; a pin
   * without a request keeps the person without a workplace.
   */
  pins?: readonly { placementId: number; requestId: number | null }[];
  /** Also keep each person's updated_at (placement and person) as read: a run records them. */
  stamps?: boolean;
}

export interface InputRequest {
  id: number;
  countyId: number;
  workplace: string;
  sector: Sector;
  /** Skills wanted, as the request lists them (trimmed, in order). */
  skills: string[];
  priority: number;
  dev20x10: boolean;
  headcount: number;
  /** Placements already linked to it (not cancelled) plus pins to it. */
  taken: number;
  /** headcount − taken, at least 0. */
  freeSeats: number;
  /** updated_at as read (always set by readAllocationInput; generated test inputs leave it out). */
  updatedAt?: string;
}

/** The persons to place, column-wise (index i is one person). */
export interface InputPersons {
  count: number;
  placementId: Int32Array;
  personId: Int32Array;
  countyId: Int32Array;
  /** Index into SECTORS. */
  sector: Uint8Array;
  /** Index into `skillTexts` (the person's skill text as stored; '' for none). */
  skill: Int32Array;
  skillTexts: string[];
  /** Index into `unitTexts` ('' for none). */
  unit: Int32Array;
  unitTexts: string[];
  serviceNo: string[];
  /** With scope.stamps: updated_at of the placement and of the person as read; else empty. */
  placementUpdatedAt?: string[];
  personUpdatedAt?: string[];
}

export interface AllocationInput {
  cohortId: number;
  /** Cities/counties in scope: every one with persons or requests, ascending id. */
  countyIds: number[];
  countyNames: Map<number, { ko: string; en: string }>;
  /** Ascending id. */
  requests: InputRequest[];
  persons: InputPersons;
  /** SHA-256 of every row read (hex). */
  inputHash: string;
}

/** Splits a skills text as the request import does (commas, 、, ;, /). */
export function splitSkills(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .split(/[,，、;/]/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '');
}

export const sectorIndex = (sector: string): number => {
  const i = (SECTORS as readonly string[]).indexOf(sector);
  return i < 0 ? SECTORS.length - 1 : i;
};

/** Reads a run's input from an open ledger (read only; one snapshot). */
export function readAllocationInput(db: Database.Database, scope: AllocationScope = {}): AllocationInput {
  const read = db.transaction(() => readSnapshot(db, scope));
  // A deferred transaction: both queries see the same ledger even while another connection writes.
  return read.deferred();
}

function readSnapshot(db: Database.Database, scope: AllocationScope): AllocationInput {
  const cohortId = scope.cohortId ?? newestCohortId(db);
  if (cohortId === null || db.prepare('SELECT 1 FROM cohorts WHERE id = ?').get(cohortId) === undefined) {
    throw new LedgerError('allocation_term_missing', `no term ${String(cohortId)} in the ledger`);
  }
  const hash = createHash('sha256');
  const countyFilter = scope.countyIds && scope.countyIds.length > 0 ? new Set(scope.countyIds) : null;
  const pinned = new Map<number, number | null>();
  for (const pin of scope.pins ?? []) pinned.set(pin.placementId, pin.requestId);
  const pinsPerRequest = new Map<number, number>();
  for (const requestId of pinned.values()) if (requestId !== null) pinsPerRequest.set(requestId, (pinsPerRequest.get(requestId) ?? 0) + 1);
  hash.update(`cohort ${cohortId}\ncounties ${countyFilter ? [...countyFilter].sort((a, b) => a - b).join(',') : '*'}\n`);
  hash.update(
    `pins ${[...pinned]
      .sort((a, b) => a[0] - b[0])
      .map(([p, r]) => `${p}:${r ?? ''}`)
      .join(',')}\n`,
  );

  const requests: InputRequest[] = [];
  const requestRows = db
    .prepare<[number], [number, number, string, string, number, string, number, number, string, number]>(
      `SELECT r.id, r.county_id, r.workplace, r.sector, r.headcount, r.skills_wanted, r.priority, r.dev_20x10, r.updated_at,
              (SELECT count(*) FROM placements p WHERE p.request_id = r.id AND p.status <> 'cancelled') AS taken
         FROM county_requests r
        WHERE r.cohort_id = ? AND r.status NOT IN ('cancelled', 'closed')
        ORDER BY r.id`,
    )
    .raw()
    .all(cohortId);
  for (const [id, countyId, workplace, sector, headcount, skills, priority, dev, updatedAt, takenBefore] of requestRows) {
    if (countyFilter && !countyFilter.has(countyId)) continue;
    hash.update(`r ${id} ${countyId} ${headcount} ${priority} ${dev} ${takenBefore} ${updatedAt}\n`);
    const taken = takenBefore + (pinsPerRequest.get(id) ?? 0);
    requests.push({
      id,
      countyId,
      workplace,
      sector: SECTORS[sectorIndex(sector)]!,
      skills: splitSkills(skills),
      priority,
      dev20x10: dev === 1,
      headcount,
      taken,
      freeSeats: Math.max(0, headcount - taken),
      updatedAt,
    });
  }

  const total =
    (db
      .prepare(`SELECT count(*) FROM placements WHERE cohort_id = ? AND request_id IS NULL AND status IN ('proposed', 'decided')`)
      .pluck()
      .get(cohortId) as number) ?? 0;
  const placementId = new Int32Array(total);
  const personId = new Int32Array(total);
  const countyId = new Int32Array(total);
  const sector = new Uint8Array(total);
  const skill = new Int32Array(total);
  const unit = new Int32Array(total);
  const serviceNo: string[] = [];
  const placementStamps: string[] = [];
  const personStamps: string[] = [];
  const skillTexts: string[] = [];
  const unitTexts: string[] = [];
  const skillIndex = new Map<string, number>();
  const unitIndex = new Map<string, number>();
  const intern = (map: Map<string, number>, list: string[], text: string): number => {
    let i = map.get(text);
    if (i === undefined) {
      i = list.length;
      list.push(text);
      map.set(text, i);
    }
    return i;
  };
  let n = 0;
  let chunk = '';
  const rows = db
    .prepare<[number], [number, number, number, string, string | null, string | null, string, string, string]>(
      `SELECT pl.id, pl.person_id, pl.dest_county_id, pl.sector, p.skill, p.unit, p.service_no, pl.updated_at, p.updated_at
         FROM placements pl JOIN persons p ON p.id = pl.person_id
        WHERE pl.cohort_id = ? AND pl.request_id IS NULL AND pl.status IN ('proposed', 'decided')
        ORDER BY pl.id`,
    )
    .raw()
    .iterate(cohortId);
  for (const row of rows) {
    const [pid, person, county, sec, sk, un, sno, placementUpdated, personUpdated] = row;
    if (countyFilter && !countyFilter.has(county)) continue;
    if (pinned.has(pid)) continue;
    if (n === total) break; // cannot happen inside one read transaction
    placementId[n] = pid;
    personId[n] = person;
    countyId[n] = county;
    sector[n] = sectorIndex(sec);
    skill[n] = intern(skillIndex, skillTexts, sk ?? '');
    unit[n] = intern(unitIndex, unitTexts, un ?? '');
    serviceNo.push(sno);
    if (scope.stamps) {
      placementStamps.push(placementUpdated);
      personStamps.push(personUpdated);
    }
    chunk += `p ${pid} ${person} ${county} ${sec} ${sno} ${sk ?? ''} ${un ?? ''} ${placementUpdated} ${personUpdated}\n`;
    if (chunk.length > 65536) {
      hash.update(chunk);
      chunk = '';
    }
    n++;
  }
  hash.update(chunk);
  const persons: InputPersons = {
    count: n,
    placementId: placementId.subarray(0, n),
    personId: personId.subarray(0, n),
    countyId: countyId.subarray(0, n),
    sector: sector.subarray(0, n),
    skill: skill.subarray(0, n),
    skillTexts,
    unit: unit.subarray(0, n),
    unitTexts,
    serviceNo,
    placementUpdatedAt: placementStamps,
    personUpdatedAt: personStamps,
  };
  const counties = new Set<number>(requests.map((r) => r.countyId));
  for (let i = 0; i < n; i++) counties.add(countyId[i]!);
  const countyIds = [...counties].sort((a, b) => a - b);
  const countyNames = new Map<number, { ko: string; en: string }>();
  const nameOf = db.prepare<[number], { name_ko: string; name_en: string }>('SELECT name_ko, name_en FROM regions WHERE id = ?');
  for (const id of countyIds) {
    const r = nameOf.get(id);
    countyNames.set(id, { ko: r?.name_ko ?? '', en: r?.name_en ?? '' });
  }
  return { cohortId, countyIds, countyNames, requests, persons, inputHash: hash.digest('hex') };
}
