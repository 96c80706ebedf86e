// Step 3: the dry run — what the import would do, every problem with its Excel row and column,
// how each city/county was matched (the clerk chooses where it is unsure), the report as xlsx,
// and the way to commit (only the valid rows, explicitly, when some have errors).
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportIssue, ImportReport } from '../../../../shared/api/import.contract';
import { TERMS, type Term } from '../../../../shared/domain';
import { formatDateDots } from '../../../../shared/normalize';
import type { RegionUnit } from '../../../../shared/contract';
import type { JobStatus } from '../../../../shared/api/jobs';
import type { LedgerErrorData } from '../../../../shared/errors';
import { fieldLabel, identityPersonText, issueSentence } from '../../../../shared/i18n/import';
import { call } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { useLedger, useNumberFormat } from '../../ledger-context';
import type { Choices } from './choices';
import { downloadBase64, toErrorData } from './jobs';
import { JobProgressBar } from './Progress';

type Filter = 'all' | 'error' | 'warning';

/** Up to this many cities/counties in a file, the match table lists them all. */
const COUNTIES_LISTED = 40;

function Stat({ label, value, tone, testId, help }: { label: string; value: number; tone?: 'ok' | 'bad' | 'muted'; testId: string; help?: string }): React.JSX.Element {
  const format = useNumberFormat();
  return (
    <div className={`imp-stat${tone ? ` imp-stat--${tone}` : ''}`} data-testid={testId} data-value={value}>
      <div className="imp-stat__label">{label}</div>
      <div className="imp-stat__value">{format(value)}</div>
      {help && <div className="imp-stat__help">{help}</div>}
    </div>
  );
}

export function ReportSummary({ report }: { report: ImportReport }): React.JSX.Element {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const triple = (label: string, a: [string, number], b: [string, number], c: [string, number], testId: string) => (
    <div className="imp-triple" data-testid={testId}>
      <div className="imp-triple__label">{label}</div>
      <div className="imp-triple__values">
        {[a, b, c].map(([name, n]) => (
          <span key={name} className={n === 0 ? 'imp-triple__value imp-triple__value--zero' : 'imp-triple__value'}>
            <strong>{format(n)}</strong> {name}
          </span>
        ))}
      </div>
    </div>
  );
  return (
    <>
      <div className="imp-stats">
        <Stat label={t('import.report.data')} value={report.rows.data} testId="import-stat-data" />
        <Stat label={t('import.report.valid')} value={report.rows.valid} tone="ok" testId="import-stat-valid" />
        <Stat label={t('import.report.invalid')} value={report.rows.invalid} tone={report.rows.invalid > 0 ? 'bad' : 'muted'} testId="import-stat-invalid" />
        <Stat label={t('import.report.skipped')} value={report.rows.skipped} tone="muted" testId="import-stat-skipped" help={t('import.report.skippedHelp')} />
      </div>
      <div className="imp-triples">
        {report.kind === 'decision' ? (
          <>
            {triple(t('import.report.persons'), [t('import.report.new'), report.persons.new], [t('import.report.updated'), report.persons.updated], [t('import.report.unchanged'), report.persons.unchanged], 'import-persons')}
            {triple(t('import.report.placements'), [t('import.report.new'), report.placements.new], [t('import.report.moved'), report.placements.moved], [t('import.report.unchanged'), report.placements.unchanged], 'import-placements')}
          </>
        ) : (
          triple(t('import.report.requests'), [t('import.report.new'), report.requests.new], [t('import.report.updated'), report.requests.updated], [t('import.report.unchanged'), report.requests.unchanged], 'import-requests')
        )}
        {report.cohorts.length > 0 && (
          <div className="imp-triple">
            <div className="imp-triple__label">{t('import.report.cohorts')}</div>
            <div className="imp-triple__values">
              {report.cohorts.map((c) => (
                <span key={`${c.year}-${c.term}`} className="imp-chip">
                  {t('import.cohortLabel', { year: c.year, term: t(`import.terms.${c.term}`) })} · {format(c.rows)}
                  {c.isNew && <span className="imp-chip__new">{t('import.report.cohortNew')}</span>}
                </span>
              ))}
            </div>
          </div>
        )}
      </div>
    </>
  );
}

function IssueTable({ report }: { report: ImportReport }): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const format = useNumberFormat();
  const [filter, setFilter] = useState<Filter>(report.rows.invalid > 0 ? 'error' : 'all');
  const shown = useMemo(() => report.issues.filter((i) => filter === 'all' || i.severity === filter), [report.issues, filter]);
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  const warnings = report.issues.length - errors;
  const multiSheet = report.issues.some((i) => i.sheet !== undefined);
  if (report.issuesTotal === 0) {
    // Rows that wait only for the year or term are asked above; "no problems" would contradict it.
    if (report.rows.invalid > 0) return <></>;
    return (
      <div className="banner banner--ok" role="status" data-testid="import-no-issues">
        <Icon name="check" className="banner__icon" size={20} />
        <div className="banner__body">{t('import.report.issuesNone')}</div>
      </div>
    );
  }
  const label = (i: ImportIssue) => (i.field ? fieldLabel(i.field, language) : '');
  // Whom each row names, so the list can go back to the Bureau or the county.
  const whoHeader = report.kind === 'decision' ? `${fieldLabel('serviceNo', language)} · ${fieldLabel('name', language)}` : fieldLabel('workplace', language);
  return (
    <div className="imp-issues">
      <div className="imp-issues__bar">
        <div className="imp-segments" role="radiogroup" aria-label={t('import.report.issues')}>
          {(
            [
              ['all', t('import.report.filterAll'), report.issues.length],
              ['error', t('import.report.filterErrors'), errors],
              ['warning', t('import.report.filterWarnings'), warnings],
            ] as [Filter, string, number][]
          ).map(([value, text, n]) => (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={filter === value}
              className={filter === value ? 'imp-segment imp-segment--on' : 'imp-segment'}
              onClick={() => setFilter(value)}
              data-testid={`import-filter-${value}`}
            >
              {text} <span className="imp-segment__count">{format(n)}</span>
            </button>
          ))}
        </div>
        {report.issuesTotal > report.issues.length && (
          <span className="muted">{t('import.report.issuesShown', { shown: format(report.issues.length), total: format(report.issuesTotal) })}</span>
        )}
      </div>
      <div className="imp-table-wrap imp-table-wrap--issues">
        <table className="table imp-table" data-testid="import-issues">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.report.row')}
              </th>
              {multiSheet && <th scope="col">{t('import.report.sheet')}</th>}
              <th scope="col">{whoHeader}</th>
              <th scope="col">{t('import.report.column')}</th>
              <th scope="col">{t('import.report.code')}</th>
              <th scope="col">{t('import.report.message')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i, k) => (
              <tr key={`${i.sheet ?? ''}-${i.row}-${i.code}-${k}`} className={`imp-issue imp-issue--${i.severity}`} data-testid="import-issue" data-row={i.row} data-code={i.code}>
                <td className="num">{format(i.row)}</td>
                {multiSheet && <td>{i.sheet ?? ''}</td>}
                <td className="imp-issue__who" data-testid="import-issue-who">
                  {report.kind === 'decision' ? [i.serviceNo, i.name].filter(Boolean).join(' · ') : (i.workplace ?? '')}
                </td>
                <td className="imp-issue__column">
                  {i.column && <span className="imp-cellref">{i.column}</span>} {label(i)}
                </td>
                <td>
                  <span className={`imp-badge imp-badge--${i.severity}`}>{t(`import.report.severity.${i.severity}`)}</span>
                </td>
                <td className="imp-issue__message">{issueSentence(i, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function CountyTable({ report, choices, onRecheck }: { report: ImportReport; choices: Choices; onRecheck: (next: Choices) => void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const { language } = useLedger();
  const format = useNumberFormat();
  const [units, setUnits] = useState<RegionUnit[]>([]);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const unsure = report.countyMatches.filter((m) => m.regionCode === null);
  useEffect(() => {
    if (unsure.length === 0) return;
    call('listRegions', {})
      .then((r) => setUnits(r.units))
      .catch(() => setUnits([]));
  }, [unsure.length]);
  if (report.countyMatches.length === 0) return null;
  const unusual = [...unsure, ...report.countyMatches.filter((m) => m.regionCode !== null && m.how !== 'exact' && m.how !== 'suffix')];
  // A file of a few dozen cities/counties (a request workbook) shows every match; a long list
  // keeps the plain ones as a count.
  const ordered = report.countyMatches.length <= COUNTIES_LISTED ? [...unusual, ...report.countyMatches.filter((m) => !unusual.includes(m))] : unusual;
  const exactCount = report.countyMatches.length - ordered.length;
  return (
    <div className="imp-counties" data-testid="import-counties">
      <p className="muted">{t('import.report.countiesHelp')}</p>
      <div className="imp-table-wrap imp-table-wrap--counties">
        <table className="table imp-table">
          <thead>
            <tr>
              <th scope="col">{t('import.report.countySource')}</th>
              <th scope="col">{t('import.report.countyMatched')}</th>
              <th scope="col">{t('import.report.countyHow')}</th>
              <th scope="col" className="num">
                {t('import.report.countyRows')}
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((m) => (
              <tr key={`${m.province ?? ''}-${m.source}`} data-testid="import-county" data-source={m.source}>
                <td>
                  <span className="imp-source">{m.source}</span>
                  {m.province && <span className="muted"> · {language === 'ko' ? m.province : (m.provinceFileEn ?? m.province)}</span>}
                </td>
                <td>
                  {m.regionCode !== null ? (
                    language === 'ko' ? (
                      <span>
                        {m.provinceKo} <strong>{m.nameKo}</strong>
                      </span>
                    ) : (
                      <span>
                        <strong>{m.nameEn ?? m.nameKo}</strong>
                        {m.provinceEn && <span className="muted">, {m.provinceEn}</span>}
                      </span>
                    )
                  ) : (
                    <select
                      className="input input--compact"
                      value={picked[m.source] ?? ''}
                      onChange={(e) => setPicked({ ...picked, [m.source]: e.target.value })}
                      data-testid={`import-county-choice-${m.source}`}
                    >
                      <option value="">{t('import.report.countyChoose')}</option>
                      {m.candidates.length > 0 && (
                        <optgroup label="★">
                          {m.candidates.map((c) => (
                            <option key={c.code} value={c.code}>
                              {language === 'ko' ? `${c.provinceKo} ${c.nameKo}` : `${c.nameEn ?? c.nameKo}, ${c.provinceEn ?? c.provinceKo}`}
                            </option>
                          ))}
                        </optgroup>
                      )}
                      <optgroup label="—">
                        {units.map((u) => (
                          <option key={u.code} value={u.code}>
                            {language === 'ko' ? `${u.nameKo} (${u.nameEn})` : u.nameEn}
                          </option>
                        ))}
                      </optgroup>
                    </select>
                  )}
                </td>
                <td>
                  <span className={m.regionCode === null ? 'imp-badge imp-badge--error' : 'imp-badge'}>{t(`import.report.how.${m.how}`)}</span>
                </td>
                <td className="num">{format(m.rows)}</td>
              </tr>
            ))}
            {exactCount > 0 && (
              <tr className="imp-counties__rest">
                <td colSpan={4} className="muted">
                  + {format(exactCount)} · {t('import.report.how.exact')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {unsure.length > 0 && (
        <div className="imp-actions imp-actions--left">
          <button
            type="button"
            className="button"
            disabled={Object.values(picked).every((v) => v === '')}
            onClick={() => onRecheck({ ...choices, countyChoices: { ...choices.countyChoices, ...Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== '')) } })}
            data-testid="import-county-apply"
          >
            {t('import.report.countyApply')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The rows whose service number belongs to another person in the ledger, each with both persons,
 * and the clerk's explicit choice to let this file change who those persons are.
 */
function IdentityConflicts({ report, accepted, onAccept, disabled }: { report: ImportReport; accepted: boolean; onAccept: (on: boolean) => void; disabled: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const format = useNumberFormat();
  const conflicts = report.identityConflicts;
  const total = report.issueCounts.identity_conflict ?? conflicts.length;
  return (
    <div className="imp-identity" data-testid="import-identity">
      <div className="banner banner--warn" role="alert">
        <Icon name="alert" className="banner__icon" size={20} />
        <div className="banner__body">
          <div className="banner__title">
            {t('import.commit.identityHeading')} <span className="imp-subheading__count">{format(total)}</span>
          </div>
          <div>{t('import.commit.identityHelp')}</div>
        </div>
      </div>
      <div className="imp-table-wrap imp-table-wrap--identity">
        <table className="table imp-table" data-testid="import-identity-rows">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.report.row')}
              </th>
              <th scope="col">{t('import.commit.identityServiceNo')}</th>
              <th scope="col">{t('import.commit.identityLedger')}</th>
              <th scope="col" className="imp-identity__arrow" aria-hidden="true" />
              <th scope="col">{t('import.commit.identityFile')}</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((c) => (
              <tr key={`${c.sheet ?? ''}-${c.row}`} data-testid="import-identity-row" data-row={c.row}>
                <td className="num">{format(c.row)}</td>
                <td className="mono">{c.details.value}</td>
                <td>{identityPersonText(c.details.ledgerName, c.details.ledgerSex, c.details.ledgerBirth, language)}</td>
                <td className="imp-identity__arrow" aria-hidden="true">
                  →
                </td>
                <td className="imp-identity__new">{identityPersonText(c.details.name, c.details.sex, c.details.birth, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > conflicts.length && <p className="muted">{t('import.commit.identityMore', { shown: format(conflicts.length) })}</p>}
      <label className="imp-check imp-check--danger">
        <input type="checkbox" checked={accepted} disabled={disabled} onChange={(e) => onAccept(e.target.checked)} data-testid="import-accept-identity" />
        <span>{t('import.commit.identityAccept', { count: format(conflicts.length) })}</span>
      </label>
    </div>
  );
}

/** What the file does not say (the year, the term), asked once above the report. */
function AskOnce({ report, choices, running, onRecheck }: { report: ImportReport; choices: Choices; running: boolean; onRecheck: (next: Choices) => void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const [year, setYear] = useState(choices.year !== undefined ? String(choices.year) : '');
  const [term, setTerm] = useState<Term | ''>(choices.term ?? '');
  const { needs } = report;
  if (needs.year === 0 && needs.term === 0) return null;
  const yearOk = needs.year === 0 || /^\d{4}$/.test(year.trim());
  const termOk = needs.term === 0 || term !== '';
  return (
    <form
      className="imp-ask"
      data-testid="import-ask"
      aria-labelledby="import-ask-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (!yearOk || !termOk) return;
        const next: Choices = { ...choices };
        if (needs.year > 0) next.year = Number(year.trim());
        if (needs.term > 0 && term !== '') next.term = term;
        onRecheck(next);
      }}
    >
      <h3 id="import-ask-heading" className="imp-ask__heading">
        <Icon name="alert" size={20} /> {t('import.intake.askHeading')}
      </h3>
      {needs.year > 0 && <p data-testid="import-ask-year-text">{t('import.intake.askYear', { count: format(needs.year) })}</p>}
      {needs.term > 0 && <p data-testid="import-ask-term-text">{t('import.intake.askTerm', { count: format(needs.term) })}</p>}
      <div className="imp-ask__inputs">
        {needs.year > 0 && (
          <label className="imp-ask__field">
            <span className="field__label">{t('import.layout.year')}</span>
            <input className="input" inputMode="numeric" maxLength={4} placeholder="2027" value={year} onChange={(e) => setYear(e.target.value)} data-testid="import-ask-year" />
          </label>
        )}
        {needs.term > 0 && (
          <label className="imp-ask__field">
            <span className="field__label">{t('import.layout.term')}</span>
            <select className="input" value={term} onChange={(e) => setTerm(e.target.value as Term | '')} data-testid="import-ask-term">
              <option value="">{t('import.layout.none')}</option>
              {TERMS.map((x) => (
                <option key={x} value={x}>
                  {t(`import.terms.${x}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="button button--primary" disabled={running || !yearOk || !termOk} data-testid="import-ask-apply">
          {t('import.intake.askApply')}
        </button>
      </div>
      <p className="muted imp-ask__help">{t('import.intake.askHelp')}</p>
    </form>
  );
}

/** Every sheet with the header: its city/county and rows; the clerk may leave sheets out. */
function SheetTable({ report, choices, running, onRecheck }: { report: ImportReport; choices: Choices; running: boolean; onRecheck: (next: Choices) => void }): React.JSX.Element | null {
  const { t } = useTranslation();
  const { language } = useLedger();
  const format = useNumberFormat();
  const initial = report.sheets.filter((x) => x.leftOut).map((x) => x.name);
  const [left, setLeft] = useState<string[]>(initial);
  if (report.sheets.length < 2) return null;
  const changed = left.length !== initial.length || left.some((x) => !initial.includes(x));
  const toggle = (name: string, read: boolean) => setLeft(read ? left.filter((x) => x !== name) : [...left, name]);
  return (
    <div className="imp-sheets" data-testid="import-sheets">
      <p className="muted">{t('import.intake.sheetsHelp')}</p>
      <div className="imp-table-wrap imp-table-wrap--sheets">
        <table className="table imp-table">
          <thead>
            <tr>
              <th scope="col">{t('import.intake.read')}</th>
              <th scope="col">{t('import.report.sheet')}</th>
              <th scope="col">{t('import.intake.sheetCounty')}</th>
              <th scope="col" className="num">{t('import.report.data')}</th>
              <th scope="col" className="num">{t('import.report.valid')}</th>
              <th scope="col" className="num">{t('import.report.invalid')}</th>
            </tr>
          </thead>
          <tbody>
            {report.sheets.map((x) => {
              const read = !left.includes(x.name);
              return (
                <tr key={x.name} className={x.leftOut ? 'imp-sheet--left' : undefined} data-testid="import-sheet" data-sheet={x.name}>
                  <td>
                    <input
                      type="checkbox"
                      checked={read && !x.importedBefore}
                      aria-label={x.name}
                      disabled={x.importedBefore || (read && report.sheets.length - left.length <= 1)}
                      onChange={(e) => toggle(x.name, e.target.checked)}
                    />
                  </td>
                  <td className="imp-sheet__name">{x.name}</td>
                  <td>{(language === 'ko' ? x.countyKo : x.countyEn) ?? <span className="muted">—</span>}</td>
                  {x.leftOut ? (
                    <td colSpan={3} className="muted">
                      {x.importedBefore ? t('import.intake.importedBefore') : t('import.intake.leftOut')}
                    </td>
                  ) : (
                    <>
                      <td className="num">{format(x.data)}</td>
                      <td className="num">{format(x.valid)}</td>
                      <td className={x.invalid > 0 ? 'num imp-sheet__bad' : 'num'}>{format(x.invalid)}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {changed && (
        <div className="imp-actions imp-actions--left">
          <button type="button" className="button" disabled={running} onClick={() => onRecheck({ ...choices, allSheets: true, skipSheets: left })} data-testid="import-sheets-apply">
            {t('import.intake.apply')}
          </button>
        </div>
      )}
    </div>
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
  const { language } = useLedger();
  const format = useNumberFormat();
  const [skip, setSkip] = useState(false);
  const [acceptIdentity, setAcceptIdentity] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<LedgerErrorData | null>(null);
  const report = props.report;
  // A consent is given to the persons listed: a new dry run lists them again, to be accepted again.
  useEffect(() => setAcceptIdentity(false), [report?.reportId]);
  const conflicts = report?.identityConflicts ?? [];
  // Rows of accepted identity changes are committed like valid ones.
  const accepted = acceptIdentity ? conflicts.length : 0;
  const valid = (report?.rows.valid ?? 0) + accepted;
  const invalid = (report?.rows.invalid ?? 0) - accepted;

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
        {report?.alreadyImported && (
          <>
            <div className="banner banner--warn" role="status" data-testid="import-check-already">
              <Icon name="alert" className="banner__icon" size={20} />
              <div className="banner__body">
                {t('import.intake.already', { date: formatDateDots(report.alreadyImported.importedAt.slice(0, 10)), who: report.alreadyImported.clerk ?? '—' })}
              </div>
            </div>
            <div className="imp-actions">
              <button type="button" className="button" onClick={props.onBack} disabled={props.running} data-testid="import-check-back">
                {t('import.layout.back')}
              </button>
            </div>
          </>
        )}
        {report && !report.alreadyImported && (
          <div data-testid="import-report">
            <AskOnce key={report.reportId} report={report} choices={props.choices} running={props.running} onRecheck={props.onRecheck} />
            <ReportSummary report={report} />
            {report.sheets.length > 1 && (
              <>
                <h3 className="imp-subheading">
                  {t('import.intake.sheetsHeading')} <span className="imp-subheading__count">{format(report.sheets.filter((x) => !x.leftOut).length)}</span>
                </h3>
                <SheetTable key={report.reportId} report={report} choices={props.choices} running={props.running} onRecheck={props.onRecheck} />
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
            <div className="imp-commit-box" data-testid="import-commit-box">
              <h3 className="imp-subheading imp-subheading--flush">{t('import.commit.heading')}</h3>
              <p className="muted">{t('import.commit.help')}</p>
              {conflicts.length > 0 && <IdentityConflicts report={report} accepted={acceptIdentity} onAccept={setAcceptIdentity} disabled={props.running} />}
              {invalid > 0 && valid > 0 && (
                <label className="imp-check">
                  <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} data-testid="import-skip-invalid" />
                  <span>{t('import.commit.skipInvalid', { count: format(invalid) })}</span>
                </label>
              )}
              {valid === 0 && <p className="field__error">{t('import.commit.nothing')}</p>}
              {invalid > 0 && !skip && valid > 0 && (
                <p className="imp-blocked">{conflicts.length > 0 && !acceptIdentity ? t('import.commit.identityBlocked') : t('import.commit.blocked')}</p>
              )}
              <div className="imp-actions">
                <button type="button" className="button" onClick={props.onBack} disabled={props.running} data-testid="import-check-back">
                  {t('import.layout.back')}
                </button>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={props.running || valid === 0 || (invalid > 0 && !skip)}
                  onClick={() => props.onCommit(skip && invalid > 0, acceptIdentity ? conflicts.map((c) => String(c.details.value)) : [])}
                  data-testid="import-commit"
                >
                  <Icon name="database" size={16} />
                  {invalid > 0 ? t('import.commit.buttonValid', { count: format(valid) }) : t('import.commit.button')}
                </button>
              </div>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
