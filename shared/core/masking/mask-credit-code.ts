import { maskEnds } from './mask-ends';

/** How many characters of a credit code stay visible at each end. */
export interface CreditCodeMaskOptions {
  head?: number;
  tail?: number;
}

/**
 * Masks a unified social credit code: first 4 and last 4 kept by default, one star per hidden
 * character; a code that would keep fewer than 4 characters hidden is masked in full.
 * @example maskCreditCode('91350100M000100Y43') // '9135**********0Y43'
 */
export function maskCreditCode(
  code: string,
  { head = 4, tail = 4 }: CreditCodeMaskOptions = {},
): string {
  return maskEnds(code, head, tail);
}
