// Bottom bar: which ledger file is open, its level, the clerk and the main counts.
import { useTranslation } from 'react-i18next';
import { useLedger, useNumberFormat } from '../ledger-context';
import { Icon } from './Icon';

const COUNTS = [
  { table: 'persons', key: 'status.persons', testId: 'persons' },
  { table: 'cohorts', key: 'status.cohorts', testId: 'cohorts' },
  { table: 'county_requests', key: 'status.requests', testId: 'county-requests' },
  { table: 'placements', key: 'status.placements', testId: 'placements' },
  { table: 'regions', key: 'status.regions', testId: 'regions' },
] as const;

export function StatusBar(): React.JSX.Element {
  const { t } = useTranslation();
  const { info, infoError } = useLedger();
  const format = useNumberFormat();

  let content: React.JSX.Element;
  if (info === null) {
    content = (
      <span className="statusbar__item statusbar__muted" data-testid="status-loading">
        {infoError === null ? t('status.loading') : t('status.unavailable')}
      </span>
    );
  } else {
    content = (
      <>
        <span className="statusbar__item statusbar__path-item">
          <Icon name="database" size={14} className="statusbar__icon" />
          <span className="statusbar__label">{t('status.ledger')}</span>
          {/* rtl + an ltr isolate: a long path is cut on the left, so the file name stays visible */}
          <span className="statusbar__path" title={info.ledgerPath} data-testid="status-ledger-path">
            <bdi dir="ltr">{info.ledgerPath}</bdi>
          </span>
        </span>
        <span className="statusbar__item">
          <span className="statusbar__label">{t('status.level')}</span>
          <span className="statusbar__value" data-testid="status-migration-level">
            {info.migrationLevel}
          </span>
        </span>
        <span className="statusbar__item">
          <Icon name="user" size={14} className="statusbar__icon" />
          <span className="statusbar__label">{t('status.clerk')}</span>
          <span className="statusbar__value" data-testid="status-clerk">
            {info.clerk.trim() === '' ? t('status.noClerk') : info.clerk}
          </span>
        </span>
        <span className="statusbar__spacer" />
        {COUNTS.map(({ table, key, testId }) => (
          <span className="statusbar__item statusbar__count" key={table}>
            <span className="statusbar__label">{t(key)}</span>
            <span className="statusbar__value" data-testid={`status-count-${testId}`} data-value={info.counts[table]}>
              {format(info.counts[table])}
            </span>
          </span>
        ))}
      </>
    );
  }
  return (
    <footer className="statusbar" aria-label={t('status.label')} data-testid="statusbar">
      {content}
    </footer>
  );
}
