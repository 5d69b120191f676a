import { fail, ok, type Result } from '../result';
import type { ErrorCode } from './field-error';
import { toHalfWidth } from './to-half-width';

// Separators people put inside phone numbers, including the dashes a Chinese IME produces.
const DECORATION = /[\s\-\u2010-\u2015\u2212.()]/g;
const MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
// The stored spelling, which most rows of a push already use.
const PLAIN_MOBILE = /^1[3-9]\d{9}$/;

/**
 * Parses a mainland China mobile number written with +86/0086/86, spaces, dashes, dots,
 * parentheses or full-width characters, and returns its 11 digits.
 * @example parseMobile('+86 138-1234-5678') // { ok: true, value: '13812345678' }
 */
export function parseMobile(input: string): Result<string, ErrorCode> {
  if (PLAIN_MOBILE.test(input)) return ok(input);
  const compact = toHalfWidth(input).replace(DECORATION, '');
  const digits = MOBILE.exec(compact)?.[1];
  return digits === undefined ? fail('mobile.format') : ok(digits);
}

/**
 * Whether the input is a mainland China mobile number in any accepted spelling.
 * @example isValidMobile('138 1234 5678') // true
 */
export function isValidMobile(input: string): boolean {
  return parseMobile(input).ok;
}
