import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blindIndex } from './blind-index';
import { CryptoError } from './crypto-error';
import { createKeyRing } from './key-ring';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const index = randomBytes(32);
const ring = createKeyRing([{ id: 'k1', key: k1 }], 'k1', index);
const mobile = '13812345678';

describe('blindIndex', () => {
  it('is stable for the same kind and value', () => {
    expect(blindIndex(ring, 'mobile', mobile)).toBe(blindIndex(ring, 'mobile', mobile));
    const again = createKeyRing([{ id: 'k1', key: k1 }], 'k1', Buffer.from(index));
    expect(blindIndex(again, 'mobile', mobile)).toBe(blindIndex(ring, 'mobile', mobile));
  });

  it('stays the same when the data key rotates', () => {
    const rotated = createKeyRing(
      [
        { id: 'k1', key: k1 },
        { id: 'k2', key: k2 },
      ],
      'k2',
      index,
    );
    expect(blindIndex(rotated, 'mobile', mobile)).toBe(blindIndex(ring, 'mobile', mobile));
  });

  it('differs across kinds for the same digits', () => {
    const digits = '110101199003077777';
    expect(blindIndex(ring, 'idNumber', digits)).not.toBe(blindIndex(ring, 'mobile', digits));
  });

  it('keeps kind and value apart (no ambiguity at the separator)', () => {
    expect(blindIndex(ring, 'ab', 'c')).not.toBe(blindIndex(ring, 'a', 'bc'));
    expect(blindIndex(ring, 'a', 'b\0c')).not.toBe(blindIndex(ring, 'a', 'b'));
  });

  it('differs across index keys', () => {
    const other = createKeyRing([{ id: 'k1', key: k1 }], 'k1', randomBytes(32));
    expect(blindIndex(other, 'mobile', mobile)).not.toBe(blindIndex(ring, 'mobile', mobile));
  });

  it('does not reveal the value: fixed length, no plaintext, not an unkeyed hash', () => {
    const hash = blindIndex(ring, 'mobile', mobile);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain(mobile);
    expect(hash).not.toContain(mobile.slice(-4));
    const unkeyed = createHash('sha256').update(`mobile\0${mobile}`).digest('base64url');
    expect(hash).not.toBe(unkeyed);
    expect(blindIndex(ring, 'address', 'x'.repeat(10_000))).toHaveLength(43);
  });

  it('gives distinct values distinct indexes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        fc.pre(a !== b);
        expect(blindIndex(ring, 'name', a)).not.toBe(blindIndex(ring, 'name', b));
      }),
    );
  });

  it('refuses an empty kind, a kind with NUL and a lone surrogate', () => {
    expect(() => blindIndex(ring, '', mobile)).toThrow(CryptoError);
    expect(() => blindIndex(ring, 'mo\0bile', mobile)).toThrow(CryptoError);
    expect(() => blindIndex(ring, 'name', '\uD800')).toThrow(CryptoError);
  });
});
