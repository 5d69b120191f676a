import { randomUUID } from 'node:crypto';
import { defaultTemplates } from '../../../shared/core/forms/default-templates';
import { defaultRoles } from '../../../shared/core/roles/default-roles';
import { appendAudit } from '../audit/audit-log';
import { generateApiToken, hashApiToken } from '../auth/api-token';
import type { Database } from '../storage/database';
import { saveRole } from './role-store';
import { saveApiToken, saveUser } from './user-store';

/** A starting tag vocabulary in the governed `维度-值` form; admins extend it. */
export const starterTags = [
  '区域-华东',
  '区域-华南',
  '区域-华北',
  '区域-华中',
  '区域-西南',
  '区域-西北',
  '区域-东北',
  '来源-展会',
  '来源-官网',
  '来源-转介绍',
  '状态-意向强烈',
  '状态-观望',
  '状态-投诉客户',
  '偏好-价格敏感',
  '偏好-重视服务',
];

/**
 * First start: seeds the roles of SPEC 1, the default form templates and the starter tags, and
 * creates the first admin. Returns the admin's token once (it is stored only as a hash), or
 * undefined when the library already had users.
 * Note: several instances may start at once on a fresh PostgreSQL database. All of it is one
 * transaction that first claims the `bootstrapped` setting: a second instance's claim waits on
 * the first's row and, once that commits, finds it taken and does nothing, so there is one admin,
 * one token and one bootstrap entry in the audit chain, even apart from the write lock.
 */
export async function bootstrap(
  db: Database,
  options: { adminEmail: string; adminToken?: string | undefined; now: Date },
): Promise<{ adminToken: string } | undefined> {
  return db.write(async (tx) => {
    const users = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM users');
    if (Number(users?.n ?? 0) > 0) return undefined;
    const { now } = options;
    const claim = await tx.run(
      "INSERT INTO settings (key, value) VALUES ('bootstrapped', ?) ON CONFLICT (key) DO NOTHING",
      [now.toISOString()],
    );
    if (claim.changes === 0) return undefined;
    for (const role of defaultRoles) await saveRole(tx, role, now);
    for (const template of defaultTemplates) {
      await tx.run(
        'INSERT INTO templates (id, version, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
        [template.id, template.version, JSON.stringify(template), now.toISOString()],
      );
    }
    for (const tag of starterTags) {
      await tx.run(
        "INSERT INTO tags (tag, status, updated_at) VALUES (?, 'active', ?) ON CONFLICT (tag) DO NOTHING",
        [tag, now.toISOString()],
      );
    }
    const admin = {
      id: 'u-admin',
      email: options.adminEmail,
      displayName: '管理员',
      roleId: 'admin',
      locale: 'zh-CN' as const,
      active: true,
    };
    await saveUser(tx, admin, now);
    const token = options.adminToken ?? generateApiToken().token;
    await saveApiToken(
      tx,
      { id: randomUUID(), userId: admin.id, hash: hashApiToken(token), label: 'bootstrap' },
      now,
    );
    await appendAudit(
      tx,
      [
        {
          actorId: null,
          actorRole: null,
          ip: null,
          userAgent: null,
          client: 'api',
          action: 'bootstrap',
          recordId: admin.id,
          fields: [
            { field: 'roles', newValue: defaultRoles.map((r) => r.id).join(',') },
            { field: 'admin', newValue: admin.email },
          ],
          outcome: 'success',
          detail: null,
        },
      ],
      now,
    );
    return { adminToken: token };
  });
}
