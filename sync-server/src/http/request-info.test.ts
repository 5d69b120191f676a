import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './context';
import { requestInfo } from './request-info';

async function addressSeen(trustProxy: boolean, forwardedFor: string): Promise<unknown> {
  const app = new Hono<AppEnv>();
  app.use(requestInfo(trustProxy));
  app.get('/', (c) => c.json({ ip: c.get('info').ip }));
  const res = await app.request('/', { headers: { 'x-forwarded-for': forwardedFor } });
  return ((await res.json()) as { ip: unknown }).ip;
}

describe('the caller address behind a trusted proxy', () => {
  it('is the rightmost X-Forwarded-For entry, the one the proxy appended, not one the client sent', async () => {
    expect(await addressSeen(true, '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(await addressSeen(true, ' 10.0.0.1 ,198.51.100.1,  203.0.113.9 ')).toBe('203.0.113.9');
    expect(await addressSeen(true, '203.0.113.9')).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    expect(await addressSeen(false, '203.0.113.9')).toBeNull();
  });
});

describe('the caller language', () => {
  it('is the supported one the caller prefers most, not only the first listed', async () => {
    const app = new Hono<AppEnv>();
    app.use(requestInfo(false));
    app.get('/', (c) => c.text(c.get('info').locale));
    const localeFor = async (accept: string) =>
      (await app.request('/', { headers: { 'accept-language': accept } })).text();
    expect(await localeFor('de-DE,de;q=0.9,en;q=0.7')).toBe('en');
    expect(await localeFor('fr, en;q=0.5')).toBe('en');
    expect(await localeFor('fr')).toBe('zh-CN');
  });
});
