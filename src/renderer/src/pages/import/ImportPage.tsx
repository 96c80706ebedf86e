// The Import page: a wizard over main's import jobs — choose a file → confirm or correct the
// detected layout → dry run (the report) → commit. Every step is a job in main (a worker reads the
// file), so the window never waits on parsing; progress is polled and every job can be cancelled.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ImportCapabilities,
  ImportField,
  ImportOptionsInput,
  ImportReport,
  InspectResult,
  StagedImportFile,
} from '../../../../shared/api/import.contract';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { useLedger } from '../../ledger-context';
import { CheckStep } from './CheckStep';
import { CommitStep } from './CommitStep';
import { FileStep } from './FileStep';
import { ImportHistory } from './ImportHistory';
import { jobError, useJob } from '../../jobs/useJob';
import { toErrorData } from './jobs';
import { LayoutStep } from './LayoutStep';
import './import.css';

export type Step = 'file' | 'layout' | 'check' | 'commit';
const STEPS: Step[] = ['file', 'layout', 'check', 'commit'];

/** What the clerk chose beyond the detected layout. */
export interface Choices {
  kind: 'auto' | 'decision' | 'requests';
  sheet?: string;
  headerRow?: number;
  encoding: 'auto' | 'utf8' | 'cp949';
  mapping: Record<string, ImportField | null>;
  countyChoices: Record<string, string>;
  year?: number;
  term?: 'spring' | 'summer' | 'fall';
  province?: string;
  /** Read every sheet with the chosen sheet's header (default), or the chosen sheet alone. */
  allSheets?: boolean;
  /** Sheets with the header the clerk left out (the dry run's sheet list). */
  skipSheets?: string[];
}

export const NO_CHOICES: Choices = { kind: 'auto', encoding: 'auto', mapping: {}, countyChoices: {} };

export function optionsOf(choices: Choices, withMapping = true): ImportOptionsInput {
  const o: ImportOptionsInput = { kind: choices.kind, encoding: choices.encoding };
  if (choices.sheet !== undefined) o.sheet = choices.sheet;
  if (choices.headerRow !== undefined) o.headerRow = choices.headerRow;
  if (choices.allSheets === false && choices.sheet !== undefined) o.sheets = [choices.sheet];
  else if (choices.skipSheets !== undefined && choices.skipSheets.length > 0) o.skipSheets = choices.skipSheets;
  if (withMapping && Object.keys(choices.mapping).length > 0) o.mapping = choices.mapping;
  if (Object.keys(choices.countyChoices).length > 0) o.countyChoices = choices.countyChoices;
  if (choices.year !== undefined) o.year = choices.year;
  if (choices.term !== undefined) o.term = choices.term;
  if (choices.province !== undefined) o.province = choices.province;
  return o;
}

function Stepper({ step }: { step: Step }): React.JSX.Element {
  const { t } = useTranslation();
  const index = STEPS.indexOf(step);
  return (
    <ol className="imp-steps" aria-label={t('import.steps.label')} data-testid="import-steps">
      {STEPS.map((s, i) => (
        <li
          key={s}
          className={i < index ? 'imp-steps__item imp-steps__item--done' : i === index ? 'imp-steps__item imp-steps__item--current' : 'imp-steps__item'}
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
        const status = await job.follow(await call('startImportCommit', { fileId: file.fileId, options: optionsOf(choices), skipInvalid, acceptIdentityChanges }), { keepOnLeave: true });
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
  }, [step, capabilities, job, onFile, inspect, file, choices, runInspect, startOver, runDryRun, report, runCommit, committed, refreshInfo]);

  return (
    <>
      <PageHeader title={t('pages.import.title')} description={t('pages.import.description')} />
      <Stepper step={step} />
      {error !== null && <ErrorBanner error={error} testId="import-error" />}
      {cancelled && (
        <div className="banner banner--warn" role="status" data-testid="import-cancelled">
          <div className="banner__body">{t('import.progress.cancelled')}</div>
        </div>
      )}
      <div className="imp-content">{content}</div>
      {step === 'file' && <ImportHistory version={historyVersion} onChanged={() => refreshInfo()} />}
    </>
  );
}
