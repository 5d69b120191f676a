import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  maxDimensionLength,
  maxValueLength,
  normaliseTag,
  splitTag,
  vagueTags,
  validateTag,
  validateTagsAgainst,
} from './tag-rules';

describe('normaliseTag', () => {
  it('turns every dash people type into one hyphen', () => {
    const typed = [
      '区域-华东',
      '区域－华东',
      '区域—华东',
      '区域——华东',
      '区域–华东',
      '区域‑华东',
      '区域ー华东',
      '区域―华东',
      '区域−华东',
      '区域--华东',
    ];
    expect(typed.map(normaliseTag)).toEqual(typed.map(() => '区域-华东'));
  });

  it('removes the spaces around the dash and normalises the rest', () => {
    expect(normaliseTag('  状态 - 意向强烈 ')).toBe('状态-意向强烈');
    expect(normaliseTag('来源\u3000—\u3000展会')).toBe('来源-展会');
    expect(normaliseTag('来源-ＷｅＣｈａｔ 群')).toBe('来源-WeChat 群');
  });

  it('keeps 一, which is the Han character for one, not a dash', () => {
    expect(normaliseTag('等级-一级')).toBe('等级-一级');
    expect(normaliseTag('区域一华东')).toBe('区域一华东');
  });

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        (s) => normaliseTag(normaliseTag(s)) === normaliseTag(s),
      ),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on tag-like text full of dashes and spaces', () => {
    const piece = fc.constantFrom(
      '区域',
      '华东',
      '一',
      ' ',
      '\u3000',
      '-',
      '－',
      '—',
      '–',
      'ー',
      '\u200B',
      'A',
      'ａ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const once = normaliseTag(parts.join(''));
        return normaliseTag(once) === once && !/\s-|-\s|--/.test(once);
      }),
    );
  });
});

describe('splitTag', () => {
  it('splits at the dash', () => {
    expect(splitTag('区域－华东')).toEqual({ dimension: '区域', value: '华东' });
    expect(splitTag('状态 — 意向强烈')).toEqual({ dimension: '状态', value: '意向强烈' });
  });

  it('gives an empty dimension without a dash', () => {
    expect(splitTag('重要')).toEqual({ dimension: '', value: '重要' });
  });
});

describe('validateTag', () => {
  it('accepts dimension-value tags and returns them normalised', () => {
    expect(validateTag('区域-华东')).toEqual({ ok: true, value: '区域-华东' });
    expect(validateTag('状态 — 意向强烈')).toEqual({ ok: true, value: '状态-意向强烈' });
    expect(validateTag('来源－展会')).toEqual({ ok: true, value: '来源-展会' });
    expect(validateTag('等级-一级')).toEqual({ ok: true, value: '等级-一级' });
  });

  it('refuses tags that are not dimension-value', () => {
    for (const tag of ['华东', '区域一华东', '-华东', '区域-', '-', '', '预算-5-20万']) {
      expect(validateTag(tag)).toMatchObject({ ok: false, code: 'tag.format' });
    }
    expect(validateTag('区域华东')).toEqual({
      ok: false,
      code: 'tag.format',
      params: { value: '区域华东' },
    });
  });

  it('refuses vague tags, whole or as the value, whatever their case or width', () => {
    for (const tag of [
      '重要',
      '很重要',
      '其它',
      'TEST',
      'Important',
      'ｍｉｓｃ',
      '状态-重要',
      '客户-一般',
      '状态-待定',
      '来源-其他',
      '类型-Other',
    ]) {
      expect(validateTag(tag)).toMatchObject({ ok: false, code: 'tag.vague' });
    }
    expect(validateTag('重要')).toEqual({
      ok: false,
      code: 'tag.vague',
      params: { value: '重要' },
    });
    expect(vagueTags).toEqual(
      expect.arrayContaining(['重要', '一般', '其他', '待定', '无', 'test', 'misc']),
    );
  });

  it('refuses a dimension over 10 or a value over 20 characters', () => {
    expect([maxDimensionLength, maxValueLength]).toEqual([10, 20]);
    expect(validateTag(`${'维'.repeat(10)}-${'值'.repeat(20)}`).ok).toBe(true);
    const long = `${'维'.repeat(11)}-华东`;
    expect(validateTag(long)).toEqual({
      ok: false,
      code: 'tag.tooLong',
      params: { value: long, maxDimension: 10, maxValue: 20 },
    });
    expect(validateTag(`区域-${'长'.repeat(21)}`)).toMatchObject({
      ok: false,
      code: 'tag.tooLong',
    });
  });

  it('accepts what it returned', () => {
    const piece = fc.constantFrom('区域', '华东', '状态', '意向强烈', '一', ' ', '-', '—', 'Ａ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const first = validateTag(parts.join(''));
        return !first.ok || JSON.stringify(validateTag(first.value)) === JSON.stringify(first);
      }),
    );
  });
});

describe('validateTagsAgainst', () => {
  const vocabulary = new Set([
    '区域-华东',
    '区域-华南',
    '状态-意向强烈',
    '来源-展会',
    '来源-WeChat',
  ]);

  it('accepts known tags in the vocabulary spelling', () => {
    expect(
      validateTagsAgainst(['区域－华东', ' 状态 — 意向强烈', '来源-wechat'], vocabulary),
    ).toEqual({
      accepted: ['区域-华东', '状态-意向强烈', '来源-WeChat'],
      errors: [],
    });
  });

  it('reports repeats, unknown tags and malformed tags, each after normalising', () => {
    expect(
      validateTagsAgainst(
        ['区域-华东', '区域——华东', '区域-西北', '重要', '华东', '状态-一般'],
        vocabulary,
      ),
    ).toEqual({
      accepted: ['区域-华东'],
      errors: [
        { value: '区域-华东', code: 'tag.duplicate' },
        { value: '区域-西北', code: 'tag.unknown' },
        { value: '重要', code: 'tag.vague' },
        { value: '华东', code: 'tag.format' },
        { value: '状态-一般', code: 'tag.vague' },
      ],
    });
  });

  it('reports a repeated unknown tag once as unknown and then as a repeat', () => {
    expect(validateTagsAgainst(['区域-西北', '区域 - 西北'], vocabulary).errors).toEqual([
      { value: '区域-西北', code: 'tag.unknown' },
      { value: '区域-西北', code: 'tag.duplicate' },
    ]);
  });

  it('skips empty entries such as a trailing comma leaves', () => {
    expect(validateTagsAgainst(['区域-华东', '', '  '], vocabulary)).toEqual({
      accepted: ['区域-华东'],
      errors: [],
    });
  });
});
