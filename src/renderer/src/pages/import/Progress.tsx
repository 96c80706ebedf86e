// A job's progress: phase sentence, a bar with rows read (of an estimated total), and Cancel.
import { useTranslation } from 'react-i18next';
import type { JobStatus } from '../../../../shared/api/jobs';
import { useNumberFormat } from '../../ledger-context';

const PHASES = ['starting', 'inspecting', 'reading', 'backup', 'writing', 'finishing', 'undoing'] as const;
type Phase = (typeof PHASES)[number];

export function JobProgressBar({
  status,
  onCancel,
  testId,
}: {
  status: JobStatus;
  onCancel?: () => void;
  testId: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const { phase, done, total } = status.progress;
  const known = (PHASES as readonly string[]).includes(phase) ? (phase as Phase) : 'starting';
  const fraction = total && total > 0 ? Math.min(1, done / total) : null;
  return (
    <div className="imp-progress" role="status" aria-live="polite" data-testid={testId} data-phase={phase}>
      <div className="imp-progress__line">
        <span className="spinner" aria-hidden="true" />
        <span className="imp-progress__phase">{t(`import.progress.${known}`)}</span>
        <span className="imp-progress__count" data-testid={`${testId}-rows`}>
          {done > 0 || total
            ? total
              ? t('import.progress.rowsOf', { done: format(done), total: format(total) })
              : t('import.progress.rows', { done: format(done) })
            : ''}
        </span>
        {onCancel && (
          <button type="button" className="button button--small" onClick={onCancel} data-testid={`${testId}-cancel`}>
            {t('import.progress.cancel')}
          </button>
        )}
      </div>
      <div
        className={fraction === null ? 'imp-bar imp-bar--busy' : 'imp-bar'}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        {...(fraction === null ? {} : { 'aria-valuenow': Math.round(fraction * 100) })}
      >
        <div className="imp-bar__fill" style={fraction === null ? undefined : { width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
    </div>
  );
}
