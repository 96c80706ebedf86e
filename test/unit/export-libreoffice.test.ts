// The exported workbooks in a real spreadsheet program: LibreOffice (headless, a throwaway
// profile) converts every workbook an export wrote to CSV — the cells must be the ledger's — and
// a 100-person roster to PDF — A4 landscape pages, one page wide, the header row on each page.
// One printed page is kept as test-results/screenshots/export-roster-page.png to look at.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTORS } from '../../src/shared/domain';
import { nkSortKey } from '../../src/main/domain/nk-collation';
import { runExport } from '../../src/main/export/run';
import type { Ledger } from '../../src/main/ledger/open';
import { parseCsv } from '../../src/main/spreadsheet/csv';
import { regionId, tempLedger } from '../helpers/ledger';
import { buildScenario, HOEYANG, insertScenarioPerson, WONSAN } from './export-support';

const KIMHWA = 'kangwon.kimhwa-gun';
const SCREENSHOT = resolve(__dirname, '../../test-results/screenshots/export-roster-page.png');
const SURNAMES = ['김', '리', '박', '최', '정', '강', '조', '윤', '장', '림', '한', '오', '서', '신', '류', '로', '안', '홍', '문', '량'];
const GIVEN = ['철진', '명숙', '광혁', '은희', '성남', '영철', '순희', '일남', '금옥', '혁철'];

let t: ReturnType<typeof tempLedger>;
let ledger: Ledger;
let out: string;
let work: string;
let files: string[] = [];
let profile: string;

function soffice(args: string[]): void {
  const result = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`soffice failed (${result.status}): ${result.stderr}`);
}

const dots = (iso: string | null) => (iso ? iso.replace(/-/g, '.') : '');

beforeAll(async () => {
  t = tempLedger();
  ledger = t.ledger;
  const db = ledger.db;
  const cohortId = buildScenario(db);
  // 김화군: exactly 100 persons, one workplace, so its roster prints a known number of pages.
  const request = Number(
    db
      .prepare(
        `INSERT INTO county_requests (county_id, workplace, sector, headcount, cohort_id, created_at, updated_at) VALUES (?, '김화신발공장', 'local_factory', 100, ?, 'x', 'x')`,
      )
      .run(regionId(db, KIMHWA), cohortId).lastInsertRowid,
  );
  for (let i = 0; i < 100; i++) {
    insertScenarioPerson(
      db,
      {
        serviceNo: `100-${String(i).padStart(5, '0')}`,
        name: SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!,
        sex: i % 7 === 0 ? 'F' : 'M',
        birthDate: `199${i % 10}-0${1 + (i % 9)}-1${i % 10}`,
        homeProvince: 'kangwon',
        homeCounty: '김화군',
        unit: `제${1000 + i}군부대`,
        rank: '중사',
        skill: i % 3 ? '선반' : null,
        notes: i % 10 === 0 ? '가족동반' : null,
        county: KIMHWA,
        workplace: '김화신발공장',
        sector: 'local_factory',
        status: i % 4 === 0 ? 'arrived' : 'decided',
        arrivalDate: i % 4 === 0 ? '2027-05-20' : null,
      },
      cohortId,
      new Map([['김화신발공장', request]]),
      null,
    );
  }
  out = join(t.dir, 'out');
  work = join(t.dir, 'lo');
  profile = join(t.dir, 'lo-profile');
  mkdirSync(work);
  const result = await runExport(db, {
    year: 2027,
    term: 'spring',
    counties: [HOEYANG, WONSAN, KIMHWA],
    folder: out,
    summary: true,
    language: 'ko',
    overwrite: false,
    issuedOn: '2027-04-30',
  });
  files = result.files.map((f) => f.path);
}, 60_000);

afterAll(() => t?.cleanup());

interface Expected {
  serviceNo: string;
  cells: string[];
  order: [number, string, string, number];
}

/** 회양군 … as the ledger has them, formatted as a spreadsheet shows them, in print order. */
function expectedRoster(countyCode: string): string[][] {
  const rows = ledger.db
    .prepare(
      `SELECT p.id, p.service_no, p.name, p.sex, p.birth_date, hp.name_ko AS home_province, p.home_county, p.unit, p.rank, p.skill,
              q.workplace, coalesce(q.sector, pl.sector) AS sector, pl.request_id, pl.arrival_date, p.notes AS pnotes, pl.notes AS plnotes
         FROM placements pl JOIN persons p ON p.id = pl.person_id
         LEFT JOIN county_requests q ON q.id = pl.request_id
         LEFT JOIN regions hp ON hp.code = p.home_province
        WHERE pl.dest_county_id = (SELECT id FROM regions WHERE code = ?) AND pl.status <> 'cancelled'`,
    )
    .all(countyCode) as Record<string, string | number | null>[];
  const sectorKo: Record<string, string> = {
    local_factory: '지방공업공장',
    rural_housing: '농촌살림집건설',
    farm_team: '농업근로작업반',
    other: '기타',
  };
  const keyed: Expected[] = rows.map((r) => ({
    serviceNo: String(r.service_no),
    order: [
      (r.request_id === null ? 10 : 0) + SECTORS.indexOf(r.sector as (typeof SECTORS)[number]),
      r.request_id === null ? '' : nkSortKey(String(r.workplace)),
      nkSortKey(String(r.name)),
      Number(r.id),
    ],
    cells: [
      String(r.service_no),
      String(r.name),
      r.sex === 'F' ? '녀' : '남',
      dots(r.birth_date as string | null),
      String(r.home_province ?? ''),
      String(r.home_county ?? ''),
      String(r.unit ?? ''),
      String(r.rank ?? ''),
      String(r.skill ?? ''),
      r.request_id === null ? '작업장 미정' : String(r.workplace),
      sectorKo[String(r.sector)]!,
      dots(r.arrival_date as string | null),
      [r.pnotes, r.plnotes].filter((x) => x !== null).join(' / '),
    ],
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < 4; i++) {
      const x = a.order[i]!;
      const y = b.order[i]!;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
  return keyed.map((k, i) => [String(i + 1), ...k.cells]);
}

function csvOf(workbook: string, sheet: string): string[][] {
  const path = join(work, `${basename(workbook, '.xlsx')}-${sheet}.csv`);
  expect(existsSync(path), path).toBe(true);
  return parseCsv(readFileSync(path, 'utf8')).map((row) => row.map((cell) => cell.replace(/\r\n/g, '\n')));
}

describe('exported workbooks in LibreOffice', () => {
  it('LibreOffice (soffice) and poppler (pdftoppm) are installed — .ci/run installs them', () => {
    expect(spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status).toBe(0);
    expect(spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' }).status).toBe(0);
  });

  it('opens every workbook the export wrote; every cell of every roster is the ledger’s', () => {
    expect(files.map((f) => basename(f))).toEqual([
      '2027-봄-원산시-배치명단.xlsx',
      '2027-봄-김화군-배치명단.xlsx',
      '2027-봄-회양군-배치명단.xlsx',
      '2027-봄-도종합.xlsx',
    ]);
    // All sheets of all workbooks, cells "as shown" (dates yyyy.mm.dd), UTF-8.
    soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', work, ...files]);
    for (const [file, county] of [
      [files[0]!, WONSAN],
      [files[1]!, KIMHWA],
      [files[2]!, HOEYANG],
    ] as const) {
      const csv = csvOf(file, '배치명단');
      expect(csv[2]).toEqual([
        '번호',
        '군번',
        '성명',
        '성별',
        '난날',
        '고향(도)',
        '고향(시·군)',
        '소속부대',
        '군사칭호',
        '기술기능',
        '작업장',
        '부문',
        '도착날자',
        '비고',
      ]);
      const data = csv.slice(3).filter((r) => r.some((c) => c !== ''));
      expect(data, county).toEqual(expectedRoster(county));
      const cover = csvOf(file, '표지');
      const total = cover.find((r) => r[1] === '합계')!;
      expect(Number(total[2]), county).toBe(data.length);
    }
    // The summary: totals per sector equal the ledger's counts; the lists are complete.
    const overview = csvOf(files[3]!, '시·군별 종합');
    const grand = overview.find((r) => r[0] === '총계')!;
    const count = (sql: string) => (ledger.db.prepare(sql).get() as { n: number }).n;
    expect(Number(grand[18])).toBe(count(`SELECT sum(headcount) AS n FROM county_requests WHERE status <> 'cancelled'`));
    expect(Number(grand[19])).toBe(count(`SELECT count(*) AS n FROM placements WHERE status IN ('decided', 'notified', 'arrived')`));
    expect(Number(grand[20])).toBe(count(`SELECT count(*) AS n FROM placements WHERE status <> 'cancelled' AND request_id IS NOT NULL`));
    expect(Number(grand[21])).toBe(count(`SELECT count(*) AS n FROM placements WHERE status = 'arrived'`));
    const pending = csvOf(files[3]!, '작업장 미정 인원')
      .slice(2)
      .filter((r) => r[0] !== '');
    expect(pending.map((r) => r[4]).sort()).toEqual(
      (
        ledger.db
          .prepare(
            `SELECT p.service_no FROM placements pl JOIN persons p ON p.id = pl.person_id WHERE pl.request_id IS NULL AND pl.status <> 'cancelled'`,
          )
          .pluck()
          .all() as string[]
      ).sort(),
    );
    expect(
      csvOf(files[3]!, '미충족 로력요구')
        .slice(2)
        .filter((r) => r[0] !== '').length,
    ).toBe(3);
  }, 180_000);

  it('prints a 100-person roster on A4 landscape pages, one page wide, with the header row and page X of Y on each', () => {
    const pdfDir = join(work, 'pdf');
    mkdirSync(pdfDir);
    const roster = join(pdfDir, 'kimhwa.xlsx');
    copyFileSync(files[1]!, roster);
    soffice(['--convert-to', 'pdf', '--outdir', pdfDir, roster]);
    const pdf = join(pdfDir, 'kimhwa.pdf');
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', pdf], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
    // Page 1 is the cover (A4 portrait); the roster follows on A4 landscape pages.
    expect(sizes[0]![0]).toBeCloseTo(595.3, 0);
    expect(sizes[0]![1]).toBeCloseTo(841.9, 0);
    const rosterPages = sizes.slice(1);
    // 100 rows of 16.5 pt under a 30 pt header on 501 pt of printable height, scaled to fit the
    // 14 columns across: 3 pages (about 40 rows a page; the title takes the first page's top).
    expect(rosterPages.length).toBe(3);
    for (const [w, h] of rosterPages) {
      expect(w).toBeCloseTo(841.9, 0);
      expect(h).toBeCloseTo(595.3, 0);
    }
    const seen: string[] = [];
    for (let page = 2; page <= sizes.length; page++) {
      const text = execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
      // The header row on every page, every column on it (one page wide), department and term at the top, page X of Y.
      for (const header of ['번호', '군번', '성명', '난날', '작업장', '도착날자', '비고'])
        expect(text, `page ${page}: ${header}`).toContain(header);
      expect(text).toContain('강원도 김화군 로동과');
      expect(text).toContain('2027년 봄');
      expect(text).toMatch(new RegExp(`${page} / ${sizes.length} 페지`));
      seen.push(...[...text.matchAll(/\b100-\d{5}\b/g)].map((m) => m[0]));
    }
    // Every person printed once, in order, none cut off.
    expect(seen).toEqual(expectedRoster(KIMHWA).map((r) => r[1]));
    // One page as an image, kept to be looked at.
    mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '2', '-l', '2', '-singlefile', pdf, SCREENSHOT.replace(/\.png$/, '')]);
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
    expect(readdirSync(out).length).toBe(4);
  }, 180_000);
});
