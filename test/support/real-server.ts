import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../sync-server/src/config/config';
import { startServer } from '../../sync-server/src/main';
import type { RoleId } from './test-server';

/** A JSON answer from the real server. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * The sync server as it runs in production (`startServer`: data key file, SQLite file, real
 * clock, sign-in verifiers from settings) on a free port of 127.0.0.1, with a bootstrap admin
 * who creates every other user through the admin API.
 */
export async function startRealServer(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'crm-e2e-'));
  const adminToken = `e2e-admin-${randomBytes(16).toString('hex')}`;
  const loaded = loadConfig({
    PORT: '0',
    CRM_DATA_DIR: dir,
    CRM_BOOTSTRAP_ADMIN_TOKEN: adminToken,
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const server = await startServer(loaded.config);
  const base = `http://127.0.0.1:${server.port}`;

  const request = async (
    token: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      headers: res.headers,
      body: (await res.json()) as Record<string, unknown>,
    };
  };

  const asAdmin = async (method: string, path: string, body?: unknown) => {
    const answer = await request(adminToken, method, path, body);
    if (answer.status >= 300) {
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer;
  };

  return {
    base,
    port: server.port,
    deps: server.deps,
    adminToken,
    request,
    /** The admin creates a user (signing in by `email`) and, unless told not to, an API token. */
    async addUser(
      id: string,
      roleId: RoleId,
      options: { email?: string; team?: string; token?: boolean } = {},
    ): Promise<string> {
      await asAdmin('PUT', `/v1/admin/users/${id}`, {
        email: options.email ?? `${id}@example.com`,
        displayName: id,
        roleId,
        team: options.team ?? 'east',
      });
      if (options.token === false) return '';
      const created = await asAdmin('POST', `/v1/admin/users/${id}/tokens`, { label: 'e2e' });
      return String(created.body['token']);
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type RealServer = Awaited<ReturnType<typeof startRealServer>>;
