import type { Locale } from './locale';
import { messages, type MessageKey } from './messages';

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Renders a message in the given language, filling `{name}` placeholders from params.
 * A `{field}` parameter holding a field key (`mobile`) is shown as that field's label.
 * @example t('error.required', 'zh-CN', { field: 'mobile' }) // '请填写手机号'
 */
export function t(key: MessageKey, locale: Locale, params: MessageParams = {}): string {
  const template = messages[key][locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (name === 'field') return fieldLabel(String(value), locale);
    return String(value);
  });
}

/**
 * The label of a field in the given language; an unknown key is shown as it is.
 * @example fieldLabel('mobile', 'en') // 'Mobile'
 */
export function fieldLabel(field: string, locale: Locale): string {
  const key = `field.${field}`;
  return isMessageKey(key) ? messages[key][locale] : field;
}

/**
 * Whether a string is a key of the message table.
 * @example isMessageKey('error.required') // true
 */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

/**
 * A message in every interface language, for data seeded from the table (template and role
 * names) that an admin may later rename.
 * @example inAllLocales('role.sales') // { 'zh-CN': '销售', en: 'Sales' }
 */
export function inAllLocales(key: MessageKey): { 'zh-CN': string; en: string } {
  return { 'zh-CN': messages[key]['zh-CN'], en: messages[key].en };
}
