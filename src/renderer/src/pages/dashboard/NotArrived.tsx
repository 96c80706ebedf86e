// Following arrivals: per city/county, the persons notified and not yet arrived, with the days
// since notification; one city/county's list opens below, and exports as a print-ready workbook.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotArrivedCounty, NotArrivedRow } from '../../../../shared/api/grid.contract';
import type { Sector } from '../../../../shared/domain';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call, toErrorData } from '../../api';
import { CardHeader } from '../../components/CardHeader';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLedger, useNumberFormat } from '../../ledger-context';
import { SaveWorkbookDialog } from './SaveWorkbookDialog';

export function NotArrivedSection({
  cohortId,
  provinceCode,
  termLabel,
  county,
  sector,
}: {
  cohortId: number;
  /** The province the Dashboard shows: its cities/counties are listed. */
  provinceCode: string | null;
  termLabel: string;
  county: (code: string) => string;
  sector: (s: Sector) => string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const format = useNumberFormat();
  const [all, setCounties] = useState<NotArrivedCounty[] | null>(null);
  const counties = all === null ? null : all.filter((c) => provinceCode === null || c.provinceCode === provinceCode);
  const [chosen, setChosen] = useState<string | null>(null);
  const [rows, setRows] = useState<NotArrivedRow[] | null>(null);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setChosen(null);
    call('notArrivedCounties', { cohortId }).then(
      (answer) => live && setCounties(answer.counties),
      (cause: unknown) => live && setError(toErrorData(cause)),
    );
    return () => {
      live = false;
    };
  }, [cohortId]);
  useEffect(() => {
    let live = true;
    setRows(null);
    if (chosen === null) return;
    call('notArrivedRows', { cohortId, countyCode: chosen }).then(
      (answer) => live && setRows(answer),
      (cause: unknown) => live && setError(toErrorData(cause)),
    );
    return () => {
      live = false;
    };
  }, [cohortId, chosen]);

  const date = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const dateOf = (iso: string | null) => (iso === null ? '–' : date.format(new Date(`${iso}T00:00:00Z`)));
  const days = (n: number | null) => (n === null ? '–' : t('dashboard.days', { count: format(n) as never }));

  return (
    <section className="card dash-not-arrived no-print" aria-labelledby="dashboard-not-arrived-heading" data-testid="dashboard-not-arrived">
      <CardHeader
        headingId="dashboard-not-arrived-heading"
        title={t('dashboard.notArrivedHeading')}
        subtitle={t('dashboard.notArrivedCaption')}
      />
      <div className="card__body">
        {error !== null && <ErrorBanner error={error} testId="dashboard-not-arrived-error" />}
        {notice !== null && (
          <p className="banner" role="status">
            {notice}
          </p>
        )}
        {counties !== null && counties.length === 0 && <p className="empty">{t('dashboard.notArrivedNone')}</p>}
        {counties !== null && counties.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.county')}</th>
                <th scope="col" className="num">
                  {t('dashboard.waiting')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.longestWait')}
                </th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {counties.map((c) => (
                <tr key={c.countyCode} className={c.countyCode === chosen ? 'is-selected' : undefined}>
                  <th scope="row">{county(c.countyCode)}</th>
                  <td className="num">{format(c.count)}</td>
                  <td className="num">{days(c.maxDays)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--ghost"
                      onClick={() => setChosen(c.countyCode)}
                      data-testid={`not-arrived-show-${c.countyCode}`}
                    >
                      {t('dashboard.showCounty')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {chosen !== null && rows !== null && (
          <div className="dash-not-arrived__list" data-testid="not-arrived-list">
            <div className="dash-card__head">
              <h3>{county(chosen)}</h3>
              <button type="button" className="button" onClick={() => setSaving(true)} data-testid="not-arrived-export">
                {t('dashboard.exportCounty')}
              </button>
            </div>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.serviceNo')}</th>
                  <th scope="col">{t('dashboard.name')}</th>
                  <th scope="col">{t('dashboard.sector')}</th>
                  <th scope="col">{t('dashboard.workplace')}</th>
                  <th scope="col">{t('dashboard.notifiedOn')}</th>
                  <th scope="col" className="num">
                    {t('dashboard.daysSince')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>{r.serviceNo}</td>
                    <td>{r.name}</td>
                    <td>{sector(r.sector)}</td>
                    <td>{r.workplace ?? t('dashboard.noWorkplace')}</td>
                    <td>{dateOf(r.notifiedOn)}</td>
                    <td className="num">{days(r.days)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {saving && chosen !== null && (
        <SaveWorkbookDialog
          suggestedName={t('dashboard.notArrivedTitle', { term: termLabel, county: county(chosen) })}
          save={(target) => call('exportDashboardWorkbook', { what: 'notArrived', cohortId, countyCode: chosen, language, ...target })}
          onClose={() => setSaving(false)}
          onSaved={(path) => {
            setSaving(false);
            setNotice(t('dashboard.exportCountyDone', { path }));
          }}
        />
      )}
    </section>
  );
}
