import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../shared/core/schemas/audit-entry';
import {
  startIdentityProvider,
  TEST_AUDIENCE,
  TEST_MICROSOFT_ISSUER,
  type IdentityProvider,
} from './fakes/identity-provider';
import { startRealServer, type RealServer } from './support/real-server';

let idp: IdentityProvider;
let server: RealServer;
let auditor: string;

beforeAll(async () => {
  idp = await startIdentityProvider();
  server = await startRealServer({
    CRM_GOOGLE_AUDIENCE: TEST_AUDIENCE,
    CRM_GOOGLE_CERTS_URL: idp.certsUrl,
    CRM_MS_JWKS_URL: idp.jwksUrl,
    CRM_MS_ISSUER: TEST_MICROSOFT_ISSUER,
    CRM_MS_AUDIENCE: TEST_AUDIENCE,
  });
  // Sign-in by token only: no API token for them, the identity provider vouches for the email.
  await server.addUser('u-ada', 'sales', { email: 'Ada.Lovelace@Example.com', token: false });
  await server.addUser('u-grace', 'support', { email: 'grace@contoso.example', token: false });
  auditor = await server.addUser('u-auditor', 'auditor');
});
afterAll(async () => {
  await server.close();
  await idp.close();
});

const me = (token: string) =>
  server.request(token, 'GET', '/v1/me', undefined, { 'accept-language': 'en' });

/** The failed sign-ins the auditor sees, newest last, as their reasons. */
async function failedSignIns(): Promise<(string | null)[]> {
  const answer = await server.request(auditor, 'GET', '/v1/audit?action=signin.failed');
  expect(answer.status).toBe(200);
  return (answer.body['entries'] as AuditEntry[]).map((e) => e.detail);
}

describe('Google sign-in through the middleware on a real port', () => {
  it('signs in a user the admin created, matching the email without regard to case', async () => {
    const token = await idp.signGoogleIdToken({ email: 'ada.lovelace@example.com' });
    const answer = await me(token);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ user: { id: 'u-ada', roleId: 'sales' } });
  });

  it('refuses a verified email the admin never created, and a token for another audience', async () => {
    const before = (await failedSignIns()).length;
    const stranger = await me(await idp.signGoogleIdToken({ email: 'mallory@example.com' }));
    expect(stranger.status).toBe(401);
    expect(stranger.body).toMatchObject({ error: { code: 'unauthorized' } });
    expect(stranger.headers.get('www-authenticate')).toBe('Bearer');

    const elsewhere = await idp.signGoogleIdToken({
      email: 'ada.lovelace@example.com',
      aud: 'another-app',
      azp: 'another-app',
    });
    expect((await me(elsewhere)).status).toBe(401);
    expect((await failedSignIns()).slice(before)).toEqual(['unknown_user', 'wrong_audience']);
  });
});

describe('Microsoft Entra sign-in through the middleware on a real port', () => {
  it('signs in a user the admin created by the preferred_username of an Entra token', async () => {
    const token = await idp.signMicrosoftToken({ preferred_username: 'Grace@Contoso.example' });
    const answer = await me(token);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ user: { id: 'u-grace', roleId: 'support' } });
  });

  it('refuses an unknown account and a token issued to another API', async () => {
    const before = (await failedSignIns()).length;
    const stranger = await idp.signMicrosoftToken({ preferred_username: 'eve@contoso.example' });
    expect((await me(stranger)).status).toBe(401);
    const elsewhere = await idp.signMicrosoftToken({
      preferred_username: 'grace@contoso.example',
      aud: 'api://someone-else',
    });
    expect((await me(elsewhere)).status).toBe(401);
    expect((await failedSignIns()).slice(before)).toEqual(['unknown_user', 'wrong_audience']);
  });
});

describe('sign-in while the identity provider cannot be reached', () => {
  it('answers 503 with Retry-After, neither counted towards the limit nor audited as failed', async () => {
    const outage = await startIdentityProvider();
    outage.setDown(true);
    // One counted failure would lock the address.
    const alone = await startRealServer({
      CRM_SIGNIN_MAX_FAILURES: '1',
      CRM_MS_JWKS_URL: outage.jwksUrl,
      CRM_MS_ISSUER: TEST_MICROSOFT_ISSUER,
      CRM_MS_AUDIENCE: TEST_AUDIENCE,
    });
    try {
      const ownAuditor = await alone.addUser('u-auditor', 'auditor');
      const token = await outage.signMicrosoftToken({
        preferred_username: 'grace@contoso.example',
      });
      for (let i = 0; i < 3; i += 1) {
        const answer = await alone.request(token, 'GET', '/v1/me', undefined, {
          'accept-language': 'en',
        });
        expect(answer.status).toBe(503);
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(answer.body).toEqual({
          error: {
            code: 'signin_unavailable',
            message: expect.stringContaining('identity provider cannot be reached') as string,
          },
        });
      }
      const audit = await alone.request(ownAuditor, 'GET', '/v1/audit?action=signin.failed');
      expect(audit.status).toBe(200);
      expect(audit.body['entries']).toEqual([]);
    } finally {
      await alone.close();
      await outage.close();
    }
  });
});
