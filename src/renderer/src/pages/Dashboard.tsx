// The counts of the ledger (from getInfo) and the regions of each province (from listRegions).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerInfo, RegionList } from '../../../shared/contract';
import { REGION_TYPES, type RegionType } from '../../../shared/domain';
import type { LedgerErrorData } from '../../../shared/errors';
import { call, toErrorData } from '../api';
import { CardHeader } from '../components/CardHeader';
import { ErrorBanner } from '../components/ErrorBanner';
import { Icon, type IconName } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { useLedger, useNumberFormat } from '../ledger-context';

type CountKey = keyof LedgerInfo['counts'];
type CardLabel =
  | 'dashboard.persons'
  | 'dashboard.cohorts'
  | 'dashboard.requests'
  | 'dashboard.placements'
  | 'dashboard.regions'
  | 'dashboard.decisionFiles'
  | 'dashboard.auditLog';
type CardUnit = 'dashboard.unitPersons' | 'dashboard.unitItems' | 'dashboard.unitCount';

interface Card {
  table: CountKey;
  label: CardLabel;
  unit: CardUnit;
  icon: IconName;
}

const PRIMARY_CARDS: Card[] = [
  { table: 'persons', label: 'dashboard.persons', unit: 'dashboard.unitPersons', icon: 'persons' },
  { table: 'cohorts', label: 'dashboard.cohorts', unit: 'dashboard.unitCount', icon: 'cohorts' },
  { table: 'county_requests', label: 'dashboard.requests', unit: 'dashboard.unitItems', icon: 'requests' },
  { table: 'placements', label: 'dashboard.placements', unit: 'dashboard.unitItems', icon: 'placements' },
];
const SECONDARY_CARDS: Card[] = [
  { table: 'regions', label: 'dashboard.regions', unit: 'dashboard.unitCount', icon: 'globe' },
  { table: 'decision_files', label: 'dashboard.decisionFiles', unit: 'dashboard.unitItems', icon: 'file' },
  { table: 'audit_log', label: 'dashboard.auditLog', unit: 'dashboard.unitItems', icon: 'history' },
];

const TYPE_COLUMNS: { type: RegionType; label: 'dashboard.city' | 'dashboard.county' | 'dashboard.district' | 'dashboard.workersDistrict' }[] = [
  { type: 'city', label: 'dashboard.city' },
  { type: 'county', label: 'dashboard.county' },
  { type: 'district', label: 'dashboard.district' },
  { type: 'workers_district', label: 'dashboard.workersDistrict' },
];

type TypeCounts = Record<RegionType, number>;

function emptyCounts(): TypeCounts {
  return Object.fromEntries(REGION_TYPES.map((type) => [type, 0])) as TypeCounts;
}

function total(counts: TypeCounts): number {
  return REGION_TYPES.reduce((sum, type) => sum + counts[type], 0);
}

function CountCard({ card, value, secondary }: { card: Card; value: number | null; secondary?: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const { infoError } = useLedger();
  const format = useNumberFormat();
  const unit = t(card.unit);
  return (
    <div className={secondary === true ? 'stat stat--secondary' : 'stat'} data-testid={`dashboard-count-${card.table}`}>
      <div className="stat__icon" aria-hidden="true">
        <Icon name={card.icon} size={secondary === true ? 16 : 20} />
      </div>
      <div className="stat__body">
        <div className="stat__label">{t(card.label)}</div>
        <div className="stat__value">
          {value === null && infoError !== null ? (
            <span className="stat__missing">–</span>
          ) : value === null ? (
            <span className="skeleton skeleton--number" aria-label={t('common.loading')} />
          ) : (
            <>
              <span data-testid={`dashboard-count-${card.table}-value`} data-value={value}>
                {format(value)}
              </span>
              {unit !== '' && <span className="stat__unit">{unit}</span>}
            </>
          )}
        </div>
      </div>
    </div>
  );
}

export function Dashboard(): React.JSX.Element {
  const { t } = useTranslation();
  const { info } = useLedger();
  const format = useNumberFormat();
  const [regions, setRegions] = useState<RegionList | null>(null);
  const [regionsError, setRegionsError] = useState<LedgerErrorData | null>(null);

  const loadRegions = useCallback(() => {
    setRegionsError(null);
    call('listRegions', {})
      .then(setRegions)
      .catch((error: unknown) => setRegionsError(toErrorData(error)));
  }, []);
  useEffect(loadRegions, [loadRegions]);

  const rows = useMemo(() => {
    if (regions === null) return null;
    const byProvince = new Map<string, TypeCounts>(regions.provinces.map((p) => [p.code, emptyCounts()]));
    for (const unit of regions.units) {
      const counts = byProvince.get(unit.provinceCode);
      if (counts !== undefined) counts[unit.type] += 1;
    }
    const sums = emptyCounts();
    const list = regions.provinces.map((province) => {
      const counts = byProvince.get(province.code) ?? emptyCounts();
      for (const type of REGION_TYPES) sums[type] += counts[type];
      return { province, counts };
    });
    return { list, sums };
  }, [regions]);

  return (
    <>
      <PageHeader title={t('pages.dashboard.title')} description={t('pages.dashboard.description')} />

      <section aria-labelledby="dashboard-counts-heading" className="section">
        <h2 id="dashboard-counts-heading" className="section__heading">
          {t('dashboard.countsHeading')}
        </h2>
        <div className="stats">
          {PRIMARY_CARDS.map((card) => (
            <CountCard key={card.table} card={card} value={info === null ? null : info.counts[card.table]} />
          ))}
        </div>
        <div className="stats stats--secondary">
          {SECONDARY_CARDS.map((card) => (
            <CountCard key={card.table} card={card} value={info === null ? null : info.counts[card.table]} secondary />
          ))}
        </div>
      </section>

      <section aria-labelledby="dashboard-regions-heading" className="section">
        <div className="card">
          <CardHeader headingId="dashboard-regions-heading" title={t('dashboard.regionsHeading')} subtitle={t('dashboard.regionsCaption')} />
          {regionsError !== null ? (
            <div className="card__body">
              <ErrorBanner error={regionsError} onRetry={loadRegions} testId="dashboard-regions-error" />
            </div>
          ) : rows === null ? (
            <div className="card__body loading-line" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('common.loading')}
            </div>
          ) : rows.list.length === 0 ? (
            <div className="card__body empty">{t('dashboard.noRegions')}</div>
          ) : (
            <table className="table" data-testid="dashboard-provinces">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.province')}</th>
                  {TYPE_COLUMNS.map((col) => (
                    <th scope="col" className="num" key={col.type}>
                      {t(col.label)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('dashboard.total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.list.map(({ province, counts }) => (
                  <tr key={province.code} data-testid={`province-row-${province.code}`}>
                    <th scope="row" className="region-name">
                      <span lang="ko" className="region-name__ko" data-testid="province-name-ko">
                        {province.nameKo}
                      </span>
                      <span lang="en" className="region-name__roman">
                        {province.nameEn}
                      </span>
                    </th>
                    {TYPE_COLUMNS.map((col) => (
                      <td className={counts[col.type] === 0 ? 'num num--zero' : 'num'} key={col.type} data-type={col.type}>
                        {counts[col.type] === 0 ? '–' : format(counts[col.type])}
                      </td>
                    ))}
                    <td className="num num--total" data-testid="province-total">
                      {format(total(counts))}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('dashboard.allProvinces')}</th>
                  {TYPE_COLUMNS.map((col) => (
                    <td className="num" key={col.type}>
                      {format(rows.sums[col.type])}
                    </td>
                  ))}
                  <td className="num num--total" data-testid="provinces-total">
                    {format(total(rows.sums))}
                  </td>
                </tr>
              </tfoot>
            </table>
          )}
        </div>
      </section>
    </>
  );
}
