// "Export this view": the grid's rows as filtered, sorted and ordered on screen, to xlsx or csv.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridExportResult, GridViewInput } from '../../../shared/api/grid.contract';
import type { JobStatus } from '../../../shared/contract';
import type { GridId } from '../../../shared/grids';
import { errorSentence } from '../../../shared/i18n';
import { call, toErrorData } from '../api';
import { useLedger } from '../ledger-context';
import { Modal } from './Modal';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const join = (folder: string, name: string) => (folder.includes('\\') ? `${folder.replace(/\\+$/, '')}\\${name}` : `${folder.replace(/\/+$/, '')}/${name}`);

export function ExportViewDialog({ grid, view, columns, onClose, onDone }: { grid: GridId; view: GridViewInput; columns: string[]; onClose: () => void; onDone: (result: GridExportResult) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [folder, setFolder] = useState('');
  const [path, setPath] = useState('');
  const [edited, setEdited] = useState(false);
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [askOverwrite, setAskOverwrite] = useState(false);

  useEffect(() => {
    call('getExportDefaults', {})
      .then((d) => setFolder(d.folder))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!edited && folder) setPath(join(folder, `${t(`grid.pages.${grid}.title`)}-${today()}.${format}`));
  }, [folder, format, grid, edited, t]);

  const start = async (overwrite: boolean) => {
    setError(null);
    setAskOverwrite(false);
    try {
      let status = await call('exportGridView', { grid, view, columns, format, path, overwrite, language });
      setJob(status);
      while (status.state === 'running') {
        await new Promise((r) => setTimeout(r, 200));
        status = await call('getJob', { jobId: status.id });
        setJob(status);
      }
      if (status.state === 'done') onDone(status.result as GridExportResult);
      else if (status.error?.code === 'file_exists') setAskOverwrite(true);
      else if (status.error) setError(errorSentence(status.error, language));
    } catch (e) {
      const data = toErrorData(e);
      if (data.code === 'file_exists') setAskOverwrite(true);
      else setError(errorSentence(data, language));
    }
  };

  const running = job?.state === 'running';
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
          {askOverwrite ? (
            <button type="button" className="button button--danger" onClick={() => void start(true)} data-testid="export-view-overwrite">
              {t('grid.exportView.overwrite')}
            </button>
          ) : (
            <button type="button" className="button button--primary" disabled={running || path.trim() === ''} onClick={() => void start(false)} data-testid="export-view-start">
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
            <input type="radio" name="export-format" checked={format === f} onChange={() => setFormat(f)} data-testid={`export-view-format-${f}`} />
            <span>
              <strong>{t(`grid.exportView.${f}`)}</strong>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">{t('grid.exportView.path')}</span>
        <input
          className="input mono"
          value={path}
          onChange={(e) => {
            setEdited(true);
            setPath(e.target.value);
          }}
          data-testid="export-view-path"
        />
      </label>
      {running && (
        <p role="status" data-testid="export-view-progress">
          {t('grid.exportView.progress', { count: job?.progress.done ?? 0 })}
        </p>
      )}
      {askOverwrite && (
        <p className="modal__warning" role="alert" data-testid="export-view-exists">
          {t('grid.exportView.exists', { path })}
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
