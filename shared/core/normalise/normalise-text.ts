// Zero-width characters arrive with text pasted from web pages, WeChat and PDFs. They are removed
// before NFKC so that a base letter and a combining mark they separated compose the same way the
// second time round, and before the whitespace pass because JavaScript's \s counts U+FEFF as space.
// U+2060 (word joiner) is the modern spelling of U+FEFF's zero-width role, so it goes too.
const zeroWidth = /[\u200B-\u200D\u2060\uFEFF]/g;

// Printable ASCII and the basic block of Han characters, what most names are made of: each is its
// own NFKC form and no two of them compose, so text of only these is already NFKC. The checks cost
// a fraction of String.prototype.normalize and of the replacements they save.
const nfkcStable = /^[\x20-\x7E\u4E00-\u9FFF]*$/;
// The same characters, words separated by single spaces: what normaliseText returns as it is.
const normalised = /^(?:[\x21-\x7E\u4E00-\u9FFF]+(?: [\x21-\x7E\u4E00-\u9FFF]+)*)?$/;
const plain = /^[\u4E00-\u9FFFA-Za-z0-9]*$/;

/**
 * Whether a text has only basic-block Han characters, ASCII letters and digits: no space, no
 * punctuation, nothing NFKC would change.
 * @example isPlainText('华信123科技') // true
 */
export function isPlainText(s: string): boolean {
  return plain.test(s);
}

/**
 * The NFKC form of a text, without asking ICU when the text is printable ASCII and Han only.
 * @example toNfkc('ＡＢＣ（上海）') // 'ABC(上海)'
 */
export function toNfkc(s: string): string {
  return nfkcStable.test(s) ? s : s.normalize('NFKC');
}

/**
 * Normalises typed or pasted text: NFKC (full-width letters, digits, punctuation and the
 * ideographic space become half-width; （） become ()), no zero-width characters, single spaces, trimmed.
 * @example normaliseText('\u3000ＡＢＣ（上海）\u200B  有限公司 ') // 'ABC(上海) 有限公司'
 */
export function normaliseText(s: string): string {
  if (normalised.test(s)) return s;
  return s.replace(zeroWidth, '').normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * A comparison key for free text: normalised, lower-case and without any spaces.
 * @example normaliseForCompare(' Ｈｕａ Xin ') // 'huaxin'
 */
export function normaliseForCompare(s: string): string {
  if (plain.test(s)) return s.toLowerCase();
  // NFKC again at the end: removing the spaces can put a combining mark next to the letter it
  // belongs to, and lower-casing can leave a compatibility character NFKC would rewrite.
  return toNfkc(normaliseText(s).toLowerCase().replace(/\s/g, ''));
}
