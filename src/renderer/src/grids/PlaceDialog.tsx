// Placing by hand: the requests of the selected persons' city/county and term, same sector first,
// each with what remains; over-filling asks first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlacementCandidates } from '../../../shared/api/grid.contract';
import { Modal } from './Modal';

export function PlaceDialog({
  count,
  offer,
  overfill,
  onAssign,
  onClose,
}: {
  count: number;
  offer: PlacementCandidates;
  overfill: { workplace: string; remaining: number; requested: number; requestId: number } | null;
  onAssign: (requestId: number | null, confirm: boolean) => void;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<number | null>(offer.candidates[0]?.requestId ?? null);
  const cohort = t('grid.cohortLabel', { year: offer.cohort.year, term: t(`grid.options.term.${offer.cohort.term}`) });
  return (
    <Modal
      title={t('grid.place.title')}
      onClose={onClose}
      testId="place-dialog"
      footer={
        overfill ? (
          <>
            <button type="button" className="button button--ghost" onClick={onClose}>
              {t('grid.place.cancel')}
            </button>
            <button type="button" className="button button--danger" onClick={() => onAssign(overfill.requestId, true)} data-testid="place-overfill-confirm">
              {t('grid.place.overfillConfirm')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button button--ghost" onClick={() => onAssign(null, false)} data-testid="place-unallocate">
              {t('grid.place.unallocate')}
            </button>
            <span className="modal__spacer" />
            <button type="button" className="button button--ghost" onClick={onClose}>
              {t('grid.place.cancel')}
            </button>
            <button type="button" className="button button--primary" disabled={chosen === null} onClick={() => onAssign(chosen, false)} data-testid="place-assign">
              {t('grid.place.assign')}
            </button>
          </>
        )
      }
    >
      <p className="modal__lead">{t('grid.place.intro', { count, county: offer.countyName, cohort })}</p>
      {overfill ? (
        <p className="modal__warning" role="alert" data-testid="place-overfill">
          {t('grid.place.overfill', overfill)}
        </p>
      ) : offer.candidates.length === 0 ? (
        <p className="empty">{t('grid.place.none')}</p>
      ) : (
        <>
          <p className="muted">{t('grid.place.choose')}</p>
          <table className="table table--choices">
            <thead>
              <tr>
                <th />
                <th>{t('grid.place.workplace')}</th>
                <th>{t('grid.place.sector')}</th>
                <th className="num">{t('grid.place.headcount')}</th>
                <th className="num">{t('grid.place.remaining')}</th>
                <th className="num">{t('grid.place.priority')}</th>
                <th>{t('grid.place.housing')}</th>
              </tr>
            </thead>
            <tbody>
              {offer.candidates.map((c) => (
                <tr key={c.requestId} className={`${chosen === c.requestId ? 'is-chosen' : ''} ${c.sectorMatches ? '' : 'is-other-sector'}`} onClick={() => setChosen(c.requestId)} data-testid={`place-option-${c.requestId}`}>
                  <td>
                    <input type="radio" name="request" aria-label={c.workplace} checked={chosen === c.requestId} onChange={() => setChosen(c.requestId)} />
                  </td>
                  <td>{c.workplace}</td>
                  <td>{t(`grid.options.sector.${c.sector}`)}</td>
                  <td className="num">{c.headcount}</td>
                  <td className={`num ${c.remaining <= 0 ? 'is-full' : ''}`}>{c.remaining}</td>
                  <td className="num">{c.priority}</td>
                  <td>{c.housingProvided ? t('grid.place.yes') : t('grid.place.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Modal>
  );
}
