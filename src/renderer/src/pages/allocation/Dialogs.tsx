// "Why?" for one person, in the clerk's words (asked from main in the page's language), and
// "Move…": another workplace of the person's city/county (or none), which pins the person there.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllocationCountyView, AllocationExplanation, AllocationPersonView } from '../../../../shared/api/allocation.contract';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call, toErrorData } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../grids/Modal';
import { useLedger, useNumberFormat } from '../../ledger-context';
import { countyName, useSectorName } from './words';

const who = (p: AllocationPersonView) => `${p.name} (${p.serviceNo})`;

export function WhyDialog({
  runId,
  person,
  onClose,
}: {
  runId: number;
  person: AllocationPersonView;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const [answer, setAnswer] = useState<AllocationExplanation | null>(null);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  useEffect(() => {
    let live = true;
    setAnswer(null);
    call('explainAllocation', { runId, placementId: person.placementId, language })
      .then((a) => live && setAnswer(a))
      .catch((e: unknown) => live && setError(toErrorData(e)));
    return () => {
      live = false;
    };
  }, [runId, person.placementId, language]);
  return (
    <Modal
      title={t('allocationPage.why.title')}
      onClose={onClose}
      testId="alloc-why-dialog"
      footer={
        <button type="button" className="button button--primary" onClick={onClose} data-testid="alloc-why-close">
          {t('allocationPage.why.close')}
        </button>
      }
    >
      <p className="alloc-why__who">{t('allocationPage.why.intro', { who: who(person) })}</p>
      {error && <ErrorBanner error={error} testId="alloc-why-error" />}
      {!answer && !error && <p className="muted">{t('allocationPage.why.loading')}</p>}
      {answer && (
        <>
          {(answer.pinned || answer.moved) && (
            <p className="alloc-why__note">{answer.moved ? t('allocationPage.why.moved') : t('allocationPage.why.pinned')}</p>
          )}
          <ul className="alloc-why__sentences" data-testid="alloc-why-sentences">
            {answer.sentences.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
          {answer.equallyGoodExists && (
            <p className="banner banner--ok alloc-why__equal" data-testid="alloc-why-equal">
              {t('allocationPage.why.equallyGood')}
            </p>
          )}
        </>
      )}
    </Modal>
  );
}

export function MoveDialog({
  person,
  county,
  busy,
  error,
  onMove,
  onClose,
}: {
  person: AllocationPersonView;
  county: AllocationCountyView;
  busy: boolean;
  error: LedgerErrorData | null;
  onMove: (requestId: number | null) => void;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const { language } = useLedger();
  const sectorName = useSectorName();
  const targets = county.requests.filter((r) => r.requestId !== person.requestId);
  const first = targets.find((r) => r.freeSeats - r.proposed > 0) ?? targets[0];
  const [target, setTarget] = useState<string>(first ? String(first.requestId) : 'none');
  return (
    <Modal
      title={t('allocationPage.move.title')}
      onClose={onClose}
      testId="alloc-move-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('allocationPage.move.cancel')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            data-testid="alloc-move-confirm"
            onClick={() => onMove(target === 'none' ? null : Number(target))}
          >
            {t('allocationPage.move.confirm')}
          </button>
        </>
      }
    >
      <p>{t('allocationPage.move.intro', { who: who(person), county: countyName(county, language) })}</p>
      {error && <ErrorBanner error={error} testId="alloc-move-error" />}
      {targets.length === 0 && <p className="muted">{t('allocationPage.move.noTarget')}</p>}
      <label className="field">
        <span className="field__label">{t('allocationPage.move.target')}</span>
        <select className="input" value={target} data-testid="alloc-move-target" onChange={(e) => setTarget(e.target.value)}>
          {targets.map((r) => (
            <option key={r.requestId} value={r.requestId} disabled={r.freeSeats - r.proposed <= 0}>
              {t('allocationPage.move.option', {
                workplace: r.workplace,
                sector: sectorName(r.sector),
                free: n(Math.max(0, r.freeSeats - r.proposed)),
              })}
            </option>
          ))}
          {person.requestId !== null && <option value="none">{t('allocationPage.move.noWorkplace')}</option>}
        </select>
      </label>
    </Modal>
  );
}
