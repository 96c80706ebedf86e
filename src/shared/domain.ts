// Domain vocabulary shared by main, preload and renderer. Imports nothing.

export const TERMS = ['spring', 'summer', 'fall'] as const;
export type Term = (typeof TERMS)[number];

export const SEXES = ['M', 'F'] as const;
export type Sex = (typeof SEXES)[number];

export const SECTORS = ['local_factory', 'rural_housing', 'farm_team', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const PLACEMENT_STATUSES = ['proposed', 'decided', 'notified', 'arrived', 'cancelled'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

export const REQUEST_STATUSES = ['open', 'filled', 'closed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Ranks of discharged soldiers, lowest first (DOMAIN.md). */
export const RANKS = ['전사', '상등병', '하사', '중사', '상사', '특무상사'] as const;
export type Rank = (typeof RANKS)[number];

export const REGION_TYPES = ['city', 'county', 'district', 'workers_district'] as const;
export type RegionType = (typeof REGION_TYPES)[number];

/** Tables a clerk or another tool can read row by row (CLI `dump`). */
export const LEDGER_TABLES = ['persons', 'cohorts', 'county_requests', 'placements', 'regions', 'decision_files', 'audit_log'] as const;
export type LedgerTable = (typeof LEDGER_TABLES)[number];

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * A region's English name as a clerk reads it: without the McCune–Reischauer form in brackets
 * that the reference list adds to provinces (Kangwon, not Kangwon (Kangwŏn-do)).
 */
export function shortEnglishName(nameEn: string): string {
  return nameEn.replace(/\s*\(.*\)\s*$/, '');
}
