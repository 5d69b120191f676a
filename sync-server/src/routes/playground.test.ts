import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestServer } from '../../../test/support/test-server';
import { loadConfig } from '../config/config';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { requestInfo } from '../http/request-info';
import { seedDemoUsers, type DemoUser } from '../playground/demo-users';
import { playgroundRoutes, type PlaygroundConfig } from './playground';

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;

beforeEach(async () => {
  server = await makeTestServer({ CRM_PLAYGROUND: 'true' });
});
afterEach(async () => {
  await server.close();
});

const page = '<!doctype html><body><div id="app"></div><!--crm-config--><script>run()</script>';

/** The playground route alone, with a page of our own instead of the built one. */
function playground(
  deps: ServerDeps,
  readPage: () => Promise<string> = () => Promise.resolve(page),
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestInfo(false));
  app.route('/', playgroundRoutes(deps, readPage));
  return app;
}

async function configOf(res: Response): Promise<PlaygroundConfig> {
  const html = await res.text();
  const json = /<script type="application\/json" id="crm-config">(.*?)<\/script>/s.exec(html)?.[1];
  return JSON.parse(json ?? 'null') as PlaygroundConfig;
}

describe('GET /playground', () => {
  it('in playground mode lists a demo user per role whose token signs in as that role', async () => {
    const demoUsers = await seedDemoUsers(server.db, new Date());
    const res = await playground({ ...server.deps, demoUsers }).request('/playground');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    const config = await configOf(res);
    expect(config.demo).toBe(true);
    expect(config.demoUsers.map((u) => u.roleId).sort()).toEqual(
      ['admin', 'auditor', 'entryClerk', 'reviewer', 'sales', 'supervisor', 'support'].sort(),
    );
    for (const user of config.demoUsers) {
      const me = await server.app.request('/v1/me', {
        headers: { authorization: `Bearer ${user.token}` },
      });
      expect(me.status, user.roleId).toBe(200);
      expect(((await me.json()) as { role: { id: string } }).role.id).toBe(user.roleId);
    }
  });

  it('shows no token to a request a proxy passed on, though the server listens on loopback', async () => {
    const demoUsers = await seedDemoUsers(server.db, new Date());
    const app = playground({ ...server.deps, demoUsers });
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const res = await app.request('/playground', { headers: { [header]: '203.0.113.9' } });
      const html = await res.clone().text();
      for (const user of demoUsers) expect(html).not.toContain(user.token);
      expect(await configOf(res)).toEqual({ demo: false, demoUsers: [] });
    }
    expect((await configOf(await app.request('/playground'))).demo).toBe(true);
  });

  it('outside playground mode shows no token, even if demo users exist', async () => {
    const quiet = await makeTestServer();
    try {
      const demoUsers = await seedDemoUsers(quiet.db, new Date());
      const res = await playground({ ...quiet.deps, demoUsers }).request('/playground');
      expect(res.status).toBe(200);
      const html = await res.clone().text();
      for (const user of demoUsers) expect(html).not.toContain(user.token);
      expect(await configOf(res)).toEqual({ demo: false, demoUsers: [] });
    } finally {
      await quiet.close();
    }
  });

  it('revokes the earlier demo tokens on every start, and keeps the users', async () => {
    const first = await seedDemoUsers(server.db, new Date());
    const second = await seedDemoUsers(server.db, new Date());
    const status = async (token: string) =>
      (await server.app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } }))
        .status;
    expect(await status(first[0]?.token ?? '')).toBe(401);
    expect(await status(second[0]?.token ?? '')).toBe(200);
    const users = await server.db.all<{ id: string }>(
      "SELECT id FROM users WHERE id LIKE 'demo-%'",
    );
    expect(users).toHaveLength(second.length);
  });

  it('keeps every value inside its script element', async () => {
    const hostile: DemoUser = {
      userId: 'demo-x',
      roleId: 'x',
      roleName: { 'zh-CN': '</script><script>alert(1)</script>', en: 'x' },
      token: 't',
    };
    const res = await playground({ ...server.deps, demoUsers: [hostile] }).request('/playground');
    const html = await res.clone().text();
    expect(html).not.toContain('<script>alert(1)');
    expect((await configOf(res)).demoUsers[0]?.roleName['zh-CN']).toBe(
      '</script><script>alert(1)</script>',
    );
  });

  it('says how to build the page when it is not built, in the caller’s language', async () => {
    const missing = () => Promise.reject(new Error('ENOENT'));
    const res = await playground(server.deps, missing).request('/playground', {
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build');
  });
});

describe('CRM_PLAYGROUND', () => {
  it('is off unless set, and refused on a server other machines can reach', () => {
    const off = loadConfig({});
    expect(off.ok && off.config.CRM_PLAYGROUND).toBe(false);
    const on = loadConfig({ CRM_PLAYGROUND: 'true' });
    expect(on.ok && on.config.CRM_PLAYGROUND).toBe(true);
    const exposed = loadConfig({ CRM_PLAYGROUND: 'true', HOST: '0.0.0.0' });
    expect(exposed.ok).toBe(false);
    if (exposed.ok) return;
    expect(exposed.errors[0]).toMatch(/^CRM_PLAYGROUND: .*HOST/);
  });
});
