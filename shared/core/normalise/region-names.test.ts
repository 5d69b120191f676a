import { describe, expect, it } from 'vitest';
import { childrenOf, provinces } from '../region/regions';
import { regionChain, regionPrefixes, shortRegionName } from './region-names';

describe('shortRegionName', () => {
  it('drops the suffix, and the peoples of autonomous divisions', () => {
    expect(shortRegionName('上海市')).toBe('上海');
    expect(shortRegionName('广东省')).toBe('广东');
    expect(shortRegionName('内蒙古自治区')).toBe('内蒙古');
    expect(shortRegionName('广西壮族自治区')).toBe('广西');
    expect(shortRegionName('新疆维吾尔自治区')).toBe('新疆');
    expect(shortRegionName('浦东新区')).toBe('浦东');
    expect(shortRegionName('延边朝鲜族自治州')).toBe('延边');
    expect(shortRegionName('香港特别行政区')).toBe('香港');
  });

  it('has no short form of one character or for names without a suffix', () => {
    expect(shortRegionName('城区')).toBeUndefined();
    expect(shortRegionName('东莞港')).toBeUndefined();
  });
});

describe('regionPrefixes', () => {
  it('finds full and short names of provinces and cities at the start, longest first', () => {
    expect(regionPrefixes('上海市华信', 'leading')).toEqual([
      { text: '上海市', canonical: '上海' },
      { text: '上海', canonical: '上海' },
    ]);
    expect(regionPrefixes('深圳华信', 'leading')).toEqual([{ text: '深圳', canonical: '深圳' }]);
  });

  it('takes a district at the start only with its suffix', () => {
    expect(regionPrefixes('浦东新区华信', 'leading')[0]).toEqual({
      text: '浦东新区',
      canonical: '浦东',
    });
    expect(regionPrefixes('浦东华信', 'leading')).toEqual([]);
    expect(regionPrefixes('和平科技', 'leading')).toEqual([]);
    expect(regionPrefixes('浦东', 'any')).toEqual([{ text: '浦东', canonical: '浦东' }]);
  });

  it('does not take everyday words and trade names for regions at the start', () => {
    expect(regionPrefixes('阿里巴巴', 'leading')).toEqual([]);
    expect(regionPrefixes('大同证券', 'leading')).toEqual([]);
    expect(regionPrefixes('朝阳市华信', 'leading')[0]?.text).toBe('朝阳市');
  });

  it('finds every name among those that share their first two characters, longest first', () => {
    expect(regionPrefixes('吉林高新技术产业开发区华信', 'any').map((m) => m.text)).toEqual([
      '吉林高新技术产业开发区',
      '吉林高新技术产业开发',
      '吉林',
    ]);
    expect(regionPrefixes('吉林市华信', 'any').map((m) => m.text)).toEqual(['吉林市', '吉林']);
    expect(regionPrefixes('东方市华信', 'leading').map((m) => m.text)).toEqual(['东方市']);
  });

  it('finds no one-character name (县) and nothing in a text shorter than two characters', () => {
    expect(regionPrefixes('县', 'any')).toEqual([]);
    expect(regionPrefixes('县城', 'any')).toEqual([]);
    expect(regionPrefixes('上', 'any')).toEqual([]);
    expect(regionPrefixes('', 'any')).toEqual([]);
    expect(regionChain('县')).toBeUndefined();
  });
});

describe('regionChain', () => {
  it('reads a text made only of regions', () => {
    expect(regionChain('北京市朝阳区')).toBe('北京朝阳');
    expect(regionChain('上海')).toBe('上海');
    expect(regionChain('中国')).toBe('中国');
    expect(regionChain('集团')).toBeUndefined();
    expect(regionChain('')).toBeUndefined();
  });

  it('maps the canonical form of every division to itself', () => {
    const names = provinces().flatMap((p) => [
      p.name,
      ...childrenOf(p.code).flatMap((c) => [c.name, ...childrenOf(c.code).map((d) => d.name)]),
    ]);
    const moved = names
      .map((name) => regionChain(name))
      .filter((c): c is string => c !== undefined && regionChain(c) !== c);
    expect(moved).toEqual([]);
    expect(names.length).toBeGreaterThan(3000);
  });
});
