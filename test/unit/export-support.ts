// Shared by the export tests: a small ledger whose rosters are known by heart, and a strict zip
// reader that checks every part's CRC and sizes (so a broken deflate concatenation is caught).
import { readFileSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { nkSortKey } from '../../src/main/domain/nk-collation';
import { join } from 'node:path';
import { openLedger } from '../../src/main/ledger/open';
import { regionId, tempDir } from '../helpers/ledger';

const NOW = '2027-04-01T00:00:00.000Z';

export interface ScenarioPerson {
  serviceNo: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  homeProvince: string;
  homeCounty: string;
  unit: string;
  rank: string;
  skill: string | null;
  notes: string | null;
  county: string;
  /** Workplace (a request of `county`) or null with `sector` for persons without one. */
  workplace: string | null;
  sector: 'local_factory' | 'rural_housing' | 'farm_team' | 'other';
  status: 'proposed' | 'decided' | 'notified' | 'arrived' | 'cancelled';
  arrivalDate: string | null;
}

export const HOEYANG = 'kangwon.hoeyang-gun';
export const WONSAN = 'kangwon.wonsan-si';

export const REQUESTS = [
  { county: HOEYANG, workplace: '회양식료공장', sector: 'local_factory', headcount: 3 },
  { county: HOEYANG, workplace: '회양가구공장', sector: 'local_factory', headcount: 4 },
  { county: HOEYANG, workplace: '신흥협동농장 농업근로작업반', sector: 'farm_team', headcount: 3 },
  { county: HOEYANG, workplace: '회양군 농촌살림집건설대', sector: 'rural_housing', headcount: 5 },
  { county: WONSAN, workplace: '원산구두공장', sector: 'local_factory', headcount: 2 },
] as const;

const p = (
  serviceNo: string,
  name: string,
  county: string,
  workplace: string | null,
  sector: ScenarioPerson['sector'],
  extra: Partial<ScenarioPerson> = {},
): ScenarioPerson => ({
  serviceNo,
  name,
  sex: 'M',
  birthDate: '1999-03-14',
  homeProvince: 'kangwon',
  homeCounty: '원산시',
  unit: '제2156군부대',
  rank: '하사',
  skill: '용접',
  notes: null,
  county,
  workplace,
  sector,
  status: 'decided',
  arrivalDate: null,
  ...extra,
});

/** Persons of the scenario; 회양군's roster order is ROSTER_ORDER. */
export const PERSONS: ScenarioPerson[] = [
  p('007-00101', '안영철', HOEYANG, '회양식료공장', 'local_factory', { notes: '=HYPERLINK("http://example.invalid","x")' }),
  p('254-16403', '리철진', HOEYANG, '회양식료공장', 'local_factory', {
    status: 'arrived',
    arrivalDate: '2027-05-12',
    homeProvince: 'south_pyongan',
    homeCounty: '순천시',
  }),
  p('254-16404', '김철', HOEYANG, '회양식료공장', 'local_factory', { notes: '+cmd|" /C calc"!A0', skill: null }),
  p('254-16405', '최명희', HOEYANG, '회양가구공장', 'local_factory', { sex: 'F', notes: '@SUM(1+1)' }),
  p('254-16406', '강철', HOEYANG, '회양가구공장', 'local_factory', { notes: '-2+3', rank: '특무상사' }),
  p('254-16407', '오영수', HOEYANG, '신흥협동농장 농업근로작업반', 'farm_team', { notes: '\t탭으로 시작' }),
  p('254-16408', '박순희', HOEYANG, '신흥협동농장 농업근로작업반', 'farm_team', { sex: 'F', status: 'arrived', arrivalDate: '2027-05-03' }),
  p('254-16409', '림은정', HOEYANG, '신흥협동농장 농업근로작업반', 'farm_team', { sex: 'F', notes: '줄\n바꿈 & <표> "인용"' }),
  p('254-16410', '한광혁', HOEYANG, null, 'local_factory'),
  p('254-16411', '류성남', HOEYANG, null, 'farm_team', { status: 'proposed' }),
  p('254-16412', '로영진', HOEYANG, null, 'farm_team', { unit: '제_x0041_군부대' }),
  p('254-16413', '표혜영', HOEYANG, '회양식료공장', 'local_factory', { status: 'cancelled' }),
  p('254-16414', '정일남', WONSAN, '원산구두공장', 'local_factory'),
  p('000-00015', '문성혁', WONSAN, null, 'other'),
];

/** 회양군's roster, as printed: workplaces by sector then North Korean order, the unplaced last. */
export const ROSTER_ORDER = ['강철', '최명희', '김철', '리철진', '안영철', '림은정', '박순희', '오영수', '한광혁', '로영진', '류성남'];

export const DECISION_NO = '병무 제2027-015호';

/** Writes the scenario (2027 spring) into a fresh ledger; returns the cohort id. */
export function buildScenario(db: Database.Database): number {
  return db.transaction(() => {
    const cohortId = Number(db.prepare("INSERT INTO cohorts (year, term, created_at) VALUES (2027, 'spring', ?)").run(NOW).lastInsertRowid);
    const fileId = Number(
      db
        .prepare(
          `INSERT INTO decision_files (file_name, sha256, kind, decision_no, cohort_id, imported_at) VALUES ('결정서.xlsx', ?, 'decision', ?, ?, ?)`,
        )
        .run('a'.repeat(64), DECISION_NO, cohortId, NOW).lastInsertRowid,
    );
    const requestIds = new Map<string, number>();
    for (const r of REQUESTS) {
      const id = Number(
        db
          .prepare(
            `INSERT INTO county_requests (county_id, workplace, sector, headcount, cohort_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(regionId(db, r.county), r.workplace, r.sector, r.headcount, cohortId, NOW, NOW).lastInsertRowid,
      );
      requestIds.set(r.workplace, id);
    }
    for (const person of PERSONS) insertScenarioPerson(db, person, cohortId, requestIds, fileId);
    return cohortId;
  })();
}

export function insertScenarioPerson(
  db: Database.Database,
  person: ScenarioPerson,
  cohortId: number,
  requestIds: Map<string, number>,
  fileId: number | null,
): void {
  const personId = Number(
    db
      .prepare(
        `INSERT INTO persons (service_no, name, name_sort_key, sex, birth_date, home_province, home_county, unit, rank, skill,
                              discharge_date, notes, cohort_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2027-03-20', ?, ?, ?, ?)`,
      )
      .run(
        person.serviceNo,
        person.name,
        nkSortKey(person.name),
        person.sex,
        person.birthDate,
        person.homeProvince,
        person.homeCounty,
        person.unit,
        person.rank,
        person.skill,
        person.notes,
        cohortId,
        NOW,
        NOW,
      ).lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO placements (person_id, cohort_id, dest_county_id, sector, request_id, status, decision_file_id, arrival_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    personId,
    cohortId,
    regionId(db, person.county),
    person.sector,
    person.workplace === null ? null : requestIds.get(person.workplace)!,
    person.status,
    fileId,
    person.arrivalDate,
    NOW,
    NOW,
  );
}

export interface ZipPart {
  name: string;
  data: Buffer;
}

/** Reads every part of a zip through its central directory, checking CRC-32 and sizes. */
export function readZip(path: string): Map<string, Buffer> {
  const file = readFileSync(path);
  const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory');
  const entries = file.readUInt16LE(eocd + 10);
  let offset = file.readUInt32LE(eocd + 16);
  const parts = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    if (file.readUInt32LE(offset) !== 0x02014b50) throw new Error('bad central directory');
    const method = file.readUInt16LE(offset + 10);
    const crc = file.readUInt32LE(offset + 16);
    const compressed = file.readUInt32LE(offset + 20);
    const size = file.readUInt32LE(offset + 24);
    const nameLength = file.readUInt16LE(offset + 28);
    const extra = file.readUInt16LE(offset + 30);
    const comment = file.readUInt16LE(offset + 32);
    const local = file.readUInt32LE(offset + 42);
    const name = file.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    if (file.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    if (file.readUInt32LE(local + 14) !== crc || file.readUInt32LE(local + 18) !== compressed)
      throw new Error(`local header of ${name} disagrees`);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const raw = file.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, ${size} announced`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
    parts.set(name, data);
    offset += 46 + nameLength + extra + comment;
  }
  return parts;
}

/** A part's text. */
export function partText(parts: Map<string, Buffer>, name: string): string {
  const data = parts.get(name);
  if (!data) throw new Error(`no part ${name}`);
  return data.toString('utf8');
}

/** A ledger file holding the export scenario, checkpointed and closed, in a temp folder of its own. */
export function scenarioLedgerFile(prefix: string, cleanups: (() => void)[]): { dir: string; db: string } {
  const t = tempDir(prefix);
  cleanups.push(t.cleanup);
  const db = join(t.dir, 'ledger.sqlite');
  const ledger = openLedger(db);
  buildScenario(ledger.db);
  ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  ledger.close();
  return { dir: t.dir, db };
}
