// Step 4: the commit — backup, then one transaction — and its result, with undo of the whole import.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/api/import.contract';
import type { JobStatus } from '../../../../shared/api/jobs';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { useNumberFormat } from '../../ledger-context';
import { ReportSummary } from './ReportSummary';
import { jobError, useJob } from '../../jobs/useJob';
import { toErrorData } from './jobs';
import { JobProgressBar } from './Progress';

export function CommitStep(props: {
  report: ImportReport | null;
  status: JobStatus | null;
  running: boolean;
  onCancel: () => void;
  onStartOver: () => void;
  onChanged: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const undoJob = useJob();
  const [undone, setUndone] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const report = props.report;

  const undo = async () => {
    if (!report?.decisionFileId) return;
    setConfirming(false);
    setError(null);
    try {
      const status = await undoJob.follow(await call('startImportUndo', { decisionFileId: report.decisionFileId }), { keepOnLeave: true });
      if (status.state === 'done') setUndone(true);
      else setError(jobError(status));
    } catch (e) {
      setError(toErrorData(e));
    } finally {
      props.onChanged();
    }
  };

  return (
    <section className="card imp-card" aria-labelledby="import-commit-heading" data-testid="import-commit-step">
      <div className="card__header">
        <h2 id="import-commit-heading" className="card__title">
          {t('import.commit.heading')}
        </h2>
        <p className="card__subtitle">{t('import.commit.help')}</p>
      </div>
      <div className="card__body">
        {props.running && props.status && (
          <JobProgressBar status={props.status} onCancel={props.onCancel} testId="import-commit-progress" />
        )}
        {error && <ErrorBanner error={error} testId="import-undo-error" />}
        {report && report.committed && !undone && (
          <div className="imp-done" data-testid="import-done">
            <div className="banner banner--ok" role="status">
              <Icon name="check" className="banner__icon" size={20} />
              <div className="banner__body">
                <div className="banner__title">{t('import.commit.done')}</div>
                <div>
                  {report.kind === 'decision'
                    ? t('import.commit.doneDetail', {
                        personsNew: format(report.persons.new),
                        personsUpdated: format(report.persons.updated),
                        placementsNew: format(report.placements.new),
                        placementsMoved: format(report.placements.moved),
                      })
                    : t('import.commit.doneRequests', {
                        requestsNew: format(report.requests.new),
                        requestsUpdated: format(report.requests.updated),
                      })}
                </div>
              </div>
            </div>
            {(report.issueCounts.identity_changed ?? 0) > 0 && (
              <p className="imp-identity-accepted" data-testid="import-identity-accepted">
                {t('import.commit.identityAccepted', { count: format(report.issueCounts.identity_changed ?? 0) })}
              </p>
            )}
            <ReportSummary report={report} />
            {report.backupPath && (
              <dl className="imp-facts imp-facts--single">
                <div>
                  <dt>{t('import.commit.backup')}</dt>
                  <dd className="mono break" data-testid="import-backup-path">
                    {report.backupPath}
                  </dd>
                </div>
              </dl>
            )}
          </div>
        )}
        {report && !report.committed && !props.running && (
          <div className="banner banner--warn" role="alert" data-testid="import-not-committed">
            <Icon name="alert" className="banner__icon" size={20} />
            <div className="banner__body">
              {report.alreadyImported ? t('errors.import_already_imported', { file: report.fileName }) : t('import.commit.notCommitted')}
            </div>
          </div>
        )}
        {undone && (
          <div className="banner banner--ok" role="status" data-testid="import-undone">
            <Icon name="check" className="banner__icon" size={20} />
            <div className="banner__body">{t('import.commit.undone')}</div>
          </div>
        )}
        {undoJob.running && undoJob.status && <JobProgressBar status={undoJob.status} testId="import-undo-progress" />}
        {confirming && (
          <div className="banner banner--warn imp-confirm" role="alertdialog" aria-live="assertive" data-testid="import-undo-confirm">
            <Icon name="alert" className="banner__icon" size={20} />
            <div className="banner__body">{t('import.commit.undoConfirm')}</div>
            <button type="button" className="button button--danger" onClick={() => void undo()} data-testid="import-undo-yes">
              {t('import.commit.undo')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('import.progress.cancel')}
            </button>
          </div>
        )}
        {!props.running && (
          <div className="imp-actions">
            {report?.committed && !undone && !confirming && (
              <button
                type="button"
                className="button"
                onClick={() => setConfirming(true)}
                disabled={undoJob.running}
                data-testid="import-undo"
              >
                <Icon name="history" size={16} />
                {t('import.commit.undo')}
              </button>
            )}
            <button type="button" className="button button--primary" onClick={props.onStartOver} data-testid="import-start-over">
              {t('import.commit.startOver')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
