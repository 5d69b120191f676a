import { describe, expect, it } from 'vitest';
import { maskCreditCode } from './mask-credit-code';

describe('maskCreditCode', () => {
  it('keeps the first 4 and last 4 by default', () => {
    expect(maskCreditCode('91350100M000100Y43')).toBe('9135**********0Y43');
    expect(maskCreditCode('91440300708461136T')).toBe('9144**********136T');
  });

  it('takes other head and tail lengths', () => {
    expect(maskCreditCode('91350100M000100Y43', { head: 2, tail: 2 })).toBe('91**************43');
    expect(maskCreditCode('91350100M000100Y43', { head: 8 })).toBe('91350100******0Y43');
  });

  it('masks in full a code too short for its ends to stay partial', () => {
    expect(maskCreditCode('123456789')).toBe('****');
    expect(maskCreditCode('91350100M000100Y43', { head: 8, tail: 8 })).toBe('****');
  });

  it('leaves an empty value empty', () => {
    expect(maskCreditCode('')).toBe('');
  });
});
