// Placing by hand: the requests of the selected persons' city/county and term, same sector first,
// each with what remains; over-filling asks first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceResult, PlacementCandidates } from '../../../shared/api/grid.contract';
import { withRo } from '../../../shared/hangul';
import { Modal } from './Modal';

/** What the clerk has confirmed so far for the chosen request. */
export interface PlaceConfirmed {
  confirmOverfill: boolean;
  confirmSectorChange: boolean;
}

/** What main asks before it assigns: a change of sector, or more persons than seats. */
export interface PlaceConfirmation {
  result: Extract<PlaceResult, { status: 'needs_confirmation' | 'needs_sector_confirmation' }>;
  requestId: number;
  confirmed: PlaceConfirmed;
}

const NOTHING_CONFIRMED: PlaceConfirmed = { confirmOverfill: false, confirmSectorChange: false };

export function PlaceDialog({
  count,
  who,
  offer,
  confirmation,
  onAssign,
  onClose,
}: {
  count: number;
  /** The person acted on when no row was ticked. */
  who: string | null;
  offer: PlacementCandidates;
  confirmation: PlaceConfirmation | null;
  onAssign: (requestId: number | null, confirmed: PlaceConfirmed) => void;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  // Only a request of the persons' own sector is chosen for the clerk; another sector is their choice.
  const first = offer.candidates[0];
  const [chosen, setChosen] = useState<number | null>(first?.sectorMatches ? first.requestId : null);
  const cohort = t('grid.cohortLabel', { year: offer.cohort.year, term: t(`grid.options.term.${offer.cohort.term}`) });
  const sectorName = (sector: string) => t(`grid.options.sector.${sector}` as never);
  const question = confirmation?.result;
  const chosenOffer = offer.candidates.find((c) => c.requestId === chosen);
  return (
    <Modal
      title={t('grid.place.title')}
      onClose={onClose}
      testId="place-dialog"
      footer={
        question ? (
          <>
            <button type="button" className="button button--ghost" onClick={onClose}>
              {t('grid.place.cancel')}
            </button>
            {question.status === 'needs_sector_confirmation' ? (
              <button
                type="button"
                className="button button--danger"
                onClick={() => onAssign(confirmation.requestId, { ...confirmation.confirmed, confirmSectorChange: true })}
                data-testid="place-sector-confirm"
              >
                {t('grid.place.sectorConfirm')}
              </button>
            ) : (
              <button
                type="button"
                className="button button--danger"
                onClick={() => onAssign(confirmation.requestId, { ...confirmation.confirmed, confirmOverfill: true })}
                data-testid="place-overfill-confirm"
              >
                {t('grid.place.overfillConfirm')}
              </button>
            )}
          </>
        ) : (
          <>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => onAssign(null, NOTHING_CONFIRMED)}
              data-testid="place-unallocate"
            >
              {t('grid.place.unallocate')}
            </button>
            <span className="modal__spacer" />
            <button type="button" className="button button--ghost" onClick={onClose}>
              {t('grid.place.cancel')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={chosen === null}
              onClick={() => onAssign(chosen, NOTHING_CONFIRMED)}
              data-testid="place-assign"
            >
              {t('grid.place.assign')}
            </button>
          </>
        )
      }
    >
      <p className="modal__lead" data-testid="place-intro">
        {who
          ? t('grid.place.introOne', { who, county: offer.countyName, cohort })
          : t('grid.place.intro', { count, county: offer.countyName, cohort })}
      </p>
      {question?.status === 'needs_confirmation' ? (
        <p className="modal__warning" role="alert" data-testid="place-overfill">
          {t('grid.place.overfill', question)}
        </p>
      ) : question?.status === 'needs_sector_confirmation' ? (
        <p className="modal__warning" role="alert" data-testid="place-sector">
          {t('grid.place.sectorChange', {
            count: question.count,
            workplace: question.workplace,
            from: question.from.map(sectorName).join(', '),
            to: sectorName(question.sector),
            toRo: withRo(sectorName(question.sector)),
          })}
        </p>
      ) : offer.candidates.length === 0 ? (
        <p className="empty">{t('grid.place.none')}</p>
      ) : (
        <>
          <p className="muted">{t('grid.place.choose')}</p>
          {chosenOffer && !chosenOffer.sectorMatches && (
            <p className="modal__warning" data-testid="place-other-sector-note">
              {t('grid.place.otherSectorChosen', { to: sectorName(chosenOffer.sector), toRo: withRo(sectorName(chosenOffer.sector)) })}
            </p>
          )}
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
                <tr
                  key={c.requestId}
                  className={`${chosen === c.requestId ? 'is-chosen' : ''} ${c.sectorMatches ? '' : 'is-other-sector'}`}
                  onClick={() => setChosen(c.requestId)}
                  data-testid={`place-option-${c.requestId}`}
                >
                  <td>
                    <input
                      type="radio"
                      name="request"
                      aria-label={c.workplace}
                      checked={chosen === c.requestId}
                      onChange={() => setChosen(c.requestId)}
                    />
                  </td>
                  <td>{c.workplace}</td>
                  <td>
                    {sectorName(c.sector)}
                    {!c.sectorMatches && <span className="place__other-sector">{t('grid.place.otherSector')}</span>}
                  </td>
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
