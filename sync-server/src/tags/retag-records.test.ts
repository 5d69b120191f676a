import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaceTag } from './retag-records';

describe('replaceTag', () => {
  it('puts the new tag where the old one stood and keeps one of each', () => {
    expect(
      replaceTag(['状态-观望', '区域-华北', '状态-意向强烈'], '状态-观望', '状态-意向强烈'),
    ).toEqual(['状态-意向强烈', '区域-华北']);
    expect(replaceTag(['区域-华北'], '状态-观望', '状态-意向强烈')).toEqual(['区域-华北']);
  });

  it('for every list: no repeats, the old tag gone, the new one there exactly when either was', () => {
    const tag = fc.constantFrom('a-1', 'a-2', 'b-1', 'b-2', 'c-1');
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 8 }), tag, tag, (tags, from, to) => {
        fc.pre(from !== to);
        const out = replaceTag(tags, from, to);
        expect(new Set(out).size).toBe(out.length);
        expect(out).not.toContain(from);
        expect(out.includes(to)).toBe(tags.includes(from) || tags.includes(to));
        const others = (list: string[]) => list.filter((t) => t !== from && t !== to);
        expect(others(out)).toEqual([...new Set(others(tags))]);
      }),
    );
  });
});
