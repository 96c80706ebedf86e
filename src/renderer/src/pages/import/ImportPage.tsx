// The Import page: a wizard over main's import jobs — choose a file → confirm or correct the
// detected layout → dry run (the report) → commit. Every step is a job in main (a worker reads the
// file), so the window never waits on parsing; progress is polled and every job can be cancelled.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCapabilities, ImportReport, InspectResult, StagedImportFile } from '../../../../shared/api/import.contract';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { useCanWrite } from '../../hub-context';
import { useLedger } from '../../ledger-context';
import { CheckStep } from './CheckStep';
import { CommitStep } from './CommitStep';
import { FileStep } from './FileStep';
import { ImportHistory } from './ImportHistory';
import { jobError, useJob } from '../../jobs/useJob';
import { toErrorData } from './jobs';
import { LayoutStep } from './LayoutStep';
import { NO_CHOICES, optionsOf, STEPS, type Choices, type Step } from './choices';
import './import.css';

function Stepper({ step }: { step: Step }): React.JSX.Element {
  const { t } = useTranslation();
  const index = STEPS.indexOf(step);
  return (
    <ol className="imp-steps" aria-label={t('import.steps.label')} data-testid="import-steps">
      {STEPS.map((s, i) => (
        <li
          key={s}
          className={
            i < index
              ? 'imp-steps__item imp-steps__item--done'
              : i === index
                ? 'imp-steps__item imp-steps__item--current'
                : 'imp-steps__item'
          }
          aria-current={i === index ? 'step' : undefined}
          data-testid={`import-step-${s}`}
        >
          <span className="imp-steps__number">{i < index ? '✓' : i + 1}</span>
          <span className="imp-steps__label">{t(`import.steps.${s}`)}</span>
        </li>
      ))}
    </ol>
  );
}

export function ImportPage(): React.JSX.Element {
  const { t } = useTranslation();
  const { refreshInfo } = useLedger();
  // A read-only account imports nothing: the wizard is not offered (the shell says why).
  const canWrite = useCanWrite();
  const job = useJob();
  const [step, setStep] = useState<Step>('file');
  const [capabilities, setCapabilities] = useState<ImportCapabilities | null>(null);
  const [file, setFile] = useState<StagedImportFile | null>(null);
  const [inspect, setInspect] = useState<InspectResult | null>(null);
  const [choices, setChoices] = useState<Choices>(NO_CHOICES);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [committed, setCommitted] = useState<ImportReport | null>(null);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);

  useEffect(() => {
    call('getImportCapabilities', {})
      .then(setCapabilities)
      .catch((e: unknown) => setError(toErrorData(e)));
  }, []);

  const runInspect = useCallback(
    async (staged: StagedImportFile, next: Choices) => {
      setError(null);
      setCancelled(false);
      try {
        const status = await job.follow(await call('startImportInspect', { fileId: staged.fileId, options: optionsOf(next, false) }));
        if (status.state === 'done' && status.result !== null) {
          const result = status.result;
          setInspect(result);
          setChoices((c) => ({ ...c, sheet: result.sheet ?? undefined, headerRow: result.headerRow }));
          setStep('layout');
        } else if (status.state === 'cancelled') setCancelled(true);
        else setError(jobError(status));
      } catch (e) {
        setError(toErrorData(e));
      }
    },
    [job],
  );

  const onFile = useCallback(
    (staged: StagedImportFile) => {
      setFile(staged);
      setInspect(null);
      setReport(null);
      setCommitted(null);
      setChoices(NO_CHOICES);
      void runInspect(staged, NO_CHOICES);
    },
    [runInspect],
  );

  const runDryRun = useCallback(
    async (next: Choices) => {
      if (!file) return;
      setError(null);
      setCancelled(false);
      setReport(null);
      setStep('check');
      try {
        const status = await job.follow(await call('startImportDryRun', { fileId: file.fileId, options: optionsOf(next) }));
        if (status.state === 'done') setReport(status.result);
        else if (status.state === 'cancelled') setCancelled(true);
        else setError(jobError(status));
      } catch (e) {
        setError(toErrorData(e));
      }
    },
    [file, job],
  );

  const runCommit = useCallback(
    async (skipInvalid: boolean, acceptIdentityChanges: string[]) => {
      if (!file) return;
      setError(null);
      setCancelled(false);
      setStep('commit');
      try {
        const status = await job.follow(
          await call('startImportCommit', { fileId: file.fileId, options: optionsOf(choices), skipInvalid, acceptIdentityChanges }),
          { keepOnLeave: true },
        );
        if (status.state === 'done') setCommitted(status.result);
        else if (status.state === 'cancelled') setCancelled(true);
        else setError(jobError(status));
      } catch (e) {
        setError(toErrorData(e));
      } finally {
        refreshInfo();
        setHistoryVersion((v) => v + 1);
      }
    },
    [choices, file, job, refreshInfo],
  );

  const startOver = useCallback(() => {
    if (file) void call('discardImportFile', { fileId: file.fileId }).catch(() => undefined);
    setFile(null);
    setInspect(null);
    setReport(null);
    setCommitted(null);
    setChoices(NO_CHOICES);
    setError(null);
    setCancelled(false);
    setStep('file');
  }, [file]);

  const content = useMemo(() => {
    switch (step) {
      case 'file':
        return (
          <FileStep
            capabilities={capabilities}
            busy={job.running}
            status={job.status}
            onFile={onFile}
            onError={setError}
            onCancel={job.cancel}
          />
        );
      case 'layout':
        return inspect && file ? (
          <LayoutStep
            file={file}
            inspect={inspect}
            choices={choices}
            busy={job.running}
            status={job.status}
            onChoices={setChoices}
            onReread={(next) => void runInspect(file, next)}
            onBack={startOver}
            onNext={(next) => void runDryRun(next)}
            onCancel={job.cancel}
          />
        ) : null;
      case 'check':
        return (
          <CheckStep
            report={report}
            status={job.status}
            running={job.running}
            choices={choices}
            onCancel={job.cancel}
            onBack={() => setStep('layout')}
            onRecheck={(next) => {
              setChoices(next);
              void runDryRun(next);
            }}
            onCommit={(skip, acceptIdentity) => void runCommit(skip, acceptIdentity)}
          />
        );
      case 'commit':
        return (
          <CommitStep
            report={committed}
            status={job.status}
            running={job.running}
            onCancel={job.cancel}
            onStartOver={startOver}
            onChanged={() => {
              refreshInfo();
              setHistoryVersion((v) => v + 1);
            }}
          />
        );
    }
  }, [
    step,
    capabilities,
    job,
    onFile,
    inspect,
    file,
    choices,
    runInspect,
    startOver,
    runDryRun,
    report,
    runCommit,
    committed,
    refreshInfo,
  ]);

  return (
    <>
      <PageHeader title={t('pages.import.title')} description={t('pages.import.description')} />
      {canWrite && (
        <>
          <Stepper step={step} />
          {error !== null && <ErrorBanner error={error} testId="import-error" />}
          {cancelled && (
            <div className="banner banner--warn" role="status" data-testid="import-cancelled">
              <div className="banner__body">{t('import.progress.cancelled')}</div>
            </div>
          )}
          <div className="imp-content">{content}</div>
        </>
      )}
      {step === 'file' && <ImportHistory version={historyVersion} onChanged={() => refreshInfo()} />}
    </>
  );
}
