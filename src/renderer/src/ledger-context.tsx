// What every part of the shell shares: the ledger's info (status bar, dashboard, settings), the
// display language and how to change it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerInfo } from '../../shared/contract';
import type { Language } from '../../shared/domain';
import type { LedgerErrorData } from '../../shared/errors';
import { call, toErrorData } from './api';
import { currentLanguage, i18n, isLanguage, rememberLanguageLocally } from './i18n';

interface LedgerState {
  info: LedgerInfo | null;
  infoError: LedgerErrorData | null;
  infoLoading: boolean;
  refreshInfo: () => void;
  language: Language;
  /** Switches the display language and remembers it; rejects with error data if not saved. */
  setLanguage: (language: Language) => Promise<void>;
  /** The last failure to remember the language, shown in a banner. */
  languageError: LedgerErrorData | null;
}

const LedgerContext = createContext<LedgerState | null>(null);

export function LedgerProvider({ children }: { children: ReactNode }): React.JSX.Element {
  const { i18n: i18nInstance } = useTranslation();
  const [info, setInfo] = useState<LedgerInfo | null>(null);
  const [infoError, setInfoError] = useState<LedgerErrorData | null>(null);
  const [infoLoading, setInfoLoading] = useState(true);
  const [languageError, setLanguageError] = useState<LedgerErrorData | null>(null);
  const requestSeq = useRef(0);
  // Set once the clerk picks a language here, so a late getSettings answer cannot undo it.
  const userChoseLanguage = useRef(false);
  // useTranslation re-renders this provider whenever the language changes.
  const language: Language = isLanguage(i18nInstance.resolvedLanguage) ? i18nInstance.resolvedLanguage : 'ko';

  const refreshInfo = useCallback(() => {
    const seq = ++requestSeq.current;
    setInfoLoading(true);
    call('getInfo', {})
      .then((value) => {
        if (seq !== requestSeq.current) return;
        setInfo(value);
        setInfoError(null);
      })
      .catch((error: unknown) => {
        if (seq !== requestSeq.current) return;
        setInfoError(toErrorData(error));
      })
      .finally(() => {
        if (seq === requestSeq.current) setInfoLoading(false);
      });
  }, []);

  // At start the ledger's stored choice wins over the local copy used for the first paint.
  useEffect(() => {
    let cancelled = false;
    call('getSettings', {})
      .then((settings) => {
        if (cancelled || userChoseLanguage.current || settings.language === null) return;
        rememberLanguageLocally(settings.language);
        if (settings.language !== currentLanguage()) void i18n.changeLanguage(settings.language);
      })
      .catch(() => {
        // getInfo reports an unreachable ledger in the banner; the local choice stays.
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const setLanguage = useCallback(async (next: Language) => {
    userChoseLanguage.current = true;
    rememberLanguageLocally(next);
    await i18n.changeLanguage(next);
    try {
      await call('updateSettings', { language: next });
      setLanguageError(null);
    } catch (error) {
      const data = toErrorData(error);
      setLanguageError(data);
      throw data;
    }
  }, []);

  const value = useMemo<LedgerState>(
    () => ({ info, infoError, infoLoading, refreshInfo, language, setLanguage, languageError }),
    [info, infoError, infoLoading, refreshInfo, language, setLanguage, languageError],
  );
  return <LedgerContext.Provider value={value}>{children}</LedgerContext.Provider>;
}

export function useLedger(): LedgerState {
  const state = useContext(LedgerContext);
  if (state === null) throw new Error('useLedger outside LedgerProvider');
  return state;
}

/** Formats a count with the display language's thousands separators. */
export function useNumberFormat(): (n: number) => string {
  const { language } = useLedger();
  return useMemo(() => {
    const format = new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en');
    return (n: number) => format.format(n);
  }, [language]);
}
