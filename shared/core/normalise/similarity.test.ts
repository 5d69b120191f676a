import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isNearDuplicateName,
  keyMatcher,
  keySimilarity,
  keyWithin,
  nameSimilarity,
  nearDuplicateThreshold,
} from './similarity';

describe('nameSimilarity', () => {
  it('scores one typo in a four-character key at the threshold', () => {
    expect(nameSimilarity('上海华信科技有限公司', '上海华新科技有限公司')).toBe(0.75);
    expect(nearDuplicateThreshold).toBe(0.75);
  });

  it('costs nothing for form, width, spacing, script or region differences', () => {
    expect(nameSimilarity('华信科技有限公司', '华信科技有限责任公司')).toBe(1);
    expect(nameSimilarity('ＡＢＣ科技有限公司', 'abc 科技 有限公司')).toBe(1);
    expect(nameSimilarity('上海華信科技有限公司', '华信科技(上海)有限公司')).toBe(1);
  });

  it('is 0 for names with nothing in common', () => {
    expect(nameSimilarity('华信科技有限公司', '阿里巴巴有限公司')).toBe(0);
  });

  it('stays in [0, 1], symmetric, and 1 only for equal keys', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const s = keySimilarity(a, b);
        return s >= 0 && s <= 1 && s === keySimilarity(b, a) && (s === 1) === (a === b);
      }),
    );
  });
});

describe('isNearDuplicateName', () => {
  it('flags typos', () => {
    expect(isNearDuplicateName('华信科技有限公司', '华新科技有限公司')).toBe(true);
    expect(
      isNearDuplicateName('深圳市腾讯计算机系统有限公司', '深圳市腾迅计算机系统有限公司'),
    ).toBe(true);
    expect(isNearDuplicateName('北京字节跳动科技有限公司', '北京字节跳到科技有限公司')).toBe(true);
    expect(isNearDuplicateName('Huawei Technologies Co., Ltd.', 'Huawai Technologies Co Ltd')).toBe(
      true,
    );
  });

  it('flags what the exact check already treats as the same name', () => {
    expect(isNearDuplicateName('华信科技有限公司', '华信科技有限责任公司')).toBe(true);
    expect(isNearDuplicateName('华信科技有限公司', ' 华信科技 （上海） 有限公司')).toBe(true);
  });

  it('flags the same trade name with another or no industry word, and a branch of a company', () => {
    expect(nameSimilarity('华信科技有限公司', '华信贸易有限公司')).toBe(0.5);
    expect(isNearDuplicateName('华信科技有限公司', '华信贸易有限公司')).toBe(true);
    expect(isNearDuplicateName('华信科技有限公司', '华信有限公司')).toBe(true);
    expect(isNearDuplicateName('华信科技有限公司', '华信科技有限公司北京分公司')).toBe(true);
  });

  it('does not flag different companies', () => {
    expect(isNearDuplicateName('华信科技有限公司', '阿里巴巴科技有限公司')).toBe(false);
    expect(isNearDuplicateName('华信科技有限公司', '华为技术有限公司')).toBe(false);
    expect(isNearDuplicateName('张伟', '张玮')).toBe(false);
    expect(isNearDuplicateName('IBM', 'ABB')).toBe(false);
  });
});

describe('keyWithin', () => {
  const key = fc
    .array(fc.constantFrom('华', '信', '新', '科', '技', 'a', 'b', '𠮷', '😀'), { maxLength: 12 })
    .map((chars) => chars.join(''));

  it('answers exactly as comparing keySimilarity with the threshold', () => {
    fc.assert(
      fc.property(
        key,
        key,
        fc.constantFrom(nearDuplicateThreshold, 0, 0.5, 0.8, 0.9, 1),
        (a, b, t) => {
          expect(keyWithin(a, b, t)).toBe(keySimilarity(a, b) >= t);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('flags one edit in four characters and not two', () => {
    expect(keyWithin('华信科技', '华新科技', nearDuplicateThreshold)).toBe(true);
    expect(keyWithin('华信科技', '华信贸易', nearDuplicateThreshold)).toBe(false);
    expect(keyWithin('', '', nearDuplicateThreshold)).toBe(true);
  });
});

describe('keyMatcher', () => {
  // Short texts over a small alphabet, so that near and equal keys come up often.
  const alphabet = ['华', '信', '新', '科', '技', 'a', 'b', '1', '😀', '\uD800', '\uDC00'];
  const key = fc
    .array(fc.constantFrom(...alphabet), { maxLength: 12 })
    .map((chars) => chars.join(''));

  it('answers exactly what keyWithin answers', () => {
    fc.assert(
      fc.property(
        key,
        key,
        fc.constantFrom(0, 0.5, 0.6, 0.75, 0.8, 0.9, 1, 1.1),
        (a, b, threshold) => {
          expect(keyMatcher(b, threshold)(a)).toBe(keyWithin(a, b, threshold));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('answers exactly what keyWithin answers for keys longer than a machine word', () => {
    const long = fc.string({ unit: 'grapheme', minLength: 25, maxLength: 40 });
    fc.assert(
      fc.property(long, fc.string({ maxLength: 40 }), (b, a) => {
        const near = a + b.slice(1);
        expect(keyMatcher(b, 0.75)(near)).toBe(keyWithin(near, b, 0.75));
        expect(keyMatcher(b, 0.75)(a)).toBe(keyWithin(a, b, 0.75));
      }),
    );
  });

  it('flags one typo in a four-character key and not two', () => {
    expect(keyMatcher('华新科技', 0.75)('华信科技')).toBe(true);
    expect(keyMatcher('华信贸易', 0.75)('华信科技')).toBe(false);
  });
});
