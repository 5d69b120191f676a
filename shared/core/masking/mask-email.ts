import { maskFull } from './mask-full';

/**
 * Masks an email address: the first character of the local part, a fixed `***` (so the length
 * of the local part stays hidden) and the whole domain. The domain is the part after the last
 * `@`; a value without a usable one (no `@`, nothing before or after it, whitespace in it:
 * free text rather than an address) is masked in full.
 * @example maskEmail('zhangsan@example.com') // 'z***@example.com'
 */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  const domain = value.slice(at + 1);
  if (at <= 0 || domain === '' || /\s/u.test(domain)) return maskFull(value);
  const [first = ''] = Array.from(value.slice(0, at));
  return `${first}***@${domain}`;
}
