// The running export: phase, a bar, "n / N persons" (each person once) and Cancel.
import { useTranslation } from 'react-i18next';
import type { JobStatus } from '../../../../shared/api/jobs';
import { useNumberFormat } from '../../ledger-context';
import { ProgressBar } from '../../components/ProgressBar';

const PHASES = ['starting', 'preparing', 'writing', 'summary', 'publishing'];

export function ExportProgress({
  job,
  cancelling,
  onCancel,
}: {
  job: JobStatus;
  cancelling: boolean;
  onCancel: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const { done, total, phase } = job.progress;
  const percent = total ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const phaseKey = PHASES.includes(phase) ? phase : 'starting';
  return (
    <div className="export-progress" data-testid="export-progress" data-phase={phase}>
      <div className="export-progress__head">
        <span className="spinner" aria-hidden="true" />
        <span className="export-progress__title">{t('export.progress.heading')}</span>
        <span className="export-progress__percent">{t('export.progress.percent', { percent })}</span>
      </div>
      <ProgressBar block="export-progress" percent={percent} label={t('export.progress.heading')} />
      <div className="export-progress__meta">
        <span data-testid="export-progress-phase">{t(`export.progress.phase.${phaseKey}` as 'export.progress.phase.starting')}</span>
        {total ? (
          <span className="mono" data-testid="export-progress-count">
            {t('export.progress.rows', { done: n(done), total: n(total) })}
          </span>
        ) : null}
      </div>
      <button type="button" className="button export-cancel" disabled={cancelling} data-testid="export-cancel" onClick={onCancel}>
        {cancelling ? t('export.progress.cancelling') : t('export.progress.cancel')}
      </button>
    </div>
  );
}
