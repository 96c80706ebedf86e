// Settings: the automatic backups (restore one after a confirmation) and which ledger file is
// open (open another, or start a new one: native dialogs in the app, a path field in the web host).
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry, BackupList, LedgerFileOptions } from '../../../shared/api/backup.contract';
import type { LedgerErrorData } from '../../../shared/errors';
import { localDateTime } from '../../../shared/grid-display';
import { call, toErrorData } from '../api';
import { CardHeader } from '../components/CardHeader';
import { ErrorBanner } from '../components/ErrorBanner';
import { Icon } from '../components/Icon';
import { formatBytes } from '../format-bytes';
import { Modal } from '../grids/Modal';
import { useLedger, useNumberFormat } from '../ledger-context';

const madeAt = (b: BackupEntry) => localDateTime(b.madeAt, { seconds: false });

export function Done({ text, testId }: { text: string; testId: string }): React.JSX.Element {
  return (
    <div className="banner banner--ok" role="status" data-testid={testId}>
      <Icon name="check" className="banner__icon" size={20} />
      <div className="banner__body">{text}</div>
    </div>
  );
}

export function BackupsSection({
  version,
  onChanged,
  canRestore = true,
}: {
  version: number;
  onChanged: () => void;
  /** False while working on the office hub: a restore is done at the hub PC itself. */
  canRestore?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { language } = useLedger();
  const n = useNumberFormat();
  const [list, setList] = useState<BackupList | null>(null);
  const [loadError, setLoadError] = useState<LedgerErrorData | null>(null);
  const [confirm, setConfirm] = useState<BackupEntry | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<LedgerErrorData | null>(null);
  // Kept as data, so the sentence follows the language.
  const [done, setDone] = useState<{ backup: BackupEntry; persons: number } | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    call('listBackups', {})
      .then(setList)
      .catch((error: unknown) => setLoadError(toErrorData(error)));
  }, []);
  useEffect(load, [load, version]);

  const persons = (b: BackupEntry) => (b.persons === null ? t('backup.unreadable') : t('backup.persons', { formatted: n(b.persons) }));
  const restore = (b: BackupEntry) => {
    setConfirm(null);
    setRestoring(true);
    setRestoreError(null);
    setDone(null);
    call('restoreBackup', { name: b.name })
      .then((result) => {
        setDone({ backup: b, persons: result.persons });
        onChanged();
      })
      .catch((error: unknown) => setRestoreError(toErrorData(error)))
      .finally(() => {
        setRestoring(false);
        load();
      });
  };

  return (
    <section className="card settings-section settings-section--backups" aria-labelledby="settings-backups-heading">
      <CardHeader headingId="settings-backups-heading" title={t('backup.heading')} subtitle={t('backup.help')} />
      <div className="card__body">
        {list !== null && (
          <dl className="facts facts--inline">
            <div>
              <dt>{t('backup.folder')}</dt>
              <dd className="mono break" data-testid="backups-folder">
                {list.folder}
              </dd>
            </div>
          </dl>
        )}
        {loadError !== null && <ErrorBanner error={loadError} testId="backups-load-error" onRetry={load} />}
        {restoreError !== null && <ErrorBanner error={restoreError} testId="backups-restore-error" />}
        {done !== null && (
          <Done
            text={t('backup.restored', { madeAt: madeAt(done.backup), persons: t('backup.persons', { formatted: n(done.persons) }) })}
            testId="backups-restored"
          />
        )}
        {list === null && loadError === null && <p className="muted">{t('backup.loading')}</p>}
        {list !== null && list.backups.length === 0 && (
          <p className="muted" data-testid="backups-empty">
            {t('backup.empty')}
          </p>
        )}
        {list !== null && list.backups.length > 0 && (
          <div className="table-scroll">
            <table className="table backups-table" data-testid="backups-table">
              <thead>
                <tr>
                  <th scope="col">{t('backup.columns.madeAt')}</th>
                  <th scope="col">{t('backup.columns.reason')}</th>
                  <th scope="col" className="num">
                    {t('backup.columns.size')}
                  </th>
                  <th scope="col" className="num">
                    {t('backup.columns.persons')}
                  </th>
                  {canRestore && (
                    <th scope="col">
                      <span className="visually-hidden">{t('backup.restore')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.backups.map((b) => (
                  <tr key={b.name} data-testid="backup-row" data-name={b.name}>
                    <th scope="row" data-testid="backup-made-at">
                      {madeAt(b)}
                    </th>
                    <td data-testid="backup-reason">{t(`backup.reason.${b.reason}`)}</td>
                    <td className="num">{formatBytes(b.bytes, language)}</td>
                    <td className="num" data-testid="backup-persons">
                      {b.persons === null ? t('backup.unreadable') : n(b.persons)}
                    </td>
                    {canRestore && (
                      <td className="backups-table__action">
                        <button
                          type="button"
                          className="button button--small"
                          disabled={restoring || b.persons === null}
                          onClick={() => setConfirm(b)}
                          data-testid="backup-restore"
                        >
                          {restoring ? t('backup.restoring') : t('backup.restore')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {confirm !== null && (
        <Modal
          title={t('backup.confirm.title')}
          onClose={() => setConfirm(null)}
          testId="restore-dialog"
          footer={
            <>
              <button type="button" className="button button--ghost" onClick={() => setConfirm(null)} data-testid="restore-cancel">
                {t('backup.confirm.cancel')}
              </button>
              <button type="button" className="button button--primary" onClick={() => restore(confirm)} data-testid="restore-confirm">
                {t('backup.confirm.ok')}
              </button>
            </>
          }
        >
          <p data-testid="restore-what">
            {t('backup.confirm.body', { madeAt: madeAt(confirm), reason: t(`backup.reason.${confirm.reason}`), persons: persons(confirm) })}
          </p>
          <p data-testid="restore-keep">
            <strong>{t('backup.confirm.keep')}</strong>
          </p>
          <p className="muted">{t('backup.confirm.after')}</p>
        </Modal>
      )}
    </section>
  );
}

export function LedgerFileControls({ onChanged }: { onChanged: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const inputId = useId();
  const helpId = useId();
  const [options, setOptions] = useState<LedgerFileOptions | null>(null);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LedgerErrorData | null>(null);
  const [done, setDone] = useState<{ path: string; created: boolean } | null>(null);

  useEffect(() => {
    call('getLedgerFileOptions', {})
      .then(setOptions)
      .catch((e: unknown) => setError(toErrorData(e)));
  }, []);

  const open = async (target: string, create: boolean) => {
    const opened = await call('openLedgerFile', { path: target, create });
    setDone({ path: opened.ledgerPath, created: opened.created });
    onChanged();
  };
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    work()
      .catch((e: unknown) => setError(toErrorData(e)))
      .finally(() => setBusy(false));
  };
  const choose = (mode: 'open' | 'new') =>
    run(async () => {
      const chosen = await call('chooseLedgerFile', { mode });
      if (chosen.path !== null) await open(chosen.path, mode === 'new');
    });
  const onSubmit = (event: FormEvent<HTMLFormElement>, create: boolean) => {
    event.preventDefault();
    run(() => open(path.trim(), create));
  };

  return (
    <div className="ledger-file" data-testid="ledger-file">
      <h3 className="ledger-file__heading">{t('backup.ledger.heading')}</h3>
      <p className="muted">{t('backup.ledger.help')}</p>
      {options?.canChoose === true && (
        <div className="button-row">
          <button type="button" className="button" disabled={busy} onClick={() => choose('open')} data-testid="ledger-open">
            {t('backup.ledger.open')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => choose('new')} data-testid="ledger-new">
            {t('backup.ledger.create')}
          </button>
        </div>
      )}
      {options?.canChoose === false && (
        <form className="form-row" onSubmit={(e) => onSubmit(e, false)} noValidate>
          <div className="field">
            <label className="field__label" htmlFor={inputId}>
              {t('backup.ledger.pathLabel')}
            </label>
            <input
              id={inputId}
              className="input mono"
              type="text"
              value={path}
              spellCheck={false}
              aria-describedby={helpId}
              onChange={(e) => setPath(e.target.value)}
              data-testid="ledger-path-input"
            />
          </div>
          <button type="submit" className="button" disabled={busy || path.trim() === ''} data-testid="ledger-path-open">
            {t('backup.ledger.openPath')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || path.trim() === ''}
            onClick={() => run(() => open(path.trim(), true))}
            data-testid="ledger-path-create"
          >
            {t('backup.ledger.createPath')}
          </button>
        </form>
      )}
      {options?.canChoose === false && (
        <p className="muted field__help" id={helpId}>
          {t('backup.ledger.pathHelp')}
        </p>
      )}
      {error !== null && <ErrorBanner error={error} testId="ledger-file-error" />}
      {done !== null && (
        <Done text={t(done.created ? 'backup.ledger.created' : 'backup.ledger.opened', { path: done.path })} testId="ledger-file-done" />
      )}
    </div>
  );
}
