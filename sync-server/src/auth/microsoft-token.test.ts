import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startIdentityProvider,
  TEST_AUDIENCE,
  TEST_MICROSOFT_ISSUER,
} from '../../../test/fakes/identity-provider';
import type { IdentityProvider } from '../../../test/fakes/identity-provider';
import { createMicrosoftVerifier } from './microsoft-token';
import type { TokenVerifier } from './verify-result';

const now = (): number => Math.floor(Date.now() / 1000);

let idp: IdentityProvider;
beforeAll(async () => {
  idp = await startIdentityProvider();
});
afterAll(() => idp.close());

const verifier = (jwksUrl = idp.jwksUrl): TokenVerifier =>
  createMicrosoftVerifier({ jwksUrl, issuer: TEST_MICROSOFT_ISSUER, audience: TEST_AUDIENCE });

/** The reason, after checking the result says nothing but ok and a reason: no token, no message. */
async function rejection(token: string, verify = verifier()): Promise<unknown> {
  const result = await verify(token);
  expect(result.ok).toBe(false);
  expect(Object.keys(result).sort()).toEqual(['ok', 'reason']);
  return result.ok ? undefined : result.reason;
}

describe('createMicrosoftVerifier', () => {
  it('accepts a valid access token: subject is oid, email is preferred_username lowercased', async () => {
    const token = await idp.signMicrosoftToken({
      preferred_username: 'Ada.Lovelace@Contoso.onmicrosoft.com',
    });
    expect(await verifier()(token)).toEqual({
      ok: true,
      identity: {
        provider: 'microsoft',
        subject: '00000000-0000-0000-66f3-3332eca7ea81',
        email: 'ada.lovelace@contoso.onmicrosoft.com',
      },
    });
  });

  it('falls back to sub, then to upn and email', async () => {
    const verify = verifier();
    const upn = await idp.signMicrosoftToken({
      oid: undefined,
      preferred_username: undefined,
      upn: 'Grace@Contoso.com',
      email: 'other@contoso.com',
    });
    expect(await verify(upn)).toEqual({
      ok: true,
      identity: {
        provider: 'microsoft',
        subject: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
        email: 'grace@contoso.com',
      },
    });
    const email = await idp.signMicrosoftToken({
      preferred_username: undefined,
      email: 'Linus@Example.org',
    });
    expect(await verify(email)).toMatchObject({
      ok: true,
      identity: { email: 'linus@example.org' },
    });
  });

  it('fetches keys only from the configured URL, and caches them', async () => {
    const verify = verifier();
    const before = idp.requestCount();
    const token = await idp.signMicrosoftToken();
    await Promise.all([verify(token), verify(token)]);
    expect((await verify(token)).ok).toBe(true);
    expect(idp.requestCount()).toBe(before + 1);
  });

  it('accepts any issuer and audience of a list (v1 and v2 issuers, client id and URI)', async () => {
    const v1Issuer = 'https://sts.windows.net/11111111-2222-4333-8444-555555555555/';
    const verify = createMicrosoftVerifier({
      jwksUrl: idp.jwksUrl,
      issuer: [TEST_MICROSOFT_ISSUER, v1Issuer],
      audience: ['api://crm.example', TEST_AUDIENCE],
    });
    expect((await verify(await idp.signMicrosoftToken({ iss: v1Issuer }))).ok).toBe(true);
    expect((await verify(await idp.signMicrosoftToken({ aud: 'api://crm.example' }))).ok).toBe(
      true,
    );
  });

  it('refuses an expired token as expired', async () => {
    const token = await idp.signMicrosoftToken({
      iat: now() - 4200,
      nbf: now() - 4200,
      exp: now() - 600,
    });
    expect(await rejection(token)).toBe('expired');
  });

  it('tolerates a minute of clock skew, no more', async () => {
    expect((await verifier()(await idp.signMicrosoftToken({ exp: now() - 30 }))).ok).toBe(true);
    expect(await rejection(await idp.signMicrosoftToken({ exp: now() - 90 }))).toBe('expired');
  });

  it('refuses a token for another API (e.g. Microsoft Graph) as wrong_audience', async () => {
    const token = await idp.signMicrosoftToken({ aud: '00000003-0000-0000-c000-000000000000' });
    expect(await rejection(token)).toBe('wrong_audience');
  });

  it('refuses a token from another tenant as wrong_issuer', async () => {
    const token = await idp.signMicrosoftToken({
      iss: 'https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/v2.0',
    });
    expect(await rejection(token)).toBe('wrong_issuer');
  });

  it('refuses a token signed by another key as bad_signature', async () => {
    const stranger = await startIdentityProvider();
    const impostor = await startIdentityProvider({ kid: idp.kid });
    try {
      expect(await rejection(await stranger.signMicrosoftToken())).toBe('bad_signature');
      expect(await rejection(await impostor.signMicrosoftToken())).toBe('bad_signature');
    } finally {
      await Promise.all([stranger.close(), impostor.close()]);
    }
  });

  it('refuses HS256 and unsigned tokens as bad_signature', async () => {
    const hs256 = await new SignJWT({ oid: 'x', preferred_username: 'admin@contoso.com' })
      .setProtectedHeader({ alg: 'HS256', kid: idp.kid })
      .setIssuer(TEST_MICROSOFT_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('secret'));
    expect(await rejection(hs256)).toBe('bad_signature');
    const unsigned = new UnsecuredJWT({ oid: 'x', preferred_username: 'admin@contoso.com' })
      .setIssuer(TEST_MICROSOFT_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime('1h')
      .encode();
    expect(await rejection(unsigned)).toBe('bad_signature');
  });

  it('refuses a token with no email claim as unverified_email', async () => {
    const token = await idp.signMicrosoftToken({ preferred_username: undefined });
    expect(await rejection(token)).toBe('unverified_email');
  });

  it.each([
    ['no expiry', { exp: undefined }],
    ['no subject at all', { oid: undefined, sub: undefined }],
    ['a not-before in the future', { nbf: now() + 3600 }],
  ])('refuses a signed token with %s as malformed', async (_name, claims) => {
    expect(await rejection(await idp.signMicrosoftToken(claims))).toBe('malformed');
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'not a token'],
    ['three dots', 'a.b.c'],
    [
      'a payload that is not an object',
      `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.MQ.c2ln`,
    ],
    ['a huge string', `eyJhbGciOiJSUzI1NiJ9.${'A'.repeat(100_000)}.c2ln`],
  ])('refuses %s as malformed without fetching keys', async (_name, token) => {
    const verify = verifier();
    const before = idp.requestCount();
    expect(await rejection(token, verify)).toBe('malformed');
    expect(idp.requestCount()).toBe(before);
  });

  it('refuses non-string input as malformed instead of throwing', async () => {
    const verify = verifier();
    for (const value of [undefined, null, 42, {}]) {
      expect(await verify(value as string)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('answers unavailable while the key endpoint is down, and recovers after', async () => {
    const flaky = await startIdentityProvider();
    try {
      const verify = verifier(flaky.jwksUrl);
      const token = await flaky.signMicrosoftToken();
      flaky.setDown(true);
      expect(await rejection(token, verify)).toBe('unavailable');
      flaky.setDown(false);
      expect((await verify(token)).ok).toBe(true);
    } finally {
      await flaky.close();
    }
  });

  it('answers unavailable when nothing listens at the key URL', async () => {
    const gone = await startIdentityProvider();
    const token = await gone.signMicrosoftToken();
    await gone.close();
    expect(await rejection(token, verifier(gone.jwksUrl))).toBe('unavailable');
  });
});
