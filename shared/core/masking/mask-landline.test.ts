import { describe, expect, it } from 'vitest';
import { maskLandline } from './mask-landline';

describe('maskLandline', () => {
  it('keeps the area code and the last two digits', () => {
    expect(maskLandline('0755-86013388')).toBe('0755-******88');
    expect(maskLandline('010-68888888')).toBe('010-******88');
    expect(maskLandline('02161234567')).toBe('021******67');
  });

  it('treats a 400 service number prefix like an area code', () => {
    expect(maskLandline('400-810-8888')).toBe('400-******88');
  });

  it('hides an extension but its last two digits', () => {
    expect(maskLandline('010-68888888-123')).toBe('010-**********23');
  });

  it('keeps only the last two digits without an area code', () => {
    expect(maskLandline('86013388')).toBe('******88');
  });

  it('masks in full free text and numbers too short to hide four characters', () => {
    expect(maskLandline('请联系前台转接')).toBe('****');
    expect(maskLandline('0755-1234')).toBe('****');
  });

  it('leaves an empty value empty and is stable on its own output', () => {
    expect(maskLandline('')).toBe('');
    expect(maskLandline('0755-******88')).toBe('0755-******88');
  });
});
