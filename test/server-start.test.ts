import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../sync-server/src/config/config';
import { startServer } from '../sync-server/src/main';

const dir = mkdtempSync(join(tmpdir(), 'crm-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(extra: Record<string, string> = {}) {
  const loaded = loadConfig({ PORT: '0', CRM_DATA_DIR: dir, ...extra });
  if (!loaded.ok) throw new Error(loaded.errors.join());
  return loaded.config;
}

describe('starting the server on a fresh data directory', () => {
  const token = 'test-bootstrap-token-0123456789abcdef';

  it('creates the data key (owner-only), the database and the first admin, and serves over HTTP', async () => {
    const server = await startServer(config({ CRM_BOOTSTRAP_ADMIN_TOKEN: token }));
    try {
      expect(server.adminToken).toBe(token);
      expect(statSync(join(dir, 'data.key')).mode & 0o077).toBe(0);
      const base = `http://127.0.0.1:${server.port}`;
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });

      const me = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({
        user: { id: 'u-admin', roleId: 'admin' },
        role: { id: 'admin' },
      });
      expect(me.headers.get('x-content-type-options')).toBe('nosniff');

      const anonymous = await fetch(`${base}/v1/me`, { headers: { 'accept-language': 'en' } });
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({
        error: {
          code: 'unauthorized',
          message: 'Not signed in, or the sign-in has expired; please sign in again',
        },
      });
    } finally {
      await server.close();
    }
  });

  it('on the next start keeps the key, the admin and the token, and creates no second admin', async () => {
    const keyBefore = statSync(join(dir, 'data.key')).mtimeMs;
    const server = await startServer(config());
    try {
      expect(server.adminToken).toBeUndefined();
      expect(statSync(join(dir, 'data.key')).mtimeMs).toBe(keyBefore);
      const me = await fetch(`http://127.0.0.1:${server.port}/v1/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.status).toBe(200);
      const users = await server.deps.db.all('SELECT id FROM users');
      expect(users).toEqual([{ id: 'u-admin' }]);
    } finally {
      await server.close();
    }
  });

  it('refuses to start, naming the key file, when the key file of a set-up database is missing', async () => {
    const keyFile = join(dir, 'data.key');
    renameSync(keyFile, `${keyFile}.moved`);
    try {
      await expect(startServer(config())).rejects.toThrow(
        `the data key file ${keyFile} is missing`,
      );
      // No new key replaced the lost one.
      expect(existsSync(keyFile)).toBe(false);
    } finally {
      renameSync(`${keyFile}.moved`, keyFile);
    }
    const server = await startServer(config());
    await server.close();
  });
});

describe('a start whose storage cannot be reached', () => {
  const key = () => randomBytes(32).toString('base64');

  it('names CRM_DATA_DIR when the data directory is a file', async () => {
    const file = join(dir, 'not-a-directory');
    writeFileSync(file, '');
    const attempt = startServer(config({ CRM_DATA_DIR: file }));
    await expect(attempt).rejects.toThrow(
      /^CRM_DATA_DIR: .*\(EEXIST|ENOTDIR\).*check CRM_DATA_DIR$/,
    );
  });

  it('names DATABASE_URL when nothing answers there, without repeating the URL', async () => {
    const attempt = startServer(
      config({
        DATABASE_URL: 'postgres://crm:s3cret-pw@127.0.0.1:1/crm',
        CRM_DATA_KEY: `active=k1;index=${key()};key.k1=${key()}`,
        CRM_AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      }),
    );
    await expect(attempt).rejects.toThrow(/^DATABASE_URL: .*\(ECONNREFUSED\).*check DATABASE_URL$/);
    await expect(attempt).rejects.not.toThrow(/s3cret-pw/);
  });
});
