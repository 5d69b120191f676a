import { describe, expect, it } from 'vitest';
import { sheetDropdowns } from './sheet-dropdowns';

describe('sheetDropdowns', () => {
  it('gives every single-choice column its labels in the chosen language', () => {
    const zh = sheetDropdowns('zh-CN');
    expect(zh.map((d) => d.field).sort()).toEqual(['budget', 'industry', 'kind', 'level', 'stage']);
    expect(zh.find((d) => d.field === 'stage')?.options).toEqual([
      '潜在客户',
      '意向客户',
      '成交客户',
      '合作伙伴',
      '其他',
    ]);
    expect(sheetDropdowns('en').find((d) => d.field === 'kind')?.options).toEqual([
      'Enterprise',
      'Individual',
    ]);
  });

  it('gives none to multi-choice and read-only columns', () => {
    const fields = sheetDropdowns('zh-CN').map((d) => d.field);
    expect(fields).not.toContain('sources');
    expect(fields).not.toContain('status');
  });
});
