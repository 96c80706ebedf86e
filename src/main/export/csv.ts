// CSV that Excel opens with Hangul intact (UTF-8 with BOM, CRLF) and that never turns data into
// a formula: a field beginning with = + - @, tab, CR or LF (or their full-width forms) is
// prefixed with an apostrophe and quoted (OWASP "CSV injection"); quotes are doubled.
import { inertText, looksLikeFormula } from '../../shared/formula-guard';

export const UTF8_BOM = '\uFEFF';

/** One CSV field from text. */
export function csvText(text: string): string {
  if (looksLikeFormula(text)) return `"${inertText(text).replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly string[]): string {
  return fields.join(',') + '\r\n';
}
