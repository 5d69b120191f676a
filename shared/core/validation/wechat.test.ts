import { describe, it, expect } from 'vitest';
import { parseWechat } from './wechat';

describe('parseWechat', () => {
  it.each([
    ['zhangsan_88', 'zhangsan_88'],
    ['Li-Si-2024', 'Li-Si-2024'],
    ['wxid_a1b2c3d4e5f6', 'wxid_a1b2c3d4e5f6'],
    ['abcdef', 'abcdef'],
    ['a'.repeat(20), 'a'.repeat(20)],
    ['  wang_wu_sh  ', 'wang_wu_sh'],
    ['ｗａｎｇ＿ｗｕ＿ｓｈ', 'wang_wu_sh'],
  ])('accepts the WeChat ID %j', (input, expected) => {
    expect(parseWechat(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
  ])('accepts the mobile %j as %s', (input, expected) => {
    expect(parseWechat(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['abcde', 'five characters'],
    ['a'.repeat(21), 'twenty-one characters'],
    ['8zhangsan', 'starting with a digit'],
    ['_zhangsan', 'starting with an underscore'],
    ['zhang.san', 'a dot'],
    ['zhang san', 'a space'],
    ['张三的微信', 'Chinese characters'],
    ['123456789', 'a QQ-like number'],
    ['12812345678', 'an invalid mobile'],
    ['zhangsan@qq.com', 'an email address'],
  ])('rejects %j (%s)', (input) => {
    expect(parseWechat(input)).toEqual({ ok: false, code: 'wechat.format' });
  });
});
