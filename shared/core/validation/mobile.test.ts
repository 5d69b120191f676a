import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { isValidMobile, parseMobile } from './mobile';

describe('parseMobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['138.1234.5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['(+86) 139 0000 1111', '13900001111'],
    ['0086 15900001111', '15900001111'],
    ['8618600001111', '18600001111'],
    ['  19912345678  ', '19912345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['＋８６　１７７－１２３４－５６７８', '17712345678'],
    ['138—1234—5678', '13812345678'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseMobile(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['1381234567', '10 digits'],
    ['138123456789', '12 digits'],
    ['12812345678', 'second digit 2'],
    ['23812345678', 'does not start with 1'],
    ['010-12345678', 'a Beijing landline'],
    ['+1 138 1234 5678', 'another country code'],
    ['+13812345678', 'a plus without country code'],
    ['138 1234 567a', 'a letter'],
    ['138/1234/5678', 'slashes'],
    ['+852 6123 4567', 'a Hong Kong mobile'],
    ['13812345678 转 8', 'an extension'],
  ])('rejects %j (%s)', (input) => {
    expect(parseMobile(input)).toEqual({ ok: false, code: 'mobile.format' });
  });

  it('isValidMobile agrees with parseMobile', () => {
    expect(isValidMobile('+86 138 1234 5678')).toBe(true);
    expect(isValidMobile('010-12345678')).toBe(false);
  });
});

const mobileArb = fc
  .tuple(
    fc.integer({ min: 3, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
  )
  .map(([second, rest]) => `1${second}${rest.join('')}`);

const fullWidth = (s: string): string =>
  s.replace(/[0-9+]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

const decorate = fc
  .record({
    prefix: fc.constantFrom('', '+86', '+86 ', '0086', '0086-', '86', '(+86) ', '＋８６ '),
    separator: fc.constantFrom('', ' ', '-', '.', '　', '－', '—'),
    grouping: fc.constantFrom([3, 4, 4], [3, 8], [11], [3, 3, 5]),
    wide: fc.boolean(),
    padding: fc.constantFrom('', ' ', '  ', '\t'),
  })
  .chain((d) => mobileArb.map((mobile) => ({ mobile, ...d })));

describe('parseMobile properties', () => {
  it('a decorated valid mobile normalises back to itself, and normalising is idempotent', () => {
    fc.assert(
      fc.property(decorate, ({ mobile, prefix, separator, grouping, wide, padding }) => {
        const groups: string[] = [];
        let at = 0;
        for (const size of grouping) {
          groups.push(mobile.slice(at, at + size));
          at += size;
        }
        const body = groups.join(separator);
        const input = `${padding}${prefix}${wide ? fullWidth(body) : body}${padding}`;
        const parsed = parseMobile(input);
        expect(parsed).toEqual({ ok: true, value: mobile });
        if (parsed.ok) expect(parseMobile(parsed.value)).toEqual(parsed);
      }),
    );
  });

  it('answers the stored spelling as the general path does', () => {
    // A trailing space is decoration, so it sends the same number down the general path.
    fc.assert(
      fc.property(fc.oneof(mobileArb, fc.stringMatching(/^1\d{9,11}$/), fc.string()), (input) => {
        expect(parseMobile(input)).toEqual(parseMobile(`${input} `));
      }),
    );
  });
});
