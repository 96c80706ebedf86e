// Step 3: make the proposal (again, keeping the pins), with the job's progress and Cancel.
import { useTranslation } from 'react-i18next';
import type { JobStatus } from '../../../../shared/api/jobs';
import { CardHeader } from '../../components/CardHeader';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { useNumberFormat } from '../../ledger-context';
import type { AllocationRun } from './useAllocationRun';
import { ProgressBar } from '../../components/ProgressBar';

const PHASES = ['starting', 'reading', 'solving', 'writing'] as const;
type Phase = (typeof PHASES)[number];

export interface RunCardProps {
  allocation: AllocationRun;
  pins: number;
  canStart: boolean;
  hasProposal: boolean;
  onStart: () => void;
  onClearPins: () => void;
}

export function RunCard({ allocation, pins, canStart, hasProposal, onStart, onClearPins }: RunCardProps): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const { run, job } = allocation;
  return (
    <section className="card alloc-card" aria-labelledby="alloc-run-heading" aria-live="polite">
      <CardHeader headingId="alloc-run-heading" title={`3. ${t('allocationPage.run.heading')}`} />
      <div className="card__body">
        {run.kind === 'running' && job !== null ? (
          <RunProgress job={job} cancelling={run.cancelling} onCancel={allocation.cancel} />
        ) : (
          <>
            {pins > 0 && (
              <div className="alloc-pins">
                <p className="muted alloc-hint" data-testid="alloc-pins-kept">
                  {t('allocationPage.run.pinsKept', { count: n(pins) })}
                </p>
                <button
                  type="button"
                  className="button button--ghost alloc-small"
                  disabled={allocation.busy}
                  data-testid="alloc-pins-clear"
                  onClick={onClearPins}
                >
                  {t('allocationPage.pins.clear')}
                </button>
              </div>
            )}
            {run.kind === 'failed' && (
              <ErrorBanner error={run.error} title={t('allocationPage.run.failedTitle')} testId="alloc-run-error" />
            )}
            {run.kind === 'cancelled' && (
              <div className="banner banner--warn" role="status" data-testid="alloc-cancelled">
                <Icon name="alert" className="banner__icon" size={20} />
                <div className="banner__body">{t('allocationPage.run.cancelled')}</div>
              </div>
            )}
            <button
              type="button"
              className="button button--primary alloc-start"
              disabled={allocation.busy || !canStart}
              data-testid="alloc-start"
              onClick={onStart}
            >
              <Icon name="allocation" size={18} />
              <span>
                {run.kind === 'starting'
                  ? t('allocationPage.run.starting')
                  : hasProposal
                    ? t('allocationPage.run.again')
                    : t('allocationPage.run.start')}
              </span>
            </button>
          </>
        )}
      </div>
    </section>
  );
}

function RunProgress({ job, cancelling, onCancel }: { job: JobStatus; cancelling: boolean; onCancel: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const { done, total, phase } = job.progress;
  const percent = total ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const known: Phase = (PHASES as readonly string[]).includes(phase) ? (phase as Phase) : 'starting';
  return (
    <div className="alloc-progress" data-testid="alloc-progress" data-phase={phase}>
      <div className="alloc-progress__head">
        <span className="spinner" aria-hidden="true" />
        <span className="alloc-progress__title">{t('allocationPage.run.progress')}</span>
        <span className="alloc-progress__percent">{t('allocationPage.run.percent', { percent })}</span>
      </div>
      <ProgressBar block="alloc-progress" percent={percent} label={t('allocationPage.run.progress')} />
      <div className="alloc-progress__meta">
        <span>{t(`allocationPage.run.phase.${known}`)}</span>
        {total ? <span>{t('allocationPage.run.persons', { done: n(done), total: n(total) })}</span> : null}
      </div>
      <button type="button" className="button" disabled={cancelling} data-testid="alloc-cancel" onClick={onCancel}>
        {cancelling ? t('allocationPage.run.cancelling') : t('allocationPage.run.cancel')}
      </button>
    </div>
  );
}
