import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { parseCsv } from '../spreadsheet/csv';

export interface RegionRecord {
  provinceCode: string;
  provinceKo: string;
  provinceEn: string;
  nameKo: string;
  nameEn: string;
  type: string;
  source: string;
}

const EXPECTED_HEADER = ['level1_code', 'level1_ko', 'level1_en', 'level2_ko', 'level2_en', 'level2_type', 'source'];

/** Reads resources/regions/dprk_regions.csv (a copy of shared/data's reference file). */
export function readRegionsCsv(resourcesDir: string): RegionRecord[] {
  const rows = parseCsv(readFileSync(join(resourcesDir, 'regions', 'dprk_regions.csv'), 'utf8'));
  const header = rows.shift();
  if (!header || EXPECTED_HEADER.some((name, i) => header[i]?.trim() !== name)) {
    throw new Error(`dprk_regions.csv: unexpected header ${JSON.stringify(header)}`);
  }
  return rows
    .filter((r) => r.some((cell) => cell.trim() !== ''))
    .map((r) => ({
      provinceCode: (r[0] ?? '').trim(),
      provinceKo: (r[1] ?? '').trim(),
      provinceEn: (r[2] ?? '').trim(),
      nameKo: (r[3] ?? '').trim(),
      nameEn: (r[4] ?? '').trim(),
      type: (r[5] ?? '').trim(),
      source: (r[6] ?? '').trim(),
    }));
}

function provinceType(nameKo: string): 'province' | 'municipality' | 'special_city' {
  if (nameKo.endsWith('직할시')) return 'municipality';
  if (nameKo.endsWith('특별시')) return 'special_city';
  return 'province';
}

/** `kangwon` + `Hoeyang-gun` → `kangwon.hoeyang-gun`: stable, ASCII, unique within a province. */
export function unitCode(provinceCode: string, nameEn: string): string {
  return `${provinceCode}.${nameEn
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/** Inserts provinces and their units; existing codes are left as they are. */
export function seedRegions(db: Database.Database, records: readonly RegionRecord[]): number {
  const insert = db.prepare(
    `INSERT INTO regions (code, level, parent_id, name_ko, name_en, type, source)
     VALUES (@code, @level, @parentId, @nameKo, @nameEn, @type, @source)
     ON CONFLICT(code) DO NOTHING`,
  );
  const idOf = db.prepare<[string], { id: number }>('SELECT id FROM regions WHERE code = ?');
  let inserted = 0;
  for (const r of records) {
    let province = idOf.get(r.provinceCode);
    if (!province) {
      insert.run({
        code: r.provinceCode,
        level: 1,
        parentId: null,
        nameKo: r.provinceKo,
        nameEn: r.provinceEn,
        type: provinceType(r.provinceKo),
        source: null,
      });
      inserted++;
      province = idOf.get(r.provinceCode);
    }
    const result = insert.run({
      code: unitCode(r.provinceCode, r.nameEn),
      level: 2,
      parentId: province!.id,
      nameKo: r.nameKo,
      nameEn: r.nameEn,
      type: r.type,
      source: r.source || null,
    });
    inserted += result.changes;
  }
  return inserted;
}
