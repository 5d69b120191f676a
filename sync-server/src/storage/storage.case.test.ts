import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { latestSchemaVersion, migrate } from './migrate';

/**
 * The contract every storage implementation keeps. The SQLite and PostgreSQL tests call this
 * with their own factory, which gives a fresh, empty database each time.
 */
export function runStorageTests(name: string, makeDatabase: () => Promise<Database>): void {
  describe(`storage contract: ${name}`, () => {
    let db: Database;
    beforeEach(async () => {
      db = await makeDatabase();
      await migrate(db);
    });
    afterEach(async () => {
      await db.close();
    });

    it('migrates to the latest schema once, and again is a no-op', async () => {
      expect(await migrate(db)).toEqual({ from: latestSchemaVersion, to: latestSchemaVersion });
      const rows = await db.all<{ version: number }>('SELECT version FROM schema_migrations');
      expect(rows.map((r) => r.version)).toEqual([latestSchemaVersion]);
    });

    it('refuses a schema newer than the server knows', async () => {
      await db.write((tx) =>
        tx.run(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'x')",
          [latestSchemaVersion + 1],
        ),
      );
      await expect(migrate(db)).rejects.toThrow(/newer than this server knows/);
    });

    it('rolls back the whole transaction when any statement fails', async () => {
      await expect(
        db.write(async (tx) => {
          await tx.run("INSERT INTO settings (key, value) VALUES ('a', '1')");
          await tx.run("INSERT INTO settings (key, value) VALUES ('a', '2')");
        }),
      ).rejects.toThrow();
      expect(await db.all('SELECT * FROM settings')).toEqual([]);
    });

    it('never lets one transaction take in statements of another that awaits meanwhile', async () => {
      const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
      const failing = db.write(async (tx) => {
        await tx.run("INSERT INTO settings (key, value) VALUES ('first', '1')");
        await pause();
        throw new Error('dropped connection');
      });
      const other = db.write(async (tx) => {
        await tx.run("INSERT INTO settings (key, value) VALUES ('second', '2')");
      });
      await expect(failing).rejects.toThrow('dropped connection');
      await other;
      expect(await db.all('SELECT key FROM settings')).toEqual([{ key: 'second' }]);
    });

    it('runs many concurrent transactions without losing an increment', async () => {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          db.write(async (tx) => {
            const row = await tx.get<{ value: number }>(
              "SELECT value FROM counters WHERE name = 'checkpoint'",
            );
            await new Promise((resolve) => setImmediate(resolve));
            await tx.run("UPDATE counters SET value = ? WHERE name = 'checkpoint'", [
              (row?.value ?? 0) + 1,
            ]);
          }),
        ),
      );
      expect(await db.get("SELECT value FROM counters WHERE name = 'checkpoint'")).toEqual({
        value: 50,
      });
    });

    it('refuses to change or delete audit entries', async () => {
      const hash = '0'.repeat(64);
      await db.write((tx) =>
        tx.run(
          "INSERT INTO audit_log (seq, at, client, action, fields, outcome, prev_hash, hash) VALUES (1, 'now', 'api', 'test', '[]', 'success', ?, ?)",
          [hash, hash],
        ),
      );
      await expect(db.write((tx) => tx.run("UPDATE audit_log SET action = 'x'"))).rejects.toThrow(
        /append-only/,
      );
      await expect(db.write((tx) => tx.run('DELETE FROM audit_log'))).rejects.toThrow(
        /append-only/,
      );
      expect(await db.get('SELECT action FROM audit_log')).toEqual({ action: 'test' });
    });
  });
}
