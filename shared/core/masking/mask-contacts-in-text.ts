import { maskEmail } from './mask-email';
import { maskIdNumber } from './mask-id-number';
import { maskMobile } from './mask-mobile';

// Digits as people type them, half- or full-width (a Chinese IME gives ０-９).
const D = '[0-9\uFF10-\uFF19]';
// The local part takes every character RFC 5322 allows unquoted, a star too: the email mask
// keeps the first character and writes `***`, so a masked address masks to itself.
const EMAIL = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+";
// 18 characters, the last a check digit that may be X. A credit code that happens to be all
// digits looks the same and is masked too: in free text the two cannot be told apart.
const ID_NUMBER = `(?<![0-9\uFF10-\uFF19A-Za-z])${D}{17}[0-9\uFF10-\uFF19Xx\uFF38\uFF58](?![0-9\uFF10-\uFF19A-Za-z])`;
// A mainland mobile, with +86/0086/86 and single spaces or dashes between the 3-4-4 groups.
const MOBILE = `(?<!${D})(?:(?:\\+|00)?86[ -]?)?[1\uFF11][3-9\uFF13-\uFF19]${D}[ -]?${D}{4}[ -]?${D}{4}(?!${D})`;
const EMAILS = new RegExp(EMAIL, 'g');
const NUMBERS = new RegExp(`(${ID_NUMBER})|${MOBILE}`, 'g');
/**
 * Masks the personal contact data found inside free text (a reason, a remark), each as its own
 * field would be masked: mainland mobile numbers, email addresses, 18-character ID numbers.
 * Everything else stays as written, and masking the result again changes nothing.
 * @example maskContactsInText('手机号13987654321，邮箱li.na@example.com') // '手机号139****4321，邮箱l***@example.com'
 */
export function maskContactsInText(text: string): string {
  let out = text.includes('@') ? text.replace(EMAILS, (address) => maskEmail(address)) : text;
  if (hasElevenDigits(out)) {
    out = out.replace(NUMBERS, (match, id?: string) =>
      id === undefined ? maskMobile(match) : maskIdNumber(match),
    );
  }
  return out;
}

// A mobile or ID number has eleven digits at least. Counting them first (and looking for an @
// before looking for addresses) skips the patterns for most values many times faster, and an
// audited push runs every value of every row through here.
function hasElevenDigits(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) {
      digits += 1;
      if (digits === 11) return true;
    }
  }
  return false;
}
