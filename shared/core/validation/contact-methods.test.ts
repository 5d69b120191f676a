import { describe, it, expect } from 'vitest';
import { checkContactMethods, countValidContacts } from './contact-methods';

describe('countValidContacts', () => {
  it('counts each valid method once', () => {
    expect(
      countValidContacts({
        mobile: '+86 138 1234 5678',
        email: 'zhangsan@qq.com',
        wechat: 'zhangsan_88',
        landline: '010-65529988',
      }),
    ).toBe(4);
    expect(countValidContacts({ mobile: '13812345678', landline: '0755-86013388 转 8' })).toBe(2);
  });

  it('does not count empty, blank or missing values', () => {
    expect(countValidContacts({})).toBe(0);
    expect(
      countValidContacts({ mobile: '13812345678', email: '', wechat: '  ', landline: undefined }),
    ).toBe(1);
  });

  it('does not count invalid values', () => {
    expect(
      countValidContacts({
        mobile: '1381234567',
        email: 'zhangsan@qq',
        wechat: 'zs',
        landline: '12345678',
      }),
    ).toBe(0);
    expect(countValidContacts({ mobile: '13812345678', email: 'not an email' })).toBe(1);
  });

  it('counts a WeChat account given as the mobile number as a separate channel', () => {
    expect(countValidContacts({ mobile: '13812345678', wechat: '13812345678' })).toBe(2);
  });
});

describe('checkContactMethods', () => {
  it('passes with two valid methods and returns the count', () => {
    expect(checkContactMethods({ mobile: '13812345678', email: 'li.si@163.com' })).toEqual({
      ok: true,
      value: 2,
    });
  });

  it('fails with the number found when fewer than two are valid', () => {
    expect(checkContactMethods({ mobile: '13812345678', email: 'li.si@163' })).toEqual({
      ok: false,
      code: 'contacts.atLeastTwo',
      params: { count: 1 },
    });
    expect(checkContactMethods({})).toEqual({
      ok: false,
      code: 'contacts.atLeastTwo',
      params: { count: 0 },
    });
  });

  it('honours a different minimum', () => {
    const contacts = { mobile: '13812345678', email: 'li.si@163.com' };
    expect(checkContactMethods(contacts, 3)).toMatchObject({ ok: false, params: { count: 2 } });
    expect(checkContactMethods({ mobile: '13812345678' }, 1)).toEqual({ ok: true, value: 1 });
  });
});
