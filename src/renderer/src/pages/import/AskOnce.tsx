import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/api/import.contract';
import { TERMS, type Term } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { useNumberFormat } from '../../ledger-context';
import type { Choices } from './choices';

/** What the file does not say (the year, the term), asked once above the report. */
export function AskOnce({
  report,
  choices,
  running,
  onRecheck,
}: {
  report: ImportReport;
  choices: Choices;
  running: boolean;
  onRecheck: (next: Choices) => void;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const [year, setYear] = useState(choices.year !== undefined ? String(choices.year) : '');
  const [term, setTerm] = useState<Term | ''>(choices.term ?? '');
  const { needs } = report;
  if (needs.year === 0 && needs.term === 0) return null;
  const yearOk = needs.year === 0 || /^\d{4}$/.test(year.trim());
  const termOk = needs.term === 0 || term !== '';
  return (
    <form
      className="imp-ask"
      data-testid="import-ask"
      aria-labelledby="import-ask-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (!yearOk || !termOk) return;
        const next: Choices = { ...choices };
        if (needs.year > 0) next.year = Number(year.trim());
        if (needs.term > 0 && term !== '') next.term = term;
        onRecheck(next);
      }}
    >
      <h3 id="import-ask-heading" className="imp-ask__heading">
        <Icon name="alert" size={20} /> {t('import.intake.askHeading')}
      </h3>
      {needs.year > 0 && <p data-testid="import-ask-year-text">{t('import.intake.askYear', { count: format(needs.year) })}</p>}
      {needs.term > 0 && <p data-testid="import-ask-term-text">{t('import.intake.askTerm', { count: format(needs.term) })}</p>}
      <div className="imp-ask__inputs">
        {needs.year > 0 && (
          <label className="imp-ask__field">
            <span className="field__label">{t('import.layout.year')}</span>
            <input
              className="input"
              inputMode="numeric"
              maxLength={4}
              placeholder="2027"
              value={year}
              onChange={(e) => setYear(e.target.value)}
              data-testid="import-ask-year"
            />
          </label>
        )}
        {needs.term > 0 && (
          <label className="imp-ask__field">
            <span className="field__label">{t('import.layout.term')}</span>
            <select className="input" value={term} onChange={(e) => setTerm(e.target.value as Term | '')} data-testid="import-ask-term">
              <option value="">{t('import.layout.none')}</option>
              {TERMS.map((x) => (
                <option key={x} value={x}>
                  {t(`import.terms.${x}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="button button--primary" disabled={running || !yearOk || !termOk} data-testid="import-ask-apply">
          {t('import.intake.askApply')}
        </button>
      </div>
      <p className="muted imp-ask__help">{t('import.intake.askHelp')}</p>
    </form>
  );
}
