import { fail, ok, type Result } from '../result';
import type { ErrorCode } from './field-error';
import { toHalfWidth } from './to-half-width';

/** The 31 characters of GB 32100-2015, in value order: I, O, Z, S and V are left out. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const LENGTH = 18;

// Each character's value by char code, -1 outside the alphabet: a lookup instead of a search.
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < CREDIT_CODE_ALPHABET.length; i++) {
  VALUES[CREDIT_CODE_ALPHABET.charCodeAt(i)] = i;
}

function valueAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? (VALUES[c] ?? -1) : -1;
}

/**
 * The check character (position 18) of a unified social credit code, from its first 17
 * characters. Throws on input that is not 17 characters of the code alphabet: a caller bug.
 * @example creditCodeCheckChar('91350100M000100Y4') // '3'
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== LENGTH - 1) throw new RangeError(`expected 17 characters: ${first17}`);
  for (let i = 0; i < LENGTH - 1; i++) {
    if (valueAt(first17, i) < 0) {
      throw new RangeError(`not a credit code character: ${first17.charAt(i)}`);
    }
  }
  return checkCharOf(first17);
}

/**
 * Parses a unified social credit code (统一社会信用代码, GB 32100-2015): accepts lowercase,
 * full-width and surrounding spaces, returns 18 upper-case characters with a correct check
 * character.
 * @example parseCreditCode(' 91350100m000100y43 ') // { ok: true, value: '91350100M000100Y43' }
 */
export function parseCreditCode(input: string): Result<string, ErrorCode> {
  const code = toHalfWidth(input).trim().toUpperCase();
  const problem = shapeProblem(code);
  if (problem !== undefined) return problem;
  // Only the check character is verified: registration authority, category and division codes
  // gain new values over time, and the checksum already catches every single-character typo.
  return checkCharOf(code) === code.charAt(LENGTH - 1) ? ok(code) : fail('creditCode.checksum');
}

/** Why a code is not 18 characters of the alphabet, or undefined when it is. */
function shapeProblem(code: string): Result<never, ErrorCode> | undefined {
  let wellFormed = code.length === LENGTH;
  for (let i = 0; wellFormed && i < LENGTH; i++) wellFormed = valueAt(code, i) >= 0;
  if (wellFormed) return undefined;
  // Counted in code points, as a user counts characters.
  const chars = Array.from(code);
  if (chars.length !== LENGTH) return fail('creditCode.length', { length: chars.length });
  const bad = chars.findIndex((char) => !CREDIT_CODE_ALPHABET.includes(char));
  return fail('creditCode.charset', { position: bad + 1, char: chars[bad] ?? '' });
}

// The check character of a code whose first 17 characters are known to be in the alphabet.
function checkCharOf(code: string): string {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += valueAt(code, i) * (WEIGHTS[i] ?? 0);
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}
