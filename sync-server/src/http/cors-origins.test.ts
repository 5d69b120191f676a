import { describe, expect, it } from 'vitest';
import { allowedOrigin } from './cors-origins';

describe('allowedOrigin', () => {
  const allow = allowedOrigin(['https://crm.example.com', 'https://*.googleusercontent.com']);

  it('allows exact origins and any subdomain of a wildcard entry', () => {
    expect(allow('https://crm.example.com')).toBe('https://crm.example.com');
    const sidebar = 'https://n-4kbwdh5x4cwnnsnjl5-0lu-script.googleusercontent.com';
    expect(allow(sidebar)).toBe(sidebar);
  });

  it('refuses look-alikes, other schemes, the bare suffix and other origins', () => {
    for (const origin of [
      'https://evilgoogleusercontent.com',
      'https://googleusercontent.com',
      'http://x.googleusercontent.com',
      'https://x.googleusercontent.com.evil.com',
      'https://crm.example.com.evil.com',
      'https://other.example.com',
      'null',
      'not a url',
    ]) {
      expect(allow(origin), origin).toBeNull();
    }
  });

  it('never allows the origin "null" for an entry that is not an origin', () => {
    expect(allowedOrigin(['localhost:3000', 'javascript:x'])('null')).toBeNull();
  });
});

describe('CORS on the API', () => {
  it('answers a preflight from an Apps Script sidebar when the admin allows its domain', async () => {
    const { makeTestServer } = await import('../../../test/support/test-server');
    const server = await makeTestServer({ CRM_CORS_ORIGINS: 'https://*.googleusercontent.com' });
    try {
      const preflight = (origin: string) =>
        server.app.request('/v1/sync/pull', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
      const sidebar = 'https://n-abc123-0lu-script.googleusercontent.com';
      expect((await preflight(sidebar)).headers.get('access-control-allow-origin')).toBe(sidebar);
      const other = await preflight('https://evil.example.com');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      // An answer lets the sidebar read how long to wait after a 429 or a 503.
      const answer = await server.app.request('/v1/sync/pull', { headers: { origin: sidebar } });
      expect(answer.headers.get('access-control-expose-headers')).toBe('Retry-After');
    } finally {
      await server.close();
    }
  });
});
