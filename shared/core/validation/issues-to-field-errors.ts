import type { z } from 'zod';
import type { Locale } from '../i18n/locale';
import { isMessageKey } from '../i18n/translate';
import { fieldError, type ErrorCode, type FieldError } from './field-error';

/**
 * Turns zod issues into field errors whose messages name the field and the problem in the
 * user's language. `input` is what was validated, so a refused option can be quoted back.
 * @example issuesToFieldErrors(schema.safeParse({}).error.issues, {}, 'zh-CN')[0].message // '请填写客户名称'
 */
export function issuesToFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  input: Readonly<Record<string, unknown>>,
  locale: Locale,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push(fieldError(key, 'unknownField', locale));
      continue;
    }
    const field = String(issue.path[0] ?? '');
    const [code, params] = issueCode(issue, input[field]);
    errors.push(fieldError(field, code, locale, params));
  }
  return errors;
}

/**
 * The error code and message parameters of one zod issue; `value` is what the issue is about
 * (missing is told apart from wrong).
 * @example issueCode(z.string().max(3).safeParse('abcd').error.issues[0], 'abcd') // ['tooLong', { max: 3 }]
 */
export function issueCode(
  issue: z.core.$ZodIssue,
  value: unknown,
): [ErrorCode, Record<string, string | number>] {
  // A missing value fails a union (a list typed as text or as an array) just as it fails a type.
  const missing = value === undefined || value === null;
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_union'))
    return ['required', {}];
  switch (issue.code) {
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as Record<string, string | number>;
      const known = typeof code === 'string' && isMessageKey(`error.${code}`);
      return known ? [code as ErrorCode, params] : ['type', {}];
    }
    case 'invalid_type':
      return ['type', {}];
    case 'too_big':
      if (issue.origin === 'string') return ['tooLong', { max: Number(issue.maximum) }];
      return ['number.max', { max: Number(issue.maximum) }];
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') {
        return Number(issue.minimum) <= 1
          ? ['required', {}]
          : ['tooShort', { min: Number(issue.minimum) }];
      }
      return ['number.min', { min: Number(issue.minimum) }];
    case 'invalid_value':
      return ['invalidOption', { value: optionQuoted(value, issue.path) }];
    default:
      return ['type', {}];
  }
}

// For a multi-choice field the issue points at one element; quote that element, not the list.
function optionQuoted(value: unknown, path: readonly PropertyKey[]): string {
  const index = path[1];
  if (Array.isArray(value) && typeof index === 'number') return String(value[index]);
  return String(value);
}
