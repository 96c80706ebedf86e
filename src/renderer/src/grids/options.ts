// Choices the select editors offer, drawn from the ledger: provinces, their cities/counties, cohorts.
import { useCallback, useEffect, useState } from 'react';
import type { CohortOption } from '../../../shared/api/grid.contract';
import type { RegionList } from '../../../shared/contract';
import { shortEnglishName, type Language } from '../../../shared/domain';
import { call } from '../api';

export interface LedgerOptions {
  regions: RegionList;
  cohorts: CohortOption[];
}

export function useLedgerOptions(): { options: LedgerOptions | null; reloadCohorts: () => void } {
  const [options, setOptions] = useState<LedgerOptions | null>(null);
  const load = useCallback(() => {
    // A refusal is not left unhandled: the page's own call (its rows, the Dashboard's figures) shows the sentence.
    Promise.all([call('listRegions', {}), call('listCohorts', {})])
      .then(([regions, cohorts]) => setOptions({ regions, cohorts }))
      .catch(() => undefined);
  }, []);
  useEffect(load, [load]);
  return { options, reloadCohorts: load };
}

/** The name of a province or city/county code in the UI's language (the text itself when it is a name already). */
export function regionName(options: LedgerOptions | null, value: unknown, language: Language): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  if (!options) return text;
  // A code, or a Korean name as some records keep it (a person's home city/county).
  const region =
    options.regions.provinces.find((p) => p.code === text) ??
    options.regions.units.find((u) => u.code === text) ??
    (language === 'en' ? options.regions.units.find((u) => u.nameKo === text) : undefined);
  if (!region) return text;
  return language === 'en' ? shortEnglishName(region.nameEn) : region.nameKo;
}

export function countyCodesOf(options: LedgerOptions | null, provinceCode: unknown): string[] {
  if (!options) return [];
  return options.regions.units
    .filter((u) => provinceCode === null || provinceCode === undefined || provinceCode === '' || u.provinceCode === provinceCode)
    .map((u) => u.code);
}

export function provinceOfCounty(options: LedgerOptions | null, countyCode: unknown): string | null {
  return options?.regions.units.find((u) => u.code === countyCode)?.provinceCode ?? null;
}
