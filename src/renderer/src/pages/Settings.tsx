// Language, clerk name, the ledger file and its check.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckReport, Settings as LedgerSettings } from '../../../shared/contract';
import { LANGUAGES } from '../../../shared/domain';
import type { LedgerErrorData } from '../../../shared/errors';
import { errorSentence } from '../../../shared/i18n';
import { call, toErrorData } from '../api';
import { CardHeader } from '../components/CardHeader';
import { ErrorBanner } from '../components/ErrorBanner';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { useHub } from '../hub-context';
import { useLedger } from '../ledger-context';
import { RegionsReference } from './RegionsReference';
import { BackupsSection, LedgerFileControls } from './SettingsBackups';
import { NetworkSection } from './SettingsNetwork';

function LanguageSection(): React.JSX.Element {
  const { t } = useTranslation();
  const { language, setLanguage, languageError } = useLedger();
  return (
    <section className="card settings-section settings-section--language" aria-labelledby="settings-language-heading">
      <CardHeader headingId="settings-language-heading" title={t('settings.languageHeading')} subtitle={t('settings.languageHelp')} />
      <div className="card__body">
        <div className="choice-group" role="radiogroup" aria-labelledby="settings-language-heading">
          {LANGUAGES.map((lang) => (
            <label key={lang} className="choice" lang={lang}>
              <input
                type="radio"
                name="language"
                value={lang}
                checked={language === lang}
                data-testid={`settings-language-${lang}`}
                onChange={() => {
                  setLanguage(lang).catch(() => undefined);
                }}
              />
              <span>{t(`language.${lang}`)}</span>
            </label>
          ))}
        </div>
        {languageError !== null && <ErrorBanner error={languageError} testId="settings-language-error" />}
      </div>
    </section>
  );
}

function ClerkSection(): React.JSX.Element {
  const { t } = useTranslation();
  const { language, refreshInfo } = useLedger();
  const inputId = useId();
  const helpId = useId();
  const errorId = useId();
  const [settings, setSettings] = useState<LedgerSettings | null>(null);
  const [draft, setDraft] = useState('');
  const [loadError, setLoadError] = useState<LedgerErrorData | null>(null);
  const [saveError, setSaveError] = useState<LedgerErrorData | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let cancelled = false;
    call('getSettings', {})
      .then((value) => {
        if (cancelled) return;
        setSettings(value);
        setDraft(value.clerkName);
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoadError(toErrorData(error));
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setSaving(true);
    setSaved(false);
    setSaveError(null);
    // The ledger validates (shared schema: trimmed, 1–60 characters) and answers with a sentence code.
    call('updateSettings', { clerkName: draft })
      .then((value) => {
        setSettings(value);
        setDraft(value.clerkName);
        setSaved(true);
        refreshInfo();
      })
      .catch((error: unknown) => setSaveError(toErrorData(error)))
      .finally(() => setSaving(false));
  };

  const current = settings === null ? null : settings.clerkName.trim() === '' ? t('settings.clerkNone') : settings.clerkName;
  // On an office hub the clerk is the signed-in account: its name is not changed here.
  const connected = useHub().status?.mode === 'connected';
  return (
    <section className="card settings-section settings-section--clerk" aria-labelledby="settings-clerk-heading">
      <CardHeader
        headingId="settings-clerk-heading"
        title={t('settings.clerkHeading')}
        subtitle={t('settings.clerkHelp')}
        subtitleId={helpId}
      />
      <div className="card__body">
        {loadError !== null ? (
          <ErrorBanner error={loadError} testId="settings-load-error" />
        ) : (
          <>
            <dl className="facts facts--inline">
              <div>
                <dt>{t('settings.clerkCurrent')}</dt>
                <dd data-testid="settings-clerk-current">{current ?? t('common.loading')}</dd>
              </div>
            </dl>
            {connected ? (
              <p className="muted" data-testid="settings-clerk-account">
                {t('hub.clerkIsAccount')}
              </p>
            ) : (
              <form className="form-row" onSubmit={onSubmit} noValidate>
                <div className="field">
                  <label className="field__label" htmlFor={inputId}>
                    {t('settings.clerkLabel')}
                  </label>
                  <input
                    id={inputId}
                    className={saveError === null ? 'input' : 'input input--invalid'}
                    type="text"
                    autoComplete="name"
                    maxLength={60}
                    value={draft}
                    disabled={settings === null}
                    aria-invalid={saveError !== null}
                    aria-describedby={saveError === null ? helpId : `${errorId} ${helpId}`}
                    data-testid="settings-clerk-input"
                    onChange={(event) => {
                      setDraft(event.target.value);
                      setSaved(false);
                    }}
                  />
                </div>
                <button
                  type="submit"
                  className="button button--primary"
                  disabled={saving || settings === null}
                  data-testid="settings-clerk-save"
                >
                  {saving ? t('settings.saving') : t('settings.save')}
                </button>
              </form>
            )}
            {saveError !== null && (
              <p className="field__error" id={errorId} role="alert" data-testid="settings-clerk-error">
                <Icon name="alert" size={16} />
                <span>{errorSentence(saveError, language)}</span>
              </p>
            )}
            {saved && (
              <p className="field__success" role="status" data-testid="settings-clerk-saved">
                <Icon name="check" size={16} />
                <span>{t('settings.saved')}</span>
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function LedgerSection({ onChanged }: { onChanged: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const connected = useHub().status?.mode === 'connected';
  const { info, refreshInfo } = useLedger();
  const [checking, setChecking] = useState(false);
  const [report, setReport] = useState<CheckReport | null>(null);
  const [checkError, setCheckError] = useState<LedgerErrorData | null>(null);

  const runCheck = (): void => {
    setChecking(true);
    setReport(null);
    setCheckError(null);
    call('checkLedger', {})
      .then(setReport)
      .catch((error: unknown) => setCheckError(toErrorData(error)))
      .finally(() => {
        setChecking(false);
        refreshInfo();
      });
  };

  return (
    <section className="card settings-section settings-section--ledger" aria-labelledby="settings-ledger-heading">
      <CardHeader headingId="settings-ledger-heading" title={t('settings.ledgerHeading')} />
      <div className="card__body">
        <dl className="facts">
          <div>
            <dt>{t('settings.ledgerPath')}</dt>
            <dd className="mono break" data-testid="settings-ledger-path">
              {info?.ledgerPath ?? t('common.loading')}
            </dd>
          </div>
          <div>
            <dt>{t('settings.migrationLevel')}</dt>
            <dd data-testid="settings-migration-level">{info?.migrationLevel ?? '…'}</dd>
          </div>
          <div>
            <dt>{t('settings.appVersion')}</dt>
            <dd data-testid="settings-app-version">{info?.appVersion ?? '…'}</dd>
          </div>
        </dl>
        {/* Working on the office hub, the ledger file is the hub PC's to switch (docs/hub.md, hubPc calls). */}
        {!connected && <LedgerFileControls onChanged={onChanged} />}
        <div className="check-row">
          <button type="button" className="button" onClick={runCheck} disabled={checking} data-testid="settings-check">
            <Icon name="check" size={16} />
            <span>{checking ? t('settings.checking') : t('settings.check')}</span>
          </button>
        </div>
        <p className="muted check-help">{t('settings.checkHelp')}</p>
        {checkError !== null && <ErrorBanner error={checkError} testId="settings-check-error" />}
        {report !== null &&
          (report.ok && report.problems.length === 0 ? (
            <div className="banner banner--ok" role="status" data-testid="settings-check-result" data-ok="true">
              <Icon name="check" className="banner__icon" size={20} />
              <div className="banner__body">{t('settings.checkOk')}</div>
            </div>
          ) : (
            <div className="banner banner--warn" role="alert" data-testid="settings-check-result" data-ok="false">
              <Icon name="alert" className="banner__icon" size={20} />
              <div className="banner__body">
                <div className="banner__title">{t('settings.checkProblems', { count: report.problems.length })}</div>
                <ul className="problem-list">
                  {report.problems.map((problem, index) => (
                    <li key={`${problem.code}-${index}`}>
                      <code>{problem.code}</code> {problem.message}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ))}
      </div>
    </section>
  );
}

export function Settings(): React.JSX.Element {
  const { t } = useTranslation();
  const { refreshInfo } = useLedger();
  const connected = useHub().status?.mode === 'connected';
  // A restore or another ledger file: everything shown here is asked for again.
  const [version, setVersion] = useState(0);
  const changed = (): void => {
    refreshInfo();
    setVersion((v) => v + 1);
  };
  return (
    <>
      <PageHeader title={t('pages.settings.title')} description={t('pages.settings.description')} />
      <div className="settings-grid">
        <LanguageSection />
        <ClerkSection key={`clerk-${version}`} />
        <LedgerSection onChanged={changed} />
        <NetworkSection />
        <BackupsSection version={version} onChanged={changed} canRestore={!connected} />
      </div>
      <RegionsReference />
    </>
  );
}
