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
// The same rules for an all-ASCII address as one pattern, several times faster: within ASCII
// \p{L} is [a-z] (case-insensitively), \p{N} is [0-9], \p{M} matches nothing, NFKC changes
// nothing, and a top level that must also be a label has at most 63 characters.
const ASCII_ADDRESS =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{0,58}[a-z0-9])$/i;
const ALL_ASCII = /^[^\u0080-\uFFFF]*$/;
// IDNA treats these as dots too, and a Chinese IME types 。 where the user meant '.'.
const IDEOGRAPHIC_DOTS = /[\u3002\uFF61]/g;

/**
 * Parses an email address: trims it, folds full-width characters (NFKC) and lowercases the
 * domain. Internationalised domains such as 例子.中国 are accepted.
 * @example parseEmail(' Zhang.San＠Example.COM ') // { ok: true, value: 'Zhang.San@example.com' }
 */
export function parseEmail(input: string): Result<string, ErrorCode> {
  if (ALL_ASCII.test(input)) return parseAsciiEmail(input.trim());
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

function parseAsciiEmail(address: string): Result<string, ErrorCode> {
  const at = address.lastIndexOf('@');
  const domainLength = address.length - at - 1;
  if (!ASCII_ADDRESS.test(address) || at > MAX_LOCAL || domainLength > MAX_DOMAIN) {
    return fail('email.format');
  }
  if (address.length > MAX_ADDRESS) return fail('email.format');
  const domain = address.slice(at + 1);
  const lower = domain.toLowerCase();
  return ok(lower === domain ? address : `${address.slice(0, at)}@${lower}`);
}

function isDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN) return false;
  const labels = domain.split('.');
  const top = labels[labels.length - 1];
  // A bare host (no dot) is legal in RFC 5321 but never a customer's real address.
  if (labels.length < 2 || top === undefined || !TOP_LEVEL.test(top)) return false;
  return labels.every((label) => LABEL.test(label));
}
