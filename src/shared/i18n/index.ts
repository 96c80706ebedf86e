import type { Language } from '../domain';
import type { LedgerErrorData } from '../errors';
import en from './en';
import ko, { type Messages } from './ko';

export const messages: Record<Language, Messages> = { ko, en };

/** Fills `{{name}}` placeholders. */
export function interpolate(template: string, values: Record<string, unknown> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) =>
    values[key] === undefined || values[key] === null ? '' : String(values[key]),
  );
}

function lookup<T extends Record<string, string>>(table: T, key: unknown): string | undefined {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key) ? table[key as keyof T] : undefined;
}

/**
 * The clerk's sentence for a rejected input: from the structured details (`field`, `rule`,
 * `limit`) that main puts on every invalid_input error, never from the validator's own English.
 */
function validationDetail(details: LedgerErrorData['details'], language: Language): string {
  const m = messages[language];
  const field = lookup(m.fields, details?.field) ?? lookup(m.grid.columns, details?.field) ?? String(details?.field ?? m.fields.input);
  const template = lookup(m.validation, details?.rule) ?? m.validation.other;
  return interpolate(template, { field, limit: details?.limit });
}

/** The sentence for one refused cell (grids, pastes): `«Name» …`. */
export function cellSentence(problem: { colId: string; rule: string; limit?: number | null }, language: Language): string {
  return validationDetail({ field: problem.colId, rule: problem.rule, limit: problem.limit ?? null }, language);
}

/** A refused allocation setting in words: its name and its allowed range. */
function settingWords(details: LedgerErrorData['details'], language: Language): { settingName: string; range: string } {
  const m = messages[language].allocation;
  const settingName = lookup(m.settings, details?.setting) ?? m.settings.skillPoints;
  const numeric = typeof details?.min === 'number' && typeof details?.max === 'number';
  return { settingName, range: numeric ? interpolate(m.range, { min: details?.min, max: details?.max }) : m.rangeOther };
}

/** Which of the long-write sentences names a long write ('import-commit', 'undo' …). */
function longWriteKind(what: unknown): keyof Messages['hub']['longWrite'] {
  switch (what) {
    case 'import-commit':
      return 'import';
    case 'import-undo':
      return 'importUndo';
    case 'allocate':
      return 'allocate';
    case 'undo':
    case 'redo':
      return 'replay';
    case 'restore':
      return 'restore';
    default:
      return 'other';
  }
}

/** A role and a reason of the hub's refusals in words (details carry their codes). */
function hubWords(details: LedgerErrorData['details'], language: Language): { role?: string; reason?: string } {
  const m = messages[language].hub;
  return {
    ...(details?.role === undefined ? {} : { role: lookup(m.roles, details.role) ?? String(details.role) }),
    ...(details?.reason === undefined
      ? {}
      : { reason: interpolate(lookup(m.sharingReasons, details.reason) ?? m.sharingReasons.other, details) }),
  };
}

/** The sentence a clerk reads for an error, in their language. */
export function errorSentence(error: LedgerErrorData, language: Language): string {
  const hub = messages[language].hub;
  const clerk = error.details?.clerk;
  // A colleague's long write (on a hub): who runs it and what; one's own: the general sentence.
  if (error.code === 'long_write_running' && typeof clerk === 'string' && clerk !== '')
    return interpolate(hub.longWrite[longWriteKind(error.details?.what)], { clerk });
  if (error.code === 'row_changed' || error.code === 'undo_colleague_later') {
    const who = { clerk: clerk || hub.someone, at: error.details?.at || hub.recently };
    return interpolate(messages[language].errors[error.code], { ...error.details, ...who });
  }
  const template = messages[language].errors[error.code];
  if (template === undefined) return error.message;
  const details =
    error.code === 'invalid_input' || error.code === 'cell_invalid'
      ? { ...error.details, detail: validationDetail(error.details, language) }
      : error.code === 'allocation_setting_out_of_range'
        ? { ...error.details, ...settingWords(error.details, language) }
        : error.code === 'role_forbidden' || error.code === 'hub_sharing_failed'
          ? { ...error.details, ...hubWords(error.details, language) }
          : error.code === 'hub_unreachable'
            ? {
                ...error.details,
                reason: lookup(messages[language].hub.unreachableReasons, error.details?.reason) ?? error.details?.reason,
              }
            : error.details;
  return interpolate(template, details ?? {});
}
