import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainText, normaliseForCompare, normaliseText, toNfkc } from './normalise-text';

describe('normaliseText', () => {
  it('turns full-width letters, digits and punctuation into half-width', () => {
    expect(normaliseText('ＡＢＣ科技１２３')).toBe('ABC科技123');
    expect(normaliseText('华信科技（上海）有限公司')).toBe('华信科技(上海)有限公司');
    expect(normaliseText('１３８－１２３４－５６７８')).toBe('138-1234-5678');
    expect(normaliseText('ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('zhang@example.com');
  });

  it('keeps Chinese punctuation that has no half-width form', () => {
    expect(normaliseText('需要采购10台工业机器人，尽快。')).toBe('需要采购10台工业机器人,尽快。');
  });

  it('treats the ideographic space like any space', () => {
    expect(normaliseText('上海华信科技\u3000股份有限公司')).toBe('上海华信科技 股份有限公司');
  });

  it('removes zero-width characters pasted from web pages', () => {
    expect(normaliseText('\uFEFF华\u200B信\u200C科\u200D技')).toBe('华信科技');
    expect(normaliseText('138\u200B1234\u20605678')).toBe('13812345678');
  });

  it('trims and collapses runs of whitespace, line breaks included', () => {
    expect(normaliseText('  上海  华信 \t 科技\n有限公司  ')).toBe('上海 华信 科技 有限公司');
    expect(normaliseText(' \u3000\u200B ')).toBe('');
  });

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normaliseText(s);
        return normaliseText(once) === once;
      }),
      { numRuns: 2000 },
    );
  });

  it('never leaves zero-width characters, edge spaces or double spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const out = normaliseText(s);
        return !/[\u200B-\u200D\uFEFF]|^\s|\s$|\s\s/.test(out);
      }),
    );
  });
});

describe('normaliseForCompare', () => {
  it('ignores width, case and spacing', () => {
    expect(normaliseForCompare(' Ｈｕａ Xin ')).toBe('huaxin');
    expect(normaliseForCompare('上海 华信\u3000科技')).toBe(normaliseForCompare('上海华信科技'));
    expect(normaliseForCompare('ABC科技')).toBe(normaliseForCompare('ａｂｃ 科技'));
  });

  it('keeps the characters themselves', () => {
    expect(normaliseForCompare('华信科技')).not.toBe(normaliseForCompare('华新科技'));
  });

  it('is idempotent on any text and leaves no whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normaliseForCompare(s);
        return normaliseForCompare(once) === once && !/\s/.test(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the fast paths for printable ASCII and Han text', () => {
  it('rest on every such character being its own NFKC form', () => {
    const chars = [
      ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
      ...Array.from({ length: 0xa000 - 0x4e00 }, (_, i) => String.fromCharCode(0x4e00 + i)),
    ];
    expect(chars.filter((c) => c.normalize('NFKC') !== c)).toEqual([]);
  });

  it('give what the full normalisation gives', () => {
    // A zero-width character is removed, but it sends the text down the full path.
    const text = fc.string({
      unit: fc.constantFrom(...'华信Ab1 ,.()（）Ａ\u3000\t\u0301é'),
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        text,
        (s) =>
          normaliseText(s) === normaliseText(`${s}\u200B`) &&
          normaliseForCompare(s) === normaliseForCompare(`${s}\u200B`) &&
          toNfkc(s) === s.normalize('NFKC'),
      ),
      { numRuns: 3000 },
    );
  });

  it('take only Han characters of the basic block, ASCII letters and digits as plain', () => {
    expect(isPlainText('华信123科技ABC')).toBe(true);
    expect(isPlainText('华信 科技')).toBe(false);
    expect(isPlainText('ＡＢＣ')).toBe(false);
    expect(isPlainText('華信')).toBe(true);
    expect(normaliseForCompare('ABC科技')).toBe('abc科技');
  });
});
