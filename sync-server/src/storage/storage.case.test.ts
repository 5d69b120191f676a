import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { latestSchemaVersion, migrate, migrations } from './migrate';

/**
 * The contract every storage implementation keeps. The SQLite and PostgreSQL tests call this
 * with their own factory, which gives a fresh, empty database each time.
 */
export function runStorageTests(name: string, makeDatabase: () => Promise<Database>): void {
  describe(`storage contract: ${name}`, () => {
    let db: Database;
    // Unset when opening failed, so that the failure is reported rather than a close of nothing.
    let opened: Database | undefined;
    beforeEach(async () => {
      db = await makeDatabase();
      opened = db;
      await migrate(db);
    });
    afterEach(async () => {
      await opened?.close();
      opened = undefined;
    });

    it('migrates to the latest schema once, and again is a no-op', async () => {
      expect(await migrate(db)).toEqual({ from: latestSchemaVersion, to: latestSchemaVersion });
      const rows = await db.all<{ version: number }>('SELECT version FROM schema_migrations');
      expect(rows.map((r) => Number(r.version))).toEqual(migrations.map((m) => m.version));
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

    it('rolls back to a savepoint and commits the rest, as a push does per mutation', async () => {
      await db.write(async (tx) => {
        await tx.run("INSERT INTO settings (key, value) VALUES ('kept', '1')");
        await tx.run('SAVEPOINT mutation');
        await tx.run("INSERT INTO settings (key, value) VALUES ('undone', '1')");
        await expect(
          tx.run("INSERT INTO settings (key, value) VALUES ('kept', '2')"),
        ).rejects.toThrow();
        await tx.run('ROLLBACK TO mutation');
        await tx.run('RELEASE mutation');
        await tx.run("INSERT INTO settings (key, value) VALUES ('after', '1')");
      });
      const rows = await db.all<{ key: string }>('SELECT key FROM settings ORDER BY key');
      expect(rows.map((r) => r.key)).toEqual(['after', 'kept']);
    });

    it('answers RETURNING rows, changed-row counts, and integers as numbers', async () => {
      const bumped = await db.write((tx) =>
        tx.get("UPDATE counters SET value = value + 1 WHERE name = 'checkpoint' RETURNING value"),
      );
      expect(bumped).toEqual({ value: 1 });
      const upserted = await db.write((tx) =>
        tx.all(
          'INSERT INTO id_counters (period, last_serial) VALUES (?, 1) ON CONFLICT (period) DO UPDATE SET last_serial = id_counters.last_serial + 1 RETURNING last_serial',
          ['20240101'],
        ),
      );
      expect(upserted).toEqual([{ last_serial: 1 }]);
      expect(await db.write((tx) => tx.run('UPDATE counters SET value = value + 1'))).toEqual({
        changes: 2,
      });
      expect(await db.get('SELECT COUNT(*) AS n, MAX(value) AS top FROM counters')).toEqual({
        n: 2,
        top: 2,
      });
    });

    it('inserts many rows at once, values exactly as given, and upserts on a key', async () => {
      await db.write((tx) =>
        tx.run('CREATE TABLE bulk (id TEXT PRIMARY KEY, n BIGINT, x REAL, s TEXT, j TEXT)'),
      );
      const odd = 'quote " backslash \\ newline \n tab \t 中文 😀 end';
      const rows = Array.from({ length: 1200 }, (_, i) => [
        `r${String(i).padStart(4, '0')}`,
        i % 7 === 0 ? null : i * 1_000_003,
        i + 0.25,
        i % 2 === 0 ? odd : `${i}`,
        JSON.stringify({ i, tags: ['a', 'b'] }),
      ]);
      await db.write((tx) => tx.insertRows('bulk', ['id', 'n', 'x', 's', 'j'], rows));
      const back = await db.all<{ id: string; n: number | null; x: number; s: string; j: string }>(
        'SELECT id, n, x, s, j FROM bulk ORDER BY id',
      );
      expect(back.map((r) => [r.id, r.n, r.x, r.s, r.j])).toEqual(rows);
      // A bigint goes in as the integer it is.
      await db.write((tx) =>
        tx.insertRows('bulk', ['id', 'n', 'x', 's', 'j'], [['big', 2n ** 40n, 1, 's', '{}']]),
      );
      expect(await db.get("SELECT n FROM bulk WHERE id = 'big'")).toEqual({ n: 2 ** 40 });
      await db.write((tx) =>
        tx.insertRows(
          'bulk',
          ['id', 'n', 'x', 's', 'j'],
          [
            ['r0001', 5, 5.5, 'changed', '[]'],
            ['new', 6, 6.5, 'added', '[]'],
          ],
          'id',
        ),
      );
      expect(
        await db.all("SELECT id, n, s FROM bulk WHERE id IN ('r0001', 'new') ORDER BY id"),
      ).toEqual([
        { id: 'new', n: 6, s: 'added' },
        { id: 'r0001', n: 5, s: 'changed' },
      ]);
      expect(await db.get('SELECT COUNT(*) AS n FROM bulk')).toEqual({ n: 1202 });
    });

    it('runs a job under a named lock for one holder at a time', async () => {
      let started = () => {};
      let release = () => {};
      const running = new Promise<void>((resolve) => (started = resolve));
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = db.tryWithLock('checkpoint-signer', async () => {
        started();
        await held;
        return 'signed';
      });
      await running;
      const meanwhile = await db.tryWithLock('checkpoint-signer', () => Promise.resolve('twice'));
      const other = await db.tryWithLock('cleanup', () => Promise.resolve('cleaned'));
      release();
      expect(await first).toEqual({ acquired: true, value: 'signed' });
      expect(meanwhile).toEqual({ acquired: false });
      expect(other).toEqual({ acquired: true, value: 'cleaned' });
      await expect(
        db.tryWithLock('checkpoint-signer', () => Promise.reject(new Error('job failed'))),
      ).rejects.toThrow('job failed');
      expect(await db.tryWithLock('checkpoint-signer', () => Promise.resolve(1))).toEqual({
        acquired: true,
        value: 1,
      });
    });

    it('delivers a notification to the listeners of its channel only, until they stop', async () => {
      const first: string[] = [];
      const second: string[] = [];
      const elsewhere: string[] = [];
      const stopFirst = await db.listen('crm_test_changes', { message: (p) => first.push(p) });
      const stopSecond = await db.listen('crm_test_changes', { message: (p) => second.push(p) });
      await db.listen('crm_test_other', { message: (p) => elsewhere.push(p) });

      await db.notify('crm_test_changes', '41');
      await until(() => first.length === 1 && second.length === 1);
      // Sent after the first, so once it arrives the first would have reached every listener.
      await db.notify('crm_test_other', 'x');
      await until(() => elsewhere.length === 1);
      expect([first, second, elsewhere]).toEqual([['41'], ['41'], ['x']]);

      stopFirst();
      await db.notify('crm_test_changes', '42');
      await until(() => second.length === 2);
      await db.notify('crm_test_other', 'y');
      await until(() => elsewhere.length === 2);
      expect(first).toEqual(['41']);
      expect(second).toEqual(['41', '42']);
      stopSecond();

      await expect(db.notify('Bad channel', '1')).rejects.toThrow(/channel name/);
      await expect(db.listen('bad-channel', { message: () => {} })).rejects.toThrow(/channel name/);
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

/** Waits for a notification that travels through the database server. */
async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
