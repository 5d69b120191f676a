import { describe, expect, it } from 'vitest';
import { customerField, customerFields } from '../fields/customer-fields';
import { locales } from '../i18n/locale';
import { columnOptions, displayValue, sameValue, sheetColumns, wireValue } from './cell-codec';

describe('cells and server values', () => {
  it('shows every option in both languages and reads either label back to its code', () => {
    for (const field of sheetColumns()) {
      const multi = customerField(field)?.type === 'multi';
      for (const code of columnOptions(field) ?? []) {
        for (const shownIn of locales) {
          const cell = displayValue(field, multi ? [code] : code, shownIn);
          expect(cell, `${field}.${code}`).not.toBe(code);
          for (const readIn of locales) {
            expect(wireValue(field, cell, readIn), `${field}.${code}`).toEqual(
              multi ? [code] : code,
            );
          }
        }
      }
    }
  });

  it('reads lists typed with Chinese or English separators', () => {
    expect(wireValue('sources', '展会推荐、客户转介绍', 'zh-CN')).toEqual([
      'tradeShow',
      'referral',
    ]);
    expect(wireValue('sources', 'Trade show, 主动拜访', 'en')).toEqual(['tradeShow', 'visit']);
    expect(displayValue('sources', ['tradeShow', 'referral'], 'zh-CN')).toBe(
      '展会推荐、客户转介绍',
    );
    expect(wireValue('tags', '区域-华东，来源-展会', 'zh-CN')).toEqual(['区域-华东', '来源-展会']);
  });

  it('shows a region as its names and reads the names or the code back', () => {
    expect(displayValue('region', '310115', 'zh-CN')).toBe('上海市/上海市/浦东新区');
    expect(wireValue('region', '上海市/上海市/浦东新区', 'zh-CN')).toBe('310115');
    expect(wireValue('region', '310115', 'en')).toBe('310115');
    // Unknown names go to the server as typed, for it to name the problem.
    expect(wireValue('region', '火星/基地', 'zh-CN')).toBe('火星/基地');
  });

  it('reads a neutralised formula without its quote, and blanks as null', () => {
    expect(wireValue('remarks', "'=1+1", 'zh-CN')).toBe('=1+1');
    expect(wireValue('remarks', "'plain", 'zh-CN')).toBe("'plain");
    expect(wireValue('remarks', '   ', 'zh-CN')).toBeNull();
    expect(wireValue('totalAmount', 12345.5, 'zh-CN')).toBe(12345.5);
    expect(wireValue('idConsent', true, 'zh-CN')).toBe(true);
  });

  it('compares values as the sync must: blanks alike, numbers by value, lists item by item', () => {
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue([], undefined)).toBe(true);
    expect(sameValue('12345.5', 12345.5)).toBe(true);
    expect(sameValue(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue('138****5678', '13812345678')).toBe(false);
    expect(sameValue(true, 'true')).toBe(false);
  });

  it('has a column for every field a cell can hold, and the status', () => {
    const expected = customerFields.map((f) => f.key).filter((k) => k !== 'attachments');
    expect(sheetColumns()).toEqual([...expected, 'status']);
  });
});
