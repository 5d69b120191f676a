import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'crm_';
// 32 random bytes are always 43 base64url characters (no padding).
const API_TOKEN = /^crm_[A-Za-z0-9_-]{43}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A new API token, and the only thing about it the server keeps. */
export interface GeneratedApiToken {
  /** Shown to the user once; never stored or logged. */
  readonly token: string;
  /** SHA-256 hex of `token`: what the database stores and looks tokens up by. */
  readonly hash: string;
}

/**
 * Generates an API token: `crm_` and 32 random bytes in base64url. A plain SHA-256 is enough for
 * the stored hash (no salt, no slow KDF) because the token has 256 bits of entropy, and it keeps
 * the hash usable as a lookup key.
 * @example const { token, hash } = generateApiToken(); // token 'crm_…' (47 chars), hash 64 hex
 */
export function generateApiToken(): GeneratedApiToken {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token) };
}

/**
 * The stored form of an API token: SHA-256, lowercase hex.
 * @example hashApiToken('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Whether a string has the shape of an API token, so a bearer value can be routed to the API-token
 * check instead of an ID-token verifier without a database round trip.
 * @example looksLikeApiToken(generateApiToken().token) // true
 */
export function looksLikeApiToken(value: string): boolean {
  return API_TOKEN.test(value);
}

/**
 * Whether `token` hashes to `storedHash`, compared in constant time so response timing tells an
 * attacker nothing about how much of a guess matched. A malformed stored hash never matches.
 * @example apiTokenMatchesHash(token, hash) // true for the pair generateApiToken returned
 */
export function apiTokenMatchesHash(token: string, storedHash: string): boolean {
  if (!SHA256_HEX.test(storedHash)) return false;
  const actual = createHash('sha256').update(token, 'utf8').digest();
  return timingSafeEqual(actual, Buffer.from(storedHash, 'hex'));
}
