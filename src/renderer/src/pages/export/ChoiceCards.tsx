// Steps 1–3 of the Export page: the term, the departments (by province, with a filter), the
// folder and the province summary.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CardHeader } from '../../components/CardHeader';
import { Icon } from '../../components/Icon';
import { useLedger, useNumberFormat } from '../../ledger-context';
import { cohortKey, type ExportChoices, type ProvinceGroup } from './useExportChoices';

export function CohortCard({ choices, busy }: { choices: ExportChoices; busy: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const cohortId = useId();
  return (
    <section className="card" aria-labelledby="export-cohort-heading">
      <CardHeader headingId="export-cohort-heading" title={`1. ${t('export.cohort.heading')}`} subtitle={t('export.cohort.help')} />
      <div className="card__body">
        <label className="field__label" htmlFor={cohortId}>
          {t('export.cohort.label')}
        </label>
        <select
          id={cohortId}
          className="input export-select"
          value={choices.cohort}
          disabled={busy || choices.cohorts === null}
          data-testid="export-cohort"
          onChange={(event) => choices.setCohort(event.target.value)}
        >
          {(choices.cohorts ?? []).map((c) => (
            <option key={cohortKey(c)} value={cohortKey(c)}>
              {t('export.cohort.option', {
                year: c.year,
                term: t(`export.workbook.terms.${c.term}`),
                persons: n(c.persons),
                departments: n(c.departments),
              })}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}

export function DepartmentsCard({ choices, busy }: { choices: ExportChoices; busy: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const filterId = useId();
  const { departments, groups, selected, toggle, visibleCodes } = choices;
  return (
    <section className="card export-departments" aria-labelledby="export-departments-heading">
      <CardHeader
        headingId="export-departments-heading"
        title={`2. ${t('export.departments.heading')}`}
        subtitle={t('export.departments.help')}
      />
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
            value={choices.filter}
            data-testid="export-filter"
            onChange={(event) => choices.setFilter(event.target.value)}
          />
          <button
            type="button"
            className="button button--small"
            disabled={busy || departments === null}
            data-testid="export-select-all"
            onClick={() => toggle(visibleCodes, true)}
          >
            {t('export.departments.selectAll')}
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={busy || departments === null}
            data-testid="export-select-none"
            onClick={() => toggle(visibleCodes, false)}
          >
            {t('export.departments.selectNone')}
          </button>
        </div>
        <p className="export-selected" role="status" data-testid="export-selected">
          {t('export.departments.selected', { count: n(selected.size), persons: n(choices.selectedPersons) })}
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
            {groups.map((group) => (
              <ProvinceFieldset key={group.code} group={group} selected={selected} toggle={toggle} busy={busy} />
            ))}
          </div>
        )}
      </div>
    </section>
  );
}

function ProvinceFieldset({
  group,
  selected,
  toggle,
  busy,
}: {
  group: ProvinceGroup;
  selected: Set<string>;
  toggle: ExportChoices['toggle'];
  busy: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const n = useNumberFormat();
  const codes = group.departments.map((d) => d.code);
  const on = codes.filter((c) => selected.has(c)).length;
  const persons = group.departments.reduce((s, d) => s + d.persons, 0);
  return (
    <fieldset className="export-province" disabled={busy}>
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
}

export function FolderCard({
  choices,
  busy,
  folderMissing,
  onBrowse,
}: {
  choices: ExportChoices;
  busy: boolean;
  /** The clerk tried to start without a folder. */
  folderMissing: boolean;
  onBrowse: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const folderId = useId();
  const summaryId = useId();
  const { preview } = choices;
  return (
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
            value={choices.folder}
            disabled={busy}
            aria-invalid={folderMissing}
            data-testid="export-folder"
            onFocus={choices.recheck}
            onChange={(event) => choices.setFolder(event.target.value)}
          />
          {choices.defaults?.canChooseFolder && (
            <button type="button" className="button" disabled={busy} data-testid="export-browse" onClick={onBrowse}>
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
          <input
            id={summaryId}
            type="checkbox"
            checked={choices.summary}
            disabled={busy}
            data-testid="export-summary"
            onChange={(event) => choices.setSummary(event.target.checked)}
          />
          <span>
            <span className="export-summary-option__title">{t('export.folder.summary')}</span>
            <span className="muted export-summary-option__help">{t('export.folder.summaryHelp')}</span>
          </span>
        </label>
      </div>
    </section>
  );
}
