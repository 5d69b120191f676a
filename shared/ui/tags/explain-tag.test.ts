import { describe, expect, it } from 'vitest';
import type { TagEntry } from '../../core/tags/tag-entry';
import { explainTag } from './explain-tag';

const vocabulary: TagEntry[] = [
  { tag: '区域-华东', status: 'active', replacedBy: null },
  { tag: '来源-展会', status: 'active', replacedBy: null },
  { tag: '来源-会展', status: 'renamed', replacedBy: '来源-展会' },
  { tag: '状态-沉睡', status: 'retired', replacedBy: null },
];

describe('explainTag', () => {
  it('takes a vocabulary tag however it is typed, spelled as the vocabulary spells it', () => {
    expect(explainTag(' 区域 —— 华东 ', vocabulary, [], 'zh-CN')).toEqual({
      ok: true,
      tag: '区域-华东',
    });
    expect(explainTag('区域－华东', vocabulary, ['来源-展会'], 'en')).toEqual({
      ok: true,
      tag: '区域-华东',
    });
  });

  it('says why a tag is refused, in the user’s language', () => {
    const refusal = (typed: string, chosen: string[] = [], locale: 'zh-CN' | 'en' = 'zh-CN') => {
      const verdict = explainTag(typed, vocabulary, chosen, locale);
      if (verdict.ok) throw new Error(`${typed} was taken`);
      return verdict.message;
    };
    expect(refusal('重要')).toContain('含义模糊');
    expect(refusal('华东')).toContain('格式错误');
    expect(refusal('区域-火星')).toContain('不在标签库中');
    expect(refusal('区域-华东', ['区域-华东'])).toContain('重复');
    expect(refusal('来源-会展')).toContain('来源-展会');
    expect(refusal('状态-沉睡')).toContain('已停用');
    expect(refusal('区域-这是一个非常非常非常非常非常非常长的地区名字')).toContain('过长');
    expect(refusal('important', [], 'en')).toContain('too vague');
  });
});
