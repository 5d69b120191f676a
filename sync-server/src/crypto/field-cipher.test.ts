import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoError } from './crypto-error';
import type { CryptoErrorCode } from './crypto-error';
import { decryptField, encryptField, needsReencryption, reencryptField } from './field-cipher';
import { createKeyRing } from './key-ring';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const index = randomBytes(32);
const ringK1 = createKeyRing([{ id: 'k1', key: k1 }], 'k1', index);
// After rotation: k2 active, k1 kept so old values still decrypt.
const ringK2 = createKeyRing(
  [
    { id: 'k1', key: k1 },
    { id: 'k2', key: k2 },
  ],
  'k2',
  index,
);
const mobile = '13812345678';

function failure(run: () => unknown): CryptoError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CryptoError);
    return error as CryptoError;
  }
  throw new Error('expected a CryptoError');
}

function expectFails(
  stored: string,
  code: CryptoErrorCode,
  field = 'mobile',
  ring = ringK2,
): CryptoError {
  const error = failure(() => decryptField(ring, field, stored));
  expect(error.code).toBe(code);
  expect(error.message).not.toContain(mobile);
  for (const key of [k1, k2, index]) {
    for (const encoded of [key.toString('base64url'), key.toString('hex')]) {
      expect(error.message).not.toContain(encoded.slice(0, 8));
    }
  }
  return error;
}

/** Changes one character of a base64url part into another valid base64url character. */
function flipChar(part: string, at: number): string {
  const c = part[at] === 'A' ? 'B' : 'A';
  return part.slice(0, at) + c + part.slice(at + 1);
}

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function setLowBit(c: string): string {
  return BASE64URL_ALPHABET[BASE64URL_ALPHABET.indexOf(c) | 1] ?? '';
}

function withPart(stored: string, index: number, replace: (part: string) => string): string {
  const parts = stored.split('.');
  parts[index] = replace(parts[index] ?? '');
  return parts.join('.');
}

describe('encryptField / decryptField', () => {
  it('round-trips under the compact v1 format', () => {
    const stored = encryptField(ringK1, 'mobile', mobile);
    expect(stored).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{15}\.[A-Za-z0-9_-]{22}$/);
    expect(stored).not.toContain(mobile);
    expect(decryptField(ringK1, 'mobile', stored)).toBe(mobile);
  });

  it('round-trips the empty string and Chinese text', () => {
    for (const value of ['', '浙江省杭州市西湖区文三路 90 号', '欧阳娜娜', '👨‍👩‍👧 emoji']) {
      expect(decryptField(ringK1, 'address', encryptField(ringK1, 'address', value))).toBe(value);
    }
  });

  it('gives different ciphertexts for the same value', () => {
    const a = encryptField(ringK1, 'mobile', mobile);
    const b = encryptField(ringK1, 'mobile', mobile);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('round-trips any unicode string in any field', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'grapheme', minLength: 1 }),
        (value, field) => {
          expect(decryptField(ringK1, field, encryptField(ringK1, field, value))).toBe(value);
        },
      ),
    );
  });

  it('refuses a lone surrogate instead of silently replacing it', () => {
    expect(failure(() => encryptField(ringK1, 'name', 'a\uD800b')).code).toBe('invalid-input');
  });

  it('refuses an empty field name', () => {
    expect(failure(() => encryptField(ringK1, '', mobile)).code).toBe('invalid-input');
  });
});

describe('tampering', () => {
  const stored = encryptField(ringK2, 'mobile', mobile);

  it('fails when any character of the IV, ciphertext or tag changes', () => {
    for (const part of [2, 3, 4]) {
      const length = stored.split('.')[part]?.length ?? 0;
      for (let at = 0; at < length; at += 1) {
        const tampered = withPart(stored, part, (p) => flipChar(p, at));
        expect(() => decryptField(ringK2, 'mobile', tampered)).toThrow(CryptoError);
      }
    }
  });

  it('fails on a flipped ciphertext byte with authentication-failed', () => {
    expectFails(
      withPart(stored, 3, (p) => flipChar(p, 0)),
      'authentication-failed',
    );
  });

  it('fails on a flipped IV or tag byte with authentication-failed', () => {
    expectFails(
      withPart(stored, 2, (p) => flipChar(p, 5)),
      'authentication-failed',
    );
    expectFails(
      withPart(stored, 4, (p) => flipChar(p, 0)),
      'authentication-failed',
    );
  });

  it('fails when moved to another field', () => {
    const error = expectFails(stored, 'authentication-failed', 'email');
    expect(error.message).toContain("field 'email'");
  });

  it('fails when the key id is switched to another key in the ring', () => {
    expectFails(stored.replace('v1.k2.', 'v1.k1.'), 'authentication-failed');
  });

  it('fails with a named error when the key id is unknown', () => {
    const error = expectFails(stored, 'unknown-key-id', 'mobile', ringK1);
    expect(error.message).toContain("data key 'k2'");
  });

  it('decodes a non-canonical tag to the same bytes, so only the format check catches it', () => {
    const tag = stored.split('.')[4] ?? '';
    const altered = tag.slice(0, -1) + setLowBit(tag.at(-1) ?? '');
    expect(altered).not.toBe(tag);
    expect(Buffer.from(altered, 'base64url')).toEqual(Buffer.from(tag, 'base64url'));
  });

  it('fails on a truncated tag rather than accepting a shorter one', () => {
    expectFails(
      withPart(stored, 4, (p) => p.slice(0, 16)),
      'malformed-ciphertext',
    );
  });

  it.each([
    ['an empty value', ''],
    ['a plain value', mobile],
    ['a missing part', 'v1.k2.AAAAAAAAAAAAAAAA.AAAA'],
    ['an extra part', `${stored}.AAAA`],
    ['another version', stored.replace(/^v1/, 'v2')],
    ['a bad key id', stored.replace('.k2.', '.k+2.')],
    ['standard base64 characters', withPart(stored, 2, (p) => `+${p.slice(1)}`)],
    ['base64 padding', withPart(stored, 4, (p) => `${p}==`)],
    [
      'non-canonical base64url',
      // A 16-byte tag leaves 4 unused bits in its last character; setting one keeps the bytes.
      withPart(stored, 4, (p) => p.slice(0, -1) + setLowBit(p.at(-1) ?? '')),
    ],
    ['a short IV', withPart(stored, 2, (p) => p.slice(0, 12))],
  ])('fails on %s as malformed', (_name, bad) => {
    expectFails(bad, 'malformed-ciphertext');
  });
});

describe('rotation', () => {
  it('decrypts data written under k1 after k2 becomes active, and re-encrypts it under k2', () => {
    const old = encryptField(ringK1, 'mobile', mobile);
    expect(decryptField(ringK2, 'mobile', old)).toBe(mobile);
    expect(needsReencryption(ringK1, old)).toBe(false);
    expect(needsReencryption(ringK2, old)).toBe(true);

    const renewed = reencryptField(ringK2, 'mobile', old);
    expect(renewed.startsWith('v1.k2.')).toBe(true);
    expect(needsReencryption(ringK2, renewed)).toBe(false);
    expect(decryptField(ringK2, 'mobile', renewed)).toBe(mobile);
    // Once k1 is retired, the renewed value still decrypts.
    const ringK2Only = createKeyRing([{ id: 'k2', key: k2 }], 'k2', index);
    expect(decryptField(ringK2Only, 'mobile', renewed)).toBe(mobile);
  });

  it('leaves a value already under the active key unchanged', () => {
    const current = encryptField(ringK2, 'mobile', mobile);
    expect(reencryptField(ringK2, 'mobile', current)).toBe(current);
  });

  it('refuses to re-encrypt a tampered or moved value', () => {
    const old = encryptField(ringK1, 'mobile', mobile);
    expect(failure(() => reencryptField(ringK2, 'email', old)).code).toBe('authentication-failed');
  });

  it('says a non-ciphertext is malformed rather than guessing', () => {
    expect(failure(() => needsReencryption(ringK2, mobile)).code).toBe('malformed-ciphertext');
  });
});
