import { locales, type Locale } from '../../core/i18n/locale';

const key = 'crm.locale';

/**
 * The language the user last chose in this browser, if storage is available (a sandboxed frame
 * may refuse it).
 * @example loadLocale() // 'en' after the user switched to English
 */
export function loadLocale(): Locale | undefined {
  try {
    const stored = globalThis.localStorage?.getItem(key);
    return (locales as readonly string[]).includes(stored ?? '') ? (stored as Locale) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remembers the user's language choice; silently does nothing where storage is refused.
 * @example saveLocale('en')
 */
export function saveLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(key, locale);
  } catch {
    // Storage refused: the choice lasts as long as the sidebar stays open.
  }
}
