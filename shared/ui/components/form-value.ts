import { customerField } from '../../core/fields/customer-fields';
import type { TemplateField } from '../../core/forms/form-template';
import type { Locale } from '../../core/i18n/locale';
import { isMessageKey, t } from '../../core/i18n/translate';

/** A form field's value as the server takes it: text, option codes, a flag. */
export type FormValue = string | string[] | boolean;

export type FormValues = Readonly<Record<string, FormValue>>;

/** One choice of a single or multi field, with the label in the user's language. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * The choices of a template field: the template's own options, else the built-in ones with
 * their labels from the message table.
 * @example choicesOf({ key: 'stage', required: true }, 'en')[0] // { value: 'prospect', label: 'Prospect' }
 */
export function choicesOf(field: TemplateField, locale: Locale): Choice[] {
  if (field.options !== undefined) {
    return field.options.map((o) => ({ value: o.value, label: o.label[locale] }));
  }
  return (customerField(field.key)?.options ?? []).map((code) => {
    const key = `option.${field.key}.${code}`;
    return { value: code, label: isMessageKey(key) ? t(key, locale) : code };
  });
}

/**
 * The filled-in values only, as a push sends them: blanks left out.
 * @example filledIn({ name: 'A', email: '', sources: [] }) // { name: 'A' }
 */
export function filledIn(values: FormValues): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.trim() === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}
