/** Who a verified sign-in token says the caller is. `email` is lowercased. */
export interface VerifiedIdentity {
  readonly provider: 'google' | 'microsoft';
  /** The provider's stable user id (Google `sub`, Entra `oid`); emails can be reassigned. */
  readonly subject: string;
  readonly email: string;
}

/**
 * Why a token was refused. Callers branch on this; it never carries the token. `unavailable`
 * means the provider's keys could not be fetched, so the caller may retry later.
 */
export type VerifyFailureReason =
  | 'expired'
  | 'bad_signature'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'unverified_email'
  | 'malformed'
  | 'unavailable';

/** The outcome of verifying a sign-in token: an identity, or why not. */
export type VerifyResult =
  | { readonly ok: true; readonly identity: VerifiedIdentity }
  | { readonly ok: false; readonly reason: VerifyFailureReason };

/** Checks a sign-in token; resolves to a result for every input and never rejects. */
export type TokenVerifier = (token: string) => Promise<VerifyResult>;
