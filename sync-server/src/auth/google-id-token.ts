import { OAuth2Client } from 'google-auth-library';
import type { Certificates } from 'google-auth-library';
import { tokenAlgorithm } from './token-algorithm';
import type { TokenVerifier, VerifyFailureReason, VerifyResult } from './verify-result';

/**
 * Google's signing keys as a PEM map (`{ [kid]: certificate }`). google-auth-library reads this
 * format, not the v3 JWKS, whenever it runs outside a browser; both list the same keys.
 */
export const GOOGLE_CERTS_URL = 'https://www.googleapis.com/oauth2/v1/certs';

/** The two spellings of Google's issuer that ID tokens carry. */
export const GOOGLE_ISSUERS: readonly string[] = [
  'accounts.google.com',
  'https://accounts.google.com',
];

/** Options for {@link createGoogleVerifier}. */
export interface GoogleVerifierOptions {
  /** The OAuth client id(s) the token must be issued to (`aud`). */
  readonly audience: string | readonly string[];
  /** Where to fetch the PEM map of signing keys; {@link GOOGLE_CERTS_URL} by default. */
  readonly certsUrl?: string;
  /** Accepted `iss` values; {@link GOOGLE_ISSUERS} by default. */
  readonly issuers?: readonly string[];
  /** How long one key fetch may take (the library also retries a few times); 5000 by default. */
  readonly timeoutMs?: number;
}

/**
 * Creates a verifier for Google OpenID Connect ID tokens, such as Apps Script's
 * `ScriptApp.getIdentityToken()` (the script needs the `userinfo.email` scope for `email` to be
 * present). It checks the RS256 signature against Google's keys (cached for the response's
 * max-age), issuer, audience and expiry (the library allows five minutes of clock skew), and
 * requires `email_verified: true`.
 * @example const verify = createGoogleVerifier({ audience: CLIENT_ID }); const result = await verify(idToken);
 */
export function createGoogleVerifier(options: GoogleVerifierOptions): TokenVerifier {
  const audience = typeof options.audience === 'string' ? options.audience : [...options.audience];
  const issuers = [...(options.issuers ?? GOOGLE_ISSUERS)];
  const client = new OAuth2Client({
    endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl ?? GOOGLE_CERTS_URL },
    issuers,
    // gaxios has no timeout of its own: a hung endpoint would hang every sign-in.
    transporterOptions: { timeout: options.timeoutMs ?? 5000 },
  });

  // The library caches keys but does not share a fetch in flight; without this a burst of
  // sign-ins after the cache expires would each fetch the keys.
  let pending: Promise<Certificates> | undefined;
  const fetchCerts = (): Promise<Certificates> => {
    pending ??= client
      .getFederatedSignonCertsAsync()
      .then((response) => response.certs)
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  return async (idToken: string): Promise<VerifyResult> => {
    const alg = tokenAlgorithm(idToken);
    if (alg === undefined) return fail('malformed');
    // Google signs ID tokens with RS256 only; the library would try any alg against an RSA key.
    if (alg !== 'RS256') return fail('bad_signature');

    let certs: Certificates;
    try {
      certs = await fetchCerts();
    } catch {
      return fail('unavailable');
    }
    if (typeof certs !== 'object' || certs === null) return fail('unavailable');

    let payload;
    try {
      const ticket = await client.verifySignedJwtWithCertsAsync(idToken, certs, audience, issuers);
      payload = ticket.getPayload();
    } catch (error) {
      // The library's messages embed the token, so they are classified here and then dropped.
      return fail(reasonFor(error));
    }
    if (typeof payload?.sub !== 'string' || payload.sub === '') return fail('malformed');
    if (typeof payload.email !== 'string' || payload.email === '') return fail('unverified_email');
    if (payload.email_verified !== true) return fail('unverified_email');
    return {
      ok: true,
      identity: { provider: 'google', subject: payload.sub, email: payload.email.toLowerCase() },
    };
  };
}

function fail(reason: VerifyFailureReason): VerifyResult {
  return { ok: false, reason };
}

// google-auth-library throws plain Errors; their message prefixes are all that tells them apart.
// google-id-token.test.ts reaches each one, so a wording change in the library fails a test.
// (Its segment and JSON errors cannot happen: tokenAlgorithm has refused such tokens already.)
const REASONS: readonly (readonly [string, VerifyFailureReason])[] = [
  ['Token used too late', 'expired'],
  ['Invalid token signature', 'bad_signature'],
  ['No pem found for envelope', 'bad_signature'],
  ['Invalid issuer', 'wrong_issuer'],
  ['Wrong recipient', 'wrong_audience'],
  ['Token used too early', 'malformed'],
  ['Expiration time too far in future', 'malformed'],
  ['No issue time', 'malformed'],
  ['No expiration time', 'malformed'],
  ['iat field', 'malformed'],
  ['exp field', 'malformed'],
];

function reasonFor(error: unknown): VerifyFailureReason {
  const message = error instanceof Error ? error.message : '';
  // Anything unrecognised (e.g. an unreadable key) still means the signature was not verified.
  return REASONS.find(([prefix]) => message.startsWith(prefix))?.[1] ?? 'bad_signature';
}
