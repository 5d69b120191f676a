/** The interface languages: Chinese is the default, English the second. */
export const locales = ['zh-CN', 'en'] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = 'zh-CN';

/**
 * Picks the supported locale the caller prefers most from an `Accept-Language` value (by q-value,
 * the earlier entry on a tie, `*` standing for Chinese unless Chinese is named), falling back to
 * zh-CN when none is accepted. A bare tag (`en-US`, `en_US.UTF-8`) counts as one entry.
 * @example pickLocale('de-DE,de;q=0.9,en;q=0.7') // 'en'
 */
export function pickLocale(tag: string | undefined): Locale {
  const entries = (tag ?? '').split(',').map(acceptedRange);
  const zhNamed = entries.some((entry) => entry?.locale === defaultLocale);
  let best: { locale: Locale; q: number } | undefined;
  for (const entry of entries) {
    if (entry === undefined) continue;
    const locale = entry.locale ?? (entry.any && !zhNamed ? defaultLocale : undefined);
    if (locale === undefined || entry.q <= 0) continue;
    if (best === undefined || entry.q > best.q) best = { locale, q: entry.q };
  }
  return best?.locale ?? defaultLocale;
}

/** One `range;q=…` entry: the locale it names, if supported, and its weight. */
function acceptedRange(
  part: string,
): { locale: Locale | undefined; any: boolean; q: number } | undefined {
  const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
  const weight = params.find((p) => p.startsWith('q='));
  const q = weight === undefined ? 1 : Number(weight.slice(2));
  if (range === '' || !Number.isFinite(q)) return undefined;
  const primary = range.split(/[-_.@]/)[0];
  const locale = primary === 'en' ? 'en' : primary === 'zh' ? defaultLocale : undefined;
  return { locale, any: range === '*', q };
}
