// The Export page: term → departments → folder → rosters. One workbook per city/county labor
// department plus the province summary, made by a job in main (progress, Cancel); nothing is
// replaced without the clerk's yes; "Open folder" when done (or the path, where the window
// cannot open folders).
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ExportCohort,
  ExportDefaults,
  ExportDepartment,
  ExportPlan,
  ExportResult,
} from '../../../../shared/api/export.contract';
import type { JobStatus } from '../../../../shared/api/jobs';
import type { Term } from '../../../../shared/domain';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call, toErrorData } from '../../api';
import { CardHeader } from '../../components/CardHeader';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { useLedger, useNumberFormat } from '../../ledger-context';
import './export.css';
import { formatBytes } from '../../format-bytes';

type RunState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'confirm'; plan: ExportPlan }
  | { kind: 'running'; job: JobStatus; cancelling: boolean }
  | { kind: 'done'; result: ExportResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: LedgerErrorData };

const POLL_MS = 250;
/** The export job that is running, so the page picks it up again after the clerk looks elsewhere. */
const JOB_KEY = 'ledger.export.job';

function rememberJob(id: string | null): void {
  try {
    if (id === null) window.sessionStorage.removeItem(JOB_KEY);
    else window.sessionStorage.setItem(JOB_KEY, id);
  } catch {
    // storage unavailable: the job still runs, the page just does not pick it up again
  }
}

function rememberedJob(): string | null {
  try {
    return window.sessionStorage.getItem(JOB_KEY);
  } catch {
    return null;
  }
}

function cohortKey(c: { year: number; term: Term }): string {
  return `${c.year}-${c.term}`;
}

interface ProvinceGroup {
  code: string;
  name: string;
  departments: ExportDepartment[];
}

export function ExportPage(): React.JSX.Element {
  const { t } = useTranslation();
  const { language, refreshInfo } = useLedger();
  const n = useNumberFormat();
  const folderId = useId();
  const filterId = useId();
  const cohortId = useId();
  const summaryId = useId();

  const [defaults, setDefaults] = useState<ExportDefaults | null>(null);
  const [cohorts, setCohorts] = useState<ExportCohort[] | null>(null);
  const [cohort, setCohort] = useState<string>('');
  const [departments, setDepartments] = useState<ExportDepartment[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [folder, setFolder] = useState('');
  const [folderTouched, setFolderTouched] = useState(false);
  const [summary, setSummary] = useState(true);
  const [loadError, setLoadError] = useState<LedgerErrorData | null>(null);
  const [run, setRun] = useState<RunState>({ kind: 'idle' });
  const [copied, setCopied] = useState(false);
  const [preview, setPreview] = useState<ExportPlan | null>(null);
  const pollTimer = useRef<number | undefined>(undefined);

  // Defaults and the terms.
  useEffect(() => {
    let cancelled = false;
    Promise.all([call('getExportDefaults', {}), call('listExportCohorts', {})])
      .then(([d, c]) => {
        if (cancelled) return;
        setDefaults(d);
        setFolder((current) => current || d.folder);
        setCohorts(c.cohorts);
        setCohort((current) => current || (c.cohorts[0] ? cohortKey(c.cohorts[0]) : ''));
      })
      .catch((error: unknown) => !cancelled && setLoadError(toErrorData(error)));
    return () => {
      cancelled = true;
    };
  }, []);

  // The departments of the chosen term; all selected to begin with.
  useEffect(() => {
    if (!cohort) return;
    const [year, term] = cohort.split('-') as [string, Term];
    let cancelled = false;
    setDepartments(null);
    call('listExportDepartments', { year: Number(year), term })
      .then((list) => {
        if (cancelled) return;
        setDepartments(list.departments);
        setSelected(new Set(list.departments.map((d) => d.code)));
      })
      .catch((error: unknown) => !cancelled && setLoadError(toErrorData(error)));
    return () => {
      cancelled = true;
    };
  }, [cohort]);

  // A job started before the clerk went to another page: show it again (running or finished).
  useEffect(() => {
    const jobId = rememberedJob();
    if (jobId === null) return;
    call('getJob', { jobId })
      .then((job) => {
        setRun({ kind: 'running', job, cancelling: false });
        poll(job.id);
      })
      .catch(() => rememberJob(null));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => () => window.clearTimeout(pollTimer.current), []);

  const chosen = useMemo(() => cohorts?.find((c) => cohortKey(c) === cohort) ?? null, [cohorts, cohort]);
  const allSelected = departments !== null && departments.length > 0 && selected.size === departments.length;
  const selectedPersons = useMemo(
    () => (departments ?? []).filter((d) => selected.has(d.code)).reduce((s, d) => s + d.persons, 0),
    [departments, selected],
  );

  const groups = useMemo<ProvinceGroup[]>(() => {
    const needle = filter.trim().toLowerCase();
    const byProvince = new Map<string, ProvinceGroup>();
    for (const d of departments ?? []) {
      const haystack = `${d.provinceKo} ${d.nameKo} ${d.provinceEn} ${d.nameEn}`.toLowerCase();
      if (needle && !haystack.includes(needle)) continue;
      const name = language === 'ko' ? d.provinceKo : d.provinceEn;
      const group = byProvince.get(d.provinceCode) ?? { code: d.provinceCode, name, departments: [] };
      group.departments.push(d);
      byProvince.set(d.provinceCode, group);
    }
    return [...byProvince.values()];
  }, [departments, filter, language]);

  // "Select all / Clear" act on what the filter shows (everything when it is empty).
  const visibleCodes = useMemo(() => groups.flatMap((g) => g.departments.map((d) => d.code)), [groups]);

  const selection = useCallback(() => {
    if (!chosen) return null;
    return {
      year: chosen.year,
      term: chosen.term,
      counties: allSelected ? [] : [...selected],
      folder: folder.trim(),
      summary,
      language,
    };
  }, [chosen, allSelected, selected, folder, summary, language]);

  // Whether the folder exists can change without the choice changing: the clerk makes it in the
  // file manager and comes back, or an export makes it. Look again then (window focus, the
  // folder field's focus, an export that ended), so "will be created" goes once it exists.
  const [lookAgain, setLookAgain] = useState(0);
  const recheck = useCallback(() => setLookAgain((v) => v + 1), []);
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && recheck();
    window.addEventListener('focus', recheck);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', recheck);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [recheck]);
  const planning = run.kind === 'checking' || run.kind === 'running';

  // A quiet preview of the file names (and whether the folder exists) as the choice changes.
  useEffect(() => {
    if (planning) return; // the export's own check runs; look again when it has ended
    const input = selection();
    if (!input || selected.size === 0 || input.folder === '') {
      setPreview(null);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      call('planExport', input)
        .then((plan) => !cancelled && setPreview(plan))
        .catch(() => !cancelled && setPreview(null));
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [selection, selected.size, planning, lookAgain]);

  const poll = useCallback(
    (jobId: string) => {
      call('getJob', { jobId })
        .then((job) => {
          if (job.state === 'running') {
            setRun((current) => (current.kind === 'running' ? { ...current, job } : current));
            pollTimer.current = window.setTimeout(() => poll(jobId), POLL_MS);
          } else {
            rememberJob(null);
            if (job.state === 'done') {
              setRun({ kind: 'done', result: job.result as ExportResult });
              refreshInfo();
            } else if (job.state === 'cancelled') setRun({ kind: 'cancelled' });
            else setRun({ kind: 'failed', error: job.error ?? { code: 'internal', message: 'export failed' } });
          }
        })
        .catch((error: unknown) => {
          rememberJob(null);
          setRun({ kind: 'failed', error: toErrorData(error) });
        });
    },
    [refreshInfo],
  );

  const start = (overwrite: boolean): void => {
    const input = selection();
    if (!input) return;
    setRun({ kind: 'checking' });
    setCopied(false);
    call('startExport', { ...input, overwrite })
      .then((job) => {
        rememberJob(job.id);
        setRun({ kind: 'running', job, cancelling: false });
        pollTimer.current = window.setTimeout(() => poll(job.id), POLL_MS);
      })
      .catch((error: unknown) => setRun({ kind: 'failed', error: toErrorData(error) }));
  };

  const begin = (): void => {
    setFolderTouched(true);
    const input = selection();
    if (!input || input.folder === '' || selected.size === 0) return;
    setRun({ kind: 'checking' });
    call('planExport', input)
      .then((plan) => {
        if (plan.existing > 0) setRun({ kind: 'confirm', plan });
        else start(false);
      })
      .catch((error: unknown) => setRun({ kind: 'failed', error: toErrorData(error) }));
  };

  const cancel = (): void => {
    if (run.kind !== 'running') return;
    setRun({ ...run, cancelling: true });
    call('cancelJob', { jobId: run.job.id }).catch(() => undefined);
  };

  const browse = (): void => {
    call('chooseExportFolder', { current: folder })
      .then((answer) => {
        if (answer.path) {
          setFolder(answer.path);
          setFolderTouched(true);
        }
      })
      .catch((error: unknown) => setRun({ kind: 'failed', error: toErrorData(error) }));
  };

  const openFolder = (path: string): void => {
    call('openExportFolder', { path }).catch(() => undefined);
  };

  const copyPath = (path: string): void => {
    navigator.clipboard
      ?.writeText(path)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };

  const toggle = (codes: string[], on: boolean): void => {
    setSelected((current) => {
      const next = new Set(current);
      for (const code of codes) {
        if (on) next.add(code);
        else next.delete(code);
      }
      return next;
    });
  };

  const busy = run.kind === 'checking' || run.kind === 'running';
  const folderMissing = folderTouched && folder.trim() === '';
  const termLabel = (c: ExportCohort) =>
    t('export.cohort.option', {
      year: c.year,
      term: t(`export.workbook.terms.${c.term}`),
      persons: n(c.persons),
      departments: n(c.departments),
    });

  if (loadError !== null) {
    return (
      <>
        <PageHeader title={t('pages.export.title')} description={t('pages.export.description')} />
        <ErrorBanner error={loadError} testId="export-load-error" />
      </>
    );
  }

  const noCohorts = cohorts !== null && cohorts.length === 0;
  const fileCount = preview?.files.length ?? selected.size + (summary ? 1 : 0);

  return (
    <>
      <PageHeader title={t('pages.export.title')} description={t('pages.export.description')} />
      {noCohorts ? (
        <div className="banner banner--warn" role="status" data-testid="export-no-cohorts">
          <Icon name="alert" className="banner__icon" size={20} />
          <div className="banner__body">{t('export.cohort.none')}</div>
        </div>
      ) : (
        <div className="export-layout">
          <div className="export-layout__main">
            <section className="card" aria-labelledby="export-cohort-heading">
              <CardHeader headingId="export-cohort-heading" title={`1. ${t('export.cohort.heading')}`} subtitle={t('export.cohort.help')} />
              <div className="card__body">
                <label className="field__label" htmlFor={cohortId}>
                  {t('export.cohort.label')}
                </label>
                <select
                  id={cohortId}
                  className="input export-select"
                  value={cohort}
                  disabled={busy || cohorts === null}
                  data-testid="export-cohort"
                  onChange={(event) => setCohort(event.target.value)}
                >
                  {(cohorts ?? []).map((c) => (
                    <option key={cohortKey(c)} value={cohortKey(c)}>
                      {termLabel(c)}
                    </option>
                  ))}
                </select>
              </div>
            </section>

            <section className="card export-departments" aria-labelledby="export-departments-heading">
              <CardHeader headingId="export-departments-heading" title={`2. ${t('export.departments.heading')}`} subtitle={t('export.departments.help')} />
              <div className="card__body">
                <div className="export-toolbar">
                  <label className="export-sr-only" htmlFor={filterId}>
                    {t('export.departments.filter')}
                  </label>
                  <input
                    id={filterId}
                    className="input export-filter"
                    type="search"
                    placeholder={t('export.departments.filter')}
                    value={filter}
                    data-testid="export-filter"
                    onChange={(event) => setFilter(event.target.value)}
                  />
                  <button type="button" className="button button--small" disabled={busy || departments === null} data-testid="export-select-all" onClick={() => toggle(visibleCodes, true)}>
                    {t('export.departments.selectAll')}
                  </button>
                  <button type="button" className="button button--small" disabled={busy || departments === null} data-testid="export-select-none" onClick={() => toggle(visibleCodes, false)}>
                    {t('export.departments.selectNone')}
                  </button>
                </div>
                <p className="export-selected" role="status" data-testid="export-selected">
                  {t('export.departments.selected', { count: n(selected.size), persons: n(selectedPersons) })}
                </p>
                {departments === null ? (
                  <div className="loading-line">
                    <span className="spinner" aria-hidden="true" />
                    {t('export.departments.loading')}
                  </div>
                ) : groups.length === 0 ? (
                  <p className="empty">{t('export.departments.noMatch')}</p>
                ) : (
                  <div className="export-dept-list" data-testid="export-dept-list">
                    {groups.map((group) => {
                      const codes = group.departments.map((d) => d.code);
                      const on = codes.filter((c) => selected.has(c)).length;
                      const persons = group.departments.reduce((s, d) => s + d.persons, 0);
                      return (
                        <fieldset key={group.code} className="export-province" disabled={busy}>
                          <legend className="export-province__head">
                            <label className="export-check">
                              <input
                                type="checkbox"
                                checked={on === codes.length}
                                ref={(el) => {
                                  if (el) el.indeterminate = on > 0 && on < codes.length;
                                }}
                                aria-label={t('export.departments.selectProvince', { province: group.name })}
                                data-testid={`export-province-${group.code}`}
                                onChange={(event) => toggle(codes, event.target.checked)}
                              />
                              <span className="export-province__name">{group.name}</span>
                            </label>
                            <span className="export-count">{t('export.departments.persons', { count: n(persons) })}</span>
                          </legend>
                          <ul className="export-dept-grid">
                            {group.departments.map((d) => (
                              <li key={d.code}>
                                <label className="export-dept" data-selected={selected.has(d.code)}>
                                  <input
                                    type="checkbox"
                                    checked={selected.has(d.code)}
                                    data-testid={`export-dept-${d.code}`}
                                    onChange={(event) => toggle([d.code], event.target.checked)}
                                  />
                                  <span className="export-dept__name">
                                    {language === 'ko' ? d.nameKo : d.nameEn}
                                    {d.unallocated > 0 && (
                                      <span className="export-dept__pending" title={t('export.departments.unallocated', { count: n(d.unallocated) })}>
                                        {t('export.departments.unallocated', { count: n(d.unallocated) })}
                                      </span>
                                    )}
                                  </span>
                                  <span className="export-count">{t('export.departments.persons', { count: n(d.persons) })}</span>
                                </label>
                              </li>
                            ))}
                          </ul>
                        </fieldset>
                      );
                    })}
                  </div>
                )}
              </div>
            </section>
          </div>

          <div className="export-layout__side">
            <section className="card" aria-labelledby="export-folder-heading">
              <CardHeader headingId="export-folder-heading" title={`3. ${t('export.folder.heading')}`} subtitle={t('export.folder.help')} />
              <div className="card__body">
                <label className="field__label" htmlFor={folderId}>
                  {t('export.folder.label')}
                </label>
                <div className="export-folder-row">
                  <input
                    id={folderId}
                    className={folderMissing ? 'input input--invalid export-folder' : 'input export-folder'}
                    type="text"
                    spellCheck={false}
                    value={folder}
                    disabled={busy}
                    aria-invalid={folderMissing}
                    data-testid="export-folder"
                    onFocus={recheck}
                    onChange={(event) => setFolder(event.target.value)}
                  />
                  {defaults?.canChooseFolder && (
                    <button type="button" className="button" disabled={busy} data-testid="export-browse" onClick={browse}>
                      {t('export.folder.browse')}
                    </button>
                  )}
                </div>
                {folderMissing && (
                  <p className="field__error" role="alert">
                    <Icon name="alert" size={16} />
                    <span>{t('export.folder.required')}</span>
                  </p>
                )}
                {preview !== null && !preview.folderExists && !folderMissing && (
                  <p className="muted export-hint" data-testid="export-folder-new">
                    {t('export.folder.willCreate')}
                  </p>
                )}
                <label className="export-check export-summary-option" htmlFor={summaryId}>
                  <input id={summaryId} type="checkbox" checked={summary} disabled={busy} data-testid="export-summary" onChange={(event) => setSummary(event.target.checked)} />
                  <span>
                    <span className="export-summary-option__title">{t('export.folder.summary')}</span>
                    <span className="muted export-summary-option__help">{t('export.folder.summaryHelp')}</span>
                  </span>
                </label>
              </div>
            </section>

            <section className="card export-run" aria-labelledby="export-run-heading" aria-live="polite">
              <CardHeader headingId="export-run-heading" title={`4. ${t('export.run.heading')}`} />
              <div className="card__body">
                {(run.kind === 'idle' || run.kind === 'checking' || run.kind === 'failed' || run.kind === 'cancelled') && (
                  <>
                    <p className="export-files" data-testid="export-files">
                      <Icon name="file" size={18} />
                      <span>{t('export.run.files', { count: n(fileCount), persons: n(selectedPersons) })}</span>
                    </p>
                    {preview?.files[0] && (
                      <p className="muted export-hint export-filename" data-testid="export-example">
                        {t('export.folder.example', { name: preview.files[0].fileName })}
                      </p>
                    )}
                    {selected.size === 0 && departments !== null && <p className="muted export-hint">{t('export.run.nothingSelected')}</p>}
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
                      disabled={busy || selected.size === 0 || chosen === null}
                      data-testid="export-start"
                      onClick={begin}
                    >
                      <Icon name="export" size={18} />
                      <span>{run.kind === 'checking' ? t('export.run.checking') : t('export.run.start')}</span>
                    </button>
                  </>
                )}

                {run.kind === 'confirm' && (
                  <div className="banner banner--warn export-confirm" role="alertdialog" aria-labelledby="export-confirm-title" data-testid="export-confirm">
                    <Icon name="alert" className="banner__icon" size={20} />
                    <div className="banner__body">
                      <div className="banner__title" id="export-confirm-title">
                        {t('export.overwrite.title')}
                      </div>
                      <p>{t('export.overwrite.body', { count: n(run.plan.existing) })}</p>
                      <ul className="export-existing mono">
                        {run.plan.files
                          .filter((f) => f.exists)
                          .slice(0, 5)
                          .map((f) => (
                            <li key={f.path}>{f.fileName}</li>
                          ))}
                        {run.plan.existing > 5 && <li className="muted">{t('export.overwrite.more', { count: n(run.plan.existing - 5) })}</li>}
                      </ul>
                      <div className="export-actions">
                        <button type="button" className="button button--danger" data-testid="export-confirm-overwrite" onClick={() => start(true)}>
                          {t('export.overwrite.confirm')}
                        </button>
                        <button type="button" className="button" data-testid="export-confirm-cancel" onClick={() => setRun({ kind: 'idle' })}>
                          {t('export.overwrite.cancel')}
                        </button>
                      </div>
                    </div>
                  </div>
                )}

                {run.kind === 'running' && <Progress job={run.job} cancelling={run.cancelling} onCancel={cancel} />}

                {run.kind === 'done' && (
                  <div data-testid="export-done">
                    <div className="banner banner--ok" role="status">
                      <Icon name="check" className="banner__icon" size={20} />
                      <div className="banner__body">
                        <div className="banner__title" data-testid="export-done-title">
                          {t('export.done.title', { count: n(run.result.files.length) })}
                        </div>
                        <div>{t('export.done.body', { persons: n(run.result.persons), seconds: (run.result.ms / 1000).toFixed(1) })}</div>
                      </div>
                    </div>
                    <div className="export-folder-result">
                      <div className="muted">{t('export.done.folderIs')}</div>
                      <div className="mono break" data-testid="export-done-folder">
                        {run.result.folder}
                      </div>
                      <div className="export-actions">
                        {defaults?.canOpenFolder ? (
                          <button type="button" className="button button--primary" data-testid="export-open-folder" onClick={() => openFolder(run.result.folder)}>
                            <Icon name="file" size={16} />
                            <span>{t('export.done.openFolder')}</span>
                          </button>
                        ) : (
                          <button type="button" className="button" data-testid="export-copy-path" onClick={() => copyPath(run.result.folder)}>
                            {t('export.done.copyPath')}
                          </button>
                        )}
                        <button type="button" className="button" data-testid="export-again" onClick={() => setRun({ kind: 'idle' })}>
                          {t('export.done.again')}
                        </button>
                      </div>
                      {!defaults?.canOpenFolder && <p className="muted export-hint">{copied ? t('export.done.copied') : t('export.done.openHint')}</p>}
                    </div>
                  </div>
                )}
              </div>
            </section>
          </div>
        </div>
      )}

      {run.kind === 'done' && (
        <section className="card export-results" aria-labelledby="export-results-heading">
          <CardHeader headingId="export-results-heading" title={t('export.done.title', { count: n(run.result.files.length) })} />
          <div className="export-results__scroll">
            <table className="table export-results__table" data-testid="export-results">
              <colgroup>
                <col className="export-results__col-file" />
                <col />
                <col />
                <col />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{t('export.done.file')}</th>
                  <th scope="col">{t('export.done.department')}</th>
                  <th scope="col" className="num">
                    {t('export.done.rows')}
                  </th>
                  <th scope="col" className="num">
                    {t('export.done.size')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {run.result.files.map((f) => (
                  <tr key={f.path} data-testid="export-result-file">
                    <th scope="row">
                      <span className="export-results__file">
                        <Icon name="file" size={16} />
                        <span className="export-results__name">{f.fileName}</span>
                      </span>
                    </th>
                    <td>{f.department}</td>
                    <td className="num">{n(f.rows)}</td>
                    <td className="num">{formatBytes(f.bytes, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

function Progress({ job, cancelling, onCancel }: { job: JobStatus; cancelling: boolean; onCancel: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const { done, total, phase } = job.progress;
  const percent = total ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const phaseKey = ['starting', 'preparing', 'writing', 'summary', 'publishing'].includes(phase) ? phase : 'starting';
  return (
    <div className="export-progress" data-testid="export-progress" data-phase={phase}>
      <div className="export-progress__head">
        <span className="spinner" aria-hidden="true" />
        <span className="export-progress__title">{t('export.progress.heading')}</span>
        <span className="export-progress__percent">{t('export.progress.percent', { percent })}</span>
      </div>
      <div
        className="export-progress__bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={t('export.progress.heading')}
      >
        <div className="export-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <div className="export-progress__meta">
        <span data-testid="export-progress-phase">{t(`export.progress.phase.${phaseKey}` as 'export.progress.phase.starting')}</span>
        {total ? <span className="mono" data-testid="export-progress-count">{t('export.progress.rows', { done: n(done), total: n(total) })}</span> : null}
      </div>
      <button type="button" className="button export-cancel" disabled={cancelling} data-testid="export-cancel" onClick={onCancel}>
        {cancelling ? t('export.progress.cancelling') : t('export.progress.cancel')}
      </button>
    </div>
  );
}
