import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testSchemas } from '../../../test/support/pg-test-database';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';
import type { Database } from './database';
import { DatabaseBusyError } from './database-busy-error';
import { migrate } from './migrate';
import { openPostgresDatabase, type PostgresTimeouts } from './postgres-database';

const schemas = testSchemas();
afterAll(() => schemas.dropAll());

// Short enough for a test; production's defaults are in seconds (see PostgresTimeouts).
const short: PostgresTimeouts = {
  lockMs: 1_000,
  idleInTransactionMs: 3_000,
  writeStatementMs: 2_000,
  jobLockIdleMs: 10_000,
};

const open = (schema: string, url = testDatabaseUrl, timeouts: Partial<PostgresTimeouts> = {}) =>
  openPostgresDatabase(url, { schema, maxConnections: 4, timeouts: { ...short, ...timeouts } });

/**
 * A TCP proxy to PostgreSQL whose connections open so far can go silent, as in a network
 * partition: nothing is forwarded either way and no close is passed on. Later connections work.
 */
async function partitioningProxy() {
  const pairs: { client: Socket; upstream: Socket; silent: boolean }[] = [];
  const server = createServer((client) => {
    const target = new URL(testDatabaseUrl);
    const upstream = connect(Number(target.port || 5432), target.hostname);
    const pair = { client, upstream, silent: false };
    pairs.push(pair);
    for (const socket of [client, upstream]) socket.on('error', () => undefined);
    client.on('data', (data) => pair.silent || upstream.write(data));
    upstream.on('data', (data) => pair.silent || client.write(data));
    client.on('close', () => pair.silent || upstream.destroy());
    upstream.on('close', () => pair.silent || client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = new URL(testDatabaseUrl);
  url.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: url.toString(),
    partition: () => pairs.forEach((pair) => (pair.silent = true)),
    close() {
      for (const { client, upstream } of pairs) [client, upstream].forEach((s) => s.destroy());
      server.close();
    },
  };
}

const insert = (db: Database, key: string) =>
  db.write((tx) => tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', [key, '1']));

describe('PostgreSQL time limits', () => {
  it('costs an instance that loses its connection mid-write only that write; the others go on', async () => {
    const proxy = await partitioningProxy();
    const schema = await schemas.fresh();
    const [lost, other] = [await open(schema, proxy.url), await open(schema)];
    await migrate(other);
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;

    let holding = () => {};
    const holds = new Promise<void>((resolve) => (holding = resolve));
    const cut = lost
      .write(async (tx) => {
        proxy.partition(); // inside the transaction, holding the write lock
        holding();
        await tx.run("INSERT INTO settings (key, value) VALUES ('lost', '1')");
      })
      .catch((error: unknown) => ({ error, at: seconds() }));
    await holds;

    // Meanwhile another instance's write gives up on the lock, retryably, within the lock limit.
    await expect(insert(other, 'waited')).rejects.toBeInstanceOf(DatabaseBusyError);
    expect(seconds()).toBeLessThan(3);
    // Once the server has ended the silent session, released its lock, writes go through.
    let wrote = false;
    while (!wrote && seconds() < 10) {
      wrote = await insert(other, `after-${Date.now()}`).then(
        () => true,
        () => false,
      );
    }
    expect(wrote).toBe(true);
    expect(seconds()).toBeLessThan(short.idleInTransactionMs / 1000 + 2);

    // The lost write fails on its own (no answer within its limit), retryably; the instance's
    // next write takes a fresh connection and commits.
    const { error, at } = (await cut) as { error: unknown; at: number };
    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect(at).toBeLessThan(short.writeStatementMs / 1000 + 5 + 2);
    await insert(lost, 'next');
    expect(await other.get("SELECT key FROM settings WHERE key IN ('lost', 'next')")).toEqual({
      key: 'next',
    });
    await lost.close();
    await other.close();
    proxy.close();
  }, 20_000);

  it('ends a write statement past its limit, except in a migration', async () => {
    const db = await open(await schemas.fresh(), testDatabaseUrl, { writeStatementMs: 300 });
    await migrate(db);
    await expect(db.write((tx) => tx.get('SELECT pg_sleep(0.6)'))).rejects.toBeInstanceOf(
      DatabaseBusyError,
    );
    await db.write((tx) => tx.get('SELECT pg_sleep(0.6)'), { noTimeLimit: true });
    await db.close();
  });

  it('keeps a job lock while its job runs past the idle limit of write transactions', async () => {
    const schema = await schemas.fresh();
    const [a, b] = [await open(schema), await open(schema)];
    const job = a.tryWithLock('long-job', async () => {
      await new Promise((resolve) => setTimeout(resolve, short.idleInTransactionMs + 1_000));
      return b.tryWithLock('long-job', () => Promise.resolve('b'));
    });
    expect(await job).toEqual({ acquired: true, value: { acquired: false } });
    await a.close();
    await b.close();
  });

  it('answers a write that waited too long 503 busy, with Retry-After, in the error shape', async () => {
    const schema = await schemas.fresh();
    const server = await makeTestServer({}, () => open(schema));
    const stuck = await open(schema);
    // Another instance holds the write lock and does not let go.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = () => {};
    const holds = new Promise<void>((resolve) => (holding = resolve));
    const hold = stuck.write(async () => {
      holding();
      await held;
    });
    await holds;
    const res = await server.app.request('/v1/sync/push', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.tokens.sales}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        clientId: 'sheet-1',
        mutations: [{ mutationId: 'busy-000001', fields: enterpriseRow() }],
      }),
    });
    release();
    await hold;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('10');
    expect(await res.json()).toEqual({
      error: { code: 'busy', message: '服务器繁忙，暂时无法保存，请10秒后再试' },
    });
    await stuck.close();
    await server.close();
  });
});
