// Choosing a term (cohort) by its name, as "2027 봄" / "2027 spring": the Dashboard and the
// County requests figures dialog.
import { useTranslation } from 'react-i18next';
import type { CohortOption } from '../../../shared/api/grid.contract';

export function TermSelect({
  label,
  cohorts,
  value,
  onChange,
  className,
  testId,
}: {
  label: string;
  cohorts: readonly CohortOption[];
  value: number | null;
  onChange: (cohortId: number) => void;
  className: string;
  testId: string;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  if (cohorts.length === 0) return null;
  return (
    <label className={className}>
      <span>{label}</span>
      <select className="input" value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {cohorts.map((c) => (
          <option key={c.id} value={c.id}>
            {t('grid.cohortLabel', { year: c.year, term: t(`grid.options.term.${c.term}`) })}
          </option>
        ))}
      </select>
    </label>
  );
}
