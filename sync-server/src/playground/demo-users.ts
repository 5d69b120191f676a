import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit-log';
import { generateApiToken } from '../auth/api-token';
import { listRoles } from '../people/role-store';
import { findUserById, saveApiToken, saveUser } from '../people/user-store';
import type { Database } from '../storage/database';

/** A demo user of the playground with a token that works until the next start. */
export interface DemoUser {
  userId: string;
  roleId: string;
  roleName: { 'zh-CN': string; en: string };
  token: string;
}

/** The label of demo tokens, so that the next start can revoke them. */
export const demoTokenLabel = 'playground';

// Made-up people, so the sidebar's "name (role)" line reads like a real one.
const demoNames: Readonly<Record<string, string>> = {
  entryClerk: '陈静',
  sales: '王磊',
  support: '刘洋',
  reviewer: '赵敏',
  supervisor: '孙强',
  admin: '周丽',
  auditor: '吴刚',
};

/** The team every demo user is in, so that a supervisor's team scope reaches the demo rows. */
export const demoTeam = 'demo';

/**
 * Playground mode only (CRM_PLAYGROUND): one demo user per role (`demo-<role>`) with a fresh API
 * token, shown on the playground page; the tokens of the previous start are revoked first, so a
 * token copied from the page stops working when the server restarts. Audited like an admin's
 * changes.
 */
export async function seedDemoUsers(db: Database, now: Date): Promise<DemoUser[]> {
  return db.write(async (tx) => {
    const revoked = await tx.run(
      'UPDATE api_tokens SET revoked_at = ? WHERE label = ? AND revoked_at IS NULL',
      [now.toISOString(), demoTokenLabel],
    );
    const users: DemoUser[] = [];
    for (const role of await listRoles(tx)) {
      const userId = `demo-${role.id}`;
      const known = await findUserById(tx, userId);
      // An admin may have changed a demo user (another role, deactivated): keep their choice.
      if (known === undefined) {
        await saveUser(
          tx,
          {
            id: userId,
            email: `${userId.toLowerCase()}@playground.example.com`,
            displayName: `${demoNames[role.id] ?? role.name['zh-CN']}（演示）`,
            roleId: role.id,
            team: demoTeam,
            locale: 'zh-CN',
            active: true,
          },
          now,
        );
      } else if (!known.active || known.roleId !== role.id) continue;
      const { token, hash } = generateApiToken();
      await saveApiToken(tx, { id: randomUUID(), userId, hash, label: demoTokenLabel }, now);
      users.push({ userId, roleId: role.id, roleName: role.name, token });
    }
    await appendAudit(
      tx,
      [
        {
          actorId: null,
          actorRole: null,
          ip: null,
          userAgent: null,
          client: 'api',
          action: 'playground.seed',
          recordId: null,
          fields: [{ field: 'users', newValue: users.map((u) => u.userId).join(',') }],
          outcome: 'success',
          detail: `revoked ${revoked.changes} earlier demo tokens`,
        },
      ],
      now,
    );
    return users;
  });
}
