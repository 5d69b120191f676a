import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength } from './code-point-length';

describe('codePointLength', () => {
  it('counts a surrogate pair once and a lone surrogate once', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('华信😀')).toBe(3);
    expect(codePointLength('a\uD800')).toBe(2);
    expect(codePointLength('\uDC00\uD800')).toBe(2);
    expect(codePointLength('\uD800\uD800\uDC00')).toBe(2);
  });

  it('counts as the spread does', () => {
    const units = fc.string({
      unit: fc.constantFrom('a', '华', '\uD83D', '\uDE00', '😀', '\uDC00', '\uD800'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(units, (s) => codePointLength(s) === [...s].length),
      { numRuns: 2000 },
    );
  });
});
