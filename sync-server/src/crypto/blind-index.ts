import { createHmac } from 'node:crypto';
import { CryptoError } from './crypto-error';
import type { KeyRing } from './key-ring';

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * A keyed hash (HMAC-SHA256, base64url, 43 characters) of an already normalised value, for exact
 * duplicate checks and search on encrypted fields. `kind` keeps namespaces apart, so the same
 * digits as a mobile and as an ID number hash differently. It uses the ring's index key, which
 * does not change when data keys rotate, so stored indexes stay valid.
 * @example blindIndex(ring, 'mobile', '13812345678') === blindIndex(ring, 'mobile', '13812345678') // true
 */
export function blindIndex(ring: KeyRing, kind: string, normalisedValue: string): string {
  // A NUL inside `kind` would let ('a\0b', 'c') collide with ('a', 'b\0c').
  if (kind === '' || kind.includes('\0')) {
    throw new CryptoError('invalid-input', 'blind index kind must be non-empty and contain no NUL');
  }
  // UTF-8 encoding turns every lone surrogate into U+FFFD, which would make distinct values collide.
  if (LONE_SURROGATE.test(normalisedValue)) {
    throw new CryptoError(
      'invalid-input',
      `blind index '${kind}': value is not well-formed Unicode`,
    );
  }
  return createHmac('sha256', ring.indexKey)
    .update(`${kind}\0${normalisedValue}`, 'utf8')
    .digest('base64url');
}
