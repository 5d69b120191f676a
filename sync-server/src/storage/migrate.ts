import type { Database, SqlExecutor } from './database';
import { initial } from './migrations/001-initial';
import { nearDuplicateIndex } from './migrations/002-near-duplicate-index';
import { ownerHistoryIndex } from './migrations/003-owner-history-index';

/** One versioned step of the schema, with its statements per dialect. */
export interface Migration {
  version: number;
  name: string;
  sqlite: readonly string[];
  postgres?: readonly string[];
}

/** Every migration this server knows, in order. */
export const migrations: readonly Migration[] = [initial, nearDuplicateIndex, ownerHistoryIndex];

/** The schema version this server expects. */
export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;

/**
 * Brings the schema up to date, one transaction per migration. Refuses a database whose schema
 * is newer than this server knows: an older server must not write to a newer schema.
 * Note: several instances may start at once on one PostgreSQL database. Writes run one at a time
 * across instances, and each migration checks the version again inside its own transaction, so
 * each is applied once and the later instances find the work done.
 */
export async function migrate(db: Database): Promise<{ from: number; to: number }> {
  await db.write((tx) =>
    tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    ),
  );
  const from = await schemaVersion(db);
  for (const migration of migrations.filter((m) => m.version > from)) {
    const statements = db.dialect === 'sqlite' ? migration.sqlite : migration.postgres;
    if (statements === undefined)
      throw new Error(`Migration ${migration.version} has no ${db.dialect} form`);
    await db.write(
      async (tx) => {
        if ((await schemaVersion(tx)) >= migration.version) return;
        for (const sql of statements) await tx.run(sql);
        await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          migration.version,
          migration.name,
          new Date().toISOString(),
        ]);
      },
      // An index built over a large table may take minutes.
      { noTimeLimit: true },
    );
  }
  return { from, to: Math.max(from, latestSchemaVersion) };
}

/** The schema version the database is at; refuses one newer than this server knows. */
async function schemaVersion(db: SqlExecutor): Promise<number> {
  const row = await db.get<{ version: number | null }>(
    'SELECT MAX(version) AS version FROM schema_migrations',
  );
  const version = Number(row?.version ?? 0);
  if (version > latestSchemaVersion) {
    throw new Error(
      `The database schema is version ${version}, newer than this server knows (${latestSchemaVersion}). Upgrade the server before starting it on this database.`,
    );
  }
  return version;
}
