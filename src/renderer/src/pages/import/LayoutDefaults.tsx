// What a row does not say (year, term, province), given once for the whole file.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectResult } from '../../../../shared/api/import.contract';
import type { Province } from '../../../../shared/contract';
import { TERMS } from '../../../../shared/domain';
import { call } from '../../api';
import { useLedger } from '../../ledger-context';
import type { Choices } from './choices';

export function LayoutDefaults({
  title,
  choices,
  onChoices,
}: {
  title: InspectResult['title'];
  choices: Choices;
  onChoices: (choices: Choices) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const ids = { year: useId(), term: useId(), province: useId() };
  const [provinces, setProvinces] = useState<Province[]>([]);
  useEffect(() => {
    call('listRegions', {})
      .then((r) => setProvinces(r.provinces))
      .catch(() => setProvinces([]));
  }, []);
  return (
    <details className="imp-details">
      <summary>{t('import.layout.defaults')}</summary>
      <p className="muted">{t('import.layout.defaultsHelp')}</p>
      <div className="imp-controls">
        <div className="imp-control">
          <label className="field__label" htmlFor={ids.year}>
            {t('import.layout.year')}
          </label>
          <input
            id={ids.year}
            className="input"
            type="number"
            min={1948}
            max={2200}
            placeholder={title.year ? String(title.year) : t('import.layout.none')}
            value={choices.year ?? ''}
            onChange={(e) => onChoices({ ...choices, year: e.target.value === '' ? undefined : Number(e.target.value) })}
            data-testid="import-default-year"
          />
        </div>
        <div className="imp-control">
          <label className="field__label" htmlFor={ids.term}>
            {t('import.layout.term')}
          </label>
          <select
            id={ids.term}
            className="input"
            value={choices.term ?? ''}
            onChange={(e) => onChoices({ ...choices, term: e.target.value === '' ? undefined : (e.target.value as Choices['term']) })}
            data-testid="import-default-term"
          >
            <option value="">{title.term ? t(`import.terms.${title.term}`) : t('import.layout.none')}</option>
            {TERMS.map((term) => (
              <option key={term} value={term}>
                {t(`import.terms.${term}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="imp-control imp-control--wide">
          <label className="field__label" htmlFor={ids.province}>
            {t('import.layout.province')}
          </label>
          <select
            id={ids.province}
            className="input"
            value={choices.province ?? ''}
            onChange={(e) => onChoices({ ...choices, province: e.target.value === '' ? undefined : e.target.value })}
            data-testid="import-default-province"
          >
            <option value="">{t('import.layout.none')}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {language === 'ko' ? p.nameKo : p.nameEn}
              </option>
            ))}
          </select>
        </div>
      </div>
    </details>
  );
}
