// Settings → the regions of each province: how many cities, counties, districts and workers'
// districts the ledger's reference list holds (moved here from the Dashboard, which now shows the term).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionList } from '../../../shared/contract';
import { REGION_TYPES, type RegionType } from '../../../shared/domain';
import type { LedgerErrorData } from '../../../shared/errors';
import { call, toErrorData } from '../api';
import { CardHeader } from '../components/CardHeader';
import { ErrorBanner } from '../components/ErrorBanner';
import { useNumberFormat } from '../ledger-context';

const TYPE_COLUMNS: {
  type: RegionType;
  label: 'regionsReference.city' | 'regionsReference.county' | 'regionsReference.district' | 'regionsReference.workersDistrict';
}[] = [
  { type: 'city', label: 'regionsReference.city' },
  { type: 'county', label: 'regionsReference.county' },
  { type: 'district', label: 'regionsReference.district' },
  { type: 'workers_district', label: 'regionsReference.workersDistrict' },
];

type TypeCounts = Record<RegionType, number>;

function emptyCounts(): TypeCounts {
  return Object.fromEntries(REGION_TYPES.map((type) => [type, 0])) as TypeCounts;
}

function total(counts: TypeCounts): number {
  return REGION_TYPES.reduce((sum, type) => sum + counts[type], 0);
}

export function RegionsReference(): React.JSX.Element {
  const { t } = useTranslation();
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
      <section aria-labelledby="regions-reference-heading" className="section">
        <div className="card">
          <CardHeader
            headingId="regions-reference-heading"
            title={t('regionsReference.heading')}
            subtitle={t('regionsReference.caption')}
          />
          {regionsError !== null ? (
            <div className="card__body">
              <ErrorBanner error={regionsError} onRetry={loadRegions} testId="regions-reference-error" />
            </div>
          ) : rows === null ? (
            <div className="card__body loading-line" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('common.loading')}
            </div>
          ) : rows.list.length === 0 ? (
            <div className="card__body empty">{t('regionsReference.noRegions')}</div>
          ) : (
            <table className="table" data-testid="regions-reference">
              <thead>
                <tr>
                  <th scope="col">{t('regionsReference.province')}</th>
                  {TYPE_COLUMNS.map((col) => (
                    <th scope="col" className="num" key={col.type}>
                      {t(col.label)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t('regionsReference.total')}
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
                  <th scope="row">{t('regionsReference.allProvinces')}</th>
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
