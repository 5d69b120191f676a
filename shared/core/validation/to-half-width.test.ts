import { describe, it, expect } from 'vitest';
import { toHalfWidth } from './to-half-width';

describe('toHalfWidth', () => {
  it('maps full-width digits, letters, plus and parentheses to ASCII', () => {
    expect(toHalfWidth('＋８６（１３８）')).toBe('+86(138)');
    expect(toHalfWidth('ＡＢｃ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('ABc@example.com');
  });

  it('turns the ideographic space into an ASCII space', () => {
    expect(toHalfWidth('０１０　１２３４５６７８')).toBe('010 12345678');
  });

  it('leaves Chinese text and circled digits alone', () => {
    expect(toHalfWidth('转①２')).toBe('转①2');
  });
});
