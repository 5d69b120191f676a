import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayConvert, toSimplified } from './to-simplified';

describe('toSimplified', () => {
  it('converts Taiwan Traditional company names', () => {
    expect(toSimplified('華信科技股份有限公司')).toBe('华信科技股份有限公司');
    expect(toSimplified('臺北市鴻海精密工業')).toBe('台北市鸿海精密工业');
  });

  it('converts Hong Kong variants too', () => {
    expect(toSimplified('衞生綫路')).toBe('卫生线路');
    expect(toSimplified('滙豐銀行(中國)有限公司')).toBe('汇丰银行(中国)有限公司');
  });

  it('does not translate Taiwan vocabulary, which would change a trade name', () => {
    expect(toSimplified('資訊科技')).toBe('资讯科技');
    expect(toSimplified('軟體開發')).toBe('软体开发');
  });

  it('leaves Simplified text, latin letters and digits alone', () => {
    const simplified = '上海华信科技有限公司需要采购10台工业机器人, 干部后面里面发展';
    expect(toSimplified(simplified)).toBe(simplified);
    expect(toSimplified('ABC Co., Ltd. 2024')).toBe('ABC Co., Ltd. 2024');
  });

  it('keeps 么, which OpenCC alone would turn into 幺', () => {
    expect(toSimplified('什么 么')).toBe('什么 么');
    expect(toSimplified('甚麼')).toBe('甚么');
  });

  it('is idempotent on Han text', () => {
    const han = fc.string({
      unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)),
      maxLength: 20,
    });
    fc.assert(
      fc.property(han, (s) => toSimplified(toSimplified(s)) === toSimplified(s)),
      { numRuns: 2000 },
    );
  });

  // The fast path: a text with no key of OpenCC's dictionaries is returned without running it.
  it('still converts a name with one Traditional character deep inside', () => {
    expect(toSimplified('华信科技有限公司北京朝阳營业部')).toBe('华信科技有限公司北京朝阳营业部');
    expect(mayConvert('华信科技有限公司北京朝阳營业部')).toBe(true);
    expect(mayConvert('华信123科技有限公司')).toBe(false);
  });

  it('still converts phrases whose characters are each left alone', () => {
    // 覆 and 坏 are Simplified characters too; only the phrases rewrite them.
    expect(toSimplified('华信回覆科技')).toBe('华信回复科技');
    expect(toSimplified('毛坏')).toBe('毛坯');
    expect(mayConvert('毛坏')).toBe(true);
    expect(mayConvert('毛坯')).toBe(false);
  });

  it('gives what the full conversion gives, fast path or not', () => {
    // A 么 always takes the full path, and OpenCC never sees it: text + 么 is converted in full.
    const chars = [...'华信科技有限公司上海回覆毛坏一坏乾隆臺灣薴麼么 (a'];
    const text = fc.string({ unit: fc.constantFrom(...chars), maxLength: 12 });
    fc.assert(
      fc.property(text, (s) => toSimplified(s) + '么' === toSimplified(`${s}么`)),
      { numRuns: 3000 },
    );
  });
});
