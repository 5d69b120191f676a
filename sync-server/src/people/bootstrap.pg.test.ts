import { afterAll, describe, expect, it } from 'vitest';
import { defaultRoles } from '../../../shared/core/roles/default-roles';
import { testDatabaseUrl, testSchemas } from '../../../test/support/pg-test-database';
import { hashApiToken } from '../auth/api-token';
import type { Database } from '../storage/database';
import { migrate } from '../storage/migrate';
import { openPostgresDatabase } from '../storage/postgres-database';
import { bootstrap } from './bootstrap';

const schemas = testSchemas();
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
  await schemas.dropAll();
});

describe('bootstrap on PostgreSQL', () => {
  it('makes one admin, one token and one audit entry when three instances start at once on a fresh database', async () => {
    const schema = await schemas.fresh();
    const instances = await Promise.all(
      [1, 2, 3].map(() => openPostgresDatabase(testDatabaseUrl, { schema, maxConnections: 3 })),
    );
    opened.push(...instances);
    const token = 'shared-bootstrap-token-0123456789abcdef';
    // What each instance's start does: migrate, then bootstrap, all three at the same time.
    const results = await Promise.all(
      instances.map(async (db) => {
        await migrate(db);
        return bootstrap(db, {
          adminEmail: 'admin@example.com',
          adminToken: token,
          now: new Date(),
        });
      }),
    );
    expect(results.filter((r) => r !== undefined)).toEqual([{ adminToken: token }]);

    const db = instances[0] as Database;
    expect(await db.all('SELECT id, email FROM users')).toEqual([
      { id: 'u-admin', email: 'admin@example.com' },
    ]);
    expect(await db.all('SELECT user_id, token_hash FROM api_tokens')).toEqual([
      { user_id: 'u-admin', token_hash: hashApiToken(token) },
    ]);
    expect(await db.get('SELECT COUNT(*) AS n FROM roles')).toEqual({ n: defaultRoles.length });
    expect(await db.all("SELECT seq FROM audit_log WHERE action = 'bootstrap'")).toEqual([
      { seq: 1 },
    ]);
    expect(await db.get('SELECT seq FROM audit_head')).toEqual({ seq: 1 });

    // A later start finds the work done.
    expect(await bootstrap(db, { adminEmail: 'other@example.com', now: new Date() })).toBe(
      undefined,
    );
    expect(await db.get('SELECT COUNT(*) AS n FROM users')).toEqual({ n: 1 });
  });
});
