import type { SqlExecutor } from '../storage/database';

const SETTING = 'permissionsChangedAt';

/**
 * Marks a change of permissions (a user, role, field rule or token) in the caller's transaction:
 * takes the next value of the sync checkpoint sequence and stores it as `permissionsChangedAt`.
 * Using the same sequence as record changes lets the pull compare it with a client's `since`:
 * a client that last synced before it must reload, because rows may have left its scope.
 * @example const epoch = await bumpPermissionEpoch(tx); // e.g. 42
 */
export async function bumpPermissionEpoch(tx: SqlExecutor): Promise<number> {
  const row = await tx.get<{ value: number }>(
    "UPDATE counters SET value = value + 1 WHERE name = 'checkpoint' RETURNING value",
  );
  if (row === undefined) throw new Error("counters row 'checkpoint' is missing");
  const value = Number(row.value);
  await tx.run(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [SETTING, String(value)],
  );
  return value;
}

/**
 * The checkpoint at which permissions last changed; 0 when they never have since the seed.
 * @example if (since < (await permissionsChangedAt(db))) reloadEverything();
 */
export async function permissionsChangedAt(db: SqlExecutor): Promise<number> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
    SETTING,
  ]);
  return row === undefined ? 0 : Number(row.value);
}
