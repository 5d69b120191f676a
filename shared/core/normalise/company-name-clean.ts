import { branchSuffixes, organisationForms } from './company-name-terms';
import { isPlainText, normaliseText, toNfkc } from './normalise-text';
import { regionChain } from './region-names';
import { toSimplified } from './to-simplified';

// The cleaning a company name goes through before its parts are read (company-name.ts).

// Spaces matter only between latin words or digits (ABC Tech); next to Han characters they are typing noise.
export function compact(s: string): string {
  if (!/\s/.test(s)) return s;
  // Collapsing runs is only needed where there is a run or a space other than ' '.
  const single = /\s\s|[^\S ]/.test(s) ? s.replace(/\s+/g, ' ') : s;
  return single.trim().replace(/ (?![a-z0-9])|(?<![a-z0-9]) /gi, '');
}

// Brackets that carry meaning: a region (华信科技(上海)), a partnership form (有限合伙) and a branch
// label (华信科技(北京)分公司). Every other bracket, paired or stray, only groups words and goes, so
// that 华信(集团) and 华信集团 are one name and what is left can be read again the same way.
function keepBrackets(text: string): string {
  if (!/[()]/.test(text)) return text;
  return replaceEach(text, /\(([^()]*)\)|[()]/g, ([whole, inner], end) => {
    if (inner === undefined) return ' ';
    const kept =
      regionChain(inner.replace(/ /g, '')) !== undefined ||
      organisationForms.includes(whole) ||
      branchSuffixes.includes(text.slice(end).trim());
    return kept ? whole : ` ${inner} `;
  });
}

// What text.replace(pattern, replacement) does for a global pattern that matches no empty text,
// with the end of the match passed on. Names are parsed often, and a replace calling a function
// costs several times a loop over the same matches.
export function replaceEach(
  text: string,
  pattern: RegExp,
  replacement: (match: RegExpExecArray, end: number) => string,
): string {
  let out = '';
  let from = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    out += text.slice(from, match.index) + replacement(match, pattern.lastIndex);
    from = pattern.lastIndex;
  }
  return from === 0 ? text : out + text.slice(from);
}

// After NFKC most names are printable ASCII and basic-block Han only. There the punctuation and
// symbols (\p{P}, \p{S}) are exactly the ASCII characters other than letters, digits and space, a
// class many times faster to match than the Unicode properties.
const asciiOrHan = /^[\x20-\x7E\u4E00-\u9FFF]*$/;
const asciiBrackets = /[[\]{}]/;
const asciiPunctuation = /[!-'*-/:-@\\^_`|~]/g;

// Brackets of every kind become (), other punctuation and symbols spaces.
function withoutPunctuation(text: string): string {
  if (asciiOrHan.test(text)) {
    const bracketed = asciiBrackets.test(text)
      ? text.replace(/[[{]/g, '(').replace(/[\]}]/g, ')')
      : text;
    return bracketed.replace(asciiPunctuation, ' ');
  }
  return text
    .replace(/[[【〔〖「『{]/g, '(')
    .replace(/[\]】〕〗」』}]/g, ')')
    .replace(/[^\P{P}()]|\p{S}/gu, ' ');
}

/**
 * A company name as its parts are read from: NFKC, Simplified, punctuation gone except the
 * brackets that carry meaning (a region, a partnership form, a branch label), spaces kept only
 * between latin words or digits.
 * @example clean('華信科技（集團）有限公司') // '华信科技集团有限公司'
 */
export function clean(name: string): string {
  // Most names have no space, punctuation or symbol, and nothing NFKC would change: they go
  // straight to OpenCC.
  if (isPlainText(name)) return compact(keepBrackets(toSimplified(name)));
  const text = withoutPunctuation(normaliseText(name));
  // Removing punctuation can bring a combining mark back to its letter, so NFKC again. OpenCC
  // comes after that because symbols next to a character can change how it converts (⿰殺), and
  // before the brackets are read because the region data is Simplified (廣東 is 广东).
  return compact(keepBrackets(toSimplified(toNfkc(compact(text)))));
}
