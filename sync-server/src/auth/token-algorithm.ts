import { decodeJwt, decodeProtectedHeader } from 'jose';

// Real ID and access tokens are 1–4 KB; refusing huge input early keeps a hostile caller from
// making us base64-decode and JSON-parse megabytes.
/** The longest token a verifier will look at. */
export const MAX_TOKEN_LENGTH = 16_384;

/**
 * The header `alg` of a compact JWT whose header and payload both decode to JSON objects, or
 * undefined for anything else. Needs no keys, so verifiers refuse garbage as `malformed` before
 * fetching any, whatever order their library checks things in.
 * @example tokenAlgorithm('not a token') // undefined
 */
export function tokenAlgorithm(token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
  try {
    decodeJwt(token);
    return decodeProtectedHeader(token).alg ?? '';
  } catch {
    return undefined;
  }
}
