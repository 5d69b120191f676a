import { z } from 'zod';
import type { Locale } from '../i18n/locale';
import type { FieldError } from '../validation/field-error';
import { fieldError } from '../validation/field-error';
import { issuesToFieldErrors } from '../validation/issues-to-field-errors';
import type { FormTemplate } from './form-template';
import { fieldSchema, templateToSchema, type Submission } from './template-schema';

export type SubmissionResult =
  { ok: true; value: Submission } | { ok: false; errors: FieldError[] };

/**
 * Validates a whole submission against a form template; every problem comes back as a field
 * error in the user's language, and nothing is thrown. Blank cells count as not filled in.
 * @example validateSubmission(enterpriseTemplate, { name: '' }, 'zh-CN').ok // false
 */
export function validateSubmission(
  template: FormTemplate,
  input: Readonly<Record<string, unknown>>,
  locale: Locale,
): SubmissionResult {
  const cleaned = withoutBlanks(input);
  const result = schemaOf(template).safeParse(cleaned);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: issuesToFieldErrors(result.error.issues, cleaned, locale) };
}

/**
 * Validates one field as the user types: undefined when the value is acceptable so far.
 * Cross-field rules wait for the whole submission.
 * @example validateField(enterpriseTemplate, 'mobile', '1381234', 'zh-CN')?.code // 'mobile.format'
 */
export function validateField(
  template: FormTemplate,
  key: string,
  value: unknown,
  locale: Locale,
): FieldError | undefined {
  const field = template.fields.find((f) => f.key === key);
  if (field === undefined) return fieldError(key, 'unknownField', locale);
  if (isBlank(value)) return field.required ? fieldError(key, 'required', locale) : undefined;
  const result = fieldSchema(field).safeParse(value);
  if (result.success) return undefined;
  return issuesToFieldErrors(
    result.error.issues.map((issue) => ({ ...issue, path: [key, ...issue.path] })),
    { [key]: value },
    locale,
  )[0];
}

/**
 * Whether a cell counts as not filled in: undefined, null, an empty or all-space string, an
 * empty list.
 * @example isBlank('  ') // true
 */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return !startsVisibly(value) && value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

// A cell that starts with printable ASCII or a CJK ideograph is filled in: no need to trim it,
// which is most of the time on a row of a push.
function startsVisibly(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff);
}

// Building a template's schema costs far more than using it; a template object is immutable
// once loaded, so its schema is built once. It is compiled too (zod's AOT fast path, same
// results and errors): a valid row, the usual case on a push, runs as flat generated code
// instead of zod's per-node payloads and pipes, and an invalid one falls back to the
// interpreter for its errors. Where a page's CSP forbids eval, the schema is used as it is.
const schemas = new WeakMap<FormTemplate, ReturnType<typeof templateToSchema>>();

function schemaOf(template: FormTemplate): ReturnType<typeof templateToSchema> {
  let schema = schemas.get(template);
  if (schema === undefined) {
    schema = templateToSchema(template);
    if (z.util.allowsEval.value) schema = z.compile(schema);
    schemas.set(template, schema);
  }
  return schema;
}

function withoutBlanks(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  // The usual row has no blank cell: one spread copies it several times faster than building
  // the copy key by key. Assigning a '__proto__' key sets the prototype, so it takes the loop
  // as before.
  if (!hasBlank(input) && !Object.prototype.hasOwnProperty.call(input, '__proto__')) {
    return { ...input };
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (!isBlank(value)) out[key] = value;
  }
  return out;
}

function hasBlank(input: Readonly<Record<string, unknown>>): boolean {
  for (const key in input) if (isBlank(input[key])) return true;
  return false;
}
