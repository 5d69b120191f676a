import { isProvincePrefix } from '../region/regions';
import { fail, ok, type Result } from '../result';
import { isCalendarDate } from './calendar-date';
import type { ErrorCode } from './field-error';
import { toHalfWidth } from './to-half-width';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_DIGITS = '10X98765432';
const LENGTH = 18;
const EARLIEST_BIRTH_YEAR = 1900;

/**
 * The check digit (position 18) of a resident ID number, from its first 17 digits
 * (ISO 7064 MOD 11-2). Throws on input that is not 17 digits: a caller bug.
 * @example idNumberCheckDigit('11010519491231002') // 'X'
 */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected 17 digits: ${first17}`);
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += Number(first17.charAt(i)) * weight;
  });
  return CHECK_DIGITS.charAt(sum % 11);
}

/**
 * The birth date in an ID number as `YYYY-MM-DD`, or undefined when digits 7–14 are not a
 * real calendar date.
 * @example birthDateOf('11010519491231002X') // '1949-12-31'
 */
export function birthDateOf(idNumber: string): string | undefined {
  const digits = normalise(idNumber).slice(6, 14);
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  if (match === null) return undefined;
  const [, year = '', month = '', day = ''] = match;
  return isCalendarDate(Number(year), Number(month), Number(day))
    ? `${year}-${month}-${day}`
    : undefined;
}

/**
 * Parses a mainland resident ID number (GB 11643-1999): accepts lowercase x, full-width and
 * spaces, checks province, birth date and check digit, returns 18 characters with upper-case X.
 * @example parseIdNumber('110105 19491231 002x') // { ok: true, value: '11010519491231002X' }
 */
export function parseIdNumber(input: string, today: Date = new Date()): Result<string, ErrorCode> {
  const id = normalise(input);
  const length = Array.from(id).length;
  if (length !== LENGTH) return fail('idNumber.length', { length });
  if (!/^\d{17}[\dX]$/.test(id)) return fail('idNumber.format');
  // Only the province is checked: a number keeps its district code for life, and district
  // codes are merged and abolished every year, so a real ID often names a code no list has.
  const province = id.slice(0, 2);
  if (!isProvincePrefix(province)) return fail('idNumber.region', { code: province });
  const birthDate = birthDateOf(id);
  const compact = id.slice(6, 14);
  if (birthDate === undefined || !isPlausibleBirth(compact, today)) {
    return fail('idNumber.birthdate', { date: compact });
  }
  return idNumberCheckDigit(id.slice(0, 17)) === id.charAt(17) ? ok(id) : fail('idNumber.checksum');
}

function normalise(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, '').toUpperCase();
}

/** Born in 1900 or later and not after `today` (its local calendar date). */
function isPlausibleBirth(yyyymmdd: string, today: Date): boolean {
  const now = today.getFullYear() * 10_000 + (today.getMonth() + 1) * 100 + today.getDate();
  const birth = Number(yyyymmdd);
  return birth >= EARLIEST_BIRTH_YEAR * 10_000 && birth <= now;
}
