import { normaliseForCompare, normaliseText } from '../normalise/normalise-text';
import { fail, ok, type Result } from '../result';
import type { ErrorCode } from '../validation/field-error';

/** The longest dimension (维度) of a tag, in characters. */
export const maxDimensionLength = 10;

/** The longest value (值) of a tag, in characters. */
export const maxValueLength = 20;

/**
 * Tags refused as too vague to search by (§4: "vague tags such as 重要 are refused"), checked on the
 * whole tag and on its value, without regard to case, width or spaces.
 */
export const vagueTags: readonly string[] = [
  '重要 很重要 非常重要 一般 其他 其它 待定 未知 无 暂无 不详 未分类 普通 好 差 注意 特殊 测试',
  '临时 杂项 默认 备用 ? ?? test important misc other others tbd unknown none n/a na temp todo',
]
  .join(' ')
  .split(' ');

const vague = new Set(vagueTags.map(normaliseForCompare));

// Dashes people type between dimension and value: the Chinese IME's —— (two em dashes), en and
// em dashes, the minus sign, non-breaking and Unicode hyphens, the katakana ー of Japanese IMEs.
// NFKC has already made － and ﹣ into '-'. 一 (U+4E00, "one") is a Han character, not a dash.
// A run of them, spaces between included (区域 - - 华东), is one separator.
const dashChars = String.raw`\-\u2010-\u2015\u2043\u2212\u2E3A\u2E3B\u30FC\uFE58`;
const dashes = new RegExp(String.raw`[\s${dashChars}]*[${dashChars}][\s${dashChars}]*`, 'g');

/**
 * Normalises a typed tag: normaliseText, every kind of dash (or a run of them) to one '-', no
 * spaces around it.
 * @example normaliseTag(' 区域 —— 华东 ') // '区域-华东'
 */
export function normaliseTag(s: string): string {
  return normaliseText(s).replace(dashes, '-');
}

/**
 * Splits a tag at its first dash into dimension and value; without a dash the dimension is ''.
 * @example splitTag('区域－华东') // { dimension: '区域', value: '华东' }
 */
export function splitTag(tag: string): { dimension: string; value: string } {
  const normal = normaliseTag(tag);
  const dash = normal.indexOf('-');
  return dash < 0
    ? { dimension: '', value: normal }
    : { dimension: normal.slice(0, dash), value: normal.slice(dash + 1) };
}

const isVague = (s: string): boolean => vague.has(normaliseForCompare(s));

/**
 * Checks one tag's shape (维度-值, one dash, both sides filled), vagueness and length; returns it normalised.
 * @example validateTag('状态 — 意向强烈') // { ok: true, value: '状态-意向强烈' }
 */
export function validateTag(s: string): Result<string, ErrorCode> {
  const tag = normaliseTag(s);
  // Vagueness first: for 重要 "too vague" helps more than "must be dimension-value".
  if (isVague(tag)) return fail('tag.vague', { value: tag });
  const parts = tag.split('-');
  // A value with its own dash (预算-5-20万) is refused too: the vocabulary spells such values 5至20万.
  const [dimension, value] = parts;
  if (
    parts.length !== 2 ||
    dimension === undefined ||
    value === undefined ||
    dimension === '' ||
    value === ''
  ) {
    return fail('tag.format', { value: tag === '' ? s : tag });
  }
  if (isVague(value)) return fail('tag.vague', { value: tag });
  if ([...dimension].length > maxDimensionLength || [...value].length > maxValueLength) {
    return fail('tag.tooLong', {
      value: tag,
      maxDimension: maxDimensionLength,
      maxValue: maxValueLength,
    });
  }
  return ok(tag);
}

/** One refused tag of a list and why. */
export interface TagError {
  value: string;
  code: ErrorCode;
}

// Matching ignores case, width and spaces, so 来源-wechat finds 来源-WeChat. The index is built
// once per vocabulary object, which is treated as unchanging: a push checks every row against
// the same one.
const indexes = new WeakMap<ReadonlySet<string>, Map<string, string>>();
function comparisonIndex(vocabulary: ReadonlySet<string>): Map<string, string> {
  let known = indexes.get(vocabulary);
  if (known === undefined) {
    known = new Map();
    for (const entry of vocabulary) known.set(normaliseForCompare(normaliseTag(entry)), entry);
    indexes.set(vocabulary, known);
  }
  return known;
}

/**
 * The vocabulary's spelling of a tag typed in another case, width or spacing, if it is known.
 * @example vocabularySpelling('来源-wechat', new Set(['来源-WeChat'])) // '来源-WeChat'
 */
export function vocabularySpelling(
  tag: string,
  vocabulary: ReadonlySet<string>,
): string | undefined {
  return comparisonIndex(vocabulary).get(normaliseForCompare(normaliseTag(tag)));
}

/**
 * Checks tags against the governed vocabulary: known tags come out spelled as in the vocabulary,
 * repeats and unknown or malformed tags are reported; empty entries (a trailing comma) are skipped.
 * @example validateTagsAgainst(['区域－华东', '区域-华东', '重要'], new Set(['区域-华东'])).errors.map((e) => e.code) // ['tag.duplicate', 'tag.vague']
 */
export function validateTagsAgainst(
  tags: readonly string[],
  vocabulary: ReadonlySet<string>,
): { accepted: string[]; errors: TagError[] } {
  const known = comparisonIndex(vocabulary);
  const seen = new Set<string>();
  const accepted: string[] = [];
  const errors: TagError[] = [];
  for (const raw of tags) {
    const tag = normaliseTag(raw);
    if (tag === '') continue;
    const key = normaliseForCompare(tag);
    if (seen.has(key)) {
      errors.push({ value: tag, code: 'tag.duplicate' });
      continue;
    }
    seen.add(key);
    const entry = known.get(key);
    if (entry !== undefined) {
      accepted.push(entry);
      continue;
    }
    // Not in the vocabulary: say what is wrong with its shape if anything, else that it is unknown.
    const checked = validateTag(tag);
    errors.push({ value: tag, code: checked.ok ? 'tag.unknown' : checked.code });
  }
  return { accepted, errors };
}
