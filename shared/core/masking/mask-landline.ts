import { maskEnds } from './mask-ends';

// Mainland area codes: 010 and 02x have two digits after the trunk 0, the others three.
// 400/800 service numbers keep their prefix the same way.
const AREA_CODE = /^(?:0(?:10|2\d|[3-9]\d\d)|[48]00)[-\s]?/u;
const LAST_TWO_DIGITS = /\d\d$/u;

/**
 * Masks a landline: the area code (which tells no more than the region field) and the last
 * 2 digits are kept, one star per hidden character. Without an area code only the last 2
 * digits show; a value that would keep fewer than 4 characters hidden, or that has neither an
 * area code nor final digits (free text), is masked in full.
 * @example maskLandline('0755-86013388') // '0755-******88'
 */
export function maskLandline(value: string): string {
  // The area code is ASCII, so its length in UTF-16 units is its length in code points.
  const head = AREA_CODE.exec(value)?.[0].length ?? 0;
  const tail = LAST_TWO_DIGITS.test(value) ? 2 : 0;
  return maskEnds(value, head, tail);
}
