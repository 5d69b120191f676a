// Zero-width characters arrive with text pasted from web pages, WeChat and PDFs. They are removed
// before NFKC so that a base letter and a combining mark they separated compose the same way the
// second time round, and before the whitespace pass because JavaScript's \s counts U+FEFF as space.
// U+2060 (word joiner) is the modern spelling of U+FEFF's zero-width role, so it goes too.
const zeroWidth = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Normalises typed or pasted text: NFKC (full-width letters, digits, punctuation and the
 * ideographic space become half-width; （） become ()), no zero-width characters, single spaces, trimmed.
 * @example normaliseText('\u3000ＡＢＣ（上海）\u200B  有限公司 ') // 'ABC(上海) 有限公司'
 */
export function normaliseText(s: string): string {
  return s.replace(zeroWidth, '').normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * A comparison key for free text: normalised, lower-case and without any spaces.
 * @example normaliseForCompare(' Ｈｕａ Xin ') // 'huaxin'
 */
export function normaliseForCompare(s: string): string {
  // NFKC again at the end: removing the spaces can put a combining mark next to the letter it
  // belongs to, and lower-casing can leave a compatibility character NFKC would rewrite.
  return normaliseText(s).toLowerCase().replace(/\s/g, '').normalize('NFKC');
}
