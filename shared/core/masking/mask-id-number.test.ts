import { describe, expect, it } from 'vitest';
import { maskIdNumber } from './mask-id-number';

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 of an 18-character ID', () => {
    expect(maskIdNumber('11010519900307002X')).toBe('110105********002X');
    expect(maskIdNumber('440305198812125678')).toBe('440305********5678');
  });

  it('keeps the same ends of an old 15-digit ID', () => {
    expect(maskIdNumber('110105900307002')).toBe('110105*****7002');
  });

  it('masks short documents in full rather than show most of them', () => {
    expect(maskIdNumber('E12345678')).toBe('****');
    expect(maskIdNumber('A123456(7)')).toBe('****');
  });

  it('leaves an empty value empty and is stable on its own output', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('110105********002X')).toBe('110105********002X');
  });
});
