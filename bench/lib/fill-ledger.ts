// Fast, realistic ledger filling for benchmarks and large tests (shared by every bench:*).
//
//   fillLedger(db, { persons: 1_000_000, year: 2027, term: 'spring', seed: 1 })
//
// One transaction, prepared statements, no per-row JS objects kept: a cohort, its decision
// files, county requests for every city/county/district of every province in the regions table
// (workplaces by sector, with headcounts), persons with North Korean names (리, 림, 류, 량 …),
// service numbers (text, some with leading zeros), dates, home regions, units, ranks, skills,
// and one placement per person — mostly allocated to a request of its destination, some without
// a workplace, statuses proposed/decided/notified/arrived/cancelled. Deterministic for a seed.
// Everything it writes passes `checkLedger` (name sort keys, birth before discharge, …).
import type Database from 'better-sqlite3';
import type { Sector, Term } from '../../src/shared/domain';
import { nkSortKey } from '../../src/main/domain/nk-collation';
import { deferSearchIndex } from '../../src/main/persons/search';

export interface FillOptions {
  persons: number;
  year?: number;
  term?: Term;
  seed?: number;
  /** Share of persons whose placement gets a workplace (a county request), 0..1. Default 0.9. */
  allocatedShare?: number;
}

export interface FillCounts {
  cohortId: number;
  year: number;
  term: Term;
  persons: number;
  placements: number;
  /** Placements allocated to a county request (with a workplace). */
  allocated: number;
  /** Placements without a workplace yet. */
  unallocated: number;
  cancelled: number;
  arrived: number;
  countyRequests: number;
  decisionFiles: number;
  /** Cities/counties/districts that received placements. */
  departments: number;
  ms: number;
}

/** mulberry32: small, fast, good enough for test data; deterministic per seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Surnames with rough frequency weights, North Korean spelling (리, 림, 류, 량, 로, 라, 려).
const SURNAMES: readonly [string, number][] = [
  ['김', 215],
  ['리', 147],
  ['박', 84],
  ['최', 47],
  ['정', 44],
  ['강', 23],
  ['조', 21],
  ['윤', 20],
  ['장', 20],
  ['림', 17],
  ['한', 15],
  ['오', 15],
  ['서', 14],
  ['신', 14],
  ['권', 13],
  ['황', 13],
  ['안', 13],
  ['송', 12],
  ['류', 11],
  ['전', 11],
  ['홍', 11],
  ['고', 9],
  ['문', 9],
  ['량', 8],
  ['손', 8],
  ['배', 8],
  ['백', 8],
  ['허', 7],
  ['남', 6],
  ['심', 6],
  ['로', 6],
  ['하', 5],
  ['곽', 4],
  ['성', 4],
  ['차', 4],
  ['주', 4],
  ['우', 4],
  ['구', 4],
  ['라', 3],
  ['민', 3],
  ['진', 3],
  ['지', 3],
  ['엄', 3],
  ['채', 3],
  ['원', 3],
  ['천', 2],
  ['방', 2],
  ['공', 2],
  ['현', 2],
  ['함', 2],
  ['변', 2],
  ['염', 2],
  ['려', 2],
  ['추', 2],
  ['도', 2],
  ['석', 2],
  ['선', 2],
  ['설', 1],
  ['마', 1],
  ['길', 1],
  ['연', 1],
  ['위', 1],
  ['표', 1],
  ['명', 1],
  ['기', 1],
  ['반', 1],
  ['왕', 1],
  ['금', 1],
  ['옥', 1],
  ['륙', 1],
  ['인', 1],
  ['맹', 1],
  ['탁', 1],
  ['국', 1],
  ['은', 1],
  ['봉', 1],
  ['태', 1],
  ['룡', 1],
  ['계', 1],
  ['편', 1],
];
const GIVEN_M1 = [
  '철',
  '광',
  '성',
  '명',
  '영',
  '혁',
  '일',
  '남',
  '진',
  '호',
  '룡',
  '국',
  '학',
  '수',
  '정',
  '경',
  '승',
  '현',
  '준',
  '충',
  '금',
  '은',
  '문',
  '덕',
  '효',
  '원',
  '창',
  '석',
  '동',
  '대',
  '주',
  '세',
  '춘',
  '태',
  '용',
  '기',
];
const GIVEN_M2 = [
  '철',
  '호',
  '혁',
  '남',
  '진',
  '수',
  '일',
  '민',
  '국',
  '명',
  '성',
  '준',
  '훈',
  '석',
  '룡',
  '범',
  '길',
  '삼',
  '천',
  '식',
  '환',
  '권',
  '산',
  '봉',
  '무',
  '선',
  '웅',
  '건',
  '관',
  '송',
];
const GIVEN_F1 = [
  '은',
  '순',
  '명',
  '영',
  '옥',
  '경',
  '미',
  '정',
  '혜',
  '향',
  '련',
  '설',
  '금',
  '춘',
  '선',
  '복',
  '류',
  '유',
  '소',
  '진',
  '희',
  '해',
  '보',
  '지',
];
const GIVEN_F2 = [
  '희',
  '숙',
  '옥',
  '순',
  '향',
  '미',
  '련',
  '화',
  '실',
  '정',
  '영',
  '경',
  '심',
  '주',
  '란',
  '아',
  '이',
  '월',
  '림',
  '금',
  '단',
  '애',
];

const RANK_WEIGHTS: readonly [string, number][] = [
  ['전사', 4],
  ['상등병', 10],
  ['하사', 30],
  ['중사', 30],
  ['상사', 20],
  ['특무상사', 6],
];
const SKILLS = [
  '',
  '',
  '',
  '',
  '',
  '운전',
  '용접',
  '선반',
  '전기',
  '목공',
  '미장',
  '조적',
  '농기계',
  '배관',
  '보일러',
  '재봉',
  '콤퓨터',
  '측량',
  '굴착기',
  '기중기',
  '타일',
  '도색',
];
const EDUCATION = ['고급중학교', '고급중학교', '고급중학교', '고등기술전문학교', '전문학교', '대학'];
const NOTES = ['가족동반', '살림집 필요', '결혼예정', '부모와 함께 배치 희망', '로력영웅 표창', '건강검진 후 배치'];
const FACTORY_KINDS = [
  '식료',
  '일용품',
  '옷',
  '종이',
  '기초식품',
  '신발',
  '가구',
  '도자기',
  '기계',
  '비닐',
  '된장',
  '직물',
  '수지',
  '건재',
  '유리',
  '방직',
];
const VILLAGES = [
  '신흥',
  '중',
  '상',
  '하',
  '룡포',
  '은곡',
  '송림',
  '동',
  '서',
  '남',
  '북',
  '장산',
  '금천',
  '청수',
  '백암',
  '평화',
  '신풍',
  '대평',
  '송정',
  '오봉',
];
const OTHER_WORKPLACES = ['도시경영사업소', '편의봉사관리소', '림업사업소', '상하수도관리소'];

function pick<T>(list: readonly T[], r: number): T {
  return list[Math.floor(r * list.length) % list.length]!;
}

function weighted<T>(table: readonly [T, number][]): (r: number) => T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let running = 0;
  const cumulative = table.map(([, w]) => (running += w) / total);
  return (r) => {
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]!) return table[i]![0];
    return table[table.length - 1]![0];
  };
}
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Discharge, decision, notification and arrival months of a term. */
const TERM_MONTHS: Record<Term, { discharge: number; decided: number; arrival: number }> = {
  spring: { discharge: 3, decided: 4, arrival: 5 },
  summer: { discharge: 7, decided: 7, arrival: 8 },
  fall: { discharge: 10, decided: 10, arrival: 11 },
};

interface Unit {
  id: number;
  provinceCode: string;
  nameKo: string;
  weight: number;
}

/**
 * Fills the ledger: one cohort (created when missing) of `persons` placed persons. Returns the
 * counts. Takes ≈10–20 s for 1,000,000 persons on the 2-core build machine.
 */
export function fillLedger(db: Database.Database, options: FillOptions): FillCounts {
  const started = performance.now();
  const year = options.year ?? 2027;
  const term: Term = options.term ?? 'spring';
  const random = rng((options.seed ?? 1) * 2654435761);
  const allocatedShare = options.allocatedShare ?? 0.9;
  const months = TERM_MONTHS[term];
  const now = new Date().toISOString();
  const surname = weighted(SURNAMES);
  const rank = weighted(RANK_WEIGHTS);

  const units: Unit[] = db
    .prepare<[], { id: number; province: string; name_ko: string }>(
      `SELECT u.id, p.code AS province, u.name_ko FROM regions u JOIN regions p ON p.id = u.parent_id
        WHERE u.level = 2 ORDER BY u.id`,
    )
    .all()
    .map((r) => ({ id: r.id, provinceCode: r.province, nameKo: r.name_ko, weight: 0.4 + random() * 1.6 }));
  if (units.length === 0) throw new Error('fillLedger: the ledger has no regions (open it with openLedger first)');
  const provinces = [...new Set(units.map((u) => u.provinceCode))];
  const unitsOfProvince = new Map(provinces.map((p) => [p, units.filter((u) => u.provinceCode === p)]));
  const totalWeight = units.reduce((s, u) => s + u.weight, 0);
  const cumulative = new Float64Array(units.length);
  units.reduce((s, u, i) => (cumulative[i] = s + u.weight / totalWeight), 0);
  const unitIndex = (r: number): number => {
    let lo = 0;
    let hi = units.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const previousSync = db.pragma('synchronous', { simple: true }) as number;
  const previousCache = db.pragma('cache_size', { simple: true }) as number;
  const previousForeignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  // Everything written here refers to rows written here or read above: checks are redundant.
  db.pragma('foreign_keys = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -65536');

  let counts: Omit<FillCounts, 'ms'>;
  try {
    counts = db
      .transaction(() => {
        const existing = db.prepare<[number, string], { id: number }>('SELECT id FROM cohorts WHERE year = ? AND term = ?').get(year, term);
        const cohortId =
          existing?.id ??
          Number(
            db.prepare('INSERT INTO cohorts (year, term, notes, created_at) VALUES (?, ?, ?, ?)').run(year, term, null, now)
              .lastInsertRowid,
          );

        // Decision files of the Bureau for this cohort (their numbers appear on cover sheets).
        const fileCount = Math.max(1, Math.min(3, Math.ceil(options.persons / 200_000)));
        const decisionFileIds: number[] = [];
        const insertFile = db.prepare(
          `INSERT INTO decision_files (file_name, sha256, kind, decision_no, cohort_id, imported_at, rows_data, rows_valid)
         VALUES (?, ?, 'decision', ?, ?, ?, ?, ?)`,
        );
        const filesBefore = (db.prepare('SELECT count(*) AS n FROM decision_files').get() as { n: number }).n;
        for (let f = 0; f < fileCount; f++) {
          const serial = filesBefore + f + 1;
          const sha = (BigInt(serial) * 0x9e3779b97f4a7c15n + BigInt(options.seed ?? 1)).toString(16).padStart(64, '0').slice(-64);
          const rows = Math.ceil(options.persons / fileCount);
          decisionFileIds.push(
            Number(
              insertFile.run(
                `${year}년 ${termKo(term)} 배치결정서 ${f + 1}.xlsx`,
                sha,
                `병무 제${year}-${pad(11 + serial, 3)}호`,
                cohortId,
                now,
                rows,
                rows,
              ).lastInsertRowid,
            ),
          );
        }

        // County requests: per unit, workplaces of every sector, headcounts ≈ its expected persons.
        const insertRequest = db.prepare(
          `INSERT INTO county_requests (county_id, workplace, sector, headcount, skills_wanted, cohort_id, priority,
                                      housing_provided, status, dev_20x10, notes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, NULL, ?, ?)`,
        );
        // Per unit: slots = request ids repeated by headcount, shuffled; persons take them in turn.
        const slots: Int32Array[] = [];
        const sectorsOfRequest = new Map<number, Sector>();
        const nextSlot = new Int32Array(units.length);
        let requestCount = 0;
        units.forEach((unit, ui) => {
          const expected = (options.persons * unit.weight) / totalWeight;
          const stem = unit.nameKo.replace(/(구역|지구|군|시)$/, '');
          const dev = random() < 0.15 ? 1 : 0;
          const plan: { workplace: string; sector: Sector; weight: number }[] = [];
          const factories = 2 + Math.floor(random() * 5);
          const kinds = [...FACTORY_KINDS].sort(() => random() - 0.5);
          for (let k = 0; k < factories; k++)
            plan.push({ workplace: `${stem}${kinds[k]}공장`, sector: 'local_factory', weight: 1 + random() });
          plan.push({ workplace: `${unit.nameKo} 농촌살림집건설대`, sector: 'rural_housing', weight: 1 + random() });
          const farms = 1 + Math.floor(random() * 4);
          const villages = [...VILLAGES].sort(() => random() - 0.5);
          for (let k = 0; k < farms; k++)
            plan.push({ workplace: `${villages[k]}협동농장 농업근로작업반`, sector: 'farm_team', weight: 0.6 + random() });
          plan.push({ workplace: `${unit.nameKo} ${pick(OTHER_WORKPLACES, random())}`, sector: 'other', weight: 0.3 + random() * 0.4 });
          const planWeight = plan.reduce((s, p) => s + p.weight, 0);
          // A little more requested than will be allocated, so some requests stay open.
          const budget = expected * allocatedShare * 1.05;
          const ids: number[] = [];
          for (const p of plan) {
            const headcount = Math.max(1, Math.round((budget * p.weight) / planWeight));
            const skills =
              p.sector === 'local_factory'
                ? pick(['선반, 용접', '전기', '운전', '', '기계조립'], random())
                : p.sector === 'rural_housing'
                  ? '미장, 조적, 목공'
                  : '';
            const id = Number(
              insertRequest.run(
                unit.id,
                p.workplace,
                p.sector,
                headcount,
                skills,
                cohortId,
                1 + Math.floor(random() * 3),
                p.sector === 'farm_team' || random() < 0.3 ? 1 : 0,
                dev,
                now,
                now,
              ).lastInsertRowid,
            );
            sectorsOfRequest.set(id, p.sector);
            for (let h = 0; h < headcount; h++) ids.push(id);
            requestCount++;
          }
          // Fisher–Yates.
          const arr = Int32Array.from(ids);
          for (let i = arr.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            const t = arr[i]!;
            arr[i] = arr[j]!;
            arr[j] = t;
          }
          slots[ui] = arr;
        });

        const insertPerson = db.prepare(
          `INSERT INTO persons (service_no, name, name_sort_key, sex, birth_date, home_province, home_county, unit, rank,
                              discharge_date, skill, education, notes, cohort_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const insertPlacement = db.prepare(
          `INSERT INTO placements (person_id, cohort_id, dest_county_id, sector, request_id, status, decision_file_id,
                                 decided_on, notified_on, arrival_date, cancelled_on, notes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const personBase = (db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
        // Bulk load: when this fill at least doubles the tables, their secondary indexes are dropped
        // and rebuilt afterwards from their own SQL (a sorted build instead of a million random
        // B-tree inserts) — same transaction, same schema. Unique constraints stay in force.
        const rebuild =
          options.persons >= 10_000 && options.persons >= personBase
            ? db
                .prepare<[], { name: string; sql: string }>(
                  `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('persons', 'placements') AND sql IS NOT NULL`,
                )
                .all()
            : [];
        for (const index of rebuild) db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
        // The quick-search index too: its terms written as a set at the end, as an import does.
        const search = deferSearchIndex(db);
        const sortKeys = new Map<string, string>();
        const unallocatedSectors: Sector[] = ['local_factory', 'local_factory', 'rural_housing', 'farm_team', 'farm_team', 'other'];
        const dischargeDay = (r: number) => `${year}-${pad(months.discharge, 2)}-${pad(1 + Math.floor(r * 28), 2)}`;
        const decidedOn = `${year}-${pad(months.decided, 2)}-20`;
        const notifiedOn = `${year}-${pad(months.decided, 2)}-28`;
        let allocated = 0;
        let unallocated = 0;
        let cancelled = 0;
        let arrived = 0;

        for (let i = 0; i < options.persons; i++) {
          const n = personBase + i;
          // A bijection of n on [0, 10^8): unique service numbers, random-looking, some with leading zeros.
          const x = (n * 7919 + 13) % 100_000_000;
          const serviceNo = `${pad(Math.floor(x / 100_000), 3)}-${pad(x % 100_000, 5)}`;
          const female = random() < 0.12;
          const given = female ? pick(GIVEN_F1, random()) + pick(GIVEN_F2, random()) : pick(GIVEN_M1, random()) + pick(GIVEN_M2, random());
          const name = surname(random()) + given;
          let key = sortKeys.get(name);
          if (key === undefined) {
            key = nkSortKey(name);
            sortKeys.set(name, key);
          }
          const birthYear = year - 20 - Math.floor(random() * 11);
          const birth = `${birthYear}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`;
          const homeProvince = pick(provinces, random());
          const homeCounty = pick(unitsOfProvince.get(homeProvince)!, random()).nameKo;
          const personId = Number(
            insertPerson.run(
              serviceNo,
              name,
              key,
              female ? 'F' : 'M',
              birth,
              homeProvince,
              homeCounty,
              `제${100 + Math.floor(random() * 9900)}군부대`,
              rank(random()),
              dischargeDay(random()),
              pick(SKILLS, random()) || null,
              pick(EDUCATION, random()),
              random() < 0.03 ? pick(NOTES, random()) : null,
              cohortId,
              now,
              now,
            ).lastInsertRowid,
          );

          const ui = unitIndex(random());
          const unit = units[ui]!;
          const unitSlots = slots[ui]!;
          let requestId: number | null = null;
          if (random() < allocatedShare && nextSlot[ui]! < unitSlots.length) requestId = unitSlots[nextSlot[ui]!++]!;
          const sector = requestId === null ? pick(unallocatedSectors, random()) : sectorsOfRequest.get(requestId)!;
          const s = random();
          const status = s < 0.01 ? 'proposed' : s < 0.02 ? 'cancelled' : s < 0.5 ? 'decided' : s < 0.8 ? 'notified' : 'arrived';
          if (status === 'cancelled') cancelled++;
          else if (requestId === null) unallocated++;
          else allocated++;
          if (status === 'arrived') arrived++;
          insertPlacement.run(
            personId,
            cohortId,
            unit.id,
            sector,
            requestId,
            status,
            decisionFileIds[i % decisionFileIds.length]!,
            status === 'proposed' ? null : decidedOn,
            status === 'notified' || status === 'arrived' ? notifiedOn : null,
            status === 'arrived' ? `${year}-${pad(months.arrival, 2)}-${pad(1 + Math.floor(random() * 20), 2)}` : null,
            status === 'cancelled' ? notifiedOn : null,
            status === 'cancelled' ? '본인 사정으로 취소' : null,
            now,
            now,
          );
        }
        for (const index of rebuild) db.exec(index.sql);
        search?.restore();
        // Requests whose headcount is reached are marked filled.
        db.prepare(
          `UPDATE county_requests SET status = 'filled'
          WHERE cohort_id = ? AND headcount <= (SELECT count(*) FROM placements p WHERE p.request_id = county_requests.id AND p.status <> 'cancelled')`,
        ).run(cohortId);
        const departments = (
          db.prepare('SELECT count(DISTINCT dest_county_id) AS n FROM placements WHERE cohort_id = ?').get(cohortId) as { n: number }
        ).n;
        return {
          cohortId,
          year,
          term,
          persons: options.persons,
          placements: options.persons,
          allocated,
          unallocated,
          cancelled,
          arrived,
          countyRequests: requestCount,
          decisionFiles: decisionFileIds.length,
          departments,
        };
      })
      .immediate();
  } finally {
    db.pragma(`synchronous = ${previousSync}`);
    db.pragma(`cache_size = ${previousCache}`);
    db.pragma(`foreign_keys = ${previousForeignKeys}`);
  }
  return { ...counts, ms: Math.round(performance.now() - started) };
}

function termKo(term: Term): string {
  return term === 'spring' ? '봄' : term === 'summer' ? '여름' : '가을';
}
