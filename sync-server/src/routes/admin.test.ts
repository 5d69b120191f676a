import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesRole } from '../../../shared/core/roles/default-roles';
import type { Role } from '../../../shared/core/roles/role';
import type { AuditRow } from '../audit/audit-log';
import { hashApiToken } from '../auth/api-token';
import { loadConfig } from '../config/config';
import { startServer } from '../main';
import { permissionsChangedAt } from '../people/permission-epoch';

const adminToken = 'admin-test-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'crm-admin-'));
let server: Awaited<ReturnType<typeof startServer>>;
let base = '';
// Every response body, to prove at the end that no token hash ever left the server.
const seen: string[] = [];
let salesToken = '';
let salesTokenId = '';

interface Answer {
  status: number;
  body: Record<string, unknown> & {
    error?: { code: string; message: string; fields?: { field: string; message: string }[] };
  };
}

async function call(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  seen.push(text);
  return { status: response.status, body: JSON.parse(text) as Answer['body'] };
}

async function auditRows(where: string, params: string[]): Promise<AuditRow[]> {
  return server.deps.db.all<AuditRow>(
    `SELECT * FROM audit_log WHERE ${where} ORDER BY seq`,
    params,
  );
}

async function checkpoint(): Promise<number> {
  const row = await server.deps.db.get<{ value: number }>(
    "SELECT value FROM counters WHERE name = 'checkpoint'",
  );
  return Number(row?.value);
}

beforeAll(async () => {
  const loaded = loadConfig({
    PORT: '0',
    CRM_DATA_DIR: dir,
    CRM_BOOTSTRAP_ADMIN_TOKEN: adminToken,
  });
  if (!loaded.ok) throw new Error(loaded.errors.join());
  server = await startServer(loaded.config);
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('admin API', () => {
  it('creates a sales user and a token for them, and that token signs in', async () => {
    const put = await call('PUT', '/v1/admin/users/u-lilei', adminToken, {
      email: 'Li.Lei@Example.com',
      displayName: '李雷',
      roleId: 'sales',
      team: '华东一组',
    });
    expect(put.status).toBe(201);
    expect(put.body.user).toEqual({
      id: 'u-lilei',
      email: 'li.lei@example.com',
      displayName: '李雷',
      roleId: 'sales',
      team: '华东一组',
      locale: 'zh-CN',
      active: true,
    });
    const [saved] = await auditRows("action = 'admin.user.save' AND record_id = ?", ['u-lilei']);
    expect(saved?.actor_id).toBe('u-admin');
    expect(JSON.parse(saved?.fields ?? '[]')).toContainEqual({
      field: 'roleId',
      newValue: 'sales',
    });

    const created = await call('POST', '/v1/admin/users/u-lilei/tokens', adminToken, {
      label: 'Excel 插件',
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['id', 'token']);
    salesToken = String(created.body.token);
    salesTokenId = String(created.body.id);
    // Only the hash is stored.
    const stored = await server.deps.db.all<{ token_hash: string }>(
      'SELECT token_hash FROM api_tokens WHERE id = ?',
      [salesTokenId],
    );
    expect(stored).toEqual([{ token_hash: hashApiToken(salesToken) }]);

    const me = await call('GET', '/v1/me', salesToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: 'u-lilei' }, role: { id: 'sales' } });

    const list = await call('GET', '/v1/admin/users/u-lilei/tokens', adminToken);
    expect(list.body.tokens).toEqual([
      {
        id: salesTokenId,
        label: 'Excel 插件',
        createdAt: expect.any(String) as unknown,
        revokedAt: null,
      },
    ]);
    const users = await call('GET', '/v1/admin/users', adminToken);
    expect((users.body.users as { id: string }[]).map((u) => u.id).sort()).toEqual([
      'u-admin',
      'u-lilei',
    ]);
  });

  it('refuses a sales token on every admin route and audits each refusal as denied', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/admin/users'],
      [
        'PUT',
        '/v1/admin/users/u-lilei',
        { email: 'x@example.com', displayName: 'x', roleId: 'admin' },
      ],
      ['GET', '/v1/admin/roles'],
      [
        'PUT',
        '/v1/admin/roles/sales',
        { ...salesRole, actions: [...salesRole.actions, 'admin.roles'] },
      ],
      ['PATCH', '/v1/admin/roles/sales/fields', { field: 'mobile', access: 'view' }],
      ['GET', '/v1/admin/users/u-admin/tokens'],
      ['POST', '/v1/admin/users/u-lilei/tokens', { label: 'mine' }],
      ['DELETE', `/v1/admin/tokens/${salesTokenId}`],
    ];
    const epoch = await checkpoint();
    for (const [method, path, body] of routes) {
      const answer = await call(method, path, salesToken, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error?.code).toBe('forbidden');
      const denied = await auditRows("actor_id = 'u-lilei' AND outcome = 'denied' AND detail = ?", [
        `${method} ${path}`,
      ]);
      expect(denied, `${method} ${path}`).toHaveLength(1);
    }
    // Nothing was changed on the way.
    expect(await checkpoint()).toBe(epoch);
    expect((await call('GET', '/v1/me', salesToken)).body).toMatchObject({
      user: { roleId: 'sales' },
      role: { actions: salesRole.actions },
    });
  });

  it('audits a role change with old and new values and bumps permissionsChangedAt', async () => {
    const before = await permissionsChangedAt(server.deps.db);
    const patched = await call('PATCH', '/v1/admin/roles/sales/fields', adminToken, {
      field: 'mobile',
      access: 'masked',
    });
    expect(patched.status).toBe(200);
    expect((patched.body.role as Role).fieldAccess).toEqual({ mobile: 'masked' });
    const afterPatch = await permissionsChangedAt(server.deps.db);
    expect(afterPatch).toBeGreaterThan(before);
    expect(afterPatch).toBe(await checkpoint());
    expect(patched.body.permissionsChangedAt).toBe(afterPatch);

    const role: Role = {
      ...salesRole,
      actions: salesRole.actions.filter((a) => a !== 'report.read'),
      fieldAccess: { mobile: 'view', idNumber: 'hidden' },
    };
    const put = await call('PUT', '/v1/admin/roles/sales', adminToken, role);
    expect(put.status).toBe(200);
    const afterPut = await permissionsChangedAt(server.deps.db);
    expect(afterPut).toBeGreaterThan(afterPatch);

    const rows = await auditRows("action = 'admin.role.save' AND record_id = 'sales'", []);
    expect(rows).toHaveLength(2);
    expect(JSON.parse(rows[0]?.fields ?? '')).toEqual([
      { field: 'fieldAccess.mobile', newValue: 'masked' },
    ]);
    const fields = JSON.parse(rows[1]?.fields ?? '') as unknown[];
    expect(fields).toContainEqual({
      field: 'actions',
      oldValue: [...salesRole.actions].sort().join(','),
      newValue: [...role.actions].sort().join(','),
    });
    expect(fields).toContainEqual({
      field: 'fieldAccess.mobile',
      oldValue: 'masked',
      newValue: 'view',
    });
    expect(fields).toContainEqual({ field: 'fieldAccess.idNumber', newValue: 'hidden' });
    expect(rows[1]?.actor_role).toBe('admin');

    // The next request of a sales user already runs under the new rules.
    const me = await call('GET', '/v1/me', salesToken);
    expect((me.body.role as Role).actions).not.toContain('report.read');

    // Saving the same role again is no change: no audit entry, no reload for every client.
    await call('PUT', '/v1/admin/roles/sales', adminToken, role);
    expect(await permissionsChangedAt(server.deps.db)).toBe(afterPut);
    expect(await auditRows("action = 'admin.role.save' AND record_id = 'sales'", [])).toHaveLength(
      2,
    );
  });

  it('refuses a change that would leave nobody able to manage roles', async () => {
    const admin = (await call('GET', '/v1/admin/roles', adminToken)).body.roles as Role[];
    const adminRole = admin.find((r) => r.id === 'admin');
    if (adminRole === undefined) throw new Error('admin role missing');
    const stripped = {
      ...adminRole,
      actions: adminRole.actions.filter((a) => a !== 'admin.roles'),
    };
    const epoch = await checkpoint();

    const zh = await call('PUT', '/v1/admin/roles/admin', adminToken, stripped);
    expect(zh.status).toBe(400);
    expect(zh.body.error?.code).toBe('admin_lockout');
    expect(zh.body.error?.message).toContain('没有任何启用的用户能够管理角色');
    expect(zh.body.error?.fields?.[0]?.field).toBe('actions');
    const en = await call('PUT', '/v1/admin/roles/admin', adminToken, stripped, {
      'accept-language': 'en',
    });
    expect(en.body.error?.message).toContain('no active user could manage roles');

    const deactivate = await call('PUT', '/v1/admin/users/u-admin', adminToken, {
      email: 'admin@crm.local',
      displayName: '管理员',
      roleId: 'admin',
      active: false,
    });
    expect(deactivate.status).toBe(400);
    expect(deactivate.body.error?.fields?.[0]?.field).toBe('active');
    const demote = await call('PUT', '/v1/admin/users/u-admin', adminToken, {
      email: 'admin@crm.local',
      displayName: '管理员',
      roleId: 'sales',
    });
    expect(demote.body.error?.fields?.[0]?.field).toBe('roleId');

    // Nothing changed, and the admin still signs in with the admin role.
    expect(await checkpoint()).toBe(epoch);
    expect((await call('GET', '/v1/me', adminToken)).body).toMatchObject({
      user: { active: true },
      role: { actions: expect.arrayContaining(['admin.roles']) as unknown },
    });

    // With a second active admin, either one may step down.
    const second = { email: 'wang@example.com', displayName: '王芳', roleId: 'admin' };
    expect((await call('PUT', '/v1/admin/users/u-wang', adminToken, second)).status).toBe(201);
    const off = await call('PUT', '/v1/admin/users/u-wang', adminToken, {
      ...second,
      active: false,
    });
    expect(off.status).toBe(200);
    const [audited] = await auditRows("action = 'admin.user.save' AND detail = 'updated'", []);
    expect(JSON.parse(audited?.fields ?? '')).toEqual([
      { field: 'active', oldValue: 'true', newValue: 'false' },
    ]);
  });

  it('refuses revoking the last token of the only admin who can sign in', async () => {
    // A second admin without any way to sign in does not count.
    const tokenless = { email: 'zhao@example.com', displayName: '赵敏', roleId: 'admin' };
    expect((await call('PUT', '/v1/admin/users/u-zhao', adminToken, tokenless)).status).toBe(201);
    const mine = (await call('GET', '/v1/admin/users/u-admin/tokens', adminToken)).body.tokens as {
      id: string;
      revokedAt: string | null;
    }[];
    const live = mine.filter((t) => t.revokedAt === null);
    for (const token of live.slice(0, -1))
      expect((await call('DELETE', `/v1/admin/tokens/${token.id}`, adminToken)).status).toBe(200);
    const last = live.at(-1)?.id ?? '';
    const refused = await call('DELETE', `/v1/admin/tokens/${last}`, adminToken);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'admin_lockout',
      fields: [{ field: 'tokenId' }],
    });
    const demote = await call('PUT', '/v1/admin/users/u-admin', adminToken, {
      email: 'admin@crm.local',
      displayName: '管理员',
      roleId: 'sales',
    });
    expect(demote.status).toBe(400);
    expect((await call('GET', '/v1/me', adminToken)).status).toBe(200);
    // Once the second admin has a token, it counts: the first admin could now step down.
    const zhao = await call('POST', '/v1/admin/users/u-zhao/tokens', adminToken, { label: 'zhao' });
    const zhaoToken = String(zhao.body.token);
    expect((await call('GET', '/v1/admin/users', zhaoToken)).status).toBe(200);
    expect(
      (await call('DELETE', `/v1/admin/tokens/${String(zhao.body.id)}`, adminToken)).status,
    ).toBe(200);
  });

  it('lets a user manager give business roles, never an admin or auditor role', async () => {
    const hrRole = {
      id: 'hr',
      name: { 'zh-CN': '人事', en: 'HR' },
      actions: ['admin.users'],
      rowScope: 'none',
      defaultFieldAccess: 'hidden',
      fieldAccess: {},
    };
    expect((await call('PUT', '/v1/admin/roles/hr', adminToken, hrRole)).status).toBe(201);
    const hr = { email: 'hr@example.com', displayName: '人事', roleId: 'hr' };
    expect((await call('PUT', '/v1/admin/users/u-hr', adminToken, hr)).status).toBe(201);
    const hrToken = String(
      (await call('POST', '/v1/admin/users/u-hr/tokens', adminToken, { label: 'hr' })).body.token,
    );
    const hire = { email: 'new@example.com', displayName: '新同事', roleId: 'sales' };
    expect((await call('PUT', '/v1/admin/users/u-new', hrToken, hire)).status).toBe(201);
    for (const roleId of ['admin', 'auditor']) {
      const raised = await call('PUT', '/v1/admin/users/u-hr', hrToken, { ...hr, roleId });
      expect(raised.status).toBe(403);
      expect(raised.body.error?.fields?.[0]).toMatchObject({ field: 'roleId' });
      expect(raised.body.error?.message).toContain('管理或审计权限');
    }
    expect((await call('GET', '/v1/me', hrToken)).body).toMatchObject({ role: { id: 'hr' } });
  });

  it('revokes a token so it no longer signs in', async () => {
    const revoked = await call('DELETE', `/v1/admin/tokens/${salesTokenId}`, adminToken);
    expect(revoked.status).toBe(200);
    const token = revoked.body.token as { revokedAt: string | null };
    expect(token.revokedAt).toEqual(expect.any(String));

    const me = await call('GET', '/v1/me', salesToken);
    expect(me.status).toBe(401);
    expect(me.body.error?.code).toBe('unauthorized');

    const [entry] = await auditRows("action = 'admin.token.revoke' AND record_id <> 'u-zhao'", []);
    expect(entry?.record_id).toBe('u-lilei');
    expect(JSON.parse(entry?.fields ?? '')).toContainEqual({
      field: 'tokenId',
      newValue: salesTokenId,
    });

    // A second revocation is no second change.
    const again = await call('DELETE', `/v1/admin/tokens/${salesTokenId}`, adminToken);
    expect(again.body.token).toEqual(revoked.body.token);
    expect(
      await auditRows("action = 'admin.token.revoke' AND record_id <> 'u-zhao'", []),
    ).toHaveLength(1);

    const missing = await call('DELETE', '/v1/admin/tokens/nope', adminToken);
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toBe('找不到API 令牌“nope”');
  });

  it('answers bad input with 400 and field errors, in Chinese by default and English on request', async () => {
    const bad = { email: 'not-an-email', displayName: '', roleId: 'sales' };
    const zh = await call('PUT', '/v1/admin/users/u-bad', adminToken, bad);
    expect(zh.status).toBe(400);
    expect(zh.body.error?.fields).toEqual([
      expect.objectContaining({ field: 'email', message: '登录邮箱的格式不正确' }),
      expect.objectContaining({ field: 'displayName', message: '请填写姓名' }),
    ]);
    const en = await call('PUT', '/v1/admin/users/u-bad', adminToken, bad, {
      'accept-language': 'en',
    });
    expect(en.body.error?.fields?.map((f) => f.message)).toEqual([
      'Sign-in email has the wrong format',
      'Name is required',
    ]);

    const unknownRole = await call('PUT', '/v1/admin/users/u-bad', adminToken, {
      ...bad,
      email: 'bad@example.com',
      displayName: '张三',
      roleId: 'boss',
    });
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.error?.fields).toEqual([
      expect.objectContaining({ field: 'roleId', message: '角色“boss”不存在，请先创建该角色' }),
    ]);

    const taken = await call('PUT', '/v1/admin/users/u-bad', adminToken, {
      email: 'LI.LEI@example.com',
      displayName: '张三',
      roleId: 'sales',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error?.fields?.[0]?.field).toBe('email');

    const rule = await call(
      'PATCH',
      '/v1/admin/roles/sales/fields',
      adminToken,
      { field: 'shoeSize', access: 'sometimes' },
      { 'accept-language': 'en' },
    );
    expect(rule.status).toBe(400);
    expect(rule.body.error?.fields?.map((f) => f.field)).toEqual(['field', 'access']);
    expect(rule.body.error?.fields?.[1]?.message).toBe(
      'Field access: “sometimes” is not one of the options',
    );

    const { name: _name, ...nameless } = salesRole;
    const noName = await call('PUT', '/v1/admin/roles/sales', adminToken, nameless);
    expect(noName.body.error?.fields).toEqual([
      expect.objectContaining({ field: 'name', message: '请填写角色名称' }),
    ]);
    const mismatch = await call('PUT', '/v1/admin/roles/support', adminToken, salesRole);
    expect(mismatch.body.error?.fields).toEqual([
      expect.objectContaining({ field: 'id', message: '角色“sales”与请求地址中的“support”不一致' }),
    ]);
    const label = await call('POST', '/v1/admin/users/u-lilei/tokens', adminToken, { label: ' ' });
    expect(label.body.error?.fields?.[0]).toMatchObject({
      field: 'label',
      message: '请填写令牌名称',
    });
    const nobody = await call('GET', '/v1/admin/users/u-nobody/tokens', adminToken, undefined, {
      'accept-language': 'en',
    });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error?.message).toBe('User “u-nobody” not found');
  });

  it('never lets a token hash reach a response or the audit log', async () => {
    const hashes = await server.deps.db.all<{ token_hash: string }>(
      'SELECT token_hash FROM api_tokens',
    );
    expect(hashes.length).toBeGreaterThanOrEqual(2);
    const audit = await auditRows('1 = 1', []);
    const logged = audit.map((r) => `${r.fields} ${r.detail ?? ''}`).join('\n');
    for (const { token_hash: hash } of hashes) {
      for (const text of seen) expect(text).not.toContain(hash);
      expect(logged).not.toContain(hash);
    }
    for (const text of seen) expect(text).not.toMatch(/hash/i);
    expect(logged).not.toContain(salesToken);
    expect(logged).not.toContain(adminToken);
  });
});
