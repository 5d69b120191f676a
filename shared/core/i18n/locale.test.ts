import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale';

describe('pickLocale', () => {
  it('takes the supported language the caller lists first', () => {
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLocale('en,zh-CN')).toBe('en');
  });

  it('looks past languages it does not have to the ones the caller also accepts', () => {
    expect(pickLocale('de-DE,de;q=0.9,en;q=0.7')).toBe('en');
    expect(pickLocale('fr, en;q=0.5')).toBe('en');
    expect(pickLocale('fr, en;q=0.5, zh;q=0.4')).toBe('en');
  });

  it('goes by q-value, not by order', () => {
    expect(pickLocale('en;q=0.4, zh-TW;q=0.8')).toBe('zh-CN');
    expect(pickLocale('zh;q=0.3,en;q=0.6')).toBe('en');
    expect(pickLocale('en;q=0.5,zh;q=0.5')).toBe('en');
  });

  it('never picks a language the caller refuses', () => {
    expect(pickLocale('zh;q=0, en;q=0.1')).toBe('en');
    expect(pickLocale('en;q=0, de')).toBe('zh-CN');
  });

  it('reads * as Chinese unless Chinese is named', () => {
    expect(pickLocale('en;q=0.5, *;q=0.8')).toBe('zh-CN');
    expect(pickLocale('en;q=0.5, zh;q=0.1, *;q=0.8')).toBe('en');
  });

  it('falls back to Chinese when nothing supported is named', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('')).toBe('zh-CN');
    expect(pickLocale('fr')).toBe('zh-CN');
    expect(pickLocale('de-DE,de;q=0.9')).toBe('zh-CN');
    expect(pickLocale('en;q=abc')).toBe('zh-CN');
  });

  it('reads locale tags from the system and from Apps Script', () => {
    expect(pickLocale('en-US.UTF-8')).toBe('en');
    expect(pickLocale('en.UTF-8')).toBe('en');
    expect(pickLocale('C.UTF-8')).toBe('zh-CN');
  });
});
