import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';

/** The audience every token gets unless a test overrides `aud`. */
export const TEST_AUDIENCE = 'test-audience';
/** The issuer of the fake's Google ID tokens (one of the two Google uses). */
export const TEST_GOOGLE_ISSUER = 'https://accounts.google.com';
/** The Entra tenant of the fake's Microsoft tokens. */
export const TEST_TENANT_ID = '11111111-2222-4333-8444-555555555555';
/** The issuer of the fake's Microsoft tokens (Entra v2.0 format). */
export const TEST_MICROSOFT_ISSUER = `https://login.microsoftonline.com/${TEST_TENANT_ID}/v2.0`;

/**
 * Claims to put in a token, over the defaults. A claim set to `undefined` is left out, so a test
 * can sign a token without, say, `email`.
 */
export type TokenClaims = Record<string, unknown>;

/** Options for {@link startIdentityProvider}. */
export interface IdentityProviderOptions {
  /** Key id in token headers and key sets; random by default. Reuse one to fake a key swap. */
  readonly kid?: string;
  /** `Cache-Control: max-age` on key responses; 300 by default. */
  readonly maxAgeSeconds?: number;
}

/** A running fake identity provider on 127.0.0.1. */
export interface IdentityProvider {
  /** JWKS (`{ keys: [...] }`), as Entra and Google's v3 endpoint serve it. */
  readonly jwksUrl: string;
  /** PEM map (`{ [kid]: pem }`), as Google's v1 endpoint serves it; google-auth-library reads this on Node. */
  readonly certsUrl: string;
  readonly kid: string;
  /** A Google ID token like `ScriptApp.getIdentityToken()` returns, signed with this provider's key. */
  signGoogleIdToken(claims?: TokenClaims): Promise<string>;
  /** An Entra ID v2.0 access token for our API, signed with this provider's key. */
  signMicrosoftToken(claims?: TokenClaims): Promise<string>;
  /** While down, both endpoints answer 503, as an outage would. */
  setDown(down: boolean): void;
  /** How many key requests (either endpoint) were served, to prove caching and locality. */
  requestCount(): number;
  close(): Promise<void>;
}

/**
 * Starts a fake identity provider: a fresh RS256 key pair, its public key served as JWKS and as
 * PEM on a loopback port, and signers for Google- and Microsoft-shaped tokens with valid defaults
 * (aud `test-audience`, expiring in an hour).
 * @example const idp = await startIdentityProvider(); const token = await idp.signGoogleIdToken({ email: 'x@example.com' });
 */
export async function startIdentityProvider(
  options: IdentityProviderOptions = {},
): Promise<IdentityProvider> {
  const kid = options.kid ?? randomUUID();
  const maxAge = options.maxAgeSeconds ?? 300;
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }],
  });
  // Google's v1 endpoint serves X.509 certificates; Node's verifier accepts a bare SPKI key in the
  // same slot, and making a certificate would need more than node:crypto offers.
  const certs = JSON.stringify({ [kid]: await exportSPKI(publicKey) });

  let down = false;
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const body = req.url === '/jwks' ? jwks : req.url === '/certs' ? certs : undefined;
    if (down || body === undefined) {
      res.writeHead(down ? 503 : 404, { 'content-type': 'text/plain' }).end('unavailable');
      return;
    }
    res
      .writeHead(200, {
        'content-type': 'application/json',
        'cache-control': `public, max-age=${maxAge}, must-revalidate, no-transform`,
      })
      .end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const sign = async (defaults: TokenClaims, claims: TokenClaims): Promise<string> => {
    const payload: TokenClaims = { ...defaults, ...claims };
    for (const [name, value] of Object.entries(payload)) {
      if (value === undefined) delete payload[name];
    }
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .sign(privateKey);
  };

  return {
    jwksUrl: `${base}/jwks`,
    certsUrl: `${base}/certs`,
    kid,
    signGoogleIdToken: (claims = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return sign(
        {
          iss: TEST_GOOGLE_ISSUER,
          azp: TEST_AUDIENCE,
          aud: TEST_AUDIENCE,
          sub: '110169484474386276334',
          email: 'ada@example.com',
          email_verified: true,
          iat: now,
          exp: now + 3600,
        },
        claims,
      );
    },
    signMicrosoftToken: (claims = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return sign(
        {
          iss: TEST_MICROSOFT_ISSUER,
          aud: TEST_AUDIENCE,
          tid: TEST_TENANT_ID,
          oid: '00000000-0000-0000-66f3-3332eca7ea81',
          sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
          preferred_username: 'ada@example.com',
          name: 'Ada Lovelace',
          scp: 'access_as_user',
          ver: '2.0',
          iat: now,
          nbf: now,
          exp: now + 3600,
        },
        claims,
      );
    },
    setDown: (value) => {
      down = value;
    },
    requestCount: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from fetch would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
