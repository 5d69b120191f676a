import { describe, expect, it } from 'vitest';
import { isMaskOf } from './is-mask-of';

describe('isMaskOf', () => {
  it('is true for the mask the caller was shown', () => {
    expect(isMaskOf('138****5678', '13812345678', 'mobile')).toBe(true);
    expect(isMaskOf('张*', '张三', 'personName')).toBe(true);
    expect(isMaskOf('****', 500000, 'amount')).toBe(true);
  });

  it('is false for an edit that merely looks masked', () => {
    expect(isMaskOf('139****5678', '13812345678', 'mobile')).toBe(false);
    expect(isMaskOf('客户评价***非常满意', '客户评价很好', 'none')).toBe(false);
    expect(isMaskOf('李*', '张三', 'personName')).toBe(false);
  });

  it('is false for the clear value itself under a masking kind', () => {
    expect(isMaskOf('13812345678', '13812345678', 'mobile')).toBe(false);
  });
});
