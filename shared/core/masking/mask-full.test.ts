import { describe, expect, it } from 'vitest';
import { fullMask, maskFull } from './mask-full';

describe('maskFull', () => {
  it('hides any value behind four stars, whatever its length', () => {
    expect(maskFull('wxid_zhangsan88')).toBe('****');
    expect(maskFull('a')).toBe('****');
    expect(maskFull('营业执照.pdf, 法人身份证.jpg')).toBe(fullMask);
  });

  it('leaves an empty value empty', () => {
    expect(maskFull('')).toBe('');
  });
});
