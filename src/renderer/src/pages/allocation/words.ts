// The page's small words: a city/county by name in the clerk's language (English regions in
// English), a term, a sector, a time — never an id, a code or an ISO date.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Sector, Term } from '../../../../shared/domain';

export function countyName(c: { nameKo: string; nameEn: string }, language: Language): string {
  return language === 'en' ? c.nameEn : c.nameKo;
}

export function useTermLabel(): (year: number, term: Term) => string {
  const { t } = useTranslation();
  return useCallback(
    (year: number, term: Term) => t('allocationPage.scope.termOption', { year: String(year), term: t(`grid.options.term.${term}`) }),
    [t],
  );
}

export function useSectorName(): (sector: Sector) => string {
  const { t } = useTranslation();
  return useCallback((sector: Sector) => t(`grid.options.sector.${sector}`), [t]);
}

/** "2027. 12. 7. 오후 3:04" / "Dec 7, 2027, 3:04 PM": a recorded time as the clerk reads it. */
export function formatTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A fill rate 0…1 as a whole percent. */
export const percentOf = (rate: number): number => Math.round(Math.max(0, Math.min(1, rate)) * 100);
