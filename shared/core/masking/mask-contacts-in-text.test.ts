import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskContactsInText } from './mask-contacts-in-text';

const digit = fc.constantFrom(...'0123456789');
const digits = (n: number) =>
  fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
const mobile = fc
  .tuple(fc.constantFrom(...'3456789'), digits(9))
  .map(([second, rest]) => `1${second}${rest}`);
const idNumber = fc
  .tuple(digits(17), fc.constantFrom(...'0123456789X'))
  .map(([body, check]) => body + check);
// A local part of stars only would read the same masked: the property could not tell.
const email = fc.emailAddress().filter((address) => !address.split('@')[0]?.includes('*'));
// Text around a value: anything but a digit or a character that could run on into an address.
const around = fc.string({
  unit: fc.constantFrom(...'手机号与名片不符，邮箱无效 :;()\n'),
  maxLength: 12,
});

describe('maskContactsInText', () => {
  it('masks mobiles, emails and ID numbers inside text as their fields are masked', () => {
    expect(maskContactsInText('手机号13987654321与名片不符，邮箱li.na@example.com无效')).toBe(
      '手机号139****4321与名片不符，邮箱l***@example.com无效',
    );
    expect(maskContactsInText('身份证11010519900307002X已核对')).toBe(
      '身份证110105********002X已核对',
    );
    expect(maskContactsInText('电话 +86 139-8765-4321 或 １３９８７６５４３２１')).toBe(
      '电话 139****4321 或 139****4321',
    );
    expect(maskContactsInText('QQ邮箱13912345678@qq.com')).toBe('QQ邮箱1***@qq.com');
  });

  it('leaves other numbers and codes as written', () => {
    for (const text of [
      '订单号 20240501123456789012',
      '座机 021-12345678',
      '1391234567812',
      '统一社会信用代码 91310115MA1K3ABC12',
      '需要采购10台工业机器人，预算 1500000 元',
      '139****4321',
      'l***@example.com',
    ]) {
      expect(maskContactsInText(text)).toBe(text);
    }
  });

  it('leaves no mobile, ID number or email address in clear, wherever it sits in the text', () => {
    fc.assert(
      fc.property(around, fc.oneof(mobile, idNumber, email), around, (before, value, after) => {
        const masked = maskContactsInText(`${before}${value}${after}`);
        expect(masked).not.toContain(value);
        expect(masked.startsWith(before)).toBe(true);
        expect(masked.endsWith(after)).toBe(true);
      }),
    );
  });

  it('changes nothing when masking its own result again', () => {
    const tricky = fc.string({
      unit: fc.constantFrom(...'0113986 -+@.aX*手１３９'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string()), (text) => {
        const once = maskContactsInText(text);
        expect(maskContactsInText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps text with no digit and no @ exactly as it is', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/[0-9０-９@]/u.test(text));
        expect(maskContactsInText(text)).toBe(text);
      }),
    );
  });
});
