/** The interface languages: Chinese is the default, English the second. */
export const locales = ['zh-CN', 'en'] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = 'zh-CN';

/**
 * Picks a supported locale from a tag such as an `Accept-Language` value, falling back to zh-CN.
 * @example pickLocale('en-US,en;q=0.9') // 'en'
 */
export function pickLocale(tag: string | undefined): Locale {
  const first = (tag ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : defaultLocale;
}
