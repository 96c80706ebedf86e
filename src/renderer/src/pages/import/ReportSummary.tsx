// The dry run's (and the commit's) numbers: rows read, valid, with errors, skipped; what happens to
// persons and placements (or requests); the cohorts the file fills.
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/api/import.contract';
import { useNumberFormat } from '../../ledger-context';

function Stat({
  label,
  value,
  tone,
  testId,
  help,
}: {
  label: string;
  value: number;
  tone?: 'ok' | 'bad' | 'muted';
  testId: string;
  help?: string;
}): React.JSX.Element {
  const format = useNumberFormat();
  return (
    <div className={`imp-stat${tone ? ` imp-stat--${tone}` : ''}`} data-testid={testId} data-value={value}>
      <div className="imp-stat__label">{label}</div>
      <div className="imp-stat__value">{format(value)}</div>
      {help && <div className="imp-stat__help">{help}</div>}
    </div>
  );
}

export function ReportSummary({ report }: { report: ImportReport }): React.JSX.Element {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const triple = (label: string, a: [string, number], b: [string, number], c: [string, number], testId: string) => (
    <div className="imp-triple" data-testid={testId}>
      <div className="imp-triple__label">{label}</div>
      <div className="imp-triple__values">
        {[a, b, c].map(([name, n]) => (
          <span key={name} className={n === 0 ? 'imp-triple__value imp-triple__value--zero' : 'imp-triple__value'}>
            <strong>{format(n)}</strong> {name}
          </span>
        ))}
      </div>
    </div>
  );
  return (
    <>
      <div className="imp-stats">
        <Stat label={t('import.report.data')} value={report.rows.data} testId="import-stat-data" />
        <Stat label={t('import.report.valid')} value={report.rows.valid} tone="ok" testId="import-stat-valid" />
        <Stat
          label={t('import.report.invalid')}
          value={report.rows.invalid}
          tone={report.rows.invalid > 0 ? 'bad' : 'muted'}
          testId="import-stat-invalid"
        />
        <Stat
          label={t('import.report.skipped')}
          value={report.rows.skipped}
          tone="muted"
          testId="import-stat-skipped"
          help={t('import.report.skippedHelp')}
        />
      </div>
      <div className="imp-triples">
        {report.kind === 'decision' ? (
          <>
            {triple(
              t('import.report.persons'),
              [t('import.report.new'), report.persons.new],
              [t('import.report.updated'), report.persons.updated],
              [t('import.report.unchanged'), report.persons.unchanged],
              'import-persons',
            )}
            {triple(
              t('import.report.placements'),
              [t('import.report.new'), report.placements.new],
              [t('import.report.moved'), report.placements.moved],
              [t('import.report.unchanged'), report.placements.unchanged],
              'import-placements',
            )}
          </>
        ) : (
          triple(
            t('import.report.requests'),
            [t('import.report.new'), report.requests.new],
            [t('import.report.updated'), report.requests.updated],
            [t('import.report.unchanged'), report.requests.unchanged],
            'import-requests',
          )
        )}
        {report.cohorts.length > 0 && (
          <div className="imp-triple">
            <div className="imp-triple__label">{t('import.report.cohorts')}</div>
            <div className="imp-triple__values">
              {report.cohorts.map((c) => (
                <span key={`${c.year}-${c.term}`} className="imp-chip">
                  {t('import.cohortLabel', { year: c.year, term: t(`import.terms.${c.term}`) })} · {format(c.rows)}
                  {c.isNew && <span className="imp-chip__new">{t('import.report.cohortNew')}</span>}
                </span>
              ))}
            </div>
          </div>
        )}
      </div>
    </>
  );
}
