import {
  branchSuffixes,
  industryTerms,
  latinOrganisationForms,
  organisationForms,
} from './company-name-terms';
import { codePointLength } from './code-point-length';
import { clean, compact, replaceEach } from './company-name-clean';
import { isPlainText, normaliseForCompare, toNfkc } from './normalise-text';
import { regionChain, regionPrefixes, type RegionMatch } from './region-names';

/**
 * A company name split by the four legal parts of GB enterprise naming (行政区划 + 字号 + 行业 +
 * 组织形式), plus the branch a 分公司 or 支行 names. Parts are normalised (NFKC, Simplified, no
 * punctuation except the brackets of 合伙企业(有限合伙)); show users the name they typed, not these.
 */
export interface CompanyName {
  /** Short forms of the regions the name states, e.g. 上海 for 上海市 or (上海). */
  region?: string;
  tradeName: string;
  industry?: string;
  form?: string;
  /** For a branch, its label and kind, e.g. 北京分公司. */
  branch?: string;
}

interface Parts {
  regions: string[];
  tradeName: string;
  industry: string;
  forms: string[];
}

// The law asks a 字号 of at least two characters. Without one left over, the 黄山 of 黄山科技 or the
// 上海 of 上海有限公司 must be the trade name, not a region to drop.
const minTradeNameLength = 2;

const byLengthDesc = (a: string, b: string): number => b.length - a.length;
const latinForms = [...latinOrganisationForms].sort(byLengthDesc);
const squeezedLatinForms = latinForms.map((f) => f.replace(/ /g, ''));

// Words by their last UTF-16 unit, in the order given: the parse looks for them at the end of
// the text at every step of its loops, and only the few that end like the text can match.
function byLastUnit(words: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const word of words) {
    const last = word.charCodeAt(word.length - 1);
    out.set(last, [...(out.get(last) ?? []), word]);
  }
  return out;
}

const formsByLastUnit = byLastUnit([...organisationForms].sort(byLengthDesc));
const industriesByLastUnit = byLastUnit([...industryTerms].sort(byLengthDesc));
const branchesByLastUnit = byLastUnit(branchSuffixes);
const latinFormsByLastUnit = byLastUnit(latinForms);
const squeezedLatinFormsByLastUnit = byLastUnit(squeezedLatinForms);

const endingWith = (words: Map<number, string[]>, text: string): readonly string[] =>
  words.get(text.charCodeAt(text.length - 1)) ?? [];

// The longest industry term the text ends with, one that leaves a trade name before it if asked.
function industryEnding(text: string, leavingTradeName = false): string | undefined {
  for (const term of endingWith(industriesByLastUnit, text)) {
    if (!text.endsWith(term)) continue;
    if (!leavingTradeName || isTradeNameLong(text.slice(0, -term.length))) return term;
  }
  return undefined;
}

// Whether the text has the trade name's minimum length, counted in code points once lower-cased.
// Lower-casing never makes a text shorter (each code point becomes one or more), so most texts
// are long enough as they are.
const isTradeNameLong = (s: string): boolean =>
  codePointLength(s) >= minTradeNameLength ||
  codePointLength(s.toLowerCase()) >= minTradeNameLength;

const endsWithWord = (text: string, word: string): boolean =>
  text.endsWith(word) && !/[a-z0-9]/.test(text.charAt(text.length - word.length - 1));

// How many characters at the end of the text are a latin form (Ltd, Co Ltd, Inc), or 0. The key
// drops spaces, so a form that spaces split (L td) counts as the key will read it.
function latinFormLength(text: string): number {
  // Every form ends with a latin letter, so a name that does not (most Chinese names) has none.
  if (!endsWithLatinLetter(text)) return 0;
  const lower = text.toLowerCase();
  const spaced = endingWith(latinFormsByLastUnit, lower).find((f) => endsWithWord(lower, f));
  if (spaced !== undefined) return spaced.length;
  const squeezed = lower.replace(/ /g, '');
  const form = endingWith(squeezedLatinFormsByLastUnit, squeezed).find((f) =>
    endsWithWord(squeezed, f),
  );
  if (form === undefined) return 0;
  let at = text.length;
  let letters = 0;
  while (letters < form.length) {
    at -= 1;
    if (text[at] !== ' ') letters += 1;
  }
  return text.length - at;
}

// Whether the text, lower-cased, ends with a-z before any trailing spaces. Only A-Z, a-z and the
// Kelvin sign (K) lower-case to one, so the text need not be lower-cased to tell.
function endsWithLatinLetter(text: string): boolean {
  let end = text.length;
  while (end > 0 && text[end - 1] === ' ') end -= 1;
  const last = text.charCodeAt(end - 1);
  return (last >= 0x41 && last <= 0x5a) || (last >= 0x61 && last <= 0x7a) || last === 0x212a;
}

function stripForms(text: string): { rest: string; forms: string[] } {
  let rest = text;
  const found: string[] = [];
  for (;;) {
    const cut =
      endingWith(formsByLastUnit, rest).find((f) => rest.endsWith(f))?.length ??
      latinFormLength(rest);
    const remaining = rest.slice(0, rest.length - cut).trim();
    // A name that is nothing but a form (有限公司) keeps it rather than become empty.
    if (cut === 0 || remaining === '') return { rest, forms: found };
    found.unshift(rest.slice(remaining.length).trim());
    rest = remaining;
  }
}

function withoutIndustry(text: string): string {
  let rest = text;
  for (let term = industryEnding(rest); term !== undefined; term = industryEnding(rest)) {
    rest = rest.slice(0, -term.length);
  }
  return rest;
}

function splitIndustry(text: string): { tradeName: string; industry: string } {
  let tradeName = text;
  let industry = '';
  for (;;) {
    const term = industryEnding(tradeName, true);
    if (term === undefined) return { tradeName, industry };
    tradeName = tradeName.slice(0, -term.length);
    industry = term + industry;
  }
}

// The longest region at the start that leaves a trade name. When a full name leaves none, its
// short form is not tried either: in 内蒙古自治区有限公司 the 自治区 is no trade name.
function leadingRegion(text: string): RegionMatch | undefined {
  const refused = new Set<string>();
  for (const match of regionPrefixes(text, 'leading')) {
    if (refused.has(match.canonical)) continue;
    const rest = withoutIndustry(text.slice(match.text.length));
    if (isTradeNameLong(rest)) return match;
    refused.add(match.canonical);
  }
  return undefined;
}

function parsePlain(text: string): Parts {
  const first = stripForms(text);
  const regions: string[] = [];
  // A bracket that holds only a region, anywhere: 华信科技(上海), (中国), [深圳].
  let rest = removeRegionBrackets(first.rest, regions);
  if (rest.trim() === '') {
    rest = first.rest;
    regions.length = 0;
  }
  // A region bracket that is all there is (上海)有限公司, or a partnership form mid-name, is read
  // as words; without its brackets the text may end in a form again.
  const second = stripForms(isPlainText(rest) ? rest : toNfkc(compact(rest.replace(/[()]/g, ' '))));
  rest = second.rest;
  // Regions at the start (上海市, 广东深圳), but only while a trade name is left after them.
  for (let region = leadingRegion(rest); region !== undefined; region = leadingRegion(rest)) {
    regions.push(region.canonical);
    rest = rest.slice(region.text.length);
  }
  return {
    regions: [...new Set(regions)],
    ...splitIndustry(rest),
    forms: [...first.forms, ...second.forms],
  };
}

// Takes out the brackets that hold only a region, adding their regions to `regions`.
function removeRegionBrackets(text: string, regions: string[]): string {
  if (!text.includes('(')) return text;
  return replaceEach(text, /\(([^()]*)\)/g, ([whole, inner = '']) => {
    const region = regionChain(inner.replace(/ /g, ''));
    if (region === undefined) return whole;
    regions.push(region);
    return '';
  });
}

interface Branch {
  parent: string;
  label: string;
  suffix: string;
}

function lastFormEnd(body: string): number {
  return Math.max(
    -1,
    ...organisationForms.map((f) => (body.includes(f) ? body.lastIndexOf(f) + f.length : -1)),
  );
}

function splitBranch(text: string): Branch | undefined {
  const suffix = endingWith(branchesByLastUnit, text).find((s) => text.endsWith(s));
  if (suffix === undefined) return undefined;
  const body = text.slice(0, -suffix.length);
  const split = (at: number, label: string): Branch | undefined => {
    const parent = body.slice(0, at).trim();
    const plain = compact(label.replace(/[()]/g, ' '));
    return parent === '' ? undefined : { parent, label: regionChain(plain) ?? plain, suffix };
  };
  // 华信科技(北京)分公司 — also the shape of a branch's key, so a key parses back to itself.
  const bracketed = /\(([^()]*)\)$/.exec(body);
  if (bracketed !== null) return split(bracketed.index, bracketed[1] ?? '');
  // 华信科技有限公司北京朝阳分公司: the label follows the parent's organisation form.
  const formEnd = lastFormEnd(body);
  if (formEnd > 0) return split(formEnd, body.slice(formEnd));
  // 招商银行上海分行: no form, but a region ends the body.
  for (let at = 1; at < body.length - 1; at += 1) {
    if (regionChain(body.slice(at)) !== undefined) return split(at, body.slice(at));
  }
  return split(body.length, '');
}

/**
 * Splits a Chinese company name into region, trade name (字号), industry, organisation form and branch.
 * @example parseCompanyName('华信科技（上海）有限公司') // { region: '上海', tradeName: '华信', industry: '科技', form: '有限公司' }
 */
export function parseCompanyName(name: string): CompanyName {
  const text = clean(name);
  const branch = splitBranch(text);
  const parts = parsePlain(branch?.parent ?? text);
  const out: CompanyName = { tradeName: parts.tradeName };
  if (parts.regions.length > 0) out.region = parts.regions.join('');
  if (parts.industry !== '') out.industry = parts.industry;
  if (parts.forms.length > 0) out.form = parts.forms.join('');
  if (branch !== undefined) out.branch = branch.label + branch.suffix;
  return out;
}

// Why the region is left out of the key: people omit it (华信科技有限公司), move it into brackets
// (华信科技(上海)) or write it at another level (上海市, 广东深圳), so a key with the region would miss
// the commonest duplicates. The price is that 北京华信科技 and 上海华信科技, legally two companies,
// share a key: callers tell them apart by region (the record's 所在地区, or parseCompanyName's region).
// The industry stays in, as the law counts it part of the name: 华信科技 and 华信贸易 are two keys.

/**
 * The key under which two company names count as the same for the duplicate check: trade name and
 * industry, without region, organisation form, spaces, punctuation or case; a branch keeps its label.
 * @example companyNameKey('上海華信科技 股份有限公司') === companyNameKey('华信科技(上海)有限责任公司') // true
 */
export function companyNameKey(name: string): string {
  const text = clean(name);
  const branch = splitBranch(text);
  const parts = parsePlain(branch?.parent ?? text);
  // Each step of the parse is skipped if it would leave nothing, so a name that is only a region
  // and a form (上海市有限公司) keeps its region as the key (上海市) instead of an empty one.
  const key = normaliseForCompare(parts.tradeName + parts.industry);
  // Forms or a bracket can hide a branch word (华信营业部有限公司); once they are gone the key reads
  // as a branch, so it is read once more to be a fixed point. The second reading finds the branch.
  if (branch === undefined && splitBranch(clean(key)) !== undefined) return companyNameKey(key);
  // The label goes in brackets because that is the one shape splitBranch reads back unchanged.
  return branch === undefined
    ? key
    : `${key}(${normaliseForCompare(branch.label)})${branch.suffix}`;
}

/**
 * The trade name (字号) alone in comparison form, for near-duplicate similarity.
 * @example tradeNameOf('深圳市腾讯计算机系统有限公司') // '腾讯'
 */
export function tradeNameOf(name: string): string {
  return normaliseForCompare(parseCompanyName(name).tradeName);
}
