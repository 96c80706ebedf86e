// The dry run's problems, each with its Excel row, whom the row names, its column and a sentence;
// filtered to errors or warnings.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportIssue, ImportReport } from '../../../../shared/api/import.contract';
import { fieldLabel, issueSentence } from '../../../../shared/i18n/import';
import { Icon } from '../../components/Icon';
import { useLedger, useNumberFormat } from '../../ledger-context';

type Filter = 'all' | 'error' | 'warning';

/** Errors, warnings or both, each with its count. */
function IssueFilter({
  issues,
  filter,
  onFilter,
}: {
  issues: ImportIssue[];
  filter: Filter;
  onFilter: (filter: Filter) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return (
    <div className="imp-segments" role="radiogroup" aria-label={t('import.report.issues')}>
      {(
        [
          ['all', t('import.report.filterAll'), issues.length],
          ['error', t('import.report.filterErrors'), errors],
          ['warning', t('import.report.filterWarnings'), warnings],
        ] as [Filter, string, number][]
      ).map(([value, text, n]) => (
        <button
          key={value}
          type="button"
          role="radio"
          aria-checked={filter === value}
          className={filter === value ? 'imp-segment imp-segment--on' : 'imp-segment'}
          onClick={() => onFilter(value)}
          data-testid={`import-filter-${value}`}
        >
          {text} <span className="imp-segment__count">{format(n)}</span>
        </button>
      ))}
    </div>
  );
}

export function IssueTable({ report }: { report: ImportReport }): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const format = useNumberFormat();
  const [filter, setFilter] = useState<Filter>(report.rows.invalid > 0 ? 'error' : 'all');
  const shown = useMemo(() => report.issues.filter((i) => filter === 'all' || i.severity === filter), [report.issues, filter]);
  const multiSheet = report.issues.some((i) => i.sheet !== undefined);
  if (report.issuesTotal === 0) {
    // Rows that wait only for the year or term are asked above; "no problems" would contradict it.
    if (report.rows.invalid > 0) return <></>;
    return (
      <div className="banner banner--ok" role="status" data-testid="import-no-issues">
        <Icon name="check" className="banner__icon" size={20} />
        <div className="banner__body">{t('import.report.issuesNone')}</div>
      </div>
    );
  }
  const label = (i: ImportIssue) => (i.field ? fieldLabel(i.field, language) : '');
  // Whom each row names, so the list can go back to the Bureau or the county.
  const whoHeader =
    report.kind === 'decision'
      ? `${fieldLabel('serviceNo', language)} · ${fieldLabel('name', language)}`
      : fieldLabel('workplace', language);
  return (
    <div className="imp-issues">
      <div className="imp-issues__bar">
        <IssueFilter issues={report.issues} filter={filter} onFilter={setFilter} />
        {report.issuesTotal > report.issues.length && (
          <span className="muted">
            {t('import.report.issuesShown', { shown: format(report.issues.length), total: format(report.issuesTotal) })}
          </span>
        )}
      </div>
      <div className="imp-table-wrap imp-table-wrap--issues">
        <table className="table imp-table" data-testid="import-issues">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.report.row')}
              </th>
              {multiSheet && <th scope="col">{t('import.report.sheet')}</th>}
              <th scope="col">{whoHeader}</th>
              <th scope="col">{t('import.report.column')}</th>
              <th scope="col">{t('import.report.code')}</th>
              <th scope="col">{t('import.report.message')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i, k) => (
              <tr
                key={`${i.sheet ?? ''}-${i.row}-${i.code}-${k}`}
                className={`imp-issue imp-issue--${i.severity}`}
                data-testid="import-issue"
                data-row={i.row}
                data-code={i.code}
              >
                <td className="num">{format(i.row)}</td>
                {multiSheet && <td>{i.sheet ?? ''}</td>}
                <td className="imp-issue__who" data-testid="import-issue-who">
                  {report.kind === 'decision' ? [i.serviceNo, i.name].filter(Boolean).join(' · ') : (i.workplace ?? '')}
                </td>
                <td className="imp-issue__column">
                  {i.column && <span className="imp-cellref">{i.column}</span>} {label(i)}
                </td>
                <td>
                  <span className={`imp-badge imp-badge--${i.severity}`}>{t(`import.report.severity.${i.severity}`)}</span>
                </td>
                <td className="imp-issue__message">{issueSentence(i, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
