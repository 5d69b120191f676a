import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Mutation } from '../sync/push-request';
import { chunkMutations, utf8Length } from './chunk-mutations';

const bytes = (s: string) => new TextEncoder().encode(s).length;

const mutation = (i: number, demand = '需要采购10台工业机器人'): Mutation => ({
  mutationId: `client-${i.toString(36).padStart(4, '0')}`,
  fields: { name: `上海华信科技${i}号有限公司`, demand },
});

describe('utf8Length', () => {
  it('counts what TextEncoder counts, surrogate pairs and all', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => utf8Length(s) === bytes(s)));
    expect(utf8Length('客户😀a')).toBe(bytes('客户😀a'));
  });
});

describe('chunkMutations', () => {
  it('keeps every push within 500 mutations and the byte budget, in order, losing none', () => {
    const all = Array.from({ length: 1_234 }, (_, i) => mutation(i));
    const byRows = chunkMutations('sheet-1', all, 500, 50_000_000);
    expect(byRows.map((c) => c.mutations.length)).toEqual([500, 500, 234]);

    const big = Array.from({ length: 300 }, (_, i) => mutation(i, '长'.repeat(1_900)));
    const byBytes = chunkMutations('sheet-1', big, 500, 200_000);
    expect(byBytes.length).toBeGreaterThan(1);
    for (const chunk of byBytes) {
      expect(bytes(chunk.body)).toBe(chunk.bytes);
      expect(chunk.bytes).toBeLessThanOrEqual(200_000);
      expect(JSON.parse(chunk.body)).toEqual({ clientId: 'sheet-1', mutations: chunk.mutations });
    }
    expect(byBytes.flatMap((c) => c.mutations)).toEqual(big);
  });
});
