import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { provinces } from '../region/regions';
import { birthDateOf, idNumberCheckDigit, parseIdNumber } from './id-number';

// A fixed "today" keeps the not-in-the-future rule deterministic.
const today = new Date(2025, 5, 30);

describe('parseIdNumber', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X'], // the example of GB 11643-1999
    ['110101199003074477', '110101199003074477'],
    ['310115200002291235', '310115200002291235'], // born on a leap day
    ['440305198510153215', '440305198510153215'],
    ['650102190001010016', '650102190001010016'], // the earliest accepted birth date
    ['11010519491231002x', '11010519491231002X'],
    ['110105 19491231 002X', '11010519491231002X'],
    [' １１０１０５１９４９１２３１００２Ｘ ', '11010519491231002X'],
    ['540102202405010020', '540102202405010020'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseIdNumber(input, today)).toEqual({ ok: true, value: expected });
  });

  it('keeps accepting a number whose district code has since been abolished', () => {
    // 110103 (Beijing Chongwen district) was merged into Dongcheng in 2010.
    const first17 = '11010319800101123';
    const id = first17 + idNumberCheckDigit(first17);
    expect(parseIdNumber(id, today)).toEqual({ ok: true, value: id });
  });

  it('reports the length of a number that is too short or too long', () => {
    expect(parseIdNumber('', today)).toEqual({
      ok: false,
      code: 'idNumber.length',
      params: { length: 0 },
    });
    // The first-generation 15-digit numbers are no longer in use.
    expect(parseIdNumber('110105491231002', today)).toEqual({
      ok: false,
      code: 'idNumber.length',
      params: { length: 15 },
    });
    expect(parseIdNumber('11010519491231002X1', today)).toMatchObject({ params: { length: 19 } });
  });

  it.each([
    ['1101051949123100XX', 'X before the last position'],
    ['11010519491231002Y', 'a letter other than X'],
    ['11010519491231002-', 'a dash'],
    ['1101051949l231002X', 'a lowercase L for a 1'],
  ])('rejects %j as badly formed (%s)', (input) => {
    expect(parseIdNumber(input, today)).toEqual({ ok: false, code: 'idNumber.format' });
  });

  it('rejects an unknown province with its code', () => {
    for (const prefix of ['00', '10', '20', '99']) {
      const first17 = `${prefix}010519491231002`;
      expect(parseIdNumber(first17 + idNumberCheckDigit(first17), today)).toEqual({
        ok: false,
        code: 'idNumber.region',
        params: { code: prefix },
      });
    }
  });

  it.each([
    ['11010519490231002', '19490231', 'a 31 February'],
    ['11010519000229002', '19000229', '29 February of 1900, not a leap year'],
    ['11010519491301002', '19491301', 'month 13'],
    ['11010518991231002', '18991231', 'born before 1900'],
    ['44052418800101001', '18800101', 'the often-quoted 1880 example'],
    ['11010520250701002', '20250701', 'tomorrow'],
  ])('rejects the birth date of %s (%s)', (first17, date) => {
    expect(parseIdNumber(first17 + idNumberCheckDigit(first17), today)).toEqual({
      ok: false,
      code: 'idNumber.birthdate',
      params: { date },
    });
  });

  it('accepts someone born today', () => {
    const first17 = '11010520250630002';
    expect(parseIdNumber(first17 + idNumberCheckDigit(first17), today).ok).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(parseIdNumber('110105194912310021', today)).toEqual({
      ok: false,
      code: 'idNumber.checksum',
    });
    expect(parseIdNumber('110105194912310002', today)).toEqual({
      ok: false,
      code: 'idNumber.checksum',
    });
  });
});

describe('idNumberCheckDigit', () => {
  it('computes the ISO 7064 MOD 11-2 check digit', () => {
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
    expect(idNumberCheckDigit('44052418800101001')).toBe('4');
    expect(idNumberCheckDigit('31011520000229123')).toBe('5');
  });

  it('throws on input a generator should never produce', () => {
    expect(() => idNumberCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => idNumberCheckDigit('1101051949123100X')).toThrow(RangeError);
  });
});

describe('birthDateOf', () => {
  it('reads digits 7–14 as a date', () => {
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateOf('110105 20000229 123x')).toBe('2000-02-29');
  });

  it('gives undefined when there is no real date', () => {
    expect(birthDateOf('110105194902310021')).toBeUndefined();
    expect(birthDateOf('1101051949')).toBeUndefined();
  });
});

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const provincePrefixes = provinces().map((p) => p.code.slice(0, 2));
const validId = fc
  .record({
    province: fc.constantFrom(...provincePrefixes),
    area: fc.integer({ min: 0, max: 9999 }),
    born: fc.date({
      min: new Date(Date.UTC(1900, 0, 1)),
      max: new Date(Date.UTC(2025, 5, 30)),
      noInvalidDate: true,
    }),
    serial: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, area, born, serial }) => {
    const birth = `${born.getUTCFullYear()}${pad(born.getUTCMonth() + 1, 2)}${pad(born.getUTCDate(), 2)}`;
    const first17 = `${province}${pad(area, 4)}${birth}${pad(serial, 3)}`;
    return first17 + idNumberCheckDigit(first17);
  });

const anyChar = fc.oneof(
  fc.constantFrom(...'0123456789X'),
  fc.constantFrom(...'YZ-_ .*中', '０', 'Ｘ', 'ｘ'),
  fc.string({ minLength: 1, maxLength: 1 }),
);
// Lowercase x and full-width digits are the same character spelt differently.
const sameCharacter = (a: string, b: string): boolean =>
  String.fromCharCode(
    a.charCodeAt(0) >= 0xff01 ? a.charCodeAt(0) - 0xfee0 : a.charCodeAt(0),
  ).toUpperCase() === b;

describe('parseIdNumber properties', () => {
  it('accepts every generated number with a computed check digit', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(parseIdNumber(id, today)).toEqual({ ok: true, value: id });
        expect(birthDateOf(id)).toBe(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`);
      }),
    );
  });

  it('rejects every number with one character replaced by a different one', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), anyChar, (id, at, replacement) => {
        fc.pre(!sameCharacter(replacement, id.charAt(at)));
        const changed = id.slice(0, at) + replacement + id.slice(at + 1);
        expect(parseIdNumber(changed, today).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
