import type { z } from 'zod';
import type { LedgerErrorData } from './errors';

export type ValidationRule =
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'too_small'
  | 'too_big'
  | 'invalid_value'
  | 'invalid_type'
  | 'invalid_format'
  | 'unknown_field'
  | 'other';

/**
 * Turns a schema failure into the structured details of an invalid_input error: which field,
 * which rule, which limit — what the UI needs to say it in the clerk's language — plus the
 * validator's own text as `reason` for developers.
 */
export function invalidInputError(error: z.ZodError, call?: string): LedgerErrorData {
  const reason = error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
  const issue = error.issues[0];
  let rule: ValidationRule = 'other';
  let field = issue ? issue.path.map(String).join('.') : '';
  let limit: number | null = null;
  if (issue) {
    const origin = (issue as { origin?: string }).origin;
    switch (issue.code) {
      case 'too_small': {
        limit = Number((issue as { minimum?: number | bigint }).minimum);
        if (origin === 'string') rule = limit <= 1 ? 'required' : 'too_short';
        else rule = 'too_small';
        break;
      }
      case 'too_big':
        limit = Number((issue as { maximum?: number | bigint }).maximum);
        rule = origin === 'string' ? 'too_long' : 'too_big';
        break;
      case 'invalid_type':
        rule = (issue as { input?: unknown }).input === undefined ? 'required' : 'invalid_type';
        break;
      case 'invalid_value':
        rule = 'invalid_value';
        break;
      case 'invalid_format':
        rule = 'invalid_format';
        break;
      case 'unrecognized_keys':
        rule = 'unknown_field';
        field = [...((issue as { keys?: string[] }).keys ?? [])].join(', ');
        break;
      default:
        rule = 'other';
    }
  }
  return {
    code: 'invalid_input',
    message: reason,
    details: { field: field || 'input', rule, limit, reason, ...(call ? { call } : {}) },
  };
}
