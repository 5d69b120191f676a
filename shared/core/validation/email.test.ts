import { describe, it, expect } from 'vitest';
import { parseEmail } from './email';

describe('parseEmail', () => {
  it.each([
    ['zhangsan@qq.com', 'zhangsan@qq.com'],
    ['  li.si@163.com  ', 'li.si@163.com'],
    ['Wang.Wu@Example.COM', 'Wang.Wu@example.com'],
    ['sales+crm@company.com.cn', 'sales+crm@company.com.cn'],
    ["o'brien@example.org", "o'brien@example.org"],
    ['first_last-1@sub.mail.example.cn', 'first_last-1@sub.mail.example.cn'],
    ['ｚｈａｎｇ＠ｑｑ．ｃｏｍ', 'zhang@qq.com'],
    ['zhang＠qq.com', 'zhang@qq.com'],
    ['zhang@qq。com', 'zhang@qq.com'],
    ['info@例子.中国', 'info@例子.中国'],
    ['张三@例子.公司', '张三@例子.公司'],
    ['info@xn--fsqu00a.xn--fiqs8s', 'info@xn--fsqu00a.xn--fiqs8s'],
    [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['zhangsan', 'no @'],
    ['zhangsan@', 'no domain'],
    ['@qq.com', 'no local part'],
    ['zhang@san@qq.com', 'two @'],
    ['zhangsan@qq', 'no dot in the domain'],
    ['zhangsan@qq.c', 'a one-letter TLD'],
    ['zhangsan@qq.123', 'a numeric TLD'],
    ['zhang..san@qq.com', 'consecutive dots in the local part'],
    ['.zhangsan@qq.com', 'a leading dot'],
    ['zhangsan.@qq.com', 'a trailing dot in the local part'],
    ['zhangsan@qq..com', 'consecutive dots in the domain'],
    ['zhangsan@.qq.com', 'a domain starting with a dot'],
    ['zhangsan@qq.com.', 'a domain ending with a dot'],
    ['zhangsan@-qq.com', 'a label starting with a hyphen'],
    ['zhang san@qq.com', 'a space'],
    ['zhangsan@q_q.com', 'an underscore in the domain'],
    ['"zhang san"@qq.com', 'a quoted local part'],
    [`${'a'.repeat(65)}@example.com`, 'a 65-character local part'],
    [`a@${'b'.repeat(64)}.com`, 'a 64-character label'],
    ['张三 <zhangsan@qq.com>', 'a display name'],
  ])('rejects %j (%s)', (input) => {
    expect(parseEmail(input)).toEqual({ ok: false, code: 'email.format' });
  });
});
