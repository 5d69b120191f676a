import fc from 'fast-check';
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

// Addresses near the rules' edges: label and top-level lengths, hyphens, dots, xn--, case.
const label = fc.constantFrom(
  'qq',
  'COM',
  'cn',
  'x',
  '1',
  'a-b',
  '-q',
  'q-',
  '',
  'xn--',
  'xn--fiqs8s',
  'xn--a-',
  'q_q',
  'b'.repeat(63),
  'b'.repeat(64),
  `xn--${'c'.repeat(59)}`,
  `xn--${'c'.repeat(60)}`,
);
const asciiAddress = fc
  .tuple(
    fc.constantFrom(
      'zhang',
      'Li.Si',
      'a',
      '.a',
      'a.',
      'a..b',
      "o'b+c",
      '"a"',
      'a b',
      'l'.repeat(64),
      'l'.repeat(65),
    ),
    fc.constantFrom('@', '@@', '', '@a@'),
    fc.array(label, { minLength: 1, maxLength: 4 }),
  )
  .map(([local, at, labels]) => `${local}${at}${labels.join('.')}`);

describe('parseEmail properties', () => {
  it('answers an all-ASCII address as its general (NFKC, Unicode) path does', () => {
    // A leading ideographic space sends the same address down the general path: NFKC makes it a
    // space, and the trim removes it.
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: asciiAddress, weight: 8 }, fc.emailAddress(), fc.string()),
        (address) => {
          expect(parseEmail(address)).toEqual(parseEmail(`\u3000${address}`));
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
