import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { tokenAlgorithm } from './token-algorithm';
import type { TokenVerifier, VerifyFailureReason, VerifyResult } from './verify-result';

/** Options for {@link createMicrosoftVerifier}. */
export interface MicrosoftVerifierOptions {
  /** The tenant's key set, e.g. `https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys`. */
  readonly jwksUrl: string;
  /** Accepted `iss`, e.g. `https://login.microsoftonline.com/{tenant}/v2.0`. */
  readonly issuer: string | readonly string[];
  /** Our API's application id URI or client id (`aud`). */
  readonly audience: string | readonly string[];
}

// Entra and our server each keep their own clock; a minute of drift should not lock anyone out.
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Creates a verifier for Entra ID access tokens issued to our own API (the add-in's SSO token).
 * Tokens for Microsoft Graph cannot be verified by anyone but Graph and fail as `bad_signature`.
 * Keys are fetched with jose's remote key set, which caches them and refetches for an unknown
 * `kid` (key rotation). The email comes from `preferred_username`, `upn` or `email`, lowercased.
 * @example const verify = createMicrosoftVerifier({ jwksUrl, issuer, audience: 'api://crm' }); await verify(token);
 */
export function createMicrosoftVerifier(options: MicrosoftVerifierOptions): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl));
  const issuer = typeof options.issuer === 'string' ? options.issuer : [...options.issuer];
  const audience = typeof options.audience === 'string' ? options.audience : [...options.audience];

  return async (token: string): Promise<VerifyResult> => {
    if (tokenAlgorithm(token) === undefined) return fail('malformed');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer,
        audience,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      return fail(reasonFor(error));
    }
    const subject = firstString(payload['oid'], payload.sub);
    if (subject === undefined) return fail('malformed');
    // Work and school accounts have no email_verified claim; the tenant vouches for its names.
    const email = firstString(payload['preferred_username'], payload['upn'], payload['email']);
    if (email === undefined) return fail('unverified_email');
    return { ok: true, identity: { provider: 'microsoft', subject, email: email.toLowerCase() } };
  };
}

function fail(reason: VerifyFailureReason): VerifyResult {
  return { ok: false, reason };
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value !== '');
}

function reasonFor(error: unknown): VerifyFailureReason {
  // A failed fetch (refused, DNS) is a TypeError from fetch, not a JOSEError.
  if (!(error instanceof errors.JOSEError)) return 'unavailable';
  switch (error.code) {
    case errors.JWTExpired.code:
      return 'expired';
    case errors.JWTClaimValidationFailed.code: {
      const claim = (error as errors.JWTClaimValidationFailed).claim;
      if (claim === 'aud') return 'wrong_audience';
      if (claim === 'iss') return 'wrong_issuer';
      return 'malformed'; // nbf or iat in the future, exp missing or not a number
    }
    case errors.JWSSignatureVerificationFailed.code:
    case errors.JWKSNoMatchingKey.code:
    case errors.JWKSMultipleMatchingKeys.code:
    case errors.JOSEAlgNotAllowed.code:
      return 'bad_signature';
    case errors.JWSInvalid.code:
    case errors.JWTInvalid.code:
    case errors.JOSENotSupported.code:
      return 'malformed';
    default:
      // JWKSTimeout, JWKSInvalid, JWKInvalid, non-200 or non-JSON key set answers.
      return 'unavailable';
  }
}
