import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CryptoError } from './crypto-error';
import { createKeyRing } from './key-ring';

/** Fails if any 8-character window of a secret (in base64, base64url or hex) is in the text. */
function expectNoSecret(text: string, secret: Buffer): void {
  for (const encoded of [
    secret.toString('base64'),
    secret.toString('base64url'),
    secret.toString('hex'),
  ]) {
    for (let i = 0; i + 8 <= encoded.length; i += 1) {
      expect(text).not.toContain(encoded.slice(i, i + 8));
    }
  }
}

function thrown(run: () => unknown): CryptoError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    return error as CryptoError;
  }
  throw new Error('expected a CryptoError');
}

describe('createKeyRing', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const index = randomBytes(32);

  it('exposes the active key, every id and lookup by id', () => {
    const ring = createKeyRing(
      [
        { id: 'k1', key: k1 },
        { id: 'k2', key: k2 },
      ],
      'k2',
      index,
    );
    expect(ring.active.id).toBe('k2');
    expect(ring.active.key.export()).toEqual(k2);
    expect(ring.ids).toEqual(['k1', 'k2']);
    expect(ring.byId('k1')?.key.export()).toEqual(k1);
    expect(ring.byId('k3')).toBeUndefined();
    expect(ring.indexKey.export()).toEqual(index);
  });

  it('keeps its own copy of the key bytes', () => {
    const key = Buffer.from(k1);
    const ring = createKeyRing([{ id: 'k1', key }], 'k1', index);
    key.fill(0);
    expect(ring.active.key.export()).toEqual(k1);
  });

  it('prints no key bytes when logged or serialised by mistake', () => {
    const ring = createKeyRing([{ id: 'k1', key: k1 }], 'k1', index);
    const printed = inspect(ring, { depth: 10, showHidden: true }) + JSON.stringify(ring);
    expect(printed).toContain('k1');
    expectNoSecret(printed, k1);
    expectNoSecret(printed, index);
  });

  it.each([
    [
      'a short key',
      () => createKeyRing([{ id: 'k1', key: k1.subarray(0, 16) }], 'k1', index),
      /'k1' must be 32 bytes, got 16/,
    ],
    ['no keys', () => createKeyRing([], 'k1', index), /no data key/],
    [
      'a repeated id',
      () =>
        createKeyRing(
          [
            { id: 'k1', key: k1 },
            { id: 'k1', key: k2 },
          ],
          'k1',
          index,
        ),
      /'k1' appears more than once/,
    ],
    ['an id with a dot', () => createKeyRing([{ id: 'k.1', key: k1 }], 'k.1', index), /id must be/],
    [
      'a missing active key',
      () => createKeyRing([{ id: 'k1', key: k1 }], 'k2', index),
      /active data key 'k2'/,
    ],
    [
      'a short index key',
      () => createKeyRing([{ id: 'k1', key: k1 }], 'k1', index.subarray(1)),
      /index key must be 32 bytes, got 31/,
    ],
    [
      'an index key equal to a data key',
      () => createKeyRing([{ id: 'k1', key: k1 }], 'k1', k1),
      /index key must differ/,
    ],
    [
      'two identical data keys',
      () =>
        createKeyRing(
          [
            { id: 'k1', key: k1 },
            { id: 'k2', key: Buffer.from(k1) },
          ],
          'k1',
          index,
        ),
      /'k1' and 'k2' are identical/,
    ],
  ])('refuses %s, naming the problem without key bytes', (_name, run, message) => {
    const error = thrown(run);
    expect(error.code).toBe('invalid-key-material');
    expect(error.message).toMatch(message);
    for (const secret of [k1, k2, index]) expectNoSecret(error.message, secret);
  });

  it('does not echo an active id that could be key bytes', () => {
    const error = thrown(() =>
      createKeyRing([{ id: 'k1', key: k1 }], k2.toString('base64'), index),
    );
    expect(error.message).toContain('(invalid id)');
    expectNoSecret(error.message, k2);
  });
});
