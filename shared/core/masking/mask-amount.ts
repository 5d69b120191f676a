import { maskFull } from './mask-full';

/**
 * Hides an amount entirely, whatever its size (SPEC 5: amounts are tiered-access data).
 * @example maskAmount(123456) // '****'
 */
export function maskAmount(value: number | string): string {
  return typeof value === 'number' ? maskFull(String(value)) : maskFull(value);
}
