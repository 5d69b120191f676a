import type { Locale } from '../../../shared/core/i18n/locale';
import { userSchema, type User } from '../../../shared/core/schemas/user';
import type { SqlExecutor } from '../storage/database';

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role_id: string;
  team: string | null;
  locale: string;
  active: number;
}

const columns = 'u.id, u.email, u.display_name, u.role_id, u.team, u.locale, u.active';

function toUser(row: UserRow): User {
  return userSchema.parse({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roleId: row.role_id,
    locale: row.locale as Locale,
    active: Number(row.active) === 1,
    ...(row.team === null ? {} : { team: row.team }),
  });
}

/** The user with this sign-in email (compared lowercased), if the admin created one. */
export async function findUserByEmail(db: SqlExecutor, email: string): Promise<User | undefined> {
  const row = await db.get<UserRow>(`SELECT ${columns} FROM users u WHERE u.email = ?`, [
    email.toLowerCase(),
  ]);
  return row === undefined ? undefined : toUser(row);
}

/** The user by ID. */
export async function findUserById(db: SqlExecutor, id: string): Promise<User | undefined> {
  const row = await db.get<UserRow>(`SELECT ${columns} FROM users u WHERE u.id = ?`, [id]);
  return row === undefined ? undefined : toUser(row);
}

/** The owner of a live (not revoked) API token with this hash. */
export async function findUserByTokenHash(
  db: SqlExecutor,
  hash: string,
): Promise<User | undefined> {
  const row = await db.get<UserRow>(
    `SELECT ${columns} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL`,
    [hash],
  );
  return row === undefined ? undefined : toUser(row);
}

/** Every user, by email. */
export async function listUsers(db: SqlExecutor): Promise<User[]> {
  const rows = await db.all<UserRow>(`SELECT ${columns} FROM users u ORDER BY u.email`);
  return rows.map(toUser);
}

/** Creates or replaces a user. */
export async function saveUser(tx: SqlExecutor, user: User, now: Date): Promise<void> {
  await tx.run(
    `INSERT INTO users (id, email, display_name, role_id, team, locale, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name, role_id = excluded.role_id,
       team = excluded.team, locale = excluded.locale, active = excluded.active`,
    [
      user.id,
      user.email.toLowerCase(),
      user.displayName,
      user.roleId,
      user.team ?? null,
      user.locale,
      user.active ? 1 : 0,
      now.toISOString(),
    ],
  );
}

/** Stores the hash of a new API token for a user. */
export async function saveApiToken(
  tx: SqlExecutor,
  token: { id: string; userId: string; hash: string; label: string },
  now: Date,
): Promise<void> {
  await tx.run(
    'INSERT INTO api_tokens (id, user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)',
    [token.id, token.userId, token.hash, token.label, now.toISOString()],
  );
}

/** An API token as stored, without its hash: what may be listed. */
export interface TokenRow {
  id: string;
  user_id: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

// The listed columns only: the hash must never reach a response.
const tokenColumns = 'id, user_id, label, created_at, revoked_at';

/** A user's API tokens, oldest first. */
export async function listApiTokens(db: SqlExecutor, userId: string): Promise<TokenRow[]> {
  return db.all<TokenRow>(
    `SELECT ${tokenColumns} FROM api_tokens WHERE user_id = ? ORDER BY created_at, id`,
    [userId],
  );
}

/** One API token by its ID. */
export async function findApiToken(db: SqlExecutor, id: string): Promise<TokenRow | undefined> {
  return db.get<TokenRow>(`SELECT ${tokenColumns} FROM api_tokens WHERE id = ?`, [id]);
}

/** Marks a token revoked; it signs nobody in from then on. */
export async function revokeApiToken(tx: SqlExecutor, id: string, at: string): Promise<void> {
  await tx.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ?', [at, id]);
}
