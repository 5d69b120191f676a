import type { MiddlewareHandler } from 'hono';
import { t } from '../../../shared/core/i18n/translate';
import { appendAudit } from '../audit/audit-log';
import { hashApiToken } from '../auth/api-token';
import { findRole } from '../people/role-store';
import { findUserByEmail, findUserByTokenHash } from '../people/user-store';
import { ApiError } from './api-error';
import type { Actor, AppEnv } from './context';
import type { ServerDeps } from './deps';

/** How long a client waits before retrying when the identity provider cannot be reached. */
const RETRY_UNAVAILABLE_SECONDS = 30;

/**
 * Signs the caller in from `Authorization: Bearer …`: an API token (looked up by its hash), a
 * Google ID token or a Microsoft access token (verified, then mapped by email to a user the admin
 * created). Failures are audited and limited per address (a success does not clear them), a
 * request without credentials is audited but not counted, and while an address is locked every
 * attempt from it is refused, a valid one too, so a guess that happens to be right is not told so.
 */
export function authenticate(deps: ServerDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const info = c.get('info');
    const address = info.ip ?? 'unknown';
    const limit = deps.limiter.check(address);
    if (!limit.allowed) {
      throw new ApiError(
        429,
        'rate_limited',
        t('http.rateLimited', info.locale, { seconds: limit.retryAfterSeconds }),
        {
          headers: { 'Retry-After': String(limit.retryAfterSeconds) },
        },
      );
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const outcome = bearer === undefined ? { reason: 'missing' } : await signIn(deps, bearer);
    if ('unavailable' in outcome) {
      // The provider's keys could not be fetched: nothing was wrong with the token, so this is
      // neither a failed sign-in to audit nor one to count, and the client may retry.
      throw new ApiError(
        503,
        'signin_unavailable',
        t('http.signInUnavailable', info.locale, { seconds: RETRY_UNAVAILABLE_SECONDS }),
        { headers: { 'Retry-After': String(RETRY_UNAVAILABLE_SECONDS) } },
      );
    }
    if ('actor' in outcome) {
      // A success leaves the count as it is: were it reset, anyone holding one working token
      // could sign in between guesses and guess for ever.
      c.set('actor', outcome.actor);
      await next();
      return;
    }
    // A request without credentials guesses nothing: counting it would let a page that calls
    // before its sign-in finishes lock out everyone behind the same address.
    if (bearer !== undefined) deps.limiter.recordFailure(address);
    await deps.db.write((tx) =>
      appendAudit(
        tx,
        [
          {
            actorId: null,
            actorRole: null,
            ip: info.ip,
            userAgent: info.userAgent,
            client: info.client,
            action: 'signin.failed',
            recordId: null,
            fields: [],
            outcome: 'failed',
            detail: outcome.reason,
          },
        ],
        deps.now(),
      ),
    );
    throw new ApiError(401, 'unauthorized', t('http.unauthorized', info.locale), {
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  };
}

async function signIn(
  deps: ServerDeps,
  bearer: string,
): Promise<{ actor: Actor } | { reason: string } | { unavailable: true }> {
  const isJwt = bearer.split('.').length === 3;
  let user;
  if (!isJwt) {
    user = await findUserByTokenHash(deps.db, hashApiToken(bearer));
    if (user === undefined) return { reason: 'unknown_token' };
  } else {
    const verifier = issuerOf(bearer)?.includes('google')
      ? deps.verifiers.google
      : deps.verifiers.microsoft;
    if (verifier === undefined) return { reason: 'provider_not_configured' };
    const verified = await verifier(bearer);
    if (!verified.ok) {
      return verified.reason === 'unavailable'
        ? { unavailable: true }
        : { reason: verified.reason };
    }
    user = await findUserByEmail(deps.db, verified.identity.email);
    if (user === undefined) return { reason: 'unknown_user' };
  }
  if (!user.active) return { reason: 'inactive_user' };
  const role = await findRole(deps.db, user.roleId);
  if (role === undefined) return { reason: 'unknown_role' };
  return { actor: { user, role } };
}

// Reads the unverified issuer only to pick a verifier; the verifier checks everything.
function issuerOf(jwt: string): string | undefined {
  try {
    const payload = JSON.parse(
      Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { iss?: unknown };
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}
