// Placements → "Set status" for the selected rows: notified on a date, arrived on a date, or
// cancelled on a date with a reason — one operation in main (setPlacementStatus), one Ctrl+Z.
// The date is typed or pasted as any date in the grid (main reads it the same way).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateDots } from '../../../shared/normalize';
import { errorSentence } from '../../../shared/i18n';
import { call, toErrorData } from '../api';
import { useLedger } from '../ledger-context';
import { Modal } from './Modal';
import { noteOwnWrite } from './colleague-changes';

type Status = 'notified' | 'arrived' | 'cancelled';

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function StatusDialog({
  ids,
  versions,
  onClose,
  onDone,
}: {
  ids: number[];
  /** The rows' versions as the grid shows them: refused (row_changed) if a colleague changed one since. */
  versions?: [number, number][];
  onClose: () => void;
  onDone: (changed: number) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const [status, setStatus] = useState<Status>('notified');
  const [date, setDate] = useState(() => formatDateDots(todayIso()));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await call('setPlacementStatus', {
        placementIds: ids,
        change: { status, date, ...(status === 'cancelled' ? { reason } : {}) },
        ...(versions && versions.length === ids.length ? { versions } : {}),
      });
      noteOwnWrite();
      onDone(answer.changed);
    } catch (cause) {
      setError(errorSentence(toErrorData(cause), language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('grid.status.title', { count: ids.length })}
      onClose={onClose}
      testId="status-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('grid.status.cancel')}
          </button>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void apply()} data-testid="status-apply">
            {t('grid.status.apply')}
          </button>
        </>
      }
    >
      <p>{t('grid.status.intro')}</p>
      <div className="choice-group" role="radiogroup">
        {(['notified', 'arrived', 'cancelled'] as const).map((s) => (
          <label key={s} className="choice">
            <input
              type="radio"
              name="placement-status"
              value={s}
              checked={status === s}
              onChange={() => setStatus(s)}
              data-testid={`status-${s}`}
            />
            <span>{t(`grid.status.${s}`)}</span>
          </label>
        ))}
      </div>
      <label className="field">
        <span className="field__label">{t('grid.status.date')}</span>
        <input className="input" value={date} onChange={(e) => setDate(e.target.value)} data-testid="status-date" />
        <span className="field__help">{t('grid.status.dateHelp')}</span>
      </label>
      {status === 'cancelled' && (
        <label className="field">
          <span className="field__label">{t('grid.status.reason')}</span>
          <input className="input" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-testid="status-reason" />
          <span className="field__help">{t('grid.status.reasonHelp')}</span>
        </label>
      )}
      {error !== null && (
        <p className="modal__warning" role="alert" data-testid="status-error">
          {error}
        </p>
      )}
    </Modal>
  );
}
