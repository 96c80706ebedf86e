// The Dashboard's parts that hold no state of the page: a chart card (with its PNG button), a
// totals row of the figures table, and the links and date words they use.
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import type { FigureCounts } from '../../../../shared/api/grid.contract';
import { CardHeader } from '../../components/CardHeader';
import { useNumberFormat } from '../../ledger-context';
import { rate } from './chart-options';
import { EChart, toPng } from './EChart';

/** Opens Placements filtered to a city/county (and sector, term), by the names the grid's filters take. */
export function openPlacements(filters: { province: string; county: string; sector?: string; cohort: string }): void {
  const params = new URLSearchParams({ province: filters.province, county: filters.county, cohort: filters.cohort });
  if (filters.sector !== undefined) params.set('sector', filters.sector);
  window.location.hash = `#/placements?${params.toString()}`;
}

export function dayFormat(language: string) {
  const f = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', { month: 'long', day: 'numeric', timeZone: 'UTC' });
  return (iso: string) => f.format(new Date(`${iso}T00:00:00Z`));
}

export function ChartCard({
  id,
  title,
  caption,
  option,
  height,
  onClick,
  fileName,
  empty,
  wide,
}: {
  id: string;
  title: string;
  caption: string;
  option: EChartsCoreOption;
  height: number;
  onClick?: (dataIndex: number, data: unknown) => void;
  fileName: string;
  empty?: string;
  wide?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const savePng = () => {
    const a = document.createElement('a');
    a.href = toPng(option, 1200, height + 80);
    a.download = `${fileName}.png`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };
  return (
    <section className={wide ? 'card dash-card dash-card--wide' : 'card dash-card'} aria-labelledby={`${id}-heading`}>
      <div className="dash-card__head">
        <CardHeader headingId={`${id}-heading`} title={title} subtitle={caption} />
        {empty === undefined && (
          <button type="button" className="button button--ghost no-print" onClick={savePng} data-testid={`${id}-png`}>
            {t('dashboard.savePng')}
          </button>
        )}
      </div>
      <div className="card__body">
        {empty !== undefined ? (
          <p className="empty">{empty}</p>
        ) : (
          <EChart
            option={option}
            height={height}
            testId={id}
            label={title}
            onClick={onClick ? (e) => onClick(e.dataIndex, e.data) : undefined}
          />
        )}
      </div>
    </section>
  );
}

export function TotalsRow({
  label,
  counts,
  testId,
  gap,
  percent,
}: {
  label: string;
  counts: FigureCounts;
  testId: string;
  gap: (requested: number, decided: number) => string;
  percent: (value: number) => string;
}): React.JSX.Element {
  const format = useNumberFormat();
  const r = rate(counts.decided, counts.requested);
  return (
    <tr data-testid={testId}>
      <th scope="row" colSpan={2}>
        {label}
      </th>
      <td className="num">{format(counts.requested)}</td>
      <td className="num">{format(counts.decided)}</td>
      <td className="num">{gap(counts.requested, counts.decided)}</td>
      <td className="num">{format(counts.assigned)}</td>
      <td className="num">{format(counts.decided - counts.assigned)}</td>
      <td className="num">{format(counts.notified)}</td>
      <td className="num">{format(counts.arrived)}</td>
      <td className="num">{r === null ? '–' : percent(r)}</td>
    </tr>
  );
}
