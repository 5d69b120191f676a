import { roleSchema, type Role } from '../../../shared/core/roles/role';
import type { SqlExecutor } from '../storage/database';

/** The role with this ID, as the admin last saved it. */
export async function findRole(db: SqlExecutor, id: string): Promise<Role | undefined> {
  const row = await db.get<{ data: string }>('SELECT data FROM roles WHERE id = ?', [id]);
  return row === undefined ? undefined : roleSchema.parse(JSON.parse(row.data));
}

/** Every role, by ID. */
export async function listRoles(db: SqlExecutor): Promise<Role[]> {
  const rows = await db.all<{ data: string }>('SELECT data FROM roles ORDER BY id');
  return rows.map((r) => roleSchema.parse(JSON.parse(r.data)));
}

/** Creates or replaces a role. */
export async function saveRole(tx: SqlExecutor, role: Role, now: Date): Promise<void> {
  await tx.run(
    'INSERT INTO roles (id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
    [role.id, JSON.stringify(role), now.toISOString()],
  );
}
