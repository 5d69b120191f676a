import { describe, expect, it } from 'vitest';
import { maskAmount } from './mask-amount';

describe('maskAmount', () => {
  it('hides numbers and numeric text entirely', () => {
    expect(maskAmount(123456)).toBe('****');
    expect(maskAmount(0)).toBe('****');
    expect(maskAmount(-8.5)).toBe('****');
    expect(maskAmount('1,250,000.00')).toBe('****');
    expect(maskAmount(Number.NaN)).toBe('****');
  });

  it('leaves an empty cell empty', () => {
    expect(maskAmount('')).toBe('');
  });
});
