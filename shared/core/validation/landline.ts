import { fail, ok, type Result } from '../result';
import type { ErrorCode } from './field-error';
import { toHalfWidth } from './to-half-width';

const SEPARATORS = /[\s\-\u2010-\u2015\u2212.()]+/;
const EXTENSION_MARK = /(?:转|轉|分机|ext\.?|x|#)\s*(\d{1,6})$/i;
const EXTENSION = /^\d{1,6}$/;
// A local number never starts with 0, the trunk prefix: such input is a doubled 0 or a
// wrong split of the area code.
const SUBSCRIBER_7_OR_8 = /^[1-9]\d{6,7}$/;
// The two-digit area codes (010 Beijing, 02x Shanghai, Tianjin, Chongqing and the big
// provincial capitals) have all used eight-digit local numbers since the early 2000s.
const SUBSCRIBER_8 = /^[1-9]\d{7}$/;
const NATIONAL_SERVICE = /^[48]00\d{7}$/;

/**
 * Parses a mainland China landline (area code and local number, optional extension) or a
 * 400/800 service number, and returns it as `0XX-XXXXXXXX[-ext]` or `400-XXX-XXXX[-ext]`.
 * @example parseLandline('(0755) 8888 6666 转 123') // { ok: true, value: '0755-88886666-123' }
 */
export function parseLandline(input: string): Result<string, ErrorCode> {
  let text = toHalfWidth(input).trim();
  const marked = EXTENSION_MARK.exec(text);
  const markedExtension = marked?.[1];
  if (marked !== null) text = text.slice(0, marked.index);

  const groups = text.split(SEPARATORS).filter((group) => group !== '');
  if (!/^\+?\d+$/.test(groups.join(''))) return fail('landline.format');
  const national = withoutCountryCode(groups);
  if (national === undefined) return fail('landline.format');

  const digits = national.join('');
  if (/^[48]00/.test(digits)) {
    const found = splitExtension(national, markedExtension, (main) => NATIONAL_SERVICE.test(main));
    if (found === undefined) return fail('landline.format');
    const [main, extension] = found;
    return ok(join(`${main.slice(0, 3)}-${main.slice(3, 6)}-${main.slice(6)}`, extension));
  }

  const areaLength = /^0(?:10|2\d)/.test(digits) ? 3 : /^0[3-9]\d\d/.test(digits) ? 4 : 0;
  if (areaLength === 0) return fail('landline.format');
  const subscriber = areaLength === 3 ? SUBSCRIBER_8 : SUBSCRIBER_7_OR_8;
  const rest = dropLeading(national, areaLength);
  const found = splitExtension(rest, markedExtension, (main) => subscriber.test(main));
  if (found === undefined) return fail('landline.format');
  const [main, extension] = found;
  return ok(join(`${digits.slice(0, areaLength)}-${main}`, extension));
}

/** The digit groups of the national number, or undefined for a foreign country code. */
function withoutCountryCode(groups: string[]): string[] | undefined {
  const digits = groups.join('');
  const plus = digits.startsWith('+');
  const bare = plus ? digits.slice(1) : digits;
  const clean = groups.map((group) => group.replace('+', ''));
  const prefix = bare.startsWith('0086') ? 4 : bare.startsWith('86') ? 2 : 0;
  if (plus && prefix !== 2) return undefined;
  if (prefix === 0) return clean;
  const national = dropLeading(clean, prefix);
  const first = national[0];
  if (first === undefined) return undefined;
  // Dialled from abroad the area code loses its trunk 0 (+86 10 …); 400/800 numbers keep theirs.
  return first.startsWith('0') || /^[48]00/.test(national.join(''))
    ? national
    : [`0${first}`, ...national.slice(1)];
}

/** Removes `count` digits from the front of a list of digit groups. */
function dropLeading(groups: string[], count: number): string[] {
  const result: string[] = [];
  let left = count;
  for (const group of groups) {
    if (left >= group.length) {
      left -= group.length;
    } else {
      result.push(group.slice(left));
      left = 0;
    }
  }
  return result;
}

/**
 * Splits the local digits into the number and its extension. Without a 转/ext mark, a last
 * separate group is an extension only when the groups before it already make a whole number:
 * "010-6888-8888" is one number, "010-68888888-123" a number and an extension.
 */
function splitExtension(
  groups: string[],
  marked: string | undefined,
  isNumber: (digits: string) => boolean,
): [string, string | undefined] | undefined {
  const whole = groups.join('');
  if (marked !== undefined) return isNumber(whole) ? [whole, marked] : undefined;
  const last = groups[groups.length - 1];
  const before = groups.slice(0, -1).join('');
  if (last !== undefined && groups.length > 1 && EXTENSION.test(last) && isNumber(before)) {
    return [before, last];
  }
  return isNumber(whole) ? [whole, undefined] : undefined;
}

function join(number: string, extension: string | undefined): string {
  return extension === undefined ? number : `${number}-${extension}`;
}
