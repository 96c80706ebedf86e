// Every answer key in ../shared/samples, reproduced exactly: which rows are data, which are
// errors and why, which are not data at all, and the normalized values of every valid row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOptionsSchema } from '../../src/shared/api/import.contract';
import { runPipeline } from '../../src/main/import/pipeline';
import { loadRegionData, type RegionData } from '../../src/main/regions/match';
import { primaryIssue, type RowResult } from '../../src/main/import/rows';
import { runImport } from '../../src/main/import/service';
import { sha256File } from '../../src/main/import/staging';
import { tempLedger } from '../helpers/ledger';
import { issueSentence } from '../../src/shared/i18n/import';

const SAMPLES = process.env.SHARED_SAMPLES ?? join(__dirname, '../../../shared/samples');
const KEYED = [
  'decision-11-fall-clean.xlsx',
  'decision-11-fall-en.xlsx',
  'decision-11-spring-ko.xlsx',
  'decision-11-spring-utf8.csv',
  'decision-11-summer-cp949.csv',
  'decision-11-summer-tworow.xlsx',
];

interface KeyRow {
  row: number;
  status: 'ok' | 'error' | 'skip';
  code?: string;
  first_of?: string;
  expect?: Record<string, string>;
}
interface Key {
  file: string;
  decision_no: string;
  term: string;
  year: number;
  header_row?: number | null;
  sheet?: string | null;
  rows: KeyRow[];
  summary: { data_rows: number; valid: number; invalid: number; skipped: number };
}

const SECTOR_WORDS: Record<string, string> = {
  local_factory: 'local factory',
  rural_housing: 'rural housing construction',
  farm_team: 'agricultural work team',
  other: 'other',
};

let env: ReturnType<typeof tempLedger>;
let regions: RegionData;
beforeAll(() => {
  env = tempLedger();
  regions = loadRegionData(env.ledger.db);
});
afterAll(() => env.cleanup());

async function readAll(file: string): Promise<{ rows: Map<number, RowResult>; summary: Awaited<ReturnType<typeof runPipeline>> }> {
  const results: RowResult[] = [];
  const summary = await runPipeline(
    { task: 'rows', path: join(SAMPLES, file), fileName: file, options: importOptionsSchema.parse({}), regions, remembered: [] },
    { progress: () => undefined, rows: async (batch) => void results.push(...batch) },
  );
  const rows = new Map<number, RowResult>();
  for (const r of results) for (let n = r.row; n <= (r.through ?? r.row); n++) rows.set(n, r);
  return { rows, summary };
}

describe('the sample decision files and their answer keys', () => {
  for (const file of KEYED) {
    it(`reproduces every row of ${file}: status, error class and normalized values`, async () => {
      const key = JSON.parse(readFileSync(join(SAMPLES, `${file}.key.json`), 'utf8')) as Key;
      const { rows, summary } = await readAll(file);
      if (key.header_row) expect(summary.layout.headerRow).toBe(key.header_row);
      if (key.sheet) expect(summary.layout.sheet).toBe(key.sheet);
      expect(summary.layout.kind).toBe('decision');
      const unitName = new Map(regions.units.map((u) => [u.id, u.nameKo]));
      for (const k of key.rows) {
        const r = rows.get(k.row);
        expect(r, `row ${k.row}`).toBeDefined();
        rows.delete(k.row);
        if (k.status === 'skip') {
          expect({ row: k.row, status: r!.status, skip: r!.skip }).toEqual({ row: k.row, status: 'skip', skip: k.code });
        } else if (k.status === 'error') {
          expect({ row: k.row, status: r!.status, code: primaryIssue(r!.issues ?? [])?.code }).toEqual({
            row: k.row,
            status: 'error',
            code: k.code,
          });
          if (k.code === 'duplicate_in_file') {
            const dup = r!.issues!.find((i) => i.code === 'duplicate_in_file')!;
            expect(dup.details.value).toBe(k.first_of);
          }
        } else {
          expect({ row: k.row, status: r!.status, errors: (r!.issues ?? []).filter((i) => i.severity === 'error') }).toEqual({
            row: k.row,
            status: 'ok',
            errors: [],
          });
          const d = r!.decision!;
          const got: Record<string, string | null> = {
            service_no: d.serviceNo,
            name: d.name,
            sex: d.sex,
            birth_date: d.birthDate,
            discharge_date: d.dischargeDate,
            term: d.term,
            dest_province: d.destProvince,
            dest_county_ko: unitName.get(d.destCountyId) ?? null,
            sector: SECTOR_WORDS[d.sector] ?? d.sector,
          };
          expect({ row: k.row, ...got }).toEqual({ row: k.row, ...k.expect });
          expect(d.year).toBe(key.year);
        }
      }
      // Nothing under the header that the key does not list.
      expect([...rows.keys()]).toEqual([]);
      const data = key.rows.filter((r) => r.status !== 'skip');
      expect({
        data_rows: data.length,
        valid: data.filter((r) => r.status === 'ok').length,
        invalid: data.filter((r) => r.status === 'error').length,
        skipped: key.rows.filter((r) => r.status === 'skip').length,
      }).toEqual(key.summary);
    });
  }

  it('finds the decision number and date in the title area and on the cover sheet', async () => {
    const spring = await readAll('decision-11-spring-ko.xlsx');
    expect(spring.summary.layout.title).toMatchObject({ decisionNo: 'BMB-2027-014', decisionDate: '2027-01-25' });
    const two = await readAll('decision-11-summer-tworow.xlsx');
    expect(two.summary.layout.title).toEqual({ decisionNo: 'BMB-2027-014', decisionDate: '2027-01-25', year: 2027, term: 'summer' });
    expect(two.summary.layout.headerRows).toEqual([4, 5]);
    expect(two.summary.layout.columns.slice(13, 16).map((c) => [c.header, c.field])).toEqual([
      ['배치지 / 도', 'destProvince'],
      ['배치지 / 시,군', 'destCounty'],
      ['배치지 / 부문', 'sector'],
    ]);
  });

  it('reads the CP949 file as CP949 and the UTF-8 file with its BOM as UTF-8', async () => {
    expect((await readAll('decision-11-summer-cp949.csv')).summary.layout.encoding).toBe('cp949');
    expect((await readAll('decision-11-spring-utf8.csv')).summary.layout.encoding).toBe('utf8');
  });

  it('gives the same counts through the worker thread and the ledger comparison (dry run)', async () => {
    for (const file of KEYED) {
      const key = JSON.parse(readFileSync(join(SAMPLES, `${file}.key.json`), 'utf8')) as Key;
      const path = join(SAMPLES, file);
      const { report } = await runImport({
        ledger: env.ledger,
        file: { path, fileName: file, size: 0, sha256: await sha256File(path) },
        options: importOptionsSchema.parse({}),
        mode: 'dry',
        skipInvalid: false,
      });
      expect({ file, ...report.rows }).toEqual({
        file,
        data: key.summary.data_rows,
        valid: key.summary.valid,
        invalid: key.summary.invalid,
        skipped: key.summary.skipped,
      });
      expect(report.persons).toEqual({ new: key.summary.valid, updated: 0, unchanged: 0 });
      expect(report.committed).toBe(false);
    }
  });
});

describe("region names in the clerk's language", () => {
  it("names an unknown city/county's province in English in an English sentence, in Korean in a Korean one", async () => {
    const env2 = tempLedger();
    try {
      const file = 'decision-11-fall-en.xlsx';
      const path = join(SAMPLES, file);
      const { issues } = await runImport({
        ledger: env2.ledger,
        file: { path, fileName: file, size: 0, sha256: await sha256File(path) },
        options: importOptionsSchema.parse({}),
        mode: 'dry',
        skipInvalid: false,
      });
      const atlantis = issues.find((i) => i.code === 'unknown_county' && i.details.value === 'Atlantis')!;
      expect(issueSentence(atlantis, 'en')).toBe('«Atlantis» is not a city/county of Kangwon (Kangwŏn-do) in the ledger.');
      expect(issueSentence(atlantis, 'ko')).toBe('«Atlantis»은(는) 강원도의 시·군으로 대장에 없습니다.');
      // Outside what the file itself says (quoted «…»), no region in Korean.
      for (const issue of issues) expect(issueSentence(issue, 'en').replace(/«[^»]*»/g, '')).not.toMatch(/[가-힣]+(도|시|군)(?![가-힣])/);
    } finally {
      env2.cleanup();
    }
  });
});

describe('the sample county request workbook', () => {
  it('reads the combined sheet: county, workplace, sector, headcount, skills, term, priority, housing, 20×10', async () => {
    const { rows, summary } = await readAll('county-requests-11.xlsx');
    expect(summary.layout).toMatchObject({ kind: 'requests', sheet: '로력요구', headerRow: 2 });
    expect(summary.layout.title.year).toBe(2027);
    const first = rows.get(3)!;
    expect(first.status).toBe('ok');
    expect(first.request).toMatchObject({
      countyCode: 'kangwon.wonsan-si',
      workplace: '원산 가구공장',
      sector: 'local_factory',
      headcount: 16,
      skills: '전기공',
      term: 'summer',
      year: 2027,
      priority: 3,
      housing: true,
      dev20x10: false,
    });
    expect(rows.get(5)!.request).toMatchObject({ skills: '뜨락또르운전수, 미장공', housing: false, priority: 2 });
    expect(rows.get(35)!.request).toMatchObject({ dev20x10: true, notes: '20×10 대상' });
    // The same workplace of the same county and term asks for other skills: two requests, each
    // later row warned with the first one's row.
    const warned = [...rows.values()].flatMap((r) =>
      (r.issues ?? []).map((i) => [r.row, r.status, i.code, i.details.value, i.details.first]),
    );
    expect(warned).toEqual([
      [40, 'ok', 'request_same_workplace', '광명리 살림집건설장', 39],
      [41, 'ok', 'request_same_workplace', '고성 일용품공장', 35],
      [65, 'ok', 'request_same_workplace', '송정리 살림집건설장', 64],
      [67, 'ok', 'request_same_workplace', '송정리 살림집건설장', 64],
    ]);
    const statuses = [...rows.values()].map((r) => r.status);
    expect(statuses.filter((s) => s === 'ok').length).toBe(102);
    expect(statuses.filter((s) => s === 'error').length).toBe(0);
    expect(summary.countyMatches.every((m) => m.regionCode?.startsWith('kangwon.'))).toBe(true);
  });
});
