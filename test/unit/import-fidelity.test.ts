// No character may change on the way in. exceljs's streaming reader turns a Hangul character that
// straddles two read chunks into U+FFFD (141 damaged cells in 100,000 rows); ours must not. Files
// of 100,000 rows full of Hangul (and 4-byte characters), with inline strings, with shared
// strings, and as CSV, are imported and every stored value is compared with what was written.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegionData } from '../../src/main/regions/match';
import { decisionCsvLines, decisionRows, generatedPerson, importFile, serialToIso, writeXlsx } from '../helpers/import';
import { tempDir, tempLedger } from '../helpers/ledger';

const ROWS = 100_000;
const PROVINCE_CODES: Record<string, string> = {
  황해남도: 'south_hwanghae',
  함경북도: 'north_hamgyong',
  평안북도: 'north_pyongan',
  라선시: 'rason',
  남포시: 'nampho',
  자강도: 'chagang',
  량강도: 'ryanggang',
  강원도: 'kangwon',
  평양시: 'pyongyang',
  함경남도: 'south_hamgyong',
  황해북도: 'north_hwanghae',
  평안남도: 'south_pyongan',
};
const SECTORS: Record<string, string> = { 지방공업공장: 'local_factory', 농촌살림집건설: 'rural_housing', 농업근로작업반: 'farm_team' };

let files: ReturnType<typeof tempDir>;
beforeAll(() => {
  files = tempDir('import-fidelity-');
});
afterAll(() => files.cleanup());

interface Stored {
  service_no: string;
  name: string;
  sex: string;
  birth_date: string;
  discharge_date: string;
  unit: string;
  rank: string;
  home_province: string;
  home_county: string;
  skill: string | null;
  education: string;
  notes: string | null;
  county: string;
  sector: string;
}

async function importAndCompare(path: string): Promise<{ compared: number; multibyte: number }> {
  const env = tempLedger();
  try {
    const { report } = await importFile(env.ledger, path);
    expect(report).toMatchObject({ committed: true, rows: { data: ROWS, valid: ROWS, invalid: 0, skipped: 0 } });
    const counties = new Map(loadRegionData(env.ledger.db).units.map((u) => [u.id, u.nameKo]));
    const stored = env.ledger.db
      .prepare(
        `SELECT p.service_no, p.name, p.sex, p.birth_date, p.discharge_date, p.unit, p.rank, p.home_province, p.home_county,
                p.skill, p.education, p.notes, pl.dest_county_id AS county, pl.sector
           FROM persons p JOIN placements pl ON pl.person_id = p.id ORDER BY p.id`,
      )
      .iterate() as Iterable<Omit<Stored, 'county'> & { county: number }>;
    let i = 0;
    let multibyte = 0;
    const mismatches: unknown[] = [];
    for (const row of stored) {
      const p = generatedPerson(i);
      const expected: Stored = {
        service_no: p.serviceNo,
        name: p.name,
        sex: p.sex === '녀' ? 'F' : 'M',
        birth_date: serialToIso(p.birthSerial),
        discharge_date: serialToIso(p.dischargeSerial),
        unit: p.unit,
        rank: p.rank,
        home_province: PROVINCE_CODES[p.homeProvince]!,
        home_county: p.homeCounty,
        skill: p.skill === '' ? null : p.skill,
        education: p.education,
        notes: p.notes === '' ? null : p.notes,
        county: p.destCounty,
        sector: SECTORS[p.sector]!,
      };
      const actual: Stored = { ...row, county: counties.get(row.county)! };
      if (JSON.stringify(actual) !== JSON.stringify(expected) && mismatches.length < 5) mismatches.push({ row: i + 2, expected, actual });
      const text = actual.name + actual.unit + actual.home_county + (actual.notes ?? '') + (actual.skill ?? '');
      if (text.includes('\uFFFD')) mismatches.push({ row: i + 2, replacement: text });
      multibyte += Buffer.byteLength(text) - text.length;
      i++;
    }
    expect(mismatches).toEqual([]);
    return { compared: i, multibyte };
  } finally {
    env.cleanup();
  }
}

describe('no character changes on the way in', () => {
  it('100,000 rows of Hangul with inline strings: every stored value equals what was written', { timeout: 240_000 }, async () => {
    const path = join(files.dir, 'inline.xlsx');
    await writeXlsx(path, { strings: 'inline', sheets: [{ name: '배치명단', rows: () => decisionRows(ROWS) }] });
    const { compared, multibyte } = await importAndCompare(path);
    expect(compared).toBe(ROWS);
    // Millions of bytes of multi-byte characters: chunk boundaries fall inside them thousands of times.
    expect(multibyte).toBeGreaterThan(5_000_000);
  });

  it('100,000 rows of Hangul with shared strings: every stored value equals what was written', { timeout: 240_000 }, async () => {
    const path = join(files.dir, 'shared.xlsx');
    await writeXlsx(path, { strings: 'shared', sheets: [{ name: '배치명단', rows: () => decisionRows(ROWS) }] });
    expect((await importAndCompare(path)).compared).toBe(ROWS);
  });

  it('100,000 rows of Hangul as UTF-8 CSV: every stored value equals what was written', { timeout: 240_000 }, async () => {
    const path = join(files.dir, 'rows.csv');
    writeFileSync(path, `\uFEFF${[...decisionCsvLines(ROWS)].join('')}`);
    expect((await importAndCompare(path)).compared).toBe(ROWS);
  });
});
