import { useTranslation } from 'react-i18next';
import { hrefOf, type RouteId } from '../routes';
import { Icon } from './Icon';
import { LanguageSwitch } from './LanguageSwitch';

interface NavGroup {
  heading: 'nav.groupLedger' | 'nav.groupExchange' | 'nav.groupAdmin' | null;
  items: RouteId[];
}

const GROUPS: NavGroup[] = [
  { heading: null, items: ['dashboard'] },
  { heading: 'nav.groupLedger', items: ['persons', 'cohorts', 'requests', 'placements', 'allocation'] },
  { heading: 'nav.groupExchange', items: ['import', 'export'] },
  { heading: 'nav.groupAdmin', items: ['history', 'settings'] },
];

export function Sidebar({ route }: { route: RouteId }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <aside className="sidebar">
      <div className="brand">
        <div className="brand__mark" aria-hidden="true">
          <Icon name="ledger" size={20} />
        </div>
        <div className="brand__text">
          <div className="brand__name" data-testid="app-name">
            {t('app.name')}
          </div>
          <div className="brand__subtitle">{t('app.subtitle')}</div>
        </div>
      </div>
      <nav className="nav" aria-label={t('app.navLabel')}>
        {GROUPS.map((group, index) => (
          <div className="nav__group" key={group.heading ?? `group-${index}`}>
            {group.heading !== null && <div className="nav__heading">{t(group.heading)}</div>}
            <ul className="nav__list">
              {group.items.map((id) => (
                <li key={id}>
                  <a className="nav__link" href={hrefOf(id)} aria-current={id === route ? 'page' : undefined} data-testid={`nav-${id}`}>
                    <Icon name={id} className="nav__icon" />
                    <span>{t(`nav.${id}`)}</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="sidebar__footer">
        <LanguageSwitch />
      </div>
    </aside>
  );
}
