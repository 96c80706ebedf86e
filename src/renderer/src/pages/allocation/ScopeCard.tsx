// Step 1: the term, and all or some of its cities/counties (each with its persons waiting).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllocationCountyChoice } from '../../../../shared/api/allocation.contract';
import type { Language } from '../../../../shared/domain';
import { CardHeader } from '../../components/CardHeader';
import { useLedger, useNumberFormat } from '../../ledger-context';
import type { AllocationScope } from './useAllocationScope';
import { countyName, useTermLabel } from './words';

export function ScopeCard({ scope, busy }: { scope: AllocationScope; busy: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const { language } = useLedger();
  const termLabel = useTermLabel();
  const [filter, setFilter] = useState('');
  const { terms, info, chosenCounties } = scope;
  const counties = useMemo(() => filtered(info?.counties ?? [], filter, language), [info, filter, language]);
  const some = chosenCounties !== null;

  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosenCounties ?? []);
    if (on) next.add(id);
    else next.delete(id);
    scope.setChosenCounties(next);
  };

  return (
    <section className="card alloc-card" aria-labelledby="alloc-scope-heading">
      <CardHeader
        headingId="alloc-scope-heading"
        title={`1. ${t('allocationPage.scope.heading')}`}
        subtitle={t('allocationPage.scope.help')}
      />
      <div className="card__body">
        <label className="field">
          <span className="field__label">{t('allocationPage.scope.term')}</span>
          <select
            className="input"
            value={scope.cohortId ?? ''}
            disabled={busy || terms === null}
            data-testid="alloc-term"
            onChange={(e) => scope.setCohortId(Number(e.target.value))}
          >
            {(terms ?? []).map((term) => (
              <option key={term.cohortId} value={term.cohortId}>
                {`${termLabel(term.year, term.term)} — ${t('allocationPage.scope.countyPersons', { count: n(term.waiting) })}`}
              </option>
            ))}
          </select>
        </label>

        <fieldset className="alloc-counties" disabled={busy}>
          <legend className="visually-hidden">{t('allocationPage.scope.heading')}</legend>
          <div className="alloc-radio-row">
            <label className="alloc-radio">
              <input
                type="radio"
                name="alloc-county-mode"
                checked={!some}
                data-testid="alloc-counties-all"
                onChange={() => scope.setChosenCounties(null)}
              />
              <span>{t('allocationPage.scope.allCounties')}</span>
            </label>
            <label className="alloc-radio">
              <input
                type="radio"
                name="alloc-county-mode"
                checked={some}
                data-testid="alloc-counties-some"
                onChange={() => scope.setChosenCounties(new Set())}
              />
              <span>{t('allocationPage.scope.someCounties')}</span>
            </label>
          </div>
          {some && (
            <>
              <input
                className="input alloc-county-filter"
                type="search"
                placeholder={t('allocationPage.scope.countyFilter')}
                aria-label={t('allocationPage.scope.countyFilter')}
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                data-testid="alloc-county-filter"
              />
              {info === null ? (
                <p className="muted">{t('allocationPage.scope.loading')}</p>
              ) : (
                <ul className="alloc-county-list">
                  {counties.map((c) => (
                    <li key={c.countyId}>
                      <label className="alloc-check">
                        <input
                          type="checkbox"
                          checked={chosenCounties.has(c.countyId)}
                          data-testid={`alloc-scope-county-${c.countyId}`}
                          onChange={(e) => toggle(c.countyId, e.target.checked)}
                        />
                        <span className="alloc-check__name">{countyName(c, language)}</span>
                        <span className="muted alloc-check__count">{t('allocationPage.scope.countyPersons', { count: n(c.waiting) })}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
              <p className="muted alloc-hint" data-testid="alloc-counties-chosen">
                {chosenCounties.size === 0
                  ? t('allocationPage.scope.noneChosen')
                  : t('allocationPage.scope.chosen', { count: n(chosenCounties.size) })}
              </p>
            </>
          )}
        </fieldset>
      </div>
    </section>
  );
}

function filtered(counties: AllocationCountyChoice[], filter: string, language: Language): AllocationCountyChoice[] {
  const typed = filter.trim().toLowerCase();
  const list =
    typed === ''
      ? counties
      : counties.filter((c) => [c.nameKo, c.nameEn, c.provinceKo, c.provinceEn].some((s) => s.toLowerCase().includes(typed)));
  return [...list].sort((a, b) => countyName(a, language).localeCompare(countyName(b, language), language));
}
