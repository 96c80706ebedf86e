// Bottom bar: which ledger file is open (or which office hub), its level, the clerk and the main
// counts. While sharing or connected it shows the hub's address, the clerk and role, and at once
// when the hub does not answer.
import { useTranslation } from 'react-i18next';
import type { HubStatus } from '../../../shared/api/hub.contract';
import { clockTime } from '../../../shared/hub-display';
import { useHub } from '../hub-context';
import { useLedger, useNumberFormat } from '../ledger-context';
import { Icon } from './Icon';

const COUNTS = [
  { table: 'persons', key: 'status.persons', testId: 'persons' },
  { table: 'cohorts', key: 'status.cohorts', testId: 'cohorts' },
  { table: 'county_requests', key: 'status.requests', testId: 'county-requests' },
  { table: 'placements', key: 'status.placements', testId: 'placements' },
  { table: 'regions', key: 'status.regions', testId: 'regions' },
] as const;

/** The hub part of the bar: nothing while local. */
function HubItem({ status }: { status: HubStatus }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (status.mode === 'local') return null;
  const address = status.addresses[0] ?? '';
  const role = t(`hub.roles.${status.role}`);
  if (status.mode === 'sharing') {
    return (
      <span className="statusbar__item statusbar__hub statusbar__hub--sharing" data-testid="status-hub" data-mode="sharing">
        <Icon name="globe" size={14} className="statusbar__icon" />
        <span className="statusbar__label">{t('hub.status.sharing')}</span>
        <span className="statusbar__value statusbar__address" data-testid="status-hub-address">
          {address}
        </span>
        <span className="statusbar__label" data-testid="status-hub-signed-in">
          {t('hub.status.signedIn', { count: status.clerksSignedIn })}
        </span>
      </span>
    );
  }
  const time = clockTime(status.lastContactAt);
  return (
    <span
      className={status.reachable ? 'statusbar__item statusbar__hub' : 'statusbar__item statusbar__hub statusbar__hub--down'}
      data-testid="status-hub"
      data-mode="connected"
      data-reachable={status.reachable}
      role={status.reachable ? undefined : 'alert'}
    >
      <Icon name={status.reachable ? 'globe' : 'alert'} size={14} className="statusbar__icon" />
      {status.reachable ? (
        <span className="statusbar__label">{t('hub.status.connected')}</span>
      ) : (
        <span className="statusbar__hub-down" data-testid="status-hub-unreachable">
          {t('hub.status.unreachable')}
        </span>
      )}
      <span className="statusbar__value statusbar__address" data-testid="status-hub-address">
        {address}
      </span>
      {!status.reachable && time !== '' && (
        <span className="statusbar__label" data-testid="status-hub-last-contact">
          {t('hub.status.lastContact', { time })}
        </span>
      )}
      <Icon name="user" size={14} className="statusbar__icon" />
      <span className="statusbar__value" data-testid="status-hub-clerk">
        {status.clerk}
      </span>
      <span className="statusbar__label" data-testid="status-hub-role">
        ({role})
      </span>
    </span>
  );
}

export function StatusBar(): React.JSX.Element {
  const { t } = useTranslation();
  const { info, infoError } = useLedger();
  const { status } = useHub();
  const format = useNumberFormat();
  const connected = status?.mode === 'connected';

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
        {!connected && (
          <span className="statusbar__item statusbar__path-item">
            <Icon name="database" size={14} className="statusbar__icon" />
            <span className="statusbar__label">{t('status.ledger')}</span>
            {/* rtl + an ltr isolate: a long path is cut on the left, so the file name stays visible */}
            <span className="statusbar__path" title={info.ledgerPath} data-testid="status-ledger-path">
              <bdi dir="ltr">{info.ledgerPath}</bdi>
            </span>
          </span>
        )}
        <span className="statusbar__item">
          <span className="statusbar__label">{t('status.level')}</span>
          <span className="statusbar__value" data-testid="status-migration-level">
            {info.migrationLevel}
          </span>
        </span>
        {!connected && (
          <span className="statusbar__item">
            <Icon name="user" size={14} className="statusbar__icon" />
            <span className="statusbar__label">{t('status.clerk')}</span>
            <span className="statusbar__value" data-testid="status-clerk">
              {info.clerk.trim() === '' ? t('status.noClerk') : info.clerk}
            </span>
          </span>
        )}
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
      {status !== null && <HubItem status={status} />}
      {content}
    </footer>
  );
}
