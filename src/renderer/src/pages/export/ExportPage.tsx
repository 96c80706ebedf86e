// The Export page: term → departments → folder → rosters. One workbook per city/county labor
// department plus the province summary, made by a job in main (progress, Cancel); nothing is
// replaced without the clerk's yes; "Open folder" when done (or the path, where the window
// cannot open folders). What the clerk chooses lives in useExportChoices, the run in
// useExportRun; the cards only show them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { CohortCard, DepartmentsCard, FolderCard } from './ChoiceCards';
import { ExportResults } from './ExportResults';
import { RunCard } from './RunCard';
import { useExportChoices } from './useExportChoices';
import { useExportRun } from './useExportRun';
import './export.css';

export function ExportPage(): React.JSX.Element {
  const { t } = useTranslation();
  const exportRun = useExportRun();
  const { run, busy } = exportRun;
  const choices = useExportChoices(busy);
  const [folderTouched, setFolderTouched] = useState(false);
  const { selected, departments, preview } = choices;

  const begin = (): void => {
    setFolderTouched(true);
    const input = choices.selection();
    if (!input || input.folder === '' || selected.size === 0) return;
    exportRun.begin(input);
  };

  const replace = (): void => {
    const input = choices.selection();
    if (input) exportRun.start(input, true);
  };

  const browse = (): void => {
    call('chooseExportFolder', { current: choices.folder })
      .then((answer) => {
        if (answer.path) {
          choices.setFolder(answer.path);
          setFolderTouched(true);
        }
      })
      .catch(exportRun.fail);
  };

  if (choices.loadError !== null) {
    return (
      <>
        <PageHeader title={t('pages.export.title')} description={t('pages.export.description')} />
        <ErrorBanner error={choices.loadError} testId="export-load-error" />
      </>
    );
  }

  const noCohorts = choices.cohorts !== null && choices.cohorts.length === 0;
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
            <CohortCard choices={choices} busy={busy} />
            <DepartmentsCard choices={choices} busy={busy} />
          </div>
          <div className="export-layout__side">
            <FolderCard choices={choices} busy={busy} folderMissing={folderTouched && choices.folder.trim() === ''} onBrowse={browse} />
            <RunCard
              exportRun={exportRun}
              defaults={choices.defaults}
              preview={preview}
              fileCount={preview?.files.length ?? selected.size + (choices.summary ? 1 : 0)}
              persons={choices.selectedPersons}
              nothingSelected={selected.size === 0 && departments !== null}
              canStart={selected.size > 0 && choices.chosen !== null}
              onBegin={begin}
              onReplace={replace}
            />
          </div>
        </div>
      )}
      {run.kind === 'done' && <ExportResults result={run.result} />}
    </>
  );
}
