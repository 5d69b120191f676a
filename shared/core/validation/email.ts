import { fail, ok, type Result } from '../result';
import type { ErrorCode } from './field-error';

// RFC 5321 limits: 64 octets for the local part, 255 for the domain, 254 for a usable path.
// We count characters, not octets: close enough for the addresses people actually type.
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_ADDRESS = 254;

// Dot-atom text (RFC 5322) plus any Unicode letter or digit, as RFC 6531 allows for
// internationalised mailboxes such as 张三@例子.中国.
const LOCAL_PART =
  /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;
const TOP_LEVEL = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u;
// IDNA treats these as dots too, and a Chinese IME types 。 where the user meant '.'.
const IDEOGRAPHIC_DOTS = /[\u3002\uFF61]/g;

/**
 * Parses an email address: trims it, folds full-width characters (NFKC) and lowercases the
 * domain. Internationalised domains such as 例子.中国 are accepted.
 * @example parseEmail(' Zhang.San＠Example.COM ') // { ok: true, value: 'Zhang.San@example.com' }
 */
export function parseEmail(input: string): Result<string, ErrorCode> {
  const address = input.normalize('NFKC').trim();
  const at = address.lastIndexOf('@');
  if (at <= 0) return fail('email.format');
  const local = address.slice(0, at);
  const domain = address
    .slice(at + 1)
    .replace(IDEOGRAPHIC_DOTS, '.')
    .toLowerCase();
  if (local.length > MAX_LOCAL || !LOCAL_PART.test(local)) return fail('email.format');
  if (!isDomain(domain)) return fail('email.format');
  const value = `${local}@${domain}`;
  return value.length > MAX_ADDRESS ? fail('email.format') : ok(value);
}

function isDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN) return false;
  const labels = domain.split('.');
  const top = labels[labels.length - 1];
  // A bare host (no dot) is legal in RFC 5321 but never a customer's real address.
  if (labels.length < 2 || top === undefined || !TOP_LEVEL.test(top)) return false;
  return labels.every((label) => LABEL.test(label));
}
