import { describe, expect, it } from 'vitest';
import { maskEmail } from './mask-email';

describe('maskEmail', () => {
  it('keeps the first letter of the local part and the domain', () => {
    expect(maskEmail('zhangsan@example.com')).toBe('z***@example.com');
    expect(maskEmail('li.si+crm@mail.company.com.cn')).toBe('l***@mail.company.com.cn');
  });

  it('hides the length of the local part behind a fixed ***', () => {
    expect(maskEmail('a@qq.com')).toBe('a***@qq.com');
    expect(maskEmail('abcdefghijklmnop@qq.com')).toBe('a***@qq.com');
  });

  it('counts the first letter as one code point', () => {
    expect(maskEmail('张三@例子.中国')).toBe('张***@例子.中国');
    expect(maskEmail('😀smile@example.com')).toBe('😀***@example.com');
  });

  it('takes the domain after the last @', () => {
    expect(maskEmail('"a@b"@example.com')).toBe('"***@example.com');
  });

  it('masks in full what is not an address', () => {
    expect(maskEmail('zhangsan')).toBe('****');
    expect(maskEmail('@example.com')).toBe('****');
    expect(maskEmail('zhangsan@')).toBe('****');
    expect(maskEmail('call me @ 5pm tomorrow')).toBe('****');
  });

  it('leaves an empty value empty and is stable on its own output', () => {
    expect(maskEmail('')).toBe('');
    expect(maskEmail('z***@example.com')).toBe('z***@example.com');
  });
});
