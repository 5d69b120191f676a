import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';

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
});
