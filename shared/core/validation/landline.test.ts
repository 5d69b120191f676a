import { describe, it, expect } from 'vitest';
import { parseLandline } from './landline';

describe('parseLandline', () => {
  it.each([
    ['010-12345678', '010-12345678'],
    ['01065529988', '010-65529988'],
    ['(010) 6552 9988', '010-65529988'],
    ['010-6552-9988', '010-65529988'],
    ['021 6888 8888', '021-68888888'],
    ['0755-86013388', '0755-86013388'],
    ['0755 8601 3388', '0755-86013388'],
    ['（０７５５）８６０１３３８８', '0755-86013388'],
    ['0571-8765432', '0571-8765432'],
    ['05718765432', '0571-8765432'],
    ['0311-87654321', '0311-87654321'],
    ['+86 10 6552 9988', '010-65529988'],
    ['+86-755-86013388', '0755-86013388'],
    ['0086 21 68888888', '021-68888888'],
    ['+86 (0)21 6888 8888', '021-68888888'],
    ['86-10-65529988', '010-65529988'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseLandline(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['010-65529988-123', '010-65529988-123'],
    ['010-65529988转123', '010-65529988-123'],
    ['010 6552 9988 转 8001', '010-65529988-8001'],
    ['0755-86013388 ext. 42', '0755-86013388-42'],
    ['0755-86013388 x42', '0755-86013388-42'],
    ['0755-86013388#42', '0755-86013388-42'],
    ['0571-8765432-1', '0571-8765432-1'],
    ['021 6888 8888 分机 5', '021-68888888-5'],
  ])('keeps the extension of %j', (input, expected) => {
    expect(parseLandline(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['400-820-8820', '400-820-8820'],
    ['4008208820', '400-820-8820'],
    ['400 820 8820', '400-820-8820'],
    ['800-810-1234', '800-810-1234'],
    ['400-820-8820 转 2', '400-820-8820-2'],
    ['４００－８２０－８８２０', '400-820-8820'],
  ])('accepts the service number %j as %s', (input, expected) => {
    expect(parseLandline(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['65529988', 'no area code'],
    ['13812345678', 'a mobile'],
    ['+86 138 1234 5678', 'a mobile with country code'],
    ['010-6552998', 'seven digits after a two-digit area code'],
    ['010-655299881', 'nine digits'],
    ['0755-123456', 'six digits'],
    ['0755-01234567', 'a local number starting with 0'],
    ['011-65529988', 'an area code that does not exist'],
    ['00-65529988', 'a double zero'],
    ['+1 212 555 0100', 'a foreign number'],
    ['+852 2123 4567', 'a Hong Kong number'],
    ['010-6552998a', 'a letter'],
    ['010/65529988', 'a slash'],
    ['400-820-882', 'a short 400 number'],
    ['500-820-8820', 'a 500 number'],
    ['010-65529988 转', 'an empty extension'],
    ['010-65529988-1234567', 'a seven-digit extension'],
  ])('rejects %j (%s)', (input) => {
    expect(parseLandline(input)).toEqual({ ok: false, code: 'landline.format' });
  });

  it('normalising a normalised number gives it back', () => {
    for (const value of ['010-65529988', '0755-86013388-42', '400-820-8820', '0571-8765432-1']) {
      expect(parseLandline(value)).toEqual({ ok: true, value });
    }
  });
});
