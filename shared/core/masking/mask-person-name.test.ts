import { describe, expect, it } from 'vitest';
import { compoundSurnames } from './compound-surnames';
import { maskPersonName } from './mask-person-name';

describe('maskPersonName', () => {
  it('keeps a single-character surname', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('张三丰')).toBe('张**');
    expect(maskPersonName('李小龙')).toBe('李**');
  });

  it('keeps both characters of a compound surname', () => {
    expect(maskPersonName('欧阳娜娜')).toBe('欧阳**');
    expect(maskPersonName('司马光')).toBe('司马*');
    expect(maskPersonName('诸葛亮')).toBe('诸葛*');
    expect(maskPersonName('歐陽修')).toBe('歐陽*');
  });

  it('reads a two-character name as surname and given name, even if it forms a compound', () => {
    expect(maskPersonName('欧阳')).toBe('欧*');
  });

  it('keeps the first letter and a fixed *** of any other name', () => {
    expect(maskPersonName('John Smith')).toBe('J***');
    expect(maskPersonName('Li')).toBe('L***');
    expect(maskPersonName('さくら')).toBe('さ***');
  });

  it('stars a one-character name, leaves an empty one empty', () => {
    expect(maskPersonName('张')).toBe('*');
    expect(maskPersonName('')).toBe('');
  });

  it('counts rare Han characters outside the BMP as one character', () => {
    expect(maskPersonName('𠀀𠀁𠀂')).toBe('𠀀**');
  });

  it('is stable on its own output', () => {
    for (const masked of ['张*', '欧阳**', 'J***', '*'])
      expect(maskPersonName(masked)).toBe(masked);
  });
});

describe('compoundSurnames', () => {
  it('lists two-character surnames once each', () => {
    expect(new Set(compoundSurnames).size).toBe(compoundSurnames.length);
    for (const surname of compoundSurnames) expect(Array.from(surname)).toHaveLength(2);
  });

  it('includes the common ones', () => {
    for (const surname of [
      '欧阳',
      '司马',
      '上官',
      '诸葛',
      '东方',
      '皇甫',
      '尉迟',
      '公孙',
      '慕容',
      '第五',
    ]) {
      expect(compoundSurnames).toContain(surname);
    }
  });
});
