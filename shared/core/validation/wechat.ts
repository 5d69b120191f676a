import { fail, ok, type Result } from '../result';
import type { ErrorCode } from './field-error';
import { parseMobile } from './mobile';
import { toHalfWidth } from './to-half-width';

const WECHAT_ID = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/;

/**
 * Parses a WeChat account: a WeChat ID (6–20 letters, digits, _ or -, starting with a letter)
 * or the mobile number the account was registered with, returned as 11 digits.
 * @example parseWechat('zhangsan_88') // { ok: true, value: 'zhangsan_88' }
 */
export function parseWechat(input: string): Result<string, ErrorCode> {
  const id = toHalfWidth(input).trim();
  if (WECHAT_ID.test(id)) return ok(id);
  // Many people give the phone number they sign in with instead of a WeChat ID.
  const mobile = parseMobile(id);
  return mobile.ok ? mobile : fail('wechat.format');
}
