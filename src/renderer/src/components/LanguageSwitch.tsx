// Two buttons, each language in its own name; the current one is pressed.
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../shared/domain';
import { useLedger } from '../ledger-context';

export function LanguageSwitch(): React.JSX.Element {
  const { t } = useTranslation();
  const { language, setLanguage } = useLedger();
  return (
    <div className="lang-switch" role="group" aria-label={t('app.languageLabel')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          className="lang-switch__button"
          aria-pressed={language === lang}
          data-testid={`lang-${lang}`}
          onClick={() => {
            if (lang !== language) setLanguage(lang).catch(() => undefined);
          }}
        >
          {t(`language.${lang}`)}
        </button>
      ))}
    </div>
  );
}
