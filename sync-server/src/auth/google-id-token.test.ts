import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityProvider, TEST_AUDIENCE } from '../../../test/fakes/identity-provider';
import type { IdentityProvider } from '../../../test/fakes/identity-provider';
import { createGoogleVerifier } from './google-id-token';
import type { VerifyResult } from './verify-result';

const now = (): number => Math.floor(Date.now() / 1000);

let idp: IdentityProvider;
beforeAll(async () => {
  idp = await startIdentityProvider();
});
afterAll(() => idp.close());

const verifier = (certsUrl = idp.certsUrl): ((token: string) => Promise<VerifyResult>) =>
  createGoogleVerifier({ audience: TEST_AUDIENCE, certsUrl });

/** The result, after checking it says nothing but ok and a reason: no token, no message. */
async function rejection(token: string, verify = verifier()): Promise<unknown> {
  const result = await verify(token);
  expect(result.ok).toBe(false);
  expect(Object.keys(result).sort()).toEqual(['ok', 'reason']);
  return result.ok ? undefined : result.reason;
}

describe('createGoogleVerifier', () => {
  it('accepts a valid ID token and yields the subject and lowercased email', async () => {
    const token = await idp.signGoogleIdToken({ email: 'Ada.Lovelace@Example.COM' });
    expect(await verifier()(token)).toEqual({
      ok: true,
      identity: {
        provider: 'google',
        subject: '110169484474386276334',
        email: 'ada.lovelace@example.com',
      },
    });
  });

  it('fetches keys only from the configured URL, once while the max-age lasts', async () => {
    const verify = verifier();
    const before = idp.requestCount();
    const token = await idp.signGoogleIdToken();
    expect((await verify(token)).ok).toBe(true);
    expect((await verify(token)).ok).toBe(true);
    expect(idp.requestCount()).toBe(before + 1);
  });

  it('shares one key fetch among sign-ins arriving together', async () => {
    const verify = verifier();
    const before = idp.requestCount();
    const token = await idp.signGoogleIdToken();
    const results = await Promise.all(Array.from({ length: 10 }, () => verify(token)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(idp.requestCount()).toBe(before + 1);
  });

  it('fetches the keys again when the max-age is zero', async () => {
    const uncached = await startIdentityProvider({ maxAgeSeconds: 0 });
    try {
      const verify = verifier(uncached.certsUrl);
      const token = await uncached.signGoogleIdToken();
      await verify(token);
      await verify(token);
      expect(uncached.requestCount()).toBe(2);
    } finally {
      await uncached.close();
    }
  });

  it('accepts any audience of a list, and both spellings of the Google issuer', async () => {
    const verify = createGoogleVerifier({
      audience: ['other-client', TEST_AUDIENCE],
      certsUrl: idp.certsUrl,
    });
    for (const iss of ['accounts.google.com', 'https://accounts.google.com']) {
      expect((await verify(await idp.signGoogleIdToken({ iss }))).ok).toBe(true);
    }
  });

  it('refuses an expired token as expired', async () => {
    const token = await idp.signGoogleIdToken({ iat: now() - 4200, exp: now() - 600 });
    expect(await rejection(token)).toBe('expired');
  });

  it('tolerates the library’s five minutes of clock skew', async () => {
    const token = await idp.signGoogleIdToken({ iat: now() - 3660, exp: now() - 60 });
    expect((await verifier()(token)).ok).toBe(true);
  });

  it('refuses a token for another client as wrong_audience', async () => {
    const token = await idp.signGoogleIdToken({
      aud: 'someone-elses-client.apps.googleusercontent.com',
    });
    expect(await rejection(token)).toBe('wrong_audience');
  });

  it('refuses a token from another issuer as wrong_issuer', async () => {
    const token = await idp.signGoogleIdToken({ iss: 'https://accounts.google.com.evil.example' });
    expect(await rejection(token)).toBe('wrong_issuer');
  });

  it('honours custom issuers', async () => {
    const verify = createGoogleVerifier({
      audience: TEST_AUDIENCE,
      certsUrl: idp.certsUrl,
      issuers: ['https://idp.example'],
    });
    expect((await verify(await idp.signGoogleIdToken({ iss: 'https://idp.example' }))).ok).toBe(
      true,
    );
    expect(await rejection(await idp.signGoogleIdToken(), verify)).toBe('wrong_issuer');
  });

  it('refuses a token signed by another key as bad_signature', async () => {
    const stranger = await startIdentityProvider();
    // Same kid, different key: the signature check itself must fail.
    const impostor = await startIdentityProvider({ kid: idp.kid });
    try {
      expect(await rejection(await stranger.signGoogleIdToken())).toBe('bad_signature');
      expect(await rejection(await impostor.signGoogleIdToken())).toBe('bad_signature');
    } finally {
      await Promise.all([stranger.close(), impostor.close()]);
    }
  });

  it('refuses a token whose payload was altered after signing as bad_signature', async () => {
    const [header, , signature] = (await idp.signGoogleIdToken()).split('.');
    const payload = Buffer.from(
      JSON.stringify({
        iss: 'https://accounts.google.com',
        aud: TEST_AUDIENCE,
        sub: '1',
        email: 'admin@example.com',
        email_verified: true,
        iat: now(),
        exp: now() + 3600,
      }),
    ).toString('base64url');
    expect(await rejection(`${header}.${payload}.${signature}`)).toBe('bad_signature');
  });

  it('refuses a token that is not RS256 (e.g. HS256 with a guessed secret) as bad_signature', async () => {
    const token = await new SignJWT({ aud: TEST_AUDIENCE, sub: '1', email_verified: true })
      .setProtectedHeader({ alg: 'HS256', kid: idp.kid })
      .setIssuer('https://accounts.google.com')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('secret'));
    expect(await rejection(token)).toBe('bad_signature');
    const { privateKey } = await generateKeyPair('ES256');
    const es256 = await new SignJWT({ sub: '1' })
      .setProtectedHeader({ alg: 'ES256', kid: idp.kid })
      .sign(privateKey);
    expect(await rejection(es256)).toBe('bad_signature');
  });

  it.each([
    ['email_verified false', { email_verified: false }],
    ['email_verified as the string "true"', { email_verified: 'true' }],
    ['no email_verified', { email_verified: undefined }],
    ['no email (script lacks the userinfo.email scope)', { email: undefined }],
  ])('refuses %s as unverified_email', async (_name, claims) => {
    expect(await rejection(await idp.signGoogleIdToken(claims))).toBe('unverified_email');
  });

  it.each([
    ['no subject', { sub: undefined }],
    ['no issue time', { iat: undefined }],
    ['no expiry', { exp: undefined }],
    ['a non-numeric issue time', { iat: 'yesterday' }],
    ['a non-numeric expiry', { exp: 'tomorrow' }],
    ['an expiry more than a day ahead', { exp: now() + 2 * 86_400 }],
    ['an issue time in the future', { iat: now() + 3600, exp: now() + 7200 }],
  ])('refuses a signed token with %s as malformed', async (_name, claims) => {
    expect(await rejection(await idp.signGoogleIdToken(claims))).toBe('malformed');
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'not a token'],
    ['three dots', 'a.b.c'],
    ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.e30.c2ln`],
    [
      'a payload that is not an object',
      `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.MQ.c2ln`,
    ],
    ['two segments', 'eyJhbGciOiJSUzI1NiJ9.e30'],
    ['a huge string', `eyJhbGciOiJSUzI1NiJ9.${'A'.repeat(100_000)}.c2ln`],
  ])('refuses %s as malformed without fetching keys', async (_name, token) => {
    const before = idp.requestCount();
    expect(await rejection(token)).toBe('malformed');
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
      const verify = verifier(flaky.certsUrl);
      const token = await flaky.signGoogleIdToken();
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
    const token = await gone.signGoogleIdToken();
    await gone.close();
    expect(await rejection(token, verifier(gone.certsUrl))).toBe('unavailable');
  });
});
