import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_LENGTH, tokenAlgorithm } from './token-algorithm';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('tokenAlgorithm', () => {
  it('reads alg from a compact JWT without checking its signature', () => {
    expect(tokenAlgorithm(`${b64({ alg: 'RS256', kid: 'k' })}.${b64({ sub: '1' })}.c2ln`)).toBe(
      'RS256',
    );
    expect(tokenAlgorithm(`${b64({ alg: 'none' })}.${b64({})}.`)).toBe('none');
  });

  it('gives an empty alg for a header without one, so callers refuse it as unsupported', () => {
    expect(tokenAlgorithm(`${b64({ kid: 'k' })}.${b64({})}.c2ln`)).toBe('');
  });

  it.each([
    ['empty', ''],
    ['two segments', `${b64({ alg: 'RS256' })}.${b64({})}`],
    ['four segments', `${b64({ alg: 'RS256' })}.${b64({})}.c2ln.c2ln`],
    ['a JSON array payload', `${b64({ alg: 'RS256' })}.${b64([1])}.c2ln`],
    ['a header that is not JSON', `bm9wZQ.${b64({})}.c2ln`],
    ['an encrypted (five-part) token', 'a.b.c.d.e'],
  ])('refuses %s', (_name, token) => {
    expect(tokenAlgorithm(token)).toBeUndefined();
  });

  it('refuses anything longer than MAX_TOKEN_LENGTH', () => {
    const head = `${b64({ alg: 'RS256' })}.${b64({})}.`;
    expect(tokenAlgorithm(head + 'A'.repeat(MAX_TOKEN_LENGTH - head.length))).toBe('RS256');
    expect(tokenAlgorithm(head + 'A'.repeat(MAX_TOKEN_LENGTH - head.length + 1))).toBeUndefined();
  });

  it('never throws, whatever it is given', () => {
    const segment = fc.string({ unit: fc.constantFrom(...'AZaz09-_=.+/ {}"'.split('')) });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(segment, { maxLength: 5 }).map((s) => s.join('.')),
        ),
        (token) => {
          expect(() => tokenAlgorithm(token)).not.toThrow();
        },
      ),
    );
    for (const value of [undefined, null, 42, {}, []])
      expect(tokenAlgorithm(value)).toBeUndefined();
  });
});
