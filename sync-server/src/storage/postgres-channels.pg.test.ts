import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testSchemas } from '../../../test/support/pg-test-database';
import type { Database } from './database';
import { openPostgresDatabase } from './postgres-database';

const schemas = testSchemas();
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
  await schemas.dropAll();
});

async function open(schema: string, retryMs = 500): Promise<Database> {
  const db = await openPostgresDatabase(testDatabaseUrl, {
    schema,
    maxConnections: 2,
    channels: { retryMs },
  });
  opened.push(db);
  return db;
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('PostgreSQL channels (LISTEN/NOTIFY)', () => {
  it('carry a notification from one instance to every instance on the same schema only', async () => {
    const schema = await schemas.fresh();
    const [a, b] = [await open(schema), await open(schema)];
    const other = await open(await schemas.fresh());
    const heard = { a: [] as string[], b: [] as string[], other: [] as string[] };
    await a.listen('crm_changes', { message: (p) => heard.a.push(p) });
    await b.listen('crm_changes', { message: (p) => heard.b.push(p) });
    await other.listen('crm_changes', { message: (p) => heard.other.push(p) });

    await a.notify('crm_changes', '17');
    await other.notify('crm_changes', 'elsewhere');
    await until(() => heard.a.length === 1 && heard.b.length === 1 && heard.other.length === 1);
    // Another round trip through the server: anything still on its way would have arrived.
    await b.notify('crm_changes', '18');
    await until(() => heard.a.length === 2 && heard.b.length === 2);
    expect(heard).toEqual({ a: ['17', '18'], b: ['17', '18'], other: ['elsewhere'] });
  });

  it('listen again after the listening connection is killed, and say so with resumed', async () => {
    const schema = await schemas.fresh();
    const listening = await open(schema, 20);
    const sender = await open(schema);
    const heard: string[] = [];
    let resumed = 0;
    await listening.listen('crm_changes', {
      message: (p) => heard.push(p),
      resumed: () => (resumed += 1),
    });
    const killed = await schemas.query<{ done: boolean }>(
      'SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE query = $1',
      [`LISTEN "sheet_crm.${schema}"`],
    );
    expect(killed).toEqual([{ done: true }]);
    await until(() => resumed === 1);
    await sender.notify('crm_changes', 'after');
    await until(() => heard.length === 1);
    expect(heard).toEqual(['after']);
  });

  it('close the listening connection with the database', async () => {
    const schema = await schemas.fresh();
    const db = await openPostgresDatabase(testDatabaseUrl, { schema, maxConnections: 1 });
    await db.listen('crm_changes', { message: () => {} });
    const listening = () =>
      schemas.query('SELECT pid FROM pg_stat_activity WHERE query = $1', [
        `LISTEN "sheet_crm.${schema}"`,
      ]);
    expect(await listening()).toHaveLength(1);
    await db.close();
    for (let i = 0; i < 50 && (await listening()).length > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await listening()).toEqual([]);
  });
});
