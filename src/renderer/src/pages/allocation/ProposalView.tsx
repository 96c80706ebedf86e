// The proposal: totals, then per city/county its requests (free seats, proposed persons, fill
// rate, other-sector flags) and the persons left without a workplace with the reason. A county
// opens like a folder; its persons come from main when it is first opened (a large proposal
// comes without them). Every row opens its persons in the Placements grid.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AllocationCountyView,
  AllocationPersonView,
  AllocationProposal,
  AllocationRequestView,
} from '../../../../shared/api/allocation.contract';
import { useLedger, useNumberFormat } from '../../ledger-context';
import { countyName, formatTime, percentOf, useSectorName, useTermLabel } from './words';

export interface PersonActions {
  pinned(placementId: number): boolean;
  why(person: AllocationPersonView, county: AllocationCountyView): void;
  togglePin(person: AllocationPersonView): void;
  move(person: AllocationPersonView, county: AllocationCountyView): void;
  openRequest(county: AllocationCountyView, request: AllocationRequestView | null, sector?: AllocationPersonView['sector']): void;
  loadCounty(countyId: number): Promise<void>;
  /** Accepted proposals are not changed by hand any more. */
  locked: boolean;
}

export function Totals({ proposal }: { proposal: AllocationProposal }): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const { language } = useLedger();
  const termLabel = useTermLabel();
  const { totals, run, solver } = proposal;
  const stats: { key: string; label: string; value: number; unit: string; tone?: string }[] = [
    { key: 'persons', label: t('allocationPage.totals.persons'), value: totals.persons, unit: t('allocationPage.totals.unitPersons') },
    {
      key: 'assigned',
      label: t('allocationPage.totals.assigned'),
      value: totals.assigned,
      unit: t('allocationPage.totals.unitPersons'),
      tone: 'ok',
    },
    {
      key: 'unassigned',
      label: t('allocationPage.totals.unassigned'),
      value: totals.unassigned,
      unit: t('allocationPage.totals.unitPersons'),
      tone: totals.unassigned > 0 ? 'warn' : undefined,
    },
    {
      key: 'crossSector',
      label: t('allocationPage.totals.crossSector'),
      value: totals.crossSector,
      unit: t('allocationPage.totals.unitPersons'),
    },
    { key: 'seats', label: t('allocationPage.totals.seats'), value: totals.freeSeats, unit: t('allocationPage.totals.unitSeats') },
    { key: 'points', label: t('allocationPage.totals.points'), value: totals.objective, unit: t('allocationPage.totals.unitPoints') },
  ];
  return (
    <section className="card alloc-totals" aria-labelledby="alloc-totals-heading" data-testid="alloc-totals">
      <div className="card__header alloc-totals__header">
        <h2 id="alloc-totals-heading" className="card__title">
          {t('allocationPage.totals.heading')} · {termLabel(run.year, run.term)}
        </h2>
        <p className="card__subtitle" data-testid="alloc-run-when">
          {formatTime(run.createdAt, language)} · {run.clerk} ·{' '}
          {t('allocationPage.totals.madeAt', { seconds: (solver.ms / 1000).toFixed(1) })}
        </p>
      </div>
      <dl className="alloc-stats">
        {stats.map((s) => (
          <div className={s.tone ? `alloc-stat alloc-stat--${s.tone}` : 'alloc-stat'} key={s.key}>
            <dt>{s.label}</dt>
            <dd data-testid={`alloc-total-${s.key}`}>
              <span className="alloc-stat__value">{n(s.value)}</span>
              {s.unit !== '' && <span className="alloc-stat__unit">{s.unit}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function CountySection({
  county,
  actions,
  open,
  onToggle,
}: {
  county: AllocationCountyView;
  actions: PersonActions;
  open: boolean;
  onToggle: (open: boolean) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const { language } = useLedger();
  const sectorName = useSectorName();
  const reasonWords = useReasonWords();
  const [shown, setShown] = useState<Set<number>>(new Set());
  const [loading, setLoading] = useState(false);
  const { loadCounty } = actions;

  useEffect(() => {
    if (!open || county.personsIncluded || loading) return;
    setLoading(true);
    void loadCounty(county.countyId).finally(() => setLoading(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when opened and the persons are missing, not on each loading change
  }, [open, county.personsIncluded, county.countyId]);

  const toggleShown = (requestId: number) =>
    setShown((s) => {
      const next = new Set(s);
      if (next.has(requestId)) next.delete(requestId);
      else next.add(requestId);
      return next;
    });
  const totalSeats = county.requests.reduce((a, r) => a + r.freeSeats, 0);
  const totalProposed = county.requests.reduce((a, r) => a + r.proposed, 0);
  const name = countyName(county, language);

  return (
    <details
      className="card alloc-county"
      open={open}
      onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}
      data-testid={`alloc-county-${county.countyId}`}
      data-assigned={county.assigned}
    >
      <summary className="alloc-county__summary">
        <span className="alloc-county__name">{name}</span>
        <span className="muted alloc-county__province">{language === 'en' ? county.provinceEn : county.provinceKo}</span>
        <span className="alloc-county__figures">
          <span className="alloc-chip">{t('allocationPage.county.persons', { count: n(county.persons) })}</span>
          <span className="alloc-chip alloc-chip--ok">{t('allocationPage.county.assigned', { count: n(county.assigned) })}</span>
          {county.unassigned > 0 && (
            <span className="alloc-chip alloc-chip--warn">{t('allocationPage.county.unassigned', { count: n(county.unassigned) })}</span>
          )}
          {county.crossSector > 0 && (
            <span className="alloc-chip alloc-chip--flag">{t('allocationPage.county.crossSector', { count: n(county.crossSector) })}</span>
          )}
        </span>
      </summary>
      {open && (
        <div className="alloc-county__body">
          {county.noRequests && (
            <p className="banner banner--warn alloc-county__none" data-testid="alloc-county-no-requests">
              {t('allocationPage.county.noRequests')}
            </p>
          )}
          {county.requests.length > 0 && (
            <div className="table-scroll">
              <table className="table alloc-requests">
                <thead>
                  <tr>
                    <th scope="col">{t('allocationPage.county.workplace')}</th>
                    <th scope="col">{t('allocationPage.county.sector')}</th>
                    <th scope="col" className="num">
                      {t('allocationPage.county.priority')}
                    </th>
                    <th scope="col" className="num">
                      {t('allocationPage.county.seats')}
                    </th>
                    <th scope="col" className="num">
                      {t('allocationPage.county.proposed')}
                    </th>
                    <th scope="col">{t('allocationPage.county.fill')}</th>
                    <th scope="col">{t('allocationPage.county.flags')}</th>
                    <th scope="col" aria-label={t('allocationPage.persons.actions')} />
                  </tr>
                </thead>
                <tbody>
                  {county.requests.map((r) => (
                    <RequestRows
                      key={r.requestId}
                      county={county}
                      request={r}
                      actions={actions}
                      shown={shown.has(r.requestId)}
                      onShow={() => toggleShown(r.requestId)}
                      loading={loading}
                    />
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={3}>
                      {t('allocationPage.county.total')}
                    </th>
                    <td className="num">{n(totalSeats)}</td>
                    <td className="num">{n(totalProposed)}</td>
                    <td colSpan={3} />
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
          {county.unassigned > 0 && (
            <div className="alloc-unassigned" data-testid="alloc-unassigned">
              <h3 className="alloc-subheading">{t('allocationPage.county.unassignedHeading')}</h3>
              <ul className="alloc-unassigned__lines">
                {county.unassignedBy.map((u) => (
                  <li key={`${u.sector}-${u.reason}`}>
                    <span>
                      {t('allocationPage.county.unassignedLine', {
                        sector: sectorName(u.sector),
                        count: n(u.persons),
                        reason: reasonWords(u.reason),
                      })}
                    </span>
                    <button
                      type="button"
                      className="button button--ghost alloc-small"
                      onClick={() => actions.openRequest(county, null, u.sector)}
                    >
                      {t('allocationPage.county.openGrid')}
                    </button>
                  </li>
                ))}
              </ul>
              {county.unassignedPersons.length > 0 && (
                <PersonTable persons={county.unassignedPersons} county={county} actions={actions} showReason />
              )}
            </div>
          )}
        </div>
      )}
    </details>
  );
}

/** A reason without a workplace, in words (the engine's reasons, or the clerk's pin). */
function useReasonWords(): (reason: AllocationPersonView['reason']) => string {
  const { t } = useTranslation();
  return (reason) => {
    if (reason === null) return '';
    if (reason === 'kept_unassigned') return t('allocationPage.persons.keptUnassigned');
    return t(`allocation.reasons.${reason}`);
  };
}

function RequestRows({
  county,
  request: r,
  actions,
  shown,
  onShow,
  loading,
}: {
  county: AllocationCountyView;
  request: AllocationRequestView;
  actions: PersonActions;
  shown: boolean;
  onShow: () => void;
  loading: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const sectorName = useSectorName();
  const percent = percentOf(r.fillRate);
  return (
    <>
      <tr
        data-testid={`alloc-request-${r.requestId}`}
        className={r.proposed === 0 ? 'alloc-request alloc-request--empty' : 'alloc-request'}
      >
        <th scope="row" className="alloc-request__workplace">
          {r.workplace}
          {r.skills.length > 0 && <span className="alloc-request__skills muted">{r.skills.join(', ')}</span>}
        </th>
        <td>{sectorName(r.sector)}</td>
        <td className="num">{n(r.priority)}</td>
        <td className="num">{r.freeSeats === 0 ? <span className="muted">{t('allocationPage.county.full')}</span> : n(r.freeSeats)}</td>
        <td className="num" data-testid="alloc-request-proposed">
          {n(r.proposed)}
        </td>
        <td>
          <span className="alloc-fill" title={t('allocationPage.county.fillValue', { percent })}>
            <span className="alloc-fill__bar">
              <span className="alloc-fill__value" style={{ width: `${percent}%` }} />
            </span>
            <span className="alloc-fill__text">{t('allocationPage.county.fillValue', { percent })}</span>
          </span>
        </td>
        <td className="alloc-flags">
          {r.dev20x10 && <span className="alloc-chip">{t('allocationPage.county.dev20x10')}</span>}
          {r.crossSector > 0 && (
            <span className="alloc-chip alloc-chip--flag" data-testid="alloc-cross-flag">
              {t('allocationPage.county.otherSectorFlag', { count: n(r.crossSector) })}
            </span>
          )}
        </td>
        <td className="alloc-row-actions">
          {r.proposed > 0 && (
            <button type="button" className="button alloc-small" aria-expanded={shown} data-testid="alloc-show-persons" onClick={onShow}>
              {shown ? t('allocationPage.county.hidePersons') : t('allocationPage.county.showPersons')}
            </button>
          )}
          <button
            type="button"
            className="button button--ghost alloc-small"
            data-testid="alloc-open-grid"
            onClick={() => actions.openRequest(county, r)}
          >
            {t('allocationPage.county.openGrid')}
          </button>
        </td>
      </tr>
      {shown && (
        <tr className="alloc-persons-row">
          <td colSpan={8}>
            {loading && r.persons.length === 0 ? (
              <p className="muted">{t('common.loading')}</p>
            ) : (
              <PersonTable persons={r.persons} county={county} actions={actions} />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

const PAGE = 50;

function PersonTable({
  persons,
  county,
  actions,
  showReason = false,
}: {
  persons: AllocationPersonView[];
  county: AllocationCountyView;
  actions: PersonActions;
  showReason?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const reasonWords = useReasonWords();
  const [limit, setLimit] = useState(PAGE);
  if (persons.length === 0) return <p className="muted">{t('allocationPage.persons.none')}</p>;
  return (
    <div className="alloc-persons">
      <table className="table alloc-persons__table">
        <thead>
          <tr>
            <th scope="col">{t('allocationPage.persons.serviceNo')}</th>
            <th scope="col">{t('allocationPage.persons.name')}</th>
            <th scope="col">{t('allocationPage.persons.unit')}</th>
            <th scope="col">{t('allocationPage.persons.skills')}</th>
            {showReason && <th scope="col">{t('allocationPage.persons.reason')}</th>}
            <th scope="col">{t('allocationPage.persons.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {persons.slice(0, limit).map((p) => {
            const pinned = actions.pinned(p.placementId);
            return (
              <tr key={p.placementId} data-testid="alloc-person" data-service-no={p.serviceNo}>
                <td className="mono">{p.serviceNo}</td>
                <th scope="row" className="alloc-person__name">
                  {p.name}
                  {pinned && (
                    <span className="alloc-chip alloc-chip--pin" data-testid="alloc-pinned">
                      {t('allocationPage.persons.pinned')}
                    </span>
                  )}
                  {p.moved && <span className="alloc-chip">{t('allocationPage.persons.movedHere')}</span>}
                  {p.crossSector && <span className="alloc-chip alloc-chip--flag">{t('allocationPage.totals.crossSector')}</span>}
                </th>
                <td>{p.unit ?? ''}</td>
                <td>{p.skill ?? ''}</td>
                {showReason && <td>{reasonWords(p.reason)}</td>}
                <td className="alloc-row-actions">
                  <button type="button" className="button alloc-small" data-testid="alloc-why" onClick={() => actions.why(p, county)}>
                    {t('allocationPage.persons.why')}
                  </button>
                  {!actions.locked && (
                    <>
                      <button
                        type="button"
                        className="button alloc-small"
                        aria-pressed={pinned}
                        data-testid="alloc-pin"
                        onClick={() => actions.togglePin(p)}
                      >
                        {pinned ? t('allocationPage.persons.unpin') : t('allocationPage.persons.pin')}
                      </button>
                      <button type="button" className="button alloc-small" data-testid="alloc-move" onClick={() => actions.move(p, county)}>
                        {t('allocationPage.persons.move')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {persons.length > limit && (
        <button type="button" className="button button--ghost alloc-small" onClick={() => setLimit((l) => l + PAGE * 4)}>
          {t('allocationPage.persons.more', { count: n(persons.length - limit) })}
        </button>
      )}
    </div>
  );
}
