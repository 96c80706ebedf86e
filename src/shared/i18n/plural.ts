// Plurals the i18next way: a sentence about a count is the key itself (the "other" form, and the
// only form Korean needs), and English adds `key_one` for a count of one ("1 row", "2 rows").
// i18next picks the form when `count` is a number; callers that pass a formatted count ("1,234")
// get it through the renderer's post-processor (src/renderer/src/i18n.ts), and main-side text
// through pluralTemplate().
import type { Language } from '../domain';

/** A table of sentences that may add `key_one` beside any sentence `key` (English tables). */
export type WithPlurals<T> = {
  [K in keyof T]: T[K] extends string ? string : WithPlurals<T[K]>;
} & { [K in keyof T as T[K] extends string ? `${K & string}_one` : never]?: string };

/** The count a sentence speaks of, also when the caller formatted it ('1', '1,234', '1 234'). */
export function countOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const digits = value.replace(/[,\s\u00a0\u202f]/g, '');
  return /^-?\d+(\.\d+)?$/.test(digits) ? Number(digits) : null;
}

const rules = new Map<string, Intl.PluralRules>();

/** The plural category of a count in a language ('one', 'other' …). */
export function pluralCategory(language: string, count: number): Intl.LDMLPluralRule {
  let r = rules.get(language);
  if (r === undefined) rules.set(language, (r = new Intl.PluralRules(language)));
  return r.select(count);
}

/** The sentence `key` of a table for this count: `key_one` where the language says "one" and the table has it. */
export function pluralTemplate<T extends object>(table: T, key: keyof T & string, count: unknown, language: Language): string {
  const n = countOf(count);
  const record = table as Record<string, unknown>;
  if (n !== null) {
    const form = record[`${key}_${pluralCategory(language, n)}`];
    if (typeof form === 'string') return form;
  }
  return String(record[key]);
}

/** What the post-processor needs of i18next's translator (kept structural: shared code imports no i18next). */
interface Translator {
  language?: string;
  exists(key: string, options: Record<string, unknown>): boolean;
  translate(key: string, options: Record<string, unknown>): unknown;
}

/**
 * An i18next post-processor: i18next picks `key_one` only when `count` is a number, and many
 * screens pass the count already formatted ('1', '1,234'); this gives those the same form.
 * Registered by the renderer (`.use(formattedCountPlurals)`, `postProcess: [its name]`).
 */
export const formattedCountPlurals = {
  type: 'postProcessor' as const,
  name: 'formattedCountPlurals',
  process(value: string, key: string | string[], options: Record<string, unknown>, translator: Translator): string {
    const count = options.count;
    if (typeof count !== 'string') return value;
    const n = countOf(count);
    const k = Array.isArray(key) ? key[0] : key;
    const lng = typeof options.lng === 'string' ? options.lng : (translator.language ?? 'ko');
    if (n === null || typeof k !== 'string') return value;
    const formKey = `${k}_${pluralCategory(lng, n)}`;
    if (!translator.exists(formKey, { lng, fallbackLng: false })) return value;
    return String(translator.translate(formKey, { ...options, postProcess: [] }));
  },
};
