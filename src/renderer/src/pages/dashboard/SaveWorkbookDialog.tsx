// Where a Dashboard workbook goes: in the desktop app the save dialog (main keeps the choice and
// hands back an id), in the web host a folder and a file name typed here, made safe by main. An
// existing file is replaced only after the clerk says so.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorSentence } from '../../../../shared/i18n';
import { call, toErrorData } from '../../api';
import { Modal } from '../../grids/Modal';
import { useLedger } from '../../ledger-context';

export interface WorkbookTarget {
  chosenId?: string;
  folder?: string;
  fileName?: string;
  overwrite: boolean;
}

export function SaveWorkbookDialog({
  suggestedName,
  save,
  onClose,
  onSaved,
}: {
  suggestedName: string;
  save: (target: WorkbookTarget) => Promise<{ path: string }>;
  onClose: () => void;
  onSaved: (path: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const [desktop, setDesktop] = useState(false);
  const [folder, setFolder] = useState('');
  const [fileName, setFileName] = useState(suggestedName);
  const [error, setError] = useState<string | null>(null);
  const [exists, setExists] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('getExportDefaults', {})
      .then((d) => {
        setFolder(d.folder);
        setDesktop(d.canChooseFolder);
      })
      .catch(() => undefined);
  }, []);

  const run = async (target: WorkbookTarget) => {
    setBusy(true);
    setError(null);
    try {
      const result = await save(target);
      onSaved(result.path);
    } catch (cause) {
      const data = toErrorData(cause);
      if (data.code === 'file_exists') setExists(String(data.details?.path ?? ''));
      else setError(errorSentence(data, language));
    } finally {
      setBusy(false);
    }
  };
  const submit = async (overwrite: boolean) => {
    if (!desktop) return run({ folder, fileName, overwrite });
    const picked = await call('chooseGridExportFile', { format: 'xlsx', suggestedName: fileName }).catch((cause: unknown) => {
      setError(errorSentence(toErrorData(cause), language));
      return null;
    });
    if (picked?.chosenId) return run({ chosenId: picked.chosenId, overwrite });
  };

  return (
    <Modal
      title={t('dashboard.saveHeading')}
      onClose={onClose}
      testId="dashboard-save"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('dashboard.cancel')}
          </button>
          {exists !== null ? (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void submit(true)}
              data-testid="dashboard-save-overwrite"
            >
              {t('dashboard.overwriteYes')}
            </button>
          ) : (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void submit(false)}
              data-testid="dashboard-save-go"
            >
              {desktop ? t('dashboard.chooseFile') : t('dashboard.save')}
            </button>
          )}
        </>
      }
    >
      {!desktop && (
        <>
          <label className="field">
            <span className="field__label">{t('dashboard.folder')}</span>
            <input className="input" value={folder} onChange={(e) => setFolder(e.target.value)} data-testid="dashboard-save-folder" />
          </label>
          <label className="field">
            <span className="field__label">{t('dashboard.fileName')}</span>
            <input className="input" value={fileName} onChange={(e) => setFileName(e.target.value)} data-testid="dashboard-save-name" />
          </label>
        </>
      )}
      {exists !== null && <p className="modal__warning">{t('dashboard.overwrite', { path: exists })}</p>}
      {error !== null && (
        <p className="modal__warning" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
