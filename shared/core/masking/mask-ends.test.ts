import { describe, expect, it } from 'vitest';
import { maskEnds } from './mask-ends';

describe('maskEnds', () => {
  it('keeps both ends and puts one star per hidden character', () => {
    expect(maskEnds('110105199001010021', 6, 4)).toBe('110105********0021');
    expect(maskEnds('13812345678', 3, 4)).toBe('138****5678');
  });

  it('masks in full a value that would keep fewer than four characters hidden', () => {
    expect(maskEnds('1381234567', 3, 4)).toBe('****');
    expect(maskEnds('E12345678', 6, 4)).toBe('****');
  });

  it('does not leak the length when nothing is kept', () => {
    expect(maskEnds('a very long secret value', 0, 0)).toBe('****');
  });

  it('counts code points, not UTF-16 units', () => {
    // Each of these is one code point but two UTF-16 units.
    expect(maskEnds('𠀀𠀁𠀂𠀃𠀄𠀅𠀆', 1, 2)).toBe('𠀀****𠀅𠀆');
    expect(maskEnds('😀😀😀😀😀', 1, 1)).toBe('****');
  });

  it('leaves an empty value empty', () => {
    expect(maskEnds('', 3, 4)).toBe('');
  });

  it('rejects negative or fractional counts as a programming error', () => {
    expect(() => maskEnds('13812345678', -1, 4)).toThrow(RangeError);
    expect(() => maskEnds('13812345678', 3, 1.5)).toThrow(RangeError);
  });
});
