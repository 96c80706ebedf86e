// On a ledger where no clerk has given a name yet, the app asks for it before the first change:
// every change is recorded with who made it, and the operating system's user name says nothing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorSentence } from '../../../shared/i18n';
import { call, toErrorData } from '../api';
import { Modal } from '../grids/Modal';
import { useLedger } from '../ledger-context';

export function FirstStartDialog(): React.JSX.Element | null {
  const { t } = useTranslation();
  const { language, refreshInfo } = useLedger();
  const [asking, setAsking] = useState(false);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('getSettings', {}).then(
      (settings) => live && setAsking(!settings.clerkNameSet),
      () => undefined, // an unreachable ledger is the shell's banner to say
    );
    return () => {
      live = false;
    };
  }, []);
  if (!asking) return null;
  const save = async () => {
    setSaving(true);
    try {
      await call('updateSettings', { clerkName: name.trim() });
      setAsking(false);
      refreshInfo();
    } catch (cause) {
      setError(errorSentence(toErrorData(cause), language));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      title={t('firstStart.title')}
      // The name is asked before the first change: the dialog has no way around it.
      onClose={() => undefined}
      testId="first-start"
      footer={
        <button
          type="submit"
          form="first-start-form"
          className="button button--primary"
          disabled={saving || name.trim() === ''}
          data-testid="first-start-save"
        >
          {t('firstStart.save')}
        </button>
      }
    >
      <p>{t('firstStart.intro')}</p>
      <form
        id="first-start-form"
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() !== '') void save();
        }}
      >
        <label className="field__label" htmlFor="first-start-name">
          {t('firstStart.label')}
        </label>
        <input
          id="first-start-name"
          className="input"
          maxLength={60}
          placeholder={t('firstStart.placeholder')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="first-start-name"
        />
      </form>
      {error && (
        <p className="modal__warning" role="alert">
          {error}
        </p>
      )}
      <p className="muted">{t('firstStart.help')}</p>
    </Modal>
  );
}
