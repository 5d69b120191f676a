import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, parseCreditCode } from './credit-code';

// Published codes, each checked against the GB 32100 algorithm before it was added here.
const realCodes = [
  '91350100M000100Y43',
  '91110000600037341L',
  '91310000775785552L',
  '914403001922038216', // 华为技术有限公司
  '9144030071526726XG', // 腾讯科技（深圳）有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91330100799655058B', // 阿里巴巴（中国）有限公司
  '91110108551385082Q', // 小米科技有限责任公司
  '91440300192317458F', // 比亚迪股份有限公司
  '91110000802100433B', // 百度
];

describe('parseCreditCode', () => {
  it.each(realCodes)('accepts the real code %s', (code) => {
    expect(parseCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it('normalises lowercase, full-width and surrounding spaces', () => {
    expect(parseCreditCode(' 9144030071526726xg ')).toEqual({
      ok: true,
      value: '9144030071526726XG',
    });
    expect(parseCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
    });
    expect(parseCreditCode('\u300091110108551385082q\u3000')).toEqual({
      ok: true,
      value: '91110108551385082Q',
    });
  });

  it('reports the length of a code that is too short or too long', () => {
    expect(parseCreditCode('')).toEqual({
      ok: false,
      code: 'creditCode.length',
      params: { length: 0 },
    });
    expect(parseCreditCode('9144030071526726X')).toEqual({
      ok: false,
      code: 'creditCode.length',
      params: { length: 17 },
    });
    expect(parseCreditCode('914403001922038216 0')).toEqual({
      ok: false,
      code: 'creditCode.length',
      params: { length: 20 },
    });
    // The old 15-digit business registration number is not a credit code.
    expect(parseCreditCode('110108012660422')).toMatchObject({ code: 'creditCode.length' });
  });

  it('names the position and character that are not allowed', () => {
    expect(parseCreditCode('91350100M00010OY43')).toEqual({
      ok: false,
      code: 'creditCode.charset',
      params: { position: 15, char: 'O' },
    });
    expect(parseCreditCode('9I110108551385082Q')).toEqual({
      ok: false,
      code: 'creditCode.charset',
      params: { position: 2, char: 'I' },
    });
    expect(parseCreditCode('91110108551385082Z')).toMatchObject({
      params: { position: 18, char: 'Z' },
    });
    expect(parseCreditCode('9111010855138508-Q')).toMatchObject({
      params: { position: 17, char: '-' },
    });
  });

  it('rejects a code with one character changed or two swapped', () => {
    expect(parseCreditCode('914403001922038217')).toEqual({
      ok: false,
      code: 'creditCode.checksum',
    });
    expect(parseCreditCode('9144030071526726XH')).toEqual({
      ok: false,
      code: 'creditCode.checksum',
    });
    expect(parseCreditCode('91350100M000100Y34')).toEqual({
      ok: false,
      code: 'creditCode.checksum',
    });
    expect(parseCreditCode('91440300192371458F')).toEqual({
      ok: false,
      code: 'creditCode.checksum',
    });
  });
});

describe('creditCodeCheckChar', () => {
  it('computes the check character of real codes, including 0 for a sum divisible by 31', () => {
    for (const code of realCodes)
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code.slice(17));
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('throws on input a generator should never produce', () => {
    expect(() => creditCodeCheckChar('9144030071526726')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('9144030071526726I')).toThrow(RangeError);
  });
});

const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET);
const digit = fc.constantFrom(...'0123456789');
// Registration authority and category as issued (e.g. 91 company, 12 public institution,
// 51 social organisation, 93 farmers' cooperative), then a six-digit division code.
const validCode = fc
  .tuple(
    fc.constantFrom('11', '12', '13', '19', '51', '52', '53', '59', '91', '92', '93', 'Y1'),
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.array(alphabetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([head, division, organisation]) => `${head}${division.join('')}${organisation.join('')}`)
  .map((first17) => first17 + creditCodeCheckChar(first17));

// Any other character: from the alphabet, the excluded letters, punctuation, CJK, full-width.
const anyChar = fc.oneof(
  alphabetChar,
  fc.constantFrom(...'IOZSVabcxyz-_ .#*中国', '０', 'Ａ', 'Ｏ'),
  fc.string({ minLength: 1, maxLength: 1 }),
);
// Lowercase or full-width spellings of the same character are the same code.
const sameCharacter = (a: string, b: string): boolean =>
  String.fromCharCode(
    a.charCodeAt(0) >= 0xff01 ? a.charCodeAt(0) - 0xfee0 : a.charCodeAt(0),
  ).toUpperCase() === b;

describe('parseCreditCode properties', () => {
  it('accepts every code with a computed check character', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(parseCreditCode(code)).toEqual({ ok: true, value: code });
      }),
    );
  });

  it('rejects every code with one character replaced by a different one', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), anyChar, (code, at, replacement) => {
        fc.pre(!sameCharacter(replacement, code.charAt(at)));
        const changed = code.slice(0, at) + replacement + code.slice(at + 1);
        expect(parseCreditCode(changed).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
