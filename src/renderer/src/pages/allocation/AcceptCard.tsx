// Step 4: accept the proposal as one operation (and undo it here or with Ctrl+Z), the refusal in
// words when persons or requests changed since the run; and the proposal workbook for the committee.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { CardHeader } from '../../components/CardHeader';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { useLedger, useNumberFormat } from '../../ledger-context';
import type { AllocationRun } from './useAllocationRun';

export function AcceptCard({ allocation, pinsChanged }: { allocation: AllocationRun; pinsChanged: boolean }): React.JSX.Element | null {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const { proposal, outcome, working } = allocation;
  if (!proposal) return null;
  const accepted = proposal.run.state === 'accepted';
  const assigned = proposal.totals.assigned;
  return (
    <section className="card alloc-card" aria-labelledby="alloc-accept-heading" aria-live="polite">
      <CardHeader
        headingId="alloc-accept-heading"
        title={`4. ${t('allocationPage.accept.heading')}`}
        subtitle={t('allocationPage.accept.help')}
      />
      <div className="card__body">
        {outcome.kind === 'accepted' && (
          <div className="banner banner--ok" role="status" data-testid="alloc-accepted">
            <Icon name="check" className="banner__icon" size={20} />
            <div className="banner__body">{t('allocationPage.accept.done', { count: n(outcome.result.assigned) })}</div>
            <button
              type="button"
              className="button"
              disabled={working !== null}
              data-testid="alloc-undo"
              onClick={() => void allocation.undo()}
            >
              {working === 'undo' ? t('allocationPage.accept.undoing') : t('allocationPage.accept.undo')}
            </button>
          </div>
        )}
        {outcome.kind === 'undone' && (
          <div className="banner banner--warn" role="status" data-testid="alloc-undone">
            <Icon name="alert" className="banner__icon" size={20} />
            <div className="banner__body">{t('allocationPage.accept.undone')}</div>
          </div>
        )}
        {outcome.kind === 'refused' && (
          <ErrorBanner error={outcome.error} title={t('allocationPage.accept.refusedTitle')} testId="alloc-refused" />
        )}
        {pinsChanged && !accepted && (
          <p className="muted alloc-hint" data-testid="alloc-pins-stale">
            {t('allocationPage.pins.stale')}
          </p>
        )}
        {!accepted && proposal.run.state === 'proposed' && (
          <button
            type="button"
            className="button button--primary alloc-accept"
            disabled={working !== null || assigned === 0 || allocation.busy}
            data-testid="alloc-accept"
            onClick={() => void allocation.accept()}
          >
            <Icon name="check" size={18} />
            <span>
              {working === 'accept'
                ? t('allocationPage.accept.accepting')
                : assigned === 0
                  ? t('allocationPage.accept.nothing')
                  : t('allocationPage.accept.button', { count: n(assigned) })}
            </span>
          </button>
        )}
        <ExportWorkbook allocation={allocation} />
      </div>
    </section>
  );
}

function ExportWorkbook({ allocation }: { allocation: AllocationRun }): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const [folder, setFolder] = useState('');
  const { working, exported, exportError } = allocation;
  useEffect(() => {
    let live = true;
    call('getExportDefaults', {})
      .then((d) => live && setFolder((f) => (f === '' ? d.folder : f)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const exists = exportError?.code === 'export_files_exist';
  return (
    <div className="alloc-export">
      <label className="field">
        <span className="field__label">{t('allocationPage.export.folder')}</span>
        <input className="input" value={folder} data-testid="alloc-export-folder" onChange={(e) => setFolder(e.target.value)} />
      </label>
      {exportError && <ErrorBanner error={exportError} testId="alloc-export-error" />}
      <div className="alloc-actions">
        <button
          type="button"
          className="button"
          disabled={working !== null || folder.trim() === ''}
          data-testid="alloc-export"
          onClick={() => void allocation.exportWorkbook(folder.trim(), language, false)}
        >
          <Icon name="export" size={16} />
          <span>{working === 'export' ? t('allocationPage.export.exporting') : t('allocationPage.export.button')}</span>
        </button>
        {exists && (
          <button
            type="button"
            className="button button--danger"
            data-testid="alloc-export-replace"
            onClick={() => void allocation.exportWorkbook(folder.trim(), language, true)}
          >
            {t('allocationPage.export.replace')}
          </button>
        )}
      </div>
      {exported && (
        <div className="banner banner--ok" role="status" data-testid="alloc-exported">
          <Icon name="file" className="banner__icon" size={20} />
          <div className="banner__body">
            <div>{t('allocationPage.export.done')}</div>
            <div className="mono break" data-testid="alloc-exported-path">
              {exported.path}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
