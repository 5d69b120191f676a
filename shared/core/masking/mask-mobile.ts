import { parseMobile } from '../validation/mobile';
import { maskEnds } from './mask-ends';

/**
 * Masks a phone number as 3-4-4: first 3 and last 4 digits kept. A mainland mobile in any
 * accepted spelling (`+86 138-1234-5678`) is first reduced to its 11 digits; anything else
 * keeps its first 3 and last 4 characters only when at least 4 stay hidden, else it becomes
 * `****`.
 * @example maskMobile('13812345678') // '138****5678'
 */
export function maskMobile(value: string): string {
  const mobile = parseMobile(value);
  return maskEnds(mobile.ok ? mobile.value : value, 3, 4);
}
