import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { DatabaseBusyError } from './database-busy-error';
import { latestSchemaVersion, migrate, migrations } from './migrate';
import { openDatabase } from './open-database';
import { openPostgresDatabase } from './postgres-database';
import { runStorageTests } from './storage.case.test';

// The role and database `scripts/test-postgres-setup.sh` makes; CI exports the same URL.
const url =
  process.env['CRM_TEST_DATABASE_URL'] ?? 'postgres://crm_test:crm_test@127.0.0.1:5432/crm_test';
const prefix = 'crm_test_';
const admin = new pg.Pool({ connectionString: url, max: 2 });
const created: string[] = [];
let n = 0;

/** Drops schemas an interrupted run left behind, older than an hour. */
async function dropStaleSchemas(): Promise<void> {
  const { rows } = await admin.query<{ nspname: string }>(
    'SELECT nspname FROM pg_namespace WHERE nspname LIKE $1',
    [`${prefix}%`],
  );
  for (const { nspname } of rows) {
    const made = Number(nspname.slice(prefix.length).split('_')[0]);
    if (made < Date.now() - 3_600_000) await admin.query(`DROP SCHEMA ${nspname} CASCADE`);
  }
}
// Started by the first test rather than a beforeAll, so that without a server every test fails
// on its own instead of being reported as skipped.
let cleanup: Promise<void> | undefined;

/** A new empty schema; every connection of a database opened on it works only there. */
async function freshSchema(): Promise<string> {
  await (cleanup ??= dropStaleSchemas());
  const schema = `${prefix}${Date.now()}_${process.pid}_${n++}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  created.push(schema);
  return schema;
}

async function open(schema: string): Promise<Database> {
  return openPostgresDatabase(url, { schema, maxConnections: 4 });
}

afterAll(async () => {
  for (const schema of created) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

describe('the PostgreSQL server for these tests', () => {
  it('is reachable at CRM_TEST_DATABASE_URL (see scripts/test-postgres-setup.sh)', async () => {
    const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
    expect(Number.parseInt(rows[0]?.server_version ?? '0', 10)).toBeGreaterThanOrEqual(13);
  });
});

runStorageTests('PostgreSQL', async () => open(await freshSchema()));

describe('PostgreSQL specifics', () => {
  it('numbers ? placeholders, leaving literals, quoted names and comments alone', async () => {
    const db = await open(await freshSchema());
    await migrate(db);
    await db.write((tx) =>
      tx.run(
        `INSERT INTO settings /* ? */ (key, "value") -- ?
         VALUES (?, '?' || E'\\'?' || $$?$$ || ?)`,
        ['k?', "'"],
      ),
    );
    expect(await db.get('SELECT key, value FROM settings WHERE key = ?', ['k?'])).toEqual({
      key: 'k?',
      value: "?'??'",
    });
    await expect(db.get('SELECT key FROM settings WHERE key = ?', [])).rejects.toThrow(
      /1 placeholders but 0 values/,
    );
    await db.close();
  });

  it('gives every instance gapless, unique checkpoints while they write at once', async () => {
    const schema = await freshSchema();
    const instances = [await open(schema), await open(schema)];
    await migrate(instances[0] as Database);
    const seen = await Promise.all(
      instances.map((db) =>
        Promise.all(
          Array.from({ length: 40 }, () =>
            db.write(async (tx) => {
              const row = await tx.get<{ value: number }>(
                "UPDATE counters SET value = value + 1 WHERE name = 'checkpoint' RETURNING value",
              );
              await new Promise((resolve) => setImmediate(resolve));
              return Number(row?.value);
            }),
          ),
        ),
      ),
    );
    const all = seen.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    for (const db of instances) await db.close();
  });

  it('loses no read-then-write update across instances: writes run one at a time', async () => {
    const schema = await freshSchema();
    const instances = [await open(schema), await open(schema)];
    await migrate(instances[0] as Database);
    await Promise.all(
      instances.flatMap((db) =>
        Array.from({ length: 25 }, () =>
          db.write(async (tx) => {
            const row = await tx.get<{ value: number }>(
              "SELECT value FROM counters WHERE name = 'checkpoint'",
            );
            await new Promise((resolve) => setTimeout(resolve, 1));
            await tx.run("UPDATE counters SET value = ? WHERE name = 'checkpoint'", [
              (row?.value ?? 0) + 1,
            ]);
          }),
        ),
      ),
    );
    expect(await instances[1]?.get("SELECT value FROM counters WHERE name = 'checkpoint'")).toEqual(
      { value: 50 },
    );
    for (const db of instances) await db.close();
  });

  it('migrates once when several instances start at the same time', async () => {
    const schema = await freshSchema();
    const instances = [await open(schema), await open(schema), await open(schema)];
    const results = await Promise.all(instances.map((db) => migrate(db)));
    expect(results.map((r) => r.to)).toEqual([1, 2, 3].map(() => latestSchemaVersion));
    const applied = await instances[0]?.all<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(applied?.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    for (const db of instances) await db.close();
  });

  it('keeps audit_log append-only against UPDATE, DELETE and TRUNCATE', async () => {
    const db = await open(await freshSchema());
    await migrate(db);
    const hash = '0'.repeat(64);
    await db.write((tx) =>
      tx.run(
        "INSERT INTO audit_log (seq, at, client, action, fields, outcome, prev_hash, hash) VALUES (1, 'now', 'api', 'test', '[]', 'success', ?, ?)",
        [hash, hash],
      ),
    );
    for (const sql of [
      "UPDATE audit_log SET action = 'x' WHERE seq = 1",
      'DELETE FROM audit_log WHERE seq = 1',
      'DELETE FROM audit_log WHERE seq = 99',
      'TRUNCATE audit_log',
    ]) {
      await expect(db.write((tx) => tx.run(sql))).rejects.toThrow(/append-only/);
      await expect(db.run(sql)).rejects.toThrow(/append-only/);
    }
    expect(await db.all('SELECT seq, action FROM audit_log')).toEqual([{ seq: 1, action: 'test' }]);
    await db.close();
  });

  it('lets one instance only hold a job lock, and frees it when the job ends', async () => {
    const schema = await freshSchema();
    const [a, b] = [await open(schema), await open(schema)];
    let started = () => {};
    let release = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const onA = a.tryWithLock('checkpoint-signer', async () => {
      started();
      await held;
      return 'a';
    });
    await running;
    expect(await b.tryWithLock('checkpoint-signer', () => Promise.resolve('b'))).toEqual({
      acquired: false,
    });
    expect(await b.tryWithLock('cleanup', () => Promise.resolve('b'))).toEqual({
      acquired: true,
      value: 'b',
    });
    release();
    expect(await onA).toEqual({ acquired: true, value: 'a' });
    expect(await b.tryWithLock('checkpoint-signer', () => Promise.resolve('b'))).toEqual({
      acquired: true,
      value: 'b',
    });
    await a.close();
    await b.close();
  });

  it('keeps deployments in different schemas of one database apart: no one waits for the other', async () => {
    const [one, two] = [await open(await freshSchema()), await open(await freshSchema())];
    await migrate(one);
    await migrate(two);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered = () => {};
    const holding = new Promise<void>((resolve) => (entered = resolve));
    // Deployment one is inside a write and a job of the checkpoint signer's name.
    const job = one.tryWithLock('audit-checkpoint', async () => {
      await one.write(async () => {
        entered();
        await held;
      });
    });
    await holding;
    const elsewhere = await Promise.race([
      (async () => {
        await two.write((tx) => tx.run("INSERT INTO settings (key, value) VALUES ('x', '1')"));
        return two.tryWithLock('audit-checkpoint', () => Promise.resolve('ran'));
      })(),
      new Promise((resolve) => setTimeout(() => resolve('waited 3 s'), 3_000)),
    ]);
    release();
    await job;
    expect(elsewhere).toEqual({ acquired: true, value: 'ran' });
    await one.close();
    await two.close();
  });

  it('keeps out, during a rolling upgrade, an older instance that locked the whole database', async () => {
    const schema = await freshSchema();
    const db = await openPostgresDatabase(url, { schema, timeouts: { lockMs: 500 } });
    await migrate(db);
    const older = await admin.connect();
    const space = { write: 0x43524d57, job: 0x43524d4a };
    try {
      // The older instance writes, and runs the checkpoint job: this one waits for it.
      await older.query('BEGIN');
      await older.query('SELECT pg_advisory_xact_lock($1, 0)', [space.write]);
      await older.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        space.job,
        'audit-checkpoint',
      ]);
      await expect(db.write((tx) => tx.get('SELECT 1'))).rejects.toBeInstanceOf(DatabaseBusyError);
      expect(await db.tryWithLock('audit-checkpoint', () => Promise.resolve(1))).toEqual({
        acquired: false,
      });
      await older.query('ROLLBACK');
      // This one writes: the older instance's write waits for it.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered = () => {};
      const holding = new Promise<void>((resolve) => (entered = resolve));
      const write = db.write(async () => {
        entered();
        await held;
      });
      await holding;
      const { rows } = await older.query<{ got: boolean }>(
        'SELECT pg_try_advisory_lock($1, 0) AS got',
        [space.write],
      );
      release();
      await write;
      expect(rows).toEqual([{ got: false }]);
    } finally {
      older.release(true);
      await db.close();
    }
  });

  it('re-runs the whole transaction after a serialization failure or deadlock', async () => {
    const db = await open(await freshSchema());
    await migrate(db);
    let runs = 0;
    const result = await db.write(async (tx) => {
      runs += 1;
      await tx.run("INSERT INTO settings (key, value) VALUES ('once', ?)", [String(runs)]);
      if (runs < 3)
        throw Object.assign(new Error('lost a race'), { code: runs === 1 ? '40001' : '40P01' });
      return runs;
    });
    expect(result).toBe(3);
    expect(await db.all('SELECT value FROM settings')).toEqual([{ value: '3' }]);
    await expect(
      db.write(() => Promise.reject(Object.assign(new Error('always'), { code: '40001' }))),
    ).rejects.toThrow('always');
    await db.close();
  });

  it('refuses to report a commit when a failed statement was swallowed without a savepoint', async () => {
    const db = await open(await freshSchema());
    await migrate(db);
    await expect(
      db.write(async (tx) => {
        await tx.run("INSERT INTO settings (key, value) VALUES ('lost', '1')");
        await tx.run('INSERT INTO nowhere VALUES (1)').catch(() => undefined);
      }),
    ).rejects.toThrow(/rolled back/);
    expect(await db.all('SELECT key FROM settings')).toEqual([]);
    await db.close();
  });

  it('survives a connection the server ends mid-write or mid-job: that work fails, the next works', async () => {
    const db = await open(await freshSchema());
    await migrate(db);
    const end = (pid: number) => admin.query('SELECT pg_terminate_backend($1)', [pid]);
    const pidOf = async (tx: Parameters<Parameters<Database['write']>[0]>[0]) =>
      Number((await tx.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))?.pid);
    // Between two statements (a failover, an administrator), and during one.
    await expect(
      db.write(async (tx) => {
        await end(await pidOf(tx));
        await new Promise((resolve) => setTimeout(resolve, 300));
        await tx.run("INSERT INTO settings (key, value) VALUES ('lost', '1')");
      }),
    ).rejects.toThrow();
    await expect(
      db.write(async (tx) => {
        const pid = await pidOf(tx);
        setTimeout(() => void end(pid), 100);
        await tx.get('SELECT pg_sleep(2)');
      }),
    ).rejects.toThrow();
    // A job holding its lock when its connection ends.
    await db
      .tryWithLock('dropped', async () => {
        const { rows } = await admin.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND query LIKE '%pg_try_advisory_xact_lock%'",
        );
        for (const row of rows) await end(row.pid);
        await new Promise((resolve) => setTimeout(resolve, 300));
      })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Still running, and the next write commits on a fresh connection.
    await db.write((tx) => tx.run("INSERT INTO settings (key, value) VALUES ('after', '1')"));
    expect(await db.get("SELECT value FROM settings WHERE key IN ('lost', 'after')")).toEqual({
      value: '1',
    });
    await db.close();
  });

  it('refuses statements through a transaction that has ended', async () => {
    const db = await open(await freshSchema());
    await migrate(db);
    let leaked: Parameters<Parameters<Database['write']>[0]>[0] | undefined;
    await db.write((tx) => {
      leaked = tx;
      return Promise.resolve();
    });
    await expect(
      leaked?.run("INSERT INTO settings (key, value) VALUES ('late', '1')"),
    ).rejects.toThrow(/already ended/);
    await db.close();
  });

  it('answers int4, BIGINT and COUNT as numbers, and refuses a BIGINT it would round', async () => {
    const db = await open(await freshSchema());
    await migrate(db);
    expect(
      await db.get(
        'SELECT 7::int AS small, 9007199254740991::bigint AS big, COUNT(*) AS n, SUM(value) AS total FROM counters',
      ),
    ).toEqual({ small: 7, big: 9007199254740991, n: 2, total: 0 });
    await expect(db.get('SELECT 9007199254740993::bigint AS v')).rejects.toThrow(/safe/);
    await db.close();
  });

  it('is what openDatabase gives for a postgres:// DATABASE_URL', async () => {
    const db = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent' });
    expect(db.dialect).toBe('postgres');
    expect(await db.get('SELECT 1 AS one')).toEqual({ one: 1 });
    await db.close();
  });
});
