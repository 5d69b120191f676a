import type { z } from 'zod';
import { customerFieldSchemas } from '../fields/customer-fields';
import type { Locale } from '../i18n/locale';
import { fieldLabel, isMessageKey, t } from '../i18n/translate';
import { fieldError, type ErrorCode, type FieldError } from '../validation/field-error';
import { issueCode } from '../validation/issues-to-field-errors';

type Params = Record<string, string | number>;
type Path = readonly (string | number)[];

/**
 * Turns the issues of a refused template edit into field errors. Each message names the
 * template field concerned by its label (所属行业), or the template's own property (模板名称),
 * never the customer field that happens to share a key with it; each `field` is the issue's
 * path, for an editor to point at (`fields.3.options`).
 * @example templateIssuesToFieldErrors(issues, input, 'zh-CN')[0].message // '表单模板中字段所属行业出现了多次'
 */
export function templateIssuesToFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  input: Readonly<Record<string, unknown>>,
  locale: Locale,
): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const [code, params] = templateCode(issue, path, valueAt(input, path));
    const label = subjectOf(path, input, locale, code, params);
    return { ...fieldError(label, code, locale, params), field: path.join('.') };
  });
}

function templateCode(issue: z.core.$ZodIssue, path: Path, value: unknown): [ErrorCode, Params] {
  const [head, index, part] = path;
  const inField = head === 'fields' && typeof index === 'number' && path.length === 3;
  if (head === 'id' && path.length === 1 && issue.code === 'invalid_format') {
    return ['template.idFormat', {}];
  }
  if (inField && part === 'options' && issue.code === 'too_small')
    return ['template.noOptions', {}];
  if (issue.code === 'invalid_value') {
    if (value === undefined || value === null) return ['required', {}];
    // An enum issue quotes what was given; a list or an object must not read "[object Object]".
    const given = typeof value === 'string' ? value : JSON.stringify(value);
    if (inField && part === 'key') return ['template.unknownField', { value: given }];
    return ['invalidOption', { value: given }];
  }
  return issueCode(issue, value);
}

// A rule of the template itself (`template.*`) speaks of a whole field; a generic one (required,
// too long) of the part of it the path points at, such as one option's label.
function subjectOf(
  path: Path,
  input: Readonly<Record<string, unknown>>,
  locale: Locale,
  code: ErrorCode,
  params: Params,
): string {
  const [head, index, part, at, optionPart, language] = path;
  if (head === undefined) return t('template.property.template', locale);
  if (head !== 'fields' || typeof index !== 'number') {
    const key = params['key'];
    if (head === 'fields' && typeof key === 'string' && isFieldKey(key)) {
      return fieldLabel(key, locale);
    }
    const property = `template.property.${head}`;
    const label = isMessageKey(property) ? t(property, locale) : String(head);
    return typeof index === 'string' ? inLanguage(label, index, locale) : label;
  }
  const field = entryLabel(input, index, locale);
  if (code.startsWith('template.') || part === undefined) return field;
  if (part === 'key') return t('template.part.key', locale, { label: field });
  if (part === 'required') return t('template.part.required', locale, { label: field });
  if (part !== 'options') return field;
  if (typeof at !== 'number') return t('template.part.options', locale, { label: field });
  const option = { label: field, n: at + 1 };
  if (optionPart === 'value') return t('template.part.optionValue', locale, option);
  if (optionPart !== 'label') return t('template.part.option', locale, option);
  const label = t('template.part.optionLabel', locale, option);
  return typeof language === 'string' ? inLanguage(label, language, locale) : label;
}

// The field a template entry shows, by its label; by its position when its key is not a field.
function entryLabel(
  input: Readonly<Record<string, unknown>>,
  index: number,
  locale: Locale,
): string {
  const key = valueAt(input, ['fields', index, 'key']);
  return typeof key === 'string' && isFieldKey(key)
    ? fieldLabel(key, locale)
    : t('template.part.entry', locale, { n: index + 1 });
}

function inLanguage(label: string, language: string, locale: Locale): string {
  const key = `language.${language}`;
  return t('template.part.language', locale, {
    label,
    language: isMessageKey(key) ? t(key, locale) : language,
  });
}

function isFieldKey(key: string): boolean {
  return Object.hasOwn(customerFieldSchemas, key);
}

function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}
