import type { Language } from '../../shared/domain';

/** The language of command-line messages: LEDGER_LANG, else Korean when the locale is Korean. */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const explicit = env.LEDGER_LANG?.toLowerCase();
  if (explicit === 'ko' || explicit === 'en') return explicit;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
