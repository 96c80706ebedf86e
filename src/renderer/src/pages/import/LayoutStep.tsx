// Step 2: the layout the reader found — sheet, header row(s), which column is which field, the
// title area — for the clerk to confirm or correct. A corrected mapping is remembered in main for
// the next file with the same headers.
import { localDateTime } from '../../../../shared/grid-display';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DECISION_FIELDS,
  REQUEST_FIELDS,
  REQUIRED_FIELDS,
  type ImportField,
  type InspectResult,
  type StagedImportFile,
} from '../../../../shared/api/import.contract';
import type { JobStatus } from '../../../../shared/api/jobs';
import type { Province } from '../../../../shared/contract';
import { TERMS } from '../../../../shared/domain';
import { formatDateDots } from '../../../../shared/normalize';
import { call } from '../../api';
import { Icon } from '../../components/Icon';
import { useLedger, useNumberFormat } from '../../ledger-context';
import type { Choices } from './choices';
import { JobProgressBar } from './Progress';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function LayoutStep(props: {
  file: StagedImportFile;
  inspect: InspectResult;
  choices: Choices;
  busy: boolean;
  status: JobStatus | null;
  onChoices: (choices: Choices) => void;
  onReread: (choices: Choices) => void;
  onBack: () => void;
  onNext: (choices: Choices) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const format = useNumberFormat();
  const { inspect, choices } = props;
  const ids = { kind: useId(), sheet: useId(), header: useId(), encoding: useId(), year: useId(), term: useId(), province: useId() };
  const [provinces, setProvinces] = useState<Province[]>([]);
  useEffect(() => {
    call('listRegions', {})
      .then((r) => setProvinces(r.provinces))
      .catch(() => setProvinces([]));
  }, []);

  const kind = inspect.kind;
  const fields: readonly ImportField[] = kind === 'decision' ? DECISION_FIELDS : REQUEST_FIELDS;
  const fieldOf = (index: number, detected: ImportField | null): ImportField | null =>
    Object.prototype.hasOwnProperty.call(choices.mapping, String(index)) ? (choices.mapping[String(index)] ?? null) : detected;
  const effective = inspect.columns.map((c) => fieldOf(c.index, c.field));
  const missing = REQUIRED_FIELDS[kind].filter((f) => !effective.includes(f) && !(f === 'county' && inspect.headerSheets.some((h) => h.countyKo !== null)));

  const setField = (index: number, field: ImportField | null) => {
    const mapping = { ...choices.mapping, [String(index)]: field };
    if (field !== null) {
      inspect.columns.forEach((c, i) => {
        if (c.index !== index && effective[i] === field) mapping[String(c.index)] = null;
      });
    }
    props.onChoices({ ...choices, mapping });
  };

  const layoutChanged =
    (choices.sheet ?? null) !== inspect.sheet ||
    (choices.headerRow ?? inspect.headerRow) !== inspect.headerRow ||
    (choices.kind !== 'auto' && choices.kind !== inspect.kind) ||
    (choices.encoding !== 'auto' && choices.encoding !== inspect.encoding);

  const sourceBadge = (source: string, changed: boolean) => {
    if (changed) return <span className="imp-badge imp-badge--clerk">{t('import.layout.sourceClerk')}</span>;
    if (source === 'remembered') return <span className="imp-badge imp-badge--remembered">{t('import.layout.sourceRemembered')}</span>;
    if (source === 'auto') return <span className="imp-badge">{t('import.layout.sourceAuto')}</span>;
    return null;
  };

  const title = inspect.title;
  const cohort = title.year || title.term ? `${title.year ?? ''} ${title.term ? t(`import.terms.${title.term}`) : ''}`.trim() : null;
  const alreadyDate = inspect.alreadyImported ? localDateTime(inspect.alreadyImported.importedAt, { seconds: false }) : '';

  const previewColumns = useMemo(() => inspect.columns.slice(0, 24), [inspect.columns]);

  return (
    <section className="card imp-card" aria-labelledby="import-layout-heading" data-testid="import-layout-step">
      <div className="card__header imp-card__header">
        <div>
          <h2 id="import-layout-heading" className="card__title">
            {t('import.layout.heading')}
          </h2>
          <p className="card__subtitle">{t('import.layout.help')}</p>
        </div>
        <div className="imp-file-chip" data-testid="import-file-chip">
          <Icon name="file" size={16} />
          <span className="imp-file-chip__name">{props.file.fileName}</span>
          <span className="imp-file-chip__meta">
            {inspect.format.toUpperCase()}
            {inspect.encoding ? ` · ${inspect.encoding.toUpperCase()}` : ''} · {sizeText(props.file.size)}
          </span>
        </div>
      </div>
      <div className="card__body">
        {inspect.alreadyImported && (
          <div className="banner banner--warn" role="status" data-testid="import-already">
            <Icon name="alert" className="banner__icon" size={20} />
            <div className="banner__body">{t('import.layout.alreadyImported', { date: alreadyDate, who: inspect.alreadyImported.clerk ?? '' })}</div>
          </div>
        )}
        {inspect.remembered && (
          <div className="banner banner--ok" role="status" data-testid="import-remembered">
            <Icon name="check" className="banner__icon" size={20} />
            <div className="banner__body">{t('import.layout.remembered')}</div>
          </div>
        )}

        <div className="imp-controls">
          <div className="imp-control">
            <label className="field__label" htmlFor={ids.kind}>
              {t('import.kinds.label')}
            </label>
            <select
              id={ids.kind}
              className="input"
              value={choices.kind === 'auto' ? inspect.kind : choices.kind}
              onChange={(e) => props.onChoices({ ...choices, kind: e.target.value as Choices['kind'], mapping: {} })}
              data-testid="import-kind"
            >
              <option value="decision">{t('import.kinds.decision')}</option>
              <option value="requests">{t('import.kinds.requests')}</option>
            </select>
          </div>
          {inspect.format === 'xlsx' && (
            <div className="imp-control imp-control--wide">
              <label className="field__label" htmlFor={ids.sheet}>
                {t('import.layout.sheet')}
              </label>
              <select
                id={ids.sheet}
                className="input"
                value={choices.sheet ?? inspect.sheet ?? ''}
                onChange={(e) => props.onChoices({ ...choices, sheet: e.target.value, headerRow: undefined, mapping: {} })}
                data-testid="import-sheet"
              >
                {inspect.sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.hidden ? t('import.layout.sheetHidden', { name: s.name }) : s.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="imp-control">
            <label className="field__label" htmlFor={ids.header}>
              {t('import.layout.headerRow')}
            </label>
            <div className="imp-stepper">
              <button
                type="button"
                className="button button--icon"
                aria-label={t('import.layout.headerUp')}
                title={t('import.layout.headerUp')}
                disabled={(choices.headerRow ?? inspect.headerRow) <= 1}
                onClick={() => props.onChoices({ ...choices, headerRow: Math.max(1, (choices.headerRow ?? inspect.headerRow) - 1), mapping: {} })}
                data-testid="import-header-up"
              >
                ▲
              </button>
              <input
                id={ids.header}
                className="input imp-stepper__input"
                type="number"
                min={1}
                value={choices.headerRow ?? inspect.headerRow}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n >= 1) props.onChoices({ ...choices, headerRow: n, mapping: {} });
                }}
                data-testid="import-header-row"
              />
              <button
                type="button"
                className="button button--icon"
                aria-label={t('import.layout.headerDown')}
                title={t('import.layout.headerDown')}
                onClick={() => props.onChoices({ ...choices, headerRow: (choices.headerRow ?? inspect.headerRow) + 1, mapping: {} })}
                data-testid="import-header-down"
              >
                ▼
              </button>
            </div>
          </div>
          {inspect.format === 'csv' && (
            <div className="imp-control">
              <label className="field__label" htmlFor={ids.encoding}>
                {t('import.layout.encoding')}
              </label>
              <select
                id={ids.encoding}
                className="input"
                value={choices.encoding === 'auto' ? (inspect.encoding === 'cp949' ? 'cp949' : 'utf8') : choices.encoding}
                onChange={(e) => props.onChoices({ ...choices, encoding: e.target.value as Choices['encoding'] })}
                data-testid="import-encoding"
              >
                <option value="utf8">UTF-8{inspect.encodingDetected === 'utf8' ? ` — ${t('import.layout.encodingDetected', { encoding: '' }).trim()}` : ''}</option>
                <option value="cp949">CP949 (EUC-KR){inspect.encodingDetected === 'cp949' ? ` — ${t('import.layout.encodingDetected', { encoding: '' }).trim()}` : ''}</option>
              </select>
            </div>
          )}
          <div className="imp-control imp-control--action">
            <button type="button" className="button" disabled={!layoutChanged || props.busy} onClick={() => props.onReread(choices)} data-testid="import-reread">
              {props.busy ? t('import.layout.rereading') : t('import.layout.reread')}
            </button>
          </div>
        </div>
        {props.busy && props.status && <JobProgressBar status={props.status} onCancel={props.onCancel} testId="import-reread-progress" />}

        <dl className="imp-facts" data-testid="import-title-facts">
          <div>
            <dt>{t('import.layout.headerRow')}</dt>
            <dd>{t('import.layout.headerRows', { rows: inspect.headerRows.join('–') })}</dd>
          </div>
          <div>
            <dt>{t('import.layout.decisionNo')}</dt>
            <dd data-testid="import-decision-no">{title.decisionNo ?? <span className="muted">{t('import.layout.notFound')}</span>}</dd>
          </div>
          <div>
            <dt>{t('import.layout.decisionDate')}</dt>
            <dd>{title.decisionDate ? formatDateDots(title.decisionDate) : <span className="muted">{t('import.layout.notFound')}</span>}</dd>
          </div>
          <div>
            <dt>{t('import.layout.yearTerm')}</dt>
            <dd>{cohort ?? <span className="muted">{t('import.layout.notFound')}</span>}</dd>
          </div>
        </dl>
        {inspect.headerSheets.length > 1 && (
          <label className="imp-note imp-all-sheets" data-testid="import-all-sheets">
            <input
              type="checkbox"
              checked={choices.allSheets !== false}
              onChange={(e) => props.onChoices({ ...choices, allSheets: e.target.checked, skipSheets: [] })}
            />{' '}
            <span>
              {t('import.intake.allSheets', { count: inspect.headerSheets.length })}: {inspect.headerSheets.map((h) => h.name).join(', ')}
            </span>
          </label>
        )}

        {missing.length > 0 && (
          <div className="banner banner--warn" role="alert" data-testid="import-missing">
            <Icon name="alert" className="banner__icon" size={20} />
            <div className="banner__body">{t('import.layout.missing', { fields: missing.map((f) => t(`import.fields.${f}`)).join(', ') })}</div>
          </div>
        )}

        <div className="imp-table-wrap">
          <table className="table imp-table imp-mapping" data-testid="import-mapping">
            <thead>
              <tr>
                <th scope="col">{t('import.layout.column')}</th>
                <th scope="col">{t('import.layout.header')}</th>
                <th scope="col">{t('import.layout.field')}</th>
                <th scope="col">{t('import.layout.samples')}</th>
              </tr>
            </thead>
            <tbody>
              {inspect.columns.map((c, i) => {
                const field = effective[i] ?? null;
                const changed = Object.prototype.hasOwnProperty.call(choices.mapping, String(c.index)) && field !== c.field;
                return (
                  <tr key={c.index} className={field === null ? 'imp-mapping__unmapped' : undefined} data-testid={`import-column-${c.letter}`}>
                    <th scope="row" className="imp-mapping__letter">
                      {c.letter}
                      {c.hidden && <span className="imp-badge imp-badge--hidden">{t('import.layout.hidden')}</span>}
                    </th>
                    <td className="imp-mapping__header">{c.header || <span className="muted">—</span>}</td>
                    <td className="imp-mapping__field">
                      <select
                        className={field === null ? 'input input--muted' : 'input'}
                        value={field ?? ''}
                        aria-label={`${c.letter} ${c.header}`}
                        onChange={(e) => setField(c.index, e.target.value === '' ? null : (e.target.value as ImportField))}
                        data-testid={`import-field-${c.letter}`}
                      >
                        <option value="">{t('import.layout.unmapped')}</option>
                        {fields.map((f) => (
                          <option key={f} value={f}>
                            {t(`import.fields.${f}`)}
                          </option>
                        ))}
                      </select>
                      {sourceBadge(c.source, changed)}
                    </td>
                    <td className="imp-mapping__samples">
                      {c.samples.map((s, k) => (
                        <span key={k} className="imp-sample">
                          {s}
                        </span>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>

        <details className="imp-details">
          <summary>{t('import.layout.defaults')}</summary>
          <p className="muted">{t('import.layout.defaultsHelp')}</p>
          <div className="imp-controls">
            <div className="imp-control">
              <label className="field__label" htmlFor={ids.year}>
                {t('import.layout.year')}
              </label>
              <input
                id={ids.year}
                className="input"
                type="number"
                min={1948}
                max={2200}
                placeholder={title.year ? String(title.year) : t('import.layout.none')}
                value={choices.year ?? ''}
                onChange={(e) => props.onChoices({ ...choices, year: e.target.value === '' ? undefined : Number(e.target.value) })}
                data-testid="import-default-year"
              />
            </div>
            <div className="imp-control">
              <label className="field__label" htmlFor={ids.term}>
                {t('import.layout.term')}
              </label>
              <select
                id={ids.term}
                className="input"
                value={choices.term ?? ''}
                onChange={(e) => props.onChoices({ ...choices, term: e.target.value === '' ? undefined : (e.target.value as Choices['term']) })}
                data-testid="import-default-term"
              >
                <option value="">{title.term ? t(`import.terms.${title.term}`) : t('import.layout.none')}</option>
                {TERMS.map((term) => (
                  <option key={term} value={term}>
                    {t(`import.terms.${term}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="imp-control imp-control--wide">
              <label className="field__label" htmlFor={ids.province}>
                {t('import.layout.province')}
              </label>
              <select
                id={ids.province}
                className="input"
                value={choices.province ?? ''}
                onChange={(e) => props.onChoices({ ...choices, province: e.target.value === '' ? undefined : e.target.value })}
                data-testid="import-default-province"
              >
                <option value="">{t('import.layout.none')}</option>
                {provinces.map((p) => (
                  <option key={p.code} value={p.code}>
                    {language === 'ko' ? p.nameKo : p.nameEn}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </details>

        {inspect.preview.length > 0 && (
          <details className="imp-details" open>
            <summary>{t('import.layout.preview')}</summary>
            <div className="imp-table-wrap imp-table-wrap--preview">
              <table className="table imp-table imp-preview" data-testid="import-preview">
                <thead>
                  <tr>
                    <th scope="col">{t('import.layout.row')}</th>
                    {previewColumns.map((c, i) => (
                      <th key={c.index} scope="col" className={effective[i] === null ? 'muted' : undefined}>
                        {effective[i] ? t(`import.fields.${effective[i]}`) : c.letter}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {inspect.preview.map((r) => (
                    <tr key={r.row}>
                      <th scope="row">{format(r.row)}</th>
                      {previewColumns.map((c, i) => (
                        <td key={c.index} className={effective[i] === null ? 'muted' : undefined}>
                          {r.cells[i] ?? ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        )}

        <div className="imp-actions">
          <button type="button" className="button" onClick={props.onBack} data-testid="import-back">
            {t('import.layout.back')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={missing.length > 0 || props.busy || layoutChanged}
            onClick={() => props.onNext(choices)}
            data-testid="import-next"
          >
            {t('import.layout.next')}
          </button>
        </div>
      </div>
    </section>
  );
}
