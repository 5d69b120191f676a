import { describe, expect, it } from 'vitest';
import {
  childrenOf,
  isProvincePrefix,
  provinces,
  regionByCode,
  regionByName,
  regionPath,
} from './regions';

describe('regions (GB/T 2260)', () => {
  it('has the 34 province-level divisions, Beijing first', () => {
    const all = provinces();
    expect(all).toHaveLength(34);
    expect(all[0]).toEqual({ code: '110000', name: '北京市', level: 'province' });
    expect(all.map((p) => p.name)).toContain('新疆维吾尔自治区');
  });

  it('cascades province → city → district', () => {
    const cities = childrenOf('440000');
    expect(cities.map((c) => c.name)).toEqual(expect.arrayContaining(['广州市', '深圳市']));
    const districts = childrenOf('440300');
    expect(districts.map((d) => d.name)).toContain('南山区');
    expect(districts.every((d) => d.code.startsWith('4403') && d.level === 'district')).toBe(true);
    expect(childrenOf('440305')).toEqual([]);
    expect(childrenOf('999999')).toEqual([]);
  });

  it('resolves a district code to its full path', () => {
    const path = regionPath('310115');
    expect(path?.province.name).toBe('上海市');
    expect(path?.district.name).toBe('浦东新区');
    expect(regionPath('310000')).toBeUndefined();
    expect(regionPath('123456')).toBeUndefined();
  });

  it('finds by code and by name, with or without the suffix', () => {
    expect(regionByCode('330106')?.name).toBe('西湖区');
    expect(regionByName('杭州市', 'city')[0]?.code).toBe('330100');
    expect(regionByName('杭州', 'city')[0]?.code).toBe('330100');
    // 朝阳区 exists in Beijing and in Changchun: the parent tells them apart.
    expect(regionByName('朝阳区', 'district').length).toBeGreaterThan(1);
    expect(regionByName('朝阳区', 'district', '110000').map((r) => r.code)).toEqual(['110105']);
  });

  it('knows province prefixes of ID numbers', () => {
    expect(isProvincePrefix('11')).toBe(true);
    expect(isProvincePrefix('44')).toBe(true);
    expect(isProvincePrefix('10')).toBe(false);
    expect(isProvincePrefix('4')).toBe(false);
  });
});
