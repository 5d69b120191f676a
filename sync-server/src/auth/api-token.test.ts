import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apiTokenMatchesHash,
  generateApiToken,
  hashApiToken,
  looksLikeApiToken,
} from './api-token';

describe('generateApiToken', () => {
  it('makes a crm_ token of 32 random bytes in base64url and its SHA-256 hex', () => {
    const { token, hash } = generateApiToken();
    expect(token).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiToken(token));
  });

  it('never repeats a token or a hash', () => {
    const generated = Array.from({ length: 2000 }, () => generateApiToken());
    expect(new Set(generated.map((g) => g.token)).size).toBe(2000);
    expect(new Set(generated.map((g) => g.hash)).size).toBe(2000);
  });

  it('keeps nothing of the token in the hash', () => {
    for (let i = 0; i < 200; i += 1) {
      const { token, hash } = generateApiToken();
      const secret = token.slice(4);
      expect(hash).not.toBe(token);
      expect(hash).not.toContain(secret);
      expect(hash).not.toContain('crm_');
      // No 8-character run of the secret survives into the hash either.
      for (let start = 0; start + 8 <= secret.length; start += 1) {
        expect(hash).not.toContain(secret.slice(start, start + 8));
      }
    }
  });
});

describe('hashApiToken', () => {
  it('is SHA-256 in lowercase hex (FIPS 180-2 test vector)', () => {
    expect(hashApiToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('gives the same hash for the same token every time', () => {
    const { token, hash } = generateApiToken();
    expect(hashApiToken(token)).toBe(hash);
    expect(hashApiToken(`${token}`)).toBe(hash);
  });

  it('changes completely when one character changes', () => {
    const { token, hash } = generateApiToken();
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(hashApiToken(token.slice(0, -1) + last)).not.toBe(hash);
  });
});

describe('looksLikeApiToken', () => {
  it('accepts every generated token', () => {
    for (let i = 0; i < 200; i += 1) expect(looksLikeApiToken(generateApiToken().token)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['prefix only', 'crm_'],
    ['wrong prefix', `crx_${'A'.repeat(43)}`],
    ['upper-case prefix', `CRM_${'A'.repeat(43)}`],
    ['one character short', `crm_${'A'.repeat(42)}`],
    ['one character long', `crm_${'A'.repeat(44)}`],
    ['standard base64 characters', `crm_${'A'.repeat(42)}+`],
    ['padding', `crm_${'A'.repeat(42)}=`],
    ['surrounding whitespace', ` crm_${'A'.repeat(43)} `],
    ['a Bearer header value', `Bearer crm_${'A'.repeat(43)}`],
    ['a JWT', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'],
  ])('refuses %s', (_name, value) => {
    expect(looksLikeApiToken(value)).toBe(false);
  });
});

describe('apiTokenMatchesHash', () => {
  it('matches the hash generated with the token, and no other token', () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(apiTokenMatchesHash(a.token, a.hash)).toBe(true);
    expect(apiTokenMatchesHash(b.token, a.hash)).toBe(false);
    expect(apiTokenMatchesHash(a.hash, a.hash)).toBe(false);
  });

  it('refuses a malformed stored hash without throwing', () => {
    const { token, hash } = generateApiToken();
    expect(apiTokenMatchesHash(token, '')).toBe(false);
    expect(apiTokenMatchesHash(token, hash.slice(0, 63))).toBe(false);
    expect(apiTokenMatchesHash(token, hash.toUpperCase())).toBe(false);
    expect(apiTokenMatchesHash(token, `${hash}00`)).toBe(false);
  });

  it('holds for any string: a token matches its own hash and a different string does not', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (token, other) => {
        expect(apiTokenMatchesHash(token, hashApiToken(token))).toBe(true);
        if (other !== token) expect(apiTokenMatchesHash(other, hashApiToken(token))).toBe(false);
      }),
    );
  });
});
