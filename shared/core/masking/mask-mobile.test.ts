import { describe, expect, it } from 'vitest';
import { maskMobile } from './mask-mobile';

describe('maskMobile', () => {
  it('masks a mainland mobile as 3-4-4', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile('19900001111')).toBe('199****1111');
  });

  it('reduces any accepted spelling to the 11 digits first', () => {
    expect(maskMobile('+86 138-1234-5678')).toBe('138****5678');
    expect(maskMobile('0086 13812345678')).toBe('138****5678');
    expect(maskMobile('１３８ １２３４ ５６７８')).toBe('138****5678');
  });

  it('keeps 3 and 4 of other numbers only when at least 4 characters stay hidden', () => {
    expect(maskMobile('+44 20 7946 0958')).toBe('+44*********0958');
    expect(maskMobile('85291234567')).toBe('852****4567');
    expect(maskMobile('91234567')).toBe('****');
    expect(maskMobile('1381234567')).toBe('****');
  });

  it('leaves an empty value empty and is stable on its own output', () => {
    expect(maskMobile('')).toBe('');
    expect(maskMobile('138****5678')).toBe('138****5678');
  });
});
