import { join } from 'node:path';
import type { Database } from './database';
import { openPostgresDatabase } from './postgres-database';
import { openSqliteDatabase } from './sqlite-database';

/**
 * Opens the storage the settings name: PostgreSQL when `databaseUrl` is a postgres:// or
 * postgresql:// URL, else SQLite in `crm.sqlite` of the data directory. Any other URL is refused
 * rather than quietly giving each instance a file of its own; the URL, which may hold a password,
 * is never repeated in the message.
 */
export function openDatabase(settings: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Database> {
  const url = settings.databaseUrl ?? '';
  if (url === '') return openSqliteDatabase(join(settings.dataDir, 'crm.sqlite'));
  if (/^postgres(ql)?:\/\//i.test(url)) return openPostgresDatabase(url);
  return Promise.reject(
    new Error('DATABASE_URL must start with postgres:// or postgresql://, or be left unset'),
  );
}
