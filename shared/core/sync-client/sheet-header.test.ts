import { describe, expect, it } from 'vitest';
import { headerLabels, metaColumns, readHeader } from './sheet-header';

describe('readHeader', () => {
  it('finds every column of a header it wrote, in either language', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const header = headerLabels(locale);
      const layout = readHeader(header);
      expect(layout?.locale).toBe(locale);
      expect(layout?.width).toBe(header.length);
      expect(metaColumns.map((m) => layout?.meta[m])).toEqual(
        metaColumns.map((_, i) => header.length - metaColumns.length + i),
      );
    }
  });

  it('reads a moved column where it now is, and refuses a header without the hidden columns', () => {
    const header = headerLabels('zh-CN');
    const moved = [header[1], header[0], ...header.slice(2)];
    const layout = readHeader(moved);
    const first = readHeader(header);
    const [firstKey] = [...(first?.fields.keys() ?? [])];
    expect(layout?.fields.get(String(firstKey))).toBe(1);
    expect(readHeader(header.slice(0, -1))).toBeUndefined();
  });
});
