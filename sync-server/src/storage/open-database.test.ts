import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, storageStartMessage } from './open-database';

const dir = mkdtempSync(join(tmpdir(), 'crm-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('opens SQLite in the data directory when DATABASE_URL is unset or empty', async () => {
    for (const databaseUrl of [undefined, '']) {
      const db = await openDatabase({ databaseUrl, dataDir: dir });
      expect(db.dialect).toBe('sqlite');
      await db.close();
    }
  });

  it('refuses another kind of URL without repeating it', async () => {
    const attempt = openDatabase({ databaseUrl: 'mysql://u:s3cret@db/crm', dataDir: dir });
    await expect(attempt).rejects.toThrow(/DATABASE_URL must start with postgres:\/\//);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it('names DATABASE_URL for what PostgreSQL refuses, and nothing for other errors', () => {
    const pg = { databaseUrl: 'postgres://u:pw@db/crm', dataDir: dir };
    expect(storageStartMessage({ code: '28P01' }, pg)).toMatch(
      /^DATABASE_URL: PostgreSQL 拒绝了用户名或密码（28P01） \/ PostgreSQL refused the user name or password \(28P01\)/,
    );
    expect(storageStartMessage({ code: '3D000' }, pg)).toMatch(/no such database/);
    expect(storageStartMessage({ code: '08006' }, pg)).toMatch(/cannot establish a connection/);
    expect(storageStartMessage({ code: '42P01' }, pg)).toBeUndefined();
    expect(storageStartMessage(new Error('boom'), pg)).toBeUndefined();
    expect(storageStartMessage({ code: 'SQLITE_CORRUPT' }, { dataDir: dir })).toBeUndefined();
  });
});
