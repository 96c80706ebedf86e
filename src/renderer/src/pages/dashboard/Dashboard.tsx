// The term at a glance: per city/county and sector, requested by the counties, decided by the
// Bureau, assigned to a workplace, notified, arrived, and the gap — a table with totals and three
// charts (fill rate per city/county stacked by sector, the province as tiles coloured by fill
// rate, arrivals per day). A bar or a tile opens Placements filtered to its city/county. Prints on
// A4 landscape (print CSS; the desktop saves a PDF), exports its figures as xlsx, a chart as PNG.
// Figures come from main (dashboardFigures, SQL over a tally kept by triggers).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardFigures, FigureCounts } from '../../../../shared/api/grid.contract';
import type { Sector } from '../../../../shared/domain';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call, toErrorData } from '../../api';
import { CardHeader } from '../../components/CardHeader';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { TermSelect } from '../../components/TermSelect';
import { regionName, useLedgerOptions } from '../../grids/options';
import { useLedger, useNumberFormat } from '../../ledger-context';
import { arrivalsOption, barCounties, barsOption, perCounty, rate, tileMapOption, type Words } from './chart-options';
import { EChart, toPng } from './EChart';
import { NotArrivedSection } from './NotArrived';
import { ChartCard, dayFormat, openPlacements, TotalsRow } from './DashboardParts';
import { SaveWorkbookDialog } from './SaveWorkbookDialog';
import { tileLayout } from './tile-layout';

const COUNTS: readonly (keyof FigureCounts)[] = ['requested', 'decided', 'assigned', 'notified', 'arrived'];

export function Dashboard(): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const format = useNumberFormat();
  const { options } = useLedgerOptions();
  const [cohortId, setCohortId] = useState<number | null>(null);
  const [figures, setFigures] = useState<DashboardFigures | null>(null);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const [province, setProvince] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    call('dashboardFigures', { cohortId })
      .then(setFigures)
      .catch((cause: unknown) => setError(toErrorData(cause)));
  }, [cohortId]);
  useEffect(load, [load]);

  const cohorts = useMemo(() => options?.cohorts ?? [], [options]);
  const shown = figures?.cohortId ?? null;
  const cohort = cohorts.find((c) => c.id === shown) ?? null;
  const termLabel = cohort ? t('grid.cohortLabel', { year: cohort.year, term: t(`grid.options.term.${cohort.term}`) }) : '';
  const county = useCallback((code: string) => regionName(options, code, language), [options, language]);
  const sectorWord = useCallback((s: Sector) => t(`grid.options.sector.${s}`), [t]);

  const words: Words = useMemo(
    () => ({
      sector: sectorWord,
      county,
      percent: (value: number) => t('dashboard.percent', { value: format(value) }),
      persons: (n: number) => t('dashboard.persons', { n: format(n) }),
      noRequest: t('dashboard.noRequest'),
      legend: {
        low: t('dashboard.legendLow'),
        mid: t('dashboard.legendMid'),
        full: t('dashboard.legendFull'),
        over: t('dashboard.legendOver'),
      },
      daily: t('dashboard.arrivalsDaily'),
      total: t('dashboard.arrivalsTotal'),
      day: dayFormat(language),
    }),
    [t, format, county, sectorWord, language],
  );

  const counties = useMemo(() => (figures ? perCounty(figures) : []), [figures]);
  const byCode = useMemo(() => new Map(counties.map((c) => [c.countyCode, c])), [counties]);
  // The tile map shows one province: the one with the most decided persons, unless the clerk picks another.
  const provinces = useMemo(() => {
    const sums = new Map<string, number>();
    for (const c of counties) sums.set(c.provinceCode, (sums.get(c.provinceCode) ?? 0) + c.decided + c.requested);
    return [...sums].sort((a, b) => b[1] - a[1]).map(([code]) => code);
  }, [counties]);
  const mapProvince = province !== null && provinces.includes(province) ? province : (provinces[0] ?? null);
  const tiles = useMemo(() => {
    if (!options || mapProvince === null) return null;
    return tileLayout(options.regions.units.filter((u) => u.provinceCode === mapProvince));
  }, [options, mapProvince]);

  const open = useCallback(
    (countyCode: string, sector?: Sector) => {
      const c = byCode.get(countyCode);
      const provinceCode = c?.provinceCode ?? options?.regions.units.find((u) => u.code === countyCode)?.provinceCode ?? '';
      openPlacements({
        province: regionName(options, provinceCode, language),
        county: county(countyCode),
        cohort: termLabel,
        ...(sector ? { sector: sectorWord(sector) } : {}),
      });
    },
    [byCode, options, language, county, termLabel, sectorWord],
  );

  // Bars and tiles show one province's cities/counties (a province has 10–30; the table has them all).
  const provinceCounties = useMemo(() => counties.filter((c) => c.provinceCode === mapProvince), [counties, mapProvince]);
  const bars = useMemo(() => barsOption(provinceCounties, words), [provinceCounties, words]);
  // The table too lists the chosen province's rows, with its subtotal and the term's total.
  const tableRows = useMemo(() => (figures ? figures.rows.filter((r) => r.provinceCode === mapProvince) : []), [figures, mapProvince]);
  const provinceTotals = useMemo(() => {
    if (tableRows.length === 0) return null;
    const sum: FigureCounts = { requested: 0, decided: 0, assigned: 0, notified: 0, arrived: 0 };
    for (const r of tableRows) for (const k of COUNTS) sum[k] += r[k];
    return sum;
  }, [tableRows]);
  const barList = useMemo(() => barCounties(provinceCounties), [provinceCounties]);
  const map = useMemo(() => (tiles ? tileMapOption(tiles.tiles, tiles.cols, tiles.rows, byCode, words) : null), [tiles, byCode, words]);
  const arrivals = useMemo(() => arrivalsOption(figures?.arrivals ?? [], words), [figures, words]);

  const gap = (requested: number, decided: number) =>
    requested === decided
      ? t('dashboard.even')
      : requested > decided
        ? t('dashboard.short', { count: format(requested - decided) as never })
        : t('dashboard.surplus', { count: format(decided - requested) as never });

  const print = async () => {
    setNotice(null);
    try {
      const answer = await call('printDashboard', { suggestedName: t('dashboard.printTitle', { term: termLabel }) });
      if (!answer.supported) window.print();
      else if (answer.path) setNotice(t('dashboard.printed', { path: answer.path }));
    } catch (cause) {
      setError(toErrorData(cause));
    }
  };

  const today = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(),
  );
  const hasData = figures !== null && figures.cohortId !== null && figures.rows.length > 0;

  return (
    <div className="dashboard" data-testid="dashboard">
      <PageHeader
        title={t('pages.dashboard.title')}
        description={t('pages.dashboard.description')}
        actions={
          <div className="dash-actions no-print">
            <TermSelect
              label={t('dashboard.term')}
              cohorts={cohorts}
              value={shown}
              onChange={setCohortId}
              className="dash-term"
              testId="dashboard-term"
            />
            {provinces.length > 1 && mapProvince !== null && (
              <label className="dash-term">
                <span>{t('dashboard.mapProvince')}</span>
                <select
                  className="input"
                  value={mapProvince}
                  onChange={(e) => setProvince(e.target.value)}
                  data-testid="dashboard-province"
                >
                  {provinces.map((p) => (
                    <option key={p} value={p}>
                      {regionName(options, p, language)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="button" className="button" disabled={!hasData} onClick={() => void print()} data-testid="dashboard-print">
              {t('dashboard.print')}
            </button>
            <button type="button" className="button" disabled={!hasData} onClick={() => setSaving(true)} data-testid="dashboard-export">
              {t('dashboard.exportXlsx')}
            </button>
          </div>
        }
      />
      <div className="print-only dash-print-head">
        <div className="dash-print-head__title">{t('dashboard.printTitle', { term: termLabel })}</div>
        <span>{t('dashboard.printedOn', { date: today })}</span>
      </div>
      {notice !== null && (
        <p className="banner no-print" role="status" data-testid="dashboard-notice">
          {notice}
        </p>
      )}
      {error !== null && <ErrorBanner error={error} onRetry={load} testId="dashboard-error" />}
      {figures === null && error === null && (
        <div className="loading-line" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('dashboard.loading')}
        </div>
      )}
      {figures !== null && figures.cohortId === null && <p className="empty card card__body">{t('dashboard.noTerms')}</p>}
      {figures !== null && figures.cohortId !== null && figures.rows.length === 0 && (
        <p className="empty card card__body">{t('dashboard.empty')}</p>
      )}
      {hasData && (
        <>
          <div className="stats dash-totals" data-testid="dashboard-totals">
            {COUNTS.map((k) => (
              <div className="stat" key={k} data-testid={`dashboard-total-${k}`}>
                <div className="stat__body">
                  <div className="stat__label">{t(`dashboard.${k}`)}</div>
                  <div className="stat__value" data-value={figures.totals[k]}>
                    {format(figures.totals[k])}
                  </div>
                </div>
              </div>
            ))}
          </div>
          <div className="dash-charts">
            <ChartCard
              id="dashboard-bars"
              wide
              title={t('dashboard.barsHeading', { province: regionName(options, mapProvince, language) })}
              caption={t('dashboard.barsCaption')}
              option={bars}
              height={300}
              fileName={t('dashboard.chartFile', {
                term: termLabel,
                chart: t('dashboard.barsHeading', { province: regionName(options, mapProvince, language) }),
              })}
              onClick={(i) => barList[i] && open(barList[i].countyCode)}
              {...(barList.length === 0 ? { empty: t('dashboard.noRequest') } : {})}
            />
            {map && mapProvince !== null && tiles && (
              <section className="card dash-card" aria-labelledby="dashboard-map-heading">
                <div className="dash-card__head">
                  <CardHeader
                    headingId="dashboard-map-heading"
                    title={t('dashboard.mapHeading', { province: regionName(options, mapProvince, language) })}
                    subtitle={t('dashboard.mapCaption')}
                  />
                  <div className="dash-card__tools no-print">
                    <button
                      type="button"
                      className="button button--ghost"
                      data-testid="dashboard-map-png"
                      onClick={() => {
                        const a = document.createElement('a');
                        a.href = toPng(map, 900, 64 * tiles.rows + 120);
                        a.download = `${t('dashboard.chartFile', { term: termLabel, chart: t('dashboard.mapHeading', { province: regionName(options, mapProvince, language) }) })}.png`;
                        a.click();
                      }}
                    >
                      {t('dashboard.savePng')}
                    </button>
                  </div>
                </div>
                <div className="card__body">
                  <EChart
                    option={map}
                    height={64 * tiles.rows + 60}
                    testId="dashboard-map"
                    label={t('dashboard.mapHeading', { province: regionName(options, mapProvince, language) })}
                    onClick={(e) => {
                      const code = (e.data as { code?: string } | undefined)?.code;
                      if (code) open(code);
                    }}
                  />
                </div>
              </section>
            )}
            <ChartCard
              id="dashboard-arrivals"
              title={t('dashboard.arrivalsHeading')}
              caption={t('dashboard.arrivalsCaption')}
              option={arrivals}
              height={260}
              fileName={t('dashboard.chartFile', { term: termLabel, chart: t('dashboard.arrivalsHeading') })}
              {...(figures.arrivals.length === 0 ? { empty: t('dashboard.noArrivals') } : {})}
            />
          </div>
          <section className="card dash-table-card" aria-labelledby="dashboard-table-heading">
            <CardHeader headingId="dashboard-table-heading" title={t('dashboard.tableHeading')} subtitle={t('dashboard.tableCaption')} />
            <div className="dash-table-scroll">
              <table className="table dash-table" data-testid="dashboard-table">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.county')}</th>
                    <th scope="col">{t('dashboard.sector')}</th>
                    <th scope="col" className="num">
                      {t('dashboard.requested')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.decided')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.gap')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.assigned')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.unassigned')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.notified')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.arrived')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.fillRate')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tableRows.map((r, i) => {
                    const first = i === 0 || tableRows[i - 1]!.countyCode !== r.countyCode;
                    const r100 = rate(r.decided, r.requested);
                    return (
                      <tr key={`${r.countyCode}|${r.sector}`} className={first ? 'dash-row--first' : undefined} data-county={r.countyCode}>
                        <th scope="row">
                          {first && (
                            <button
                              type="button"
                              className="link-button"
                              onClick={() => open(r.countyCode)}
                              title={t('dashboard.openPlacements', { county: county(r.countyCode) })}
                            >
                              {county(r.countyCode)}
                            </button>
                          )}
                        </th>
                        <td>
                          <button type="button" className="link-button link-button--quiet" onClick={() => open(r.countyCode, r.sector)}>
                            {sectorWord(r.sector)}
                          </button>
                        </td>
                        <td className="num">{format(r.requested)}</td>
                        <td className="num">{format(r.decided)}</td>
                        <td className={r.requested > r.decided ? 'num dash-short' : r.decided > r.requested ? 'num dash-surplus' : 'num'}>
                          {gap(r.requested, r.decided)}
                        </td>
                        <td className="num">{format(r.assigned)}</td>
                        <td className="num">{format(r.decided - r.assigned)}</td>
                        <td className="num">{format(r.notified)}</td>
                        <td className="num">{format(r.arrived)}</td>
                        <td className="num">{r100 === null ? '–' : words.percent(r100)}</td>
                      </tr>
                    );
                  })}
                </tbody>
                <tfoot>
                  {provinceTotals !== null && provinces.length > 1 && (
                    <TotalsRow
                      label={t('dashboard.provinceTotal', { province: regionName(options, mapProvince, language) })}
                      counts={provinceTotals}
                      testId="dashboard-table-province-total"
                      gap={gap}
                      percent={words.percent}
                    />
                  )}
                  <TotalsRow
                    label={t('dashboard.termTotal')}
                    counts={figures.totals}
                    testId="dashboard-table-total"
                    gap={gap}
                    percent={words.percent}
                  />
                </tfoot>
              </table>
            </div>
          </section>
          <NotArrivedSection
            cohortId={figures.cohortId!}
            provinceCode={mapProvince}
            termLabel={termLabel}
            county={county}
            sector={sectorWord}
          />
        </>
      )}
      {saving && figures?.cohortId != null && (
        <SaveWorkbookDialog
          suggestedName={t('dashboard.figuresTitle', { term: termLabel })}
          save={(target) => call('exportDashboardWorkbook', { what: 'figures', cohortId: figures.cohortId!, language, ...target })}
          onClose={() => setSaving(false)}
          onSaved={(path) => {
            setSaving(false);
            setNotice(t('dashboard.exported', { path }));
          }}
        />
      )}
    </div>
  );
}
