// Step 3: the dry run — what the import would do, every problem with its Excel row and column,
// how each city/county was matched (the clerk chooses where it is unsure), the report as xlsx,
// and the way to commit (only the valid rows, explicitly, when some have errors).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/api/import.contract';
import { formatDateDots } from '../../../../shared/normalize';
import type { JobStatus } from '../../../../shared/api/jobs';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { useLedger, useNumberFormat } from '../../ledger-context';
import { AskOnce } from './AskOnce';
import type { Choices } from './choices';
import { CountyTable } from './CountyTable';
import { IdentityConflicts } from './IdentityConflicts';
import { IssueTable } from './IssueTable';
import { downloadBase64, toErrorData } from './jobs';
import { JobProgressBar } from './Progress';
import { ReportSummary } from './ReportSummary';
import { SheetTable } from './SheetTable';

/** The report saved as xlsx (the dry run's problems for the Bureau or the county). */
function useSaveReport(report: ImportReport | null) {
  const { language } = useLedger();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<LedgerErrorData | null>(null);
  const save = async () => {
    if (!report) return;
    setSaving(true);
    setSaveError(null);
    try {
      const file = await call('exportImportReport', { reportId: report.reportId, language });
      downloadBase64(file.fileName, file.data, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (error) {
      setSaveError(toErrorData(error));
    } finally {
      setSaving(false);
    }
  };
  return { save, saving, saveError };
}

/** The clerk's commit choices (take the valid rows alone, accept the identity changes) and what they leave. */
function useCommitChoice(report: ImportReport | null) {
  const [skip, setSkip] = useState(false);
  const [acceptIdentity, setAcceptIdentity] = useState(false);
  // A consent is given to the persons listed: a new dry run lists them again, to be accepted again.
  useEffect(() => setAcceptIdentity(false), [report?.reportId]);
  const conflicts = report?.identityConflicts ?? [];
  // Rows of accepted identity changes are committed like valid ones.
  const accepted = acceptIdentity ? conflicts.length : 0;
  const valid = (report?.rows.valid ?? 0) + accepted;
  const invalid = (report?.rows.invalid ?? 0) - accepted;
  return { skip, setSkip, acceptIdentity, setAcceptIdentity, conflicts, valid, invalid };
}

type CommitChoice = ReturnType<typeof useCommitChoice>;

/** The commit: the identity conflicts, the choice to take the valid rows alone, and the buttons. */
function CommitBox({
  report,
  choice,
  running,
  onBack,
  onCommit,
}: {
  report: ImportReport;
  choice: CommitChoice;
  running: boolean;
  onBack: () => void;
  onCommit: (skipInvalid: boolean, acceptIdentityChanges: string[]) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const { skip, setSkip, acceptIdentity, setAcceptIdentity, conflicts, valid, invalid } = choice;
  return (
    <div className="imp-commit-box" data-testid="import-commit-box">
      <h3 className="imp-subheading imp-subheading--flush">{t('import.commit.heading')}</h3>
      <p className="muted">{t('import.commit.help')}</p>
      {conflicts.length > 0 && (
        <IdentityConflicts report={report} accepted={acceptIdentity} onAccept={setAcceptIdentity} disabled={running} />
      )}
      {invalid > 0 && valid > 0 && (
        <label className="imp-check">
          <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} data-testid="import-skip-invalid" />
          <span>{t('import.commit.skipInvalid', { count: format(invalid) })}</span>
        </label>
      )}
      {valid === 0 && <p className="field__error">{t('import.commit.nothing')}</p>}
      {invalid > 0 && !skip && valid > 0 && (
        <p className="imp-blocked">
          {conflicts.length > 0 && !acceptIdentity ? t('import.commit.identityBlocked') : t('import.commit.blocked')}
        </p>
      )}
      <div className="imp-actions">
        <button type="button" className="button" onClick={onBack} disabled={running} data-testid="import-check-back">
          {t('import.layout.back')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={running || valid === 0 || (invalid > 0 && !skip)}
          onClick={() => onCommit(skip && invalid > 0, acceptIdentity ? conflicts.map((c) => String(c.details.value)) : [])}
          data-testid="import-commit"
        >
          <Icon name="database" size={16} />
          {invalid > 0 ? t('import.commit.buttonValid', { count: format(valid) }) : t('import.commit.button')}
        </button>
      </div>
    </div>
  );
}

/** A file imported before: said, with the way back (nothing else to check). */
function AlreadyImported({
  already,
  running,
  onBack,
}: {
  already: NonNullable<ImportReport['alreadyImported']>;
  running: boolean;
  onBack: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <>
      <div className="banner banner--warn" role="status" data-testid="import-check-already">
        <Icon name="alert" className="banner__icon" size={20} />
        <div className="banner__body">
          {t('import.intake.already', { date: formatDateDots(already.importedAt.slice(0, 10)), who: already.clerk ?? '—' })}
        </div>
      </div>
      <div className="imp-actions">
        <button type="button" className="button" onClick={onBack} disabled={running} data-testid="import-check-back">
          {t('import.layout.back')}
        </button>
      </div>
    </>
  );
}

export function CheckStep(props: {
  report: ImportReport | null;
  status: JobStatus | null;
  running: boolean;
  choices: Choices;
  onCancel: () => void;
  onBack: () => void;
  onRecheck: (next: Choices) => void;
  onCommit: (skipInvalid: boolean, acceptIdentityChanges: string[]) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const report = props.report;
  const { save, saving, saveError } = useSaveReport(report);
  const choice = useCommitChoice(report);

  return (
    <section className="card imp-card" aria-labelledby="import-check-heading" data-testid="import-check-step">
      <div className="card__header imp-card__header">
        <div>
          <h2 id="import-check-heading" className="card__title">
            {t('import.report.heading')}
          </h2>
          {!report?.alreadyImported && <p className="card__subtitle">{t('import.report.dryRunNote')}</p>}
        </div>
        {report && !report.alreadyImported && (
          <button type="button" className="button" onClick={() => void save()} disabled={saving} data-testid="import-save-report">
            <Icon name="export" size={16} />
            {saving ? t('import.report.saving') : t('import.report.save')}
          </button>
        )}
      </div>
      <div className="card__body">
        {props.running && props.status && <JobProgressBar status={props.status} onCancel={props.onCancel} testId="import-dry-progress" />}
        {saveError && <ErrorBanner error={saveError} testId="import-save-error" />}
        {report?.alreadyImported && <AlreadyImported already={report.alreadyImported} running={props.running} onBack={props.onBack} />}
        {report && !report.alreadyImported && (
          <div data-testid="import-report">
            <AskOnce key={report.reportId} report={report} choices={props.choices} running={props.running} onRecheck={props.onRecheck} />
            <ReportSummary report={report} />
            {report.sheets.length > 1 && (
              <>
                <h3 className="imp-subheading">
                  {t('import.intake.sheetsHeading')}{' '}
                  <span className="imp-subheading__count">{format(report.sheets.filter((x) => !x.leftOut).length)}</span>
                </h3>
                <SheetTable
                  key={report.reportId}
                  report={report}
                  choices={props.choices}
                  running={props.running}
                  onRecheck={props.onRecheck}
                />
              </>
            )}
            <h3 className="imp-subheading">
              {t('import.report.issues')} <span className="imp-subheading__count">{format(report.issuesTotal)}</span>
            </h3>
            <IssueTable report={report} />
            {report.countyMatches.length > 0 && (
              <>
                <h3 className="imp-subheading">{t('import.report.counties')}</h3>
                <CountyTable report={report} choices={props.choices} onRecheck={props.onRecheck} />
              </>
            )}
            <CommitBox report={report} choice={choice} running={props.running} onBack={props.onBack} onCommit={props.onCommit} />
          </div>
        )}
      </div>
    </section>
  );
}
