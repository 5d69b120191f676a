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
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

// Building a template's schema costs far more than using it; a template object is immutable
// once loaded, so its schema is built once.
const schemas = new WeakMap<FormTemplate, ReturnType<typeof templateToSchema>>();

function schemaOf(template: FormTemplate): ReturnType<typeof templateToSchema> {
  let schema = schemas.get(template);
  if (schema === undefined) {
    schema = templateToSchema(template);
    schemas.set(template, schema);
  }
  return schema;
}

function withoutBlanks(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!isBlank(value)) out[key] = value;
  return out;
}
