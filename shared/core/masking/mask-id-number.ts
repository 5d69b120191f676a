import { maskEnds } from './mask-ends';

/**
 * Masks an identity document number: first 6 (the issuing region) and last 4 kept, one star
 * per hidden character, so an 18-character ID keeps its familiar shape. Numbers shorter than
 * 14 characters (passports, Hong Kong IDs) are masked in full.
 * @example maskIdNumber('11010519900307002X') // '110105********002X'
 */
export function maskIdNumber(value: string): string {
  return maskEnds(value, 6, 4);
}
