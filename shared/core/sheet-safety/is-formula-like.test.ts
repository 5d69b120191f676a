import { describe, expect, it } from 'vitest';
import { isFormulaLike } from './is-formula-like';

describe('isFormulaLike', () => {
  it('sees formulas and their triggers', () => {
    for (const value of [
      '=1+1',
      '=HYPERLINK("http://evil.example","点击")',
      "=cmd|' /C calc'!A0",
      '+86 138 1234 5678',
      '-2+3',
      '@SUM(A1:A2)',
      '\t=1',
      '\tplain after a tab',
      '\rline',
      ' =1+1',
      '\u3000=1+1',
      '＝１＋１',
      '＋86',
      '－5',
      '＠user',
      '-',
      '+',
    ]) {
      expect(isFormulaLike(value), JSON.stringify(value)).toBe(true);
    }
  });

  it('leaves plain numbers alone', () => {
    for (const value of ['-5', '+5', '-3.14', '1e5', '-1.5E-7', '.5', '-0', '42']) {
      expect(isFormulaLike(value), value).toBe(false);
    }
  });

  it('treats grouped or padded numbers as formula-like', () => {
    expect(isFormulaLike('-1,234.5')).toBe(true);
    expect(isFormulaLike(' -5')).toBe(true);
  });

  it('leaves ordinary text alone', () => {
    for (const value of [
      '深圳市腾讯计算机系统有限公司',
      'zhangsan@example.com',
      '13812345678',
      "'=1+1",
      '',
      'a=b',
      '5-3',
    ]) {
      expect(isFormulaLike(value), value).toBe(false);
    }
  });
});
