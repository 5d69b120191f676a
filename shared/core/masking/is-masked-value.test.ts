import { describe, expect, it } from 'vitest';
import { isMaskedValue } from './is-masked-value';

describe('isMaskedValue', () => {
  it('recognises what the masks produce', () => {
    for (const masked of [
      '138****5678',
      'z***@example.com',
      '110105********002X',
      '9135**********0Y43',
      '张*',
      '欧阳**',
      'J***',
      '*',
      '深圳市****有限公司',
      '上海市浦东新区****',
      '0755-******88',
      '****',
    ]) {
      expect(isMaskedValue(masked), masked).toBe(true);
    }
  });

  it('does not take clear values for masks', () => {
    for (const clear of [
      '13812345678',
      'zhangsan@example.com',
      '张三',
      '3*4=12',
      'a**b',
      '',
      '五星*好评',
    ]) {
      expect(isMaskedValue(clear), clear).toBe(false);
    }
  });

  it('accepts a remark with *** too, which is why the server also checks isMaskOf', () => {
    expect(isMaskedValue('客户评价***非常满意')).toBe(true);
  });
});
