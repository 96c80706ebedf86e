// Step 1: choose a file — drop it, pick it with the file input (its bytes go to main in chunks),
// or, in the desktop app, the native open dialog (main reads the path itself).
import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCapabilities, StagedImportFile } from '../../../../shared/api/import.contract';
import type { JobStatus } from '../../../../shared/api/jobs';
import type { LedgerErrorData } from '../../../../shared/errors';
import { call } from '../../api';
import { Icon } from '../../components/Icon';
import { toErrorData, uploadFile } from './jobs';
import { JobProgressBar } from './Progress';

export function FileStep(props: {
  capabilities: ImportCapabilities | null;
  busy: boolean;
  status: JobStatus | null;
  onFile: (file: StagedImportFile) => void;
  onError: (error: LedgerErrorData | null) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const disabled = props.busy || uploading !== null || props.capabilities === null;

  const send = async (file: File) => {
    if (!props.capabilities) return;
    props.onError(null);
    setUploading(0);
    try {
      const staged = await uploadFile(file, props.capabilities.chunkBytes, setUploading);
      props.onFile(staged);
    } catch (error) {
      props.onError(toErrorData(error));
    } finally {
      setUploading(null);
      if (input.current) input.current.value = '';
    }
  };

  const native = async () => {
    props.onError(null);
    try {
      const { file } = await call('chooseImportFile', {});
      if (file) props.onFile(file);
    } catch (error) {
      props.onError(toErrorData(error));
    }
  };

  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) void send(file);
  };

  return (
    <section className="card imp-card" aria-labelledby="import-file-heading" data-testid="import-file-step">
      <div className="card__header">
        <h2 id="import-file-heading" className="card__title">
          {t('import.file.heading')}
        </h2>
        <p className="card__subtitle">{t('import.file.help')}</p>
      </div>
      <div className="card__body">
        <label
          htmlFor={inputId}
          className={`imp-drop${dragging ? ' imp-drop--active' : ''}${disabled ? ' imp-drop--disabled' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="import-drop"
        >
          <span className="imp-drop__icon" aria-hidden="true">
            <Icon name="import" size={28} />
          </span>
          <span className="imp-drop__text">{dragging ? t('import.file.dropActive') : t('import.file.drop')}</span>
          <span className="imp-drop__formats">{t('import.file.formats')}</span>
          <span className="button button--primary imp-drop__button">
            <Icon name="file" size={16} />
            {t('import.file.choose')}
          </span>
          <input
            id={inputId}
            ref={input}
            className="imp-drop__input"
            type="file"
            accept=".xlsx,.csv,.txt,.tsv"
            disabled={disabled}
            data-testid="import-file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void send(file);
            }}
          />
        </label>
        {props.capabilities?.nativeDialog && (
          <div className="imp-native">
            <button type="button" className="button" onClick={() => void native()} disabled={disabled} data-testid="import-choose-native">
              <Icon name="file" size={16} />
              {t('import.file.chooseNative')}
            </button>
          </div>
        )}
        {uploading !== null && (
          <div className="imp-progress" role="status" data-testid="import-uploading">
            <div className="imp-progress__line">
              <span className="spinner" aria-hidden="true" />
              <span className="imp-progress__phase">{t('import.file.uploading', { percent: Math.round(uploading * 100) })}</span>
            </div>
            <div className="imp-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(uploading * 100)}>
              <div className="imp-bar__fill" style={{ width: `${(uploading * 100).toFixed(1)}%` }} />
            </div>
          </div>
        )}
        {props.busy && props.status && <JobProgressBar status={props.status} onCancel={props.onCancel} testId="import-inspect-progress" />}
        <p className="muted imp-privacy">{t('import.file.privacy')}</p>
      </div>
    </section>
  );
}
