import { describe, expect, it } from 'vitest';
import { maskAddress } from './mask-address';

describe('maskAddress', () => {
  it('keeps the address down to its district', () => {
    expect(maskAddress('上海市浦东新区张江路88号3楼')).toBe('上海市浦东新区****');
    expect(maskAddress('广东省深圳市南山区科技园科苑路15号')).toBe('广东省深圳市南山区****');
    expect(maskAddress('浙江省杭州市余杭区文一西路969号')).toBe('浙江省杭州市余杭区****');
  });

  it('keeps less when the address names no district', () => {
    expect(maskAddress('广东省深圳市科技园科苑路15号')).toBe('广东省深圳市****');
  });

  it('masks in full an address that starts with no known division', () => {
    expect(maskAddress('张江路88号3楼')).toBe('****');
    expect(maskAddress('中山路88号')).toBe('****');
    expect(maskAddress('阳光小区5栋2单元')).toBe('****');
    expect(maskAddress('1600 Amphitheatre Parkway')).toBe('****');
  });

  it('hides whether anything follows the district', () => {
    expect(maskAddress('上海市浦东新区')).toBe('上海市浦东新区****');
  });

  it('leaves an empty value empty and is stable on its own output', () => {
    expect(maskAddress('')).toBe('');
    expect(maskAddress('上海市浦东新区****')).toBe('上海市浦东新区****');
  });
});
