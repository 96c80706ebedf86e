// i18next for the renderer: resources from src/shared/i18n, Korean first, English available.
// The language is remembered twice: in the ledger's settings (the truth, follows the ledger file)
// and in localStorage (read synchronously, so the first paint is already in the right language).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/domain';
import { messages } from '../../shared/i18n';
import type { Messages } from '../../shared/i18n/ko';
import { formattedCountPlurals } from '../../shared/i18n/plural';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const STORAGE_KEY = 'ledger.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguageLocally(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage unavailable: the ledger's settings still remember it.
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'ko';
}

function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = isLanguage(language) ? language : 'ko';
  document.title = i18n.t('app.name');
}

export function initI18n(): typeof i18n {
  const initial = storedLanguage() ?? 'ko';
  i18n.on('languageChanged', applyDocumentLanguage);
  void i18n
    .use(initReactI18next)
    .use(formattedCountPlurals)
    .init({
      resources: {
        ko: { translation: messages.ko },
        en: { translation: messages.en },
      },
      lng: initial,
      fallbackLng: 'ko',
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
      postProcess: ['formattedCountPlurals'],
    });
  applyDocumentLanguage(initial);
  return i18n;
}

export { i18n };
