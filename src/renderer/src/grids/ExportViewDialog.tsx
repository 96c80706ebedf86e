// "Export this view": the grid's rows as filtered, sorted and ordered on screen, to xlsx or csv.
// The file is main's to decide: in the desktop app the clerk picks it in the save dialog (main
// keeps the choice and hands back an id); in the web host the clerk types a folder and a file
// name, which main makes safe and gives the format's extension. An existing file is replaced only
// after the clerk says so here (or in the save dialog).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridExportResult, GridViewInput } from '../../../shared/api/grid.contract';
import type { LedgerErrorData } from '../../../shared/errors';
import type { GridId } from '../../../shared/grids';
import { errorSentence } from '../../../shared/i18n';
import { call, toErrorData } from '../api';
import { useJob } from '../jobs/useJob';
import { useLedger } from '../ledger-context';
import { Modal } from './Modal';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function ExportViewDialog({
  grid,
  view,
  columns,
  onClose,
  onDone,
}: {
  grid: GridId;
  view: GridViewInput;
  columns: string[];
  onClose: () => void;
  onDone: (result: GridExportResult) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  /** Desktop: the save dialog chooses the file. */
  const [dialog, setDialog] = useState(false);
  const [chosen, setChosen] = useState<{ id: string; path: string } | null>(null);
  const [folder, setFolder] = useState('');
  const [fileName, setFileName] = useState('');
  const job = useJob(200);
  const [error, setError] = useState<string | null>(null);
  const [exists, setExists] = useState<string | null>(null);

  useEffect(() => {
    call('getExportDefaults', {})
      .then((d) => {
        setFolder(d.folder);
        setDialog(d.canChooseFolder);
      })
      .catch(() => undefined);
  }, []);
  const suggested = `${t(`grid.pages.${grid}.title`)}-${today()}`;
  useEffect(() => setFileName((name) => name || suggested), [suggested]);
  useEffect(() => setChosen(null), [format]);

  const fail = (data: LedgerErrorData) => {
    if (data.code === 'file_exists') setExists(String(data.details?.path ?? ''));
    else setError(errorSentence(data, language));
  };

  const choose = async () => {
    setError(null);
    try {
      const picked = await call('chooseGridExportFile', { format, suggestedName: fileName || suggested });
      if (picked.chosenId && picked.path) setChosen({ id: picked.chosenId, path: picked.path });
    } catch (e) {
      fail(toErrorData(e));
    }
  };

  const start = async (overwrite: boolean) => {
    setError(null);
    setExists(null);
    const target = dialog ? { chosenId: chosen?.id } : { folder, fileName };
    try {
      // Closing the dialog lets the file be finished, and the grid still says where it went.
      const status = await job.follow(await call('exportGridView', { grid, view, columns, format, ...target, overwrite, language }), {
        followAfterLeave: true,
      });
      if (status.state === 'done' && status.result !== null) onDone(status.result);
      else if (status.error) fail(status.error);
    } catch (e) {
      fail(toErrorData(e));
    }
  };

  const running = job.running;
  const ready = dialog ? chosen !== null : folder.trim() !== '' && fileName.trim() !== '';
  return (
    <Modal
      title={t('grid.exportView.title')}
      onClose={onClose}
      testId="export-view-dialog"
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('grid.exportView.cancel')}
          </button>
          {exists !== null ? (
            <button type="button" className="button button--danger" onClick={() => void start(true)} data-testid="export-view-overwrite">
              {t('grid.exportView.overwrite')}
            </button>
          ) : (
            <button
              type="button"
              className="button button--primary"
              disabled={running || !ready}
              onClick={() => void start(false)}
              data-testid="export-view-start"
            >
              {t('grid.exportView.start')}
            </button>
          )}
        </>
      }
    >
      <p className="muted">{t('grid.exportView.intro')}</p>
      <fieldset className="choice-list choice-list--row">
        {(['xlsx', 'csv'] as const).map((f) => (
          <label key={f} className="choice-list__item">
            <input
              type="radio"
              name="export-format"
              checked={format === f}
              onChange={() => setFormat(f)}
              data-testid={`export-view-format-${f}`}
            />
            <span>
              <strong>{t(`grid.exportView.${f}`)}</strong>
            </span>
          </label>
        ))}
      </fieldset>
      {dialog ? (
        <div className="field">
          <span className="field__label">{t('grid.exportView.path')}</span>
          <p className="mono" data-testid="export-view-chosen">
            {chosen?.path ?? t('grid.exportView.noneChosen')}
          </p>
          <button type="button" className="button" onClick={() => void choose()} data-testid="export-view-choose">
            {t('grid.exportView.choose')}
          </button>
        </div>
      ) : (
        <>
          <label className="field">
            <span className="field__label">{t('grid.exportView.folder')}</span>
            <input className="input mono" value={folder} onChange={(e) => setFolder(e.target.value)} data-testid="export-view-folder" />
          </label>
          <label className="field">
            <span className="field__label">{t('grid.exportView.fileName')}</span>
            <span className="input-with-suffix">
              <input
                className="input mono"
                value={fileName}
                onChange={(e) => setFileName(e.target.value)}
                data-testid="export-view-file-name"
              />
              <span className="mono muted">.{format}</span>
            </span>
          </label>
        </>
      )}
      {running && (
        <p role="status" data-testid="export-view-progress">
          {t('grid.exportView.progress', { count: job.status?.progress.done ?? 0 })}
        </p>
      )}
      {exists !== null && (
        <p className="modal__warning" role="alert" data-testid="export-view-exists">
          {t('grid.exportView.exists', { path: exists })}
        </p>
      )}
      {error && (
        <p className="modal__warning" role="alert" data-testid="export-view-error">
          {error}
        </p>
      )}
    </Modal>
  );
}
