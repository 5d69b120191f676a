import { fail, ok, type Result } from '../result';
import { parseEmail } from './email';
import type { ErrorCode } from './field-error';
import { parseLandline } from './landline';
import { parseMobile } from './mobile';
import { parseWechat } from './wechat';

/** The contact fields that count towards the "at least two contact methods" rule. */
export interface ContactMethods {
  mobile?: string | undefined;
  email?: string | undefined;
  wechat?: string | undefined;
  landline?: string | undefined;
}

const parsers: readonly [keyof ContactMethods, (input: string) => Result<string, ErrorCode>][] = [
  ['mobile', parseMobile],
  ['email', parseEmail],
  ['wechat', parseWechat],
  ['landline', parseLandline],
];

/**
 * How many of mobile, email, WeChat and landline hold a valid value; empty ones do not count.
 * @example countValidContacts({ mobile: '13812345678', email: 'li@qq.com', wechat: '' }) // 2
 */
export function countValidContacts(contacts: ContactMethods): number {
  let count = 0;
  for (const [field, parse] of parsers) {
    const value = contacts[field];
    // A WeChat account that is the mobile number still counts: it is a second channel.
    if (value !== undefined && value.trim() !== '' && parse(value).ok) count += 1;
  }
  return count;
}

/**
 * Checks that a customer has at least `minimum` valid contact methods; returns how many.
 * @example checkContactMethods({ mobile: '13812345678' }) // { ok: false, code: 'contacts.atLeastTwo', params: { count: 1 } }
 */
export function checkContactMethods(
  contacts: ContactMethods,
  minimum = 2,
): Result<number, ErrorCode> {
  const count = countValidContacts(contacts);
  return count >= minimum ? ok(count) : fail('contacts.atLeastTwo', { count });
}
