// Step 4 of the Export page: what will be made and "Make rosters"; the question before files of
// the same name are replaced; the progress; and where the files went.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportDefaults, ExportPlan, ExportResult } from '../../../../shared/api/export.contract';
import { call } from '../../api';
import { CardHeader } from '../../components/CardHeader';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { useNumberFormat } from '../../ledger-context';
import { ExportProgress } from './ExportProgress';
import type { ExportRun } from './useExportRun';

export interface RunCardProps {
  exportRun: ExportRun;
  defaults: ExportDefaults | null;
  preview: ExportPlan | null;
  fileCount: number;
  persons: number;
  /** Nothing chosen yet (and the departments are known). */
  nothingSelected: boolean;
  canStart: boolean;
  onBegin: () => void;
  onReplace: () => void;
}

export function RunCard({
  exportRun,
  defaults,
  preview,
  fileCount,
  persons,
  nothingSelected,
  canStart,
  onBegin,
  onReplace,
}: RunCardProps): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const { run, job } = exportRun;
  return (
    <section className="card export-run" aria-labelledby="export-run-heading" aria-live="polite">
      <CardHeader headingId="export-run-heading" title={`4. ${t('export.run.heading')}`} />
      <div className="card__body">
        {(run.kind === 'idle' || run.kind === 'checking' || run.kind === 'failed' || run.kind === 'cancelled') && (
          <>
            <p className="export-files" data-testid="export-files">
              <Icon name="file" size={18} />
              <span>{t('export.run.files', { count: n(fileCount), persons: n(persons) })}</span>
            </p>
            {preview?.files[0] && (
              <p className="muted export-hint export-filename" data-testid="export-example">
                {t('export.folder.example', { name: preview.files[0].fileName })}
              </p>
            )}
            {nothingSelected && <p className="muted export-hint">{t('export.run.nothingSelected')}</p>}
            {run.kind === 'failed' && <ErrorBanner error={run.error} title={t('export.failedTitle')} testId="export-error" />}
            {run.kind === 'cancelled' && (
              <div className="banner banner--warn" role="status" data-testid="export-cancelled">
                <Icon name="alert" className="banner__icon" size={20} />
                <div className="banner__body">{t('export.cancelled')}</div>
              </div>
            )}
            <button
              type="button"
              className="button button--primary export-start"
              disabled={exportRun.busy || !canStart}
              data-testid="export-start"
              onClick={onBegin}
            >
              <Icon name="export" size={18} />
              <span>{run.kind === 'checking' ? t('export.run.checking') : t('export.run.start')}</span>
            </button>
          </>
        )}

        {run.kind === 'confirm' && <ReplaceQuestion plan={run.plan} onReplace={onReplace} onKeep={exportRun.reset} />}

        {run.kind === 'running' && job !== null && <ExportProgress job={job} cancelling={run.cancelling} onCancel={exportRun.cancel} />}

        {run.kind === 'done' && <Done result={run.result} canOpenFolder={defaults?.canOpenFolder === true} onAgain={exportRun.reset} />}
      </div>
    </section>
  );
}

function ReplaceQuestion({ plan, onReplace, onKeep }: { plan: ExportPlan; onReplace: () => void; onKeep: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  return (
    <div
      className="banner banner--warn export-confirm"
      role="alertdialog"
      aria-labelledby="export-confirm-title"
      data-testid="export-confirm"
    >
      <Icon name="alert" className="banner__icon" size={20} />
      <div className="banner__body">
        <div className="banner__title" id="export-confirm-title">
          {t('export.overwrite.title')}
        </div>
        <p>{t('export.overwrite.body', { count: n(plan.existing) })}</p>
        <ul className="export-existing mono">
          {plan.files
            .filter((f) => f.exists)
            .slice(0, 5)
            .map((f) => (
              <li key={f.path}>{f.fileName}</li>
            ))}
          {plan.existing > 5 && <li className="muted">{t('export.overwrite.more', { count: n(plan.existing - 5) })}</li>}
        </ul>
        <div className="export-actions">
          <button type="button" className="button button--danger" data-testid="export-confirm-overwrite" onClick={onReplace}>
            {t('export.overwrite.confirm')}
          </button>
          <button type="button" className="button" data-testid="export-confirm-cancel" onClick={onKeep}>
            {t('export.overwrite.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

function Done({
  result,
  canOpenFolder,
  onAgain,
}: {
  result: ExportResult;
  canOpenFolder: boolean;
  onAgain: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const [copied, setCopied] = useState(false);
  const openFolder = () => {
    call('openExportFolder', { path: result.folder }).catch(() => undefined);
  };
  const copyPath = () => {
    navigator.clipboard
      ?.writeText(result.folder)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };
  return (
    <div data-testid="export-done">
      <div className="banner banner--ok" role="status">
        <Icon name="check" className="banner__icon" size={20} />
        <div className="banner__body">
          <div className="banner__title" data-testid="export-done-title">
            {t('export.done.title', { count: n(result.files.length) })}
          </div>
          <div>{t('export.done.body', { persons: n(result.persons), seconds: (result.ms / 1000).toFixed(1) })}</div>
        </div>
      </div>
      <div className="export-folder-result">
        <div className="muted">{t('export.done.folderIs')}</div>
        <div className="mono break" data-testid="export-done-folder">
          {result.folder}
        </div>
        <div className="export-actions">
          {canOpenFolder ? (
            <button type="button" className="button button--primary" data-testid="export-open-folder" onClick={openFolder}>
              <Icon name="file" size={16} />
              <span>{t('export.done.openFolder')}</span>
            </button>
          ) : (
            <button type="button" className="button" data-testid="export-copy-path" onClick={copyPath}>
              {t('export.done.copyPath')}
            </button>
          )}
          <button type="button" className="button" data-testid="export-again" onClick={onAgain}>
            {t('export.done.again')}
          </button>
        </div>
        {!canOpenFolder && <p className="muted export-hint">{copied ? t('export.done.copied') : t('export.done.openHint')}</p>}
      </div>
    </div>
  );
}
