import { describe, expect, it } from 'vitest';
import { fieldsWithNul } from './fields-with-nul';

describe('fieldsWithNul', () => {
  it('names each top-level field holding U+0000 anywhere inside, keys too', () => {
    const body = {
      displayName: '王芳',
      team: 'ea\u0000st',
      levels: ['high', 'hi\u0000gh'],
      rules: { ['mo\u0000bile']: 'masked' },
      deep: [{ a: { b: '\u0000' } }],
      count: 3,
      none: null,
    };
    expect(fieldsWithNul(body)).toEqual(['team', 'levels', 'rules', 'deep']);
  });

  it('leaves the fields its route checks itself', () => {
    const body = { clientId: 'sheet\u00001', mutations: [{ fields: { demand: '\u0000' } }] };
    expect(fieldsWithNul(body, ['mutations'])).toEqual(['clientId']);
  });

  it('finds nothing in text without one, however odd', () => {
    expect(fieldsWithNul({ name: '上海\u0001华信 \\u0000 %00', emoji: '😀' })).toEqual([]);
  });
});
