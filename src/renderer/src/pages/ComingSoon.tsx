// Pages whose feature has not landed: what the page will do, and that it arrives in a coming version.
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';

export type PlannedPage = 'persons' | 'cohorts' | 'requests' | 'placements' | 'import' | 'export' | 'history';

export function ComingSoon({ page }: { page: PlannedPage }): React.JSX.Element {
  const { t } = useTranslation();
  const features = [t(`pages.${page}.f1`), t(`pages.${page}.f2`), t(`pages.${page}.f3`)];
  return (
    <>
      <PageHeader title={t(`pages.${page}.title`)} description={t(`pages.${page}.description`)} />
      <section className="card coming-soon" data-testid="coming-soon" aria-labelledby="coming-soon-heading">
        <div className="coming-soon__icon" aria-hidden="true">
          <Icon name={page} size={28} />
        </div>
        <div className="coming-soon__content">
          <span className="badge badge--pending">{t('comingSoon.badge')}</span>
          <h2 id="coming-soon-heading" className="coming-soon__heading">
            {t('comingSoon.heading')}
          </h2>
          <p className="coming-soon__body">{t('comingSoon.body')}</p>
          <h3 className="coming-soon__planned">{t('comingSoon.planned')}</h3>
          <ul className="feature-list">
            {features.map((feature) => (
              <li key={feature}>
                <Icon name="check" size={16} className="feature-list__icon" />
                <span>{feature}</span>
              </li>
            ))}
          </ul>
        </div>
      </section>
    </>
  );
}
