// Step 2: the rules in words — each setting with what it means and its range (whole numbers from
// main's ranges); the cities/counties where another sector is allowed; keep units together.
import { useTranslation } from 'react-i18next';
import { CardHeader } from '../../components/CardHeader';
import { useLedger, useNumberFormat } from '../../ledger-context';
import { NUMERIC_SETTINGS, type AllocationScope } from './useAllocationScope';
import { countyName } from './words';

export function SettingsCard({ scope, busy }: { scope: AllocationScope; busy: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const { language } = useLedger();
  const { info, drafts, invalid } = scope;
  const toggleCounty = (id: number, on: boolean) => {
    const next = new Set(scope.otherSectorCounties);
    if (on) next.add(id);
    else next.delete(id);
    scope.setOtherSectorCounties(next);
  };
  const counties = [...(info?.counties ?? [])].sort((a, b) => countyName(a, language).localeCompare(countyName(b, language), language));
  return (
    <section className="card alloc-card" aria-labelledby="alloc-settings-heading">
      <CardHeader
        headingId="alloc-settings-heading"
        title={`2. ${t('allocationPage.settings.heading')}`}
        subtitle={t('allocationPage.settings.help')}
      />
      <div className="card__body">
        <fieldset className="alloc-settings" disabled={busy || info === null}>
          <legend className="visually-hidden">{t('allocationPage.settings.heading')}</legend>
          {NUMERIC_SETTINGS.map((key) => {
            const range = info?.ranges[key];
            const bad = invalid.includes(key);
            const rangeText = range ? t('allocation.range', { min: n(range.min), max: n(range.max) }) : '';
            return (
              <div className={bad ? 'alloc-setting alloc-setting--bad' : 'alloc-setting'} key={key}>
                <label className="alloc-setting__label" htmlFor={`alloc-setting-${key}`}>
                  {t(`allocation.settings.${key}`)}
                </label>
                <input
                  id={`alloc-setting-${key}`}
                  className="input alloc-setting__input"
                  inputMode="numeric"
                  value={drafts[key]}
                  aria-invalid={bad}
                  aria-describedby={`alloc-setting-${key}-help`}
                  data-testid={`alloc-setting-${key}`}
                  onChange={(e) => scope.setDraft(key, e.target.value)}
                />
                <p className="alloc-setting__help muted" id={`alloc-setting-${key}-help`}>
                  {t(`allocationPage.settings.help_${key}`)}{' '}
                  <span className={bad ? 'alloc-setting__range--bad' : undefined} data-testid={`alloc-setting-${key}-range`}>
                    ({rangeText})
                  </span>
                </p>
              </div>
            );
          })}
          <div className="alloc-setting alloc-setting--wide">
            <label className="alloc-check">
              <input
                type="checkbox"
                checked={scope.keepUnits}
                data-testid="alloc-setting-keepUnits"
                onChange={(e) => scope.setKeepUnits(e.target.checked)}
              />
              <span>{t('allocation.settings.keepUnits')}</span>
            </label>
            <p className="alloc-setting__help muted">{t('allocationPage.settings.help_keepUnits')}</p>
          </div>
          <details className="alloc-setting alloc-setting--wide alloc-other-sector" data-testid="alloc-other-sector">
            <summary>
              {t('allocation.settings.otherSectorCounties')}:{' '}
              <strong>
                {scope.otherSectorCounties.size === 0
                  ? t('allocationPage.settings.otherSectorNone')
                  : counties
                      .filter((c) => scope.otherSectorCounties.has(c.countyId))
                      .map((c) => countyName(c, language))
                      .join(', ')}
              </strong>
            </summary>
            <p className="alloc-setting__help muted">{t('allocationPage.settings.help_otherSectorCounties')}</p>
            <ul className="alloc-county-list">
              {counties.map((c) => (
                <li key={c.countyId}>
                  <label className="alloc-check">
                    <input
                      type="checkbox"
                      checked={scope.otherSectorCounties.has(c.countyId)}
                      data-testid={`alloc-other-sector-${c.countyId}`}
                      onChange={(e) => toggleCounty(c.countyId, e.target.checked)}
                    />
                    <span className="alloc-check__name">{countyName(c, language)}</span>
                  </label>
                </li>
              ))}
            </ul>
          </details>
          <button type="button" className="button button--ghost" data-testid="alloc-settings-defaults" onClick={scope.resetSettings}>
            {t('allocationPage.settings.defaults')}
          </button>
        </fieldset>
      </div>
    </section>
  );
}
