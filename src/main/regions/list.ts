import type Database from 'better-sqlite3';
import type { Province, RegionList, RegionUnit } from '../../shared/contract';
import type { RegionType } from '../../shared/domain';

interface RegionRow {
  code: string;
  province_code: string | null;
  name_ko: string;
  name_en: string;
  type: string;
}

/** Provinces and their units (of one province when `provinceCode` is given), in code order. */
export function listRegions(db: Database.Database, provinceCode?: string): RegionList {
  const provinces = db
    .prepare<[], RegionRow>(`SELECT code, NULL AS province_code, name_ko, name_en, type FROM regions WHERE level = 1 ORDER BY id`)
    .all()
    .map((r): Province => ({ code: r.code, nameKo: r.name_ko, nameEn: r.name_en }));
  const units = db
    .prepare<{ province: string | null }, RegionRow>(
      `SELECT u.code, p.code AS province_code, u.name_ko, u.name_en, u.type
         FROM regions u JOIN regions p ON p.id = u.parent_id
        WHERE u.level = 2 AND (@province IS NULL OR p.code = @province)
        ORDER BY u.id`,
    )
    .all({ province: provinceCode ?? null })
    .map((r): RegionUnit => ({
      code: r.code,
      provinceCode: r.province_code ?? '',
      nameKo: r.name_ko,
      nameEn: r.name_en,
      type: r.type as RegionType,
    }));
  return { provinces, units };
}
