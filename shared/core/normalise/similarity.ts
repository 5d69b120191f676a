import { codePointLength } from './code-point-length';
import { companyNameKey, tradeNameOf } from './company-name';

/**
 * The similarity at or above which two company names are flagged as possible duplicates. 0.75 is
 * one edit in a four-character key (华信科技 / 华新科技), the shortest usual company key; longer keys
 * tolerate proportionally more. Two edits in four (华信科技 / 华信贸易) stay below it.
 */
export const nearDuplicateThreshold = 0.75;

// Levenshtein distance over code points, so a Han character or an emoji counts as one.
function editDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * How alike two keys from companyNameKey are, from 0 to 1: one minus their edit distance over the
 * longer key's length. A batch dedupe computes each key once and compares keys with this.
 * @example keySimilarity('华信科技', '华新科技') // 0.75
 */
export function keySimilarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const longer = Math.max(x.length, y.length);
  return longer === 0 ? 1 : 1 - editDistance(x, y) / longer;
}

/**
 * How alike two company names are, from 0 to 1, compared by their keys, so differences of form,
 * region, width and spacing cost nothing.
 * @example nameSimilarity('华信科技有限公司', '华新科技有限责任公司') // 0.75
 */
export function nameSimilarity(a: string, b: string): number {
  return keySimilarity(companyNameKey(a), companyNameKey(b));
}

/**
 * Whether two company names should be shown to a reviewer as a possible duplicate: keys at least
 * `nearDuplicateThreshold` alike, or the same trade name with another industry (华信 / 华信科技).
 * @example isNearDuplicateName('上海华信科技有限公司', '华新科技有限公司') // true
 */
export function isNearDuplicateName(a: string, b: string): boolean {
  if (nameSimilarity(a, b) >= nearDuplicateThreshold) return true;
  const trade = tradeNameOf(a);
  // Same 字号 with or without an industry word is how people shorten a name (华信 for 华信科技).
  return [...trade].length >= 2 && trade === tradeNameOf(b);
}

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);
const surrogate = /[\uD800-\uDFFF]/;

/**
 * Whether `keySimilarity(a, b) >= threshold`, answered without computing the whole distance:
 * only the diagonal band that such a distance allows is filled, and the work stops as soon as
 * the band exceeds it. What the push path runs against hundreds of candidates per row.
 * @example keyWithin('华信科技', '华新科技', 0.75) // true
 */
export function keyWithin(a: string, b: string, threshold: number): boolean {
  const x: ArrayLike<string> = surrogate.test(a) ? [...a] : a;
  const y: ArrayLike<string> = surrogate.test(b) ? [...b] : b;
  const longer = Math.max(x.length, y.length);
  if (longer === 0) return true;
  // The largest distance that still meets the threshold (the epsilon absorbs 1 - 0.75 rounding).
  const allowed = Math.floor((1 - threshold) * longer + 1e-9);
  if (allowed < 0) return false;
  if (Math.abs(x.length - y.length) > allowed) return false;
  if (previousRow.length <= y.length) {
    previousRow = new Int32Array(y.length * 2 + 1);
    currentRow = new Int32Array(y.length * 2 + 1);
  }
  const beyond = allowed + 1;
  for (let j = 0; j <= y.length; j += 1) previousRow[j] = j <= allowed ? j : beyond;
  for (let i = 1; i <= x.length; i += 1) {
    const from = Math.max(1, i - allowed);
    const to = Math.min(y.length, i + allowed);
    currentRow[0] = i <= allowed ? i : beyond;
    if (from > 1) currentRow[from - 1] = beyond;
    let best = currentRow[0] ?? beyond;
    for (let j = from; j <= to; j += 1) {
      const substitution = (previousRow[j - 1] ?? beyond) + (x[i - 1] === y[j - 1] ? 0 : 1);
      const deletion = (previousRow[j] ?? beyond) + 1;
      const insertion = (currentRow[j - 1] ?? beyond) + 1;
      const cell = Math.min(substitution, deletion, insertion, beyond);
      currentRow[j] = cell;
      if (cell < best) best = cell;
    }
    if (to < y.length) currentRow[to + 1] = beyond;
    if (best > allowed) return false;
    [previousRow, currentRow] = [currentRow, previousRow];
  }
  return (previousRow[y.length] ?? beyond) <= allowed;
}

/**
 * `keyWithin(candidate, key, threshold)` for one key against many candidates: the key is read
 * once, and each candidate costs one pass of Myers' bit-parallel edit distance (a machine word
 * stands for a column of the distance table). Keys longer than 31 code points fall back to
 * `keyWithin`.
 * @example keyMatcher('华新科技', 0.75)('华信科技') // true
 */
export function keyMatcher(key: string, threshold: number): (candidate: string) => boolean {
  const points = codePoints(key);
  const m = points.length;
  if (m === 0 || m > 31) return (candidate) => keyWithin(candidate, key, threshold);
  const equal = new Map<number, number>();
  for (let i = 0; i < m; i += 1) {
    const point = points[i] ?? 0;
    equal.set(point, (equal.get(point) ?? 0) | (1 << i));
  }
  const all = m === 31 ? 0x7fffffff : (1 << m) - 1;
  const last = 1 << (m - 1);
  return (candidate) => {
    const n = codePointLength(candidate);
    const allowed = Math.floor((1 - threshold) * Math.max(m, n) + 1e-9);
    if (allowed < 0 || Math.abs(m - n) > allowed) return false;
    let positive = all;
    let negative = 0;
    let score = m;
    let j = 0;
    for (let i = 0; i < candidate.length; i += 1) {
      let point = candidate.charCodeAt(i);
      if (point >= 0xd800 && point <= 0xdbff && i + 1 < candidate.length) {
        const low = candidate.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          point = ((point - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          i += 1;
        }
      }
      j += 1;
      const eq = equal.get(point) ?? 0;
      const xv = eq | negative;
      const xh = ((((eq & positive) + positive) ^ positive) | eq) & all;
      let ph = (negative | ~(xh | positive)) & all;
      let mh = positive & xh;
      if ((ph & last) !== 0) score += 1;
      else if ((mh & last) !== 0) score -= 1;
      ph = ((ph << 1) | 1) & all;
      mh = (mh << 1) & all;
      positive = (mh | ~(xv | ph)) & all;
      negative = ph & xv;
      // The last row moves by at most one per remaining column.
      if (score - (n - j) > allowed) return false;
    }
    return score <= allowed;
  };
}

function codePoints(text: string): number[] {
  const out: number[] = [];
  for (const char of text) out.push(char.codePointAt(0) ?? 0);
  return out;
}
