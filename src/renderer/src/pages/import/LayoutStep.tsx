// Step 2: the layout the reader found — sheet, header row(s), which column is which field, the
// title area — for the clerk to confirm or correct. A corrected mapping is remembered in main for
// the next file with the same headers.
import { localDateTime } from '../../../../shared/grid-display';
import { useTranslation } from 'react-i18next';
import type { InspectResult, StagedImportFile } from '../../../../shared/api/import.contract';
import type { JobStatus } from '../../../../shared/api/jobs';
import { formatDateDots } from '../../../../shared/normalize';
import { Icon } from '../../components/Icon';
import type { Choices } from './choices';
import { LayoutControls, layoutChanged } from './LayoutControls';
import { LayoutDefaults } from './LayoutDefaults';
import { effectiveFields, MappingTable, missingFields, PreviewTable } from './MappingTable';
import { JobProgressBar } from './Progress';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file's name, format, encoding and size. */
function FileChip({ file, inspect }: { file: StagedImportFile; inspect: InspectResult }): React.JSX.Element {
  return (
    <div className="imp-file-chip" data-testid="import-file-chip">
      <Icon name="file" size={16} />
      <span className="imp-file-chip__name">{file.fileName}</span>
      <span className="imp-file-chip__meta">
        {inspect.format.toUpperCase()}
        {inspect.encoding ? ` · ${inspect.encoding.toUpperCase()}` : ''} · {sizeText(file.size)}
      </span>
    </div>
  );
}

/** What the title area says: the header row(s), the decision's number and date, the year and term. */
function TitleFacts({ inspect }: { inspect: InspectResult }): React.JSX.Element {
  const { t } = useTranslation();
  const title = inspect.title;
  const cohort = title.year || title.term ? `${title.year ?? ''} ${title.term ? t(`import.terms.${title.term}`) : ''}`.trim() : null;
  return (
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
  );
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
  const { inspect, choices } = props;
  const effective = effectiveFields(inspect, choices);
  const missing = missingFields(inspect, effective);
  const changed = layoutChanged(inspect, choices);
  const alreadyDate = inspect.alreadyImported ? localDateTime(inspect.alreadyImported.importedAt, { seconds: false }) : '';

  return (
    <section className="card imp-card" aria-labelledby="import-layout-heading" data-testid="import-layout-step">
      <div className="card__header imp-card__header">
        <div>
          <h2 id="import-layout-heading" className="card__title">
            {t('import.layout.heading')}
          </h2>
          <p className="card__subtitle">{t('import.layout.help')}</p>
        </div>
        <FileChip file={props.file} inspect={inspect} />
      </div>
      <div className="card__body">
        {inspect.alreadyImported && (
          <div className="banner banner--warn" role="status" data-testid="import-already">
            <Icon name="alert" className="banner__icon" size={20} />
            <div className="banner__body">
              {t('import.layout.alreadyImported', { date: alreadyDate, who: inspect.alreadyImported.clerk ?? '' })}
            </div>
          </div>
        )}
        {inspect.remembered && (
          <div className="banner banner--ok" role="status" data-testid="import-remembered">
            <Icon name="check" className="banner__icon" size={20} />
            <div className="banner__body">{t('import.layout.remembered')}</div>
          </div>
        )}

        <LayoutControls inspect={inspect} choices={choices} busy={props.busy} onChoices={props.onChoices} onReread={props.onReread} />
        {props.busy && props.status && <JobProgressBar status={props.status} onCancel={props.onCancel} testId="import-reread-progress" />}
        <TitleFacts inspect={inspect} />
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
            <div className="banner__body">
              {t('import.layout.missing', { fields: missing.map((f) => t(`import.fields.${f}`)).join(', ') })}
            </div>
          </div>
        )}
        <MappingTable inspect={inspect} choices={choices} effective={effective} onChoices={props.onChoices} />

        <LayoutDefaults title={inspect.title} choices={choices} onChoices={props.onChoices} />

        <PreviewTable inspect={inspect} effective={effective} />

        <div className="imp-actions">
          <button type="button" className="button" onClick={props.onBack} data-testid="import-back">
            {t('import.layout.back')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={missing.length > 0 || props.busy || changed}
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
