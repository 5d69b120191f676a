import { roleAllows, type Role } from '../../../shared/core/roles/role';
import type { User } from '../../../shared/core/schemas/user';
import type { SqlExecutor } from '../storage/database';
import { listRoles } from './role-store';
import { listUsers } from './user-store';

/** A change to users, roles or tokens, as the lock-out check weighs it. */
export interface LockOutChange {
  user?: User;
  role?: Role;
  revokedTokenId?: string;
}

/**
 * Whether after this change no active user who can sign in could manage roles, when one could
 * before: nobody could then repair permissions from the sidebar again. Who can sign in: anyone,
 * when Google or Microsoft sign-in is set up (a user is found by email); otherwise only the
 * holders of a live API token.
 */
export async function locksOut(
  tx: SqlExecutor,
  change: LockOutChange,
  identitySignIn: boolean,
): Promise<boolean> {
  const users = await listUsers(tx);
  const roles = await listRoles(tx);
  const replace = <T extends { id: string }>(all: T[], next: T | undefined) =>
    next === undefined ? all : [...all.filter((x) => x.id !== next.id), next];
  const holders = identitySignIn ? undefined : await tokenHolders(tx);
  const holdersAfter =
    identitySignIn || change.revokedTokenId === undefined
      ? holders
      : await tokenHolders(tx, change.revokedTokenId);
  return (
    someoneManagesRoles(users, roles, holders) &&
    !someoneManagesRoles(replace(users, change.user), replace(roles, change.role), holdersAfter)
  );
}

/** The users holding an API token that is not revoked, leaving out one token if named. */
async function tokenHolders(tx: SqlExecutor, except?: string): Promise<Set<string>> {
  const rows = await tx.all<{ user_id: string }>(
    'SELECT DISTINCT user_id FROM api_tokens WHERE revoked_at IS NULL AND id <> ?',
    [except ?? ''],
  );
  return new Set(rows.map((r) => r.user_id));
}

/** Whether an active user who can sign in (a token holder, when `holders` is given) may manage roles. */
function someoneManagesRoles(
  users: readonly User[],
  roles: readonly Role[],
  holders: ReadonlySet<string> | undefined,
): boolean {
  const byId = new Map(roles.map((r) => [r.id, r]));
  return users.some((u) => {
    const role = byId.get(u.roleId);
    return (
      u.active &&
      role !== undefined &&
      roleAllows(role, 'admin.roles') &&
      (holders === undefined || holders.has(u.id))
    );
  });
}
