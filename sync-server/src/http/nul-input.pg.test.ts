import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testSchemas } from '../../../test/support/pg-test-database';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';
import { openPostgresDatabase } from '../storage/postgres-database';

const schemas = testSchemas();
afterAll(async () => {
  await schemas.dropAll();
});

type Server = Awaited<ReturnType<typeof makeTestServer>>;

const requests: [string, 'sales' | 'auditor' | 'reviewer' | 'admin', string, string, unknown?][] = [
  ['query', 'sales', 'GET', '/v1/customers?q=%E5%8D%8E%00'],
  ['query', 'sales', 'GET', '/v1/customers?tagsAny=a%00'],
  ['query', 'auditor', 'GET', '/v1/audit?actor=u-sales%00'],
  ['path', 'sales', 'GET', '/v1/customers/CUS%00'],
  [
    'path',
    'admin',
    'PUT',
    '/v1/admin/users/u-x%00',
    { email: 'x@example.com', displayName: 'x', roleId: 'sales' },
  ],
  [
    'body',
    'reviewer',
    'POST',
    '/v1/customers/CUS202405010001/review',
    { decision: 'reject', reason: '资料\u0000不全' },
  ],
  [
    'body',
    'admin',
    'PUT',
    '/v1/admin/users/u-y',
    { email: 'y@example.com', displayName: 'y\u0000', roleId: 'sales', team: 'ea\u0000st' },
  ],
  ['body', 'admin', 'POST', '/v1/tags', { tag: '区域-华\u0000东' }],
];

/** Every answer to the requests above, after one push so that the reviewed customer exists. */
async function answers(server: Server) {
  try {
    const pushed = await server.call('sales', 'POST', '/v1/sync/push', {
      clientId: 'sheet-1',
      mutations: [
        { mutationId: 'nul-pg-0001', fields: enterpriseRow(1) },
        { mutationId: 'nul-pg-0002', fields: { ...enterpriseRow(2), remarks: '备\u0000注' } },
      ],
    });
    const out: unknown[] = [pushed];
    for (const [, as, method, path, body] of requests) {
      out.push(await server.call(as, method, path, body));
    }
    return out;
  } finally {
    await server.close();
  }
}

describe('U+0000 in a request on PostgreSQL', () => {
  it('gets the answers it gets on SQLite: 400 naming the parameter or field, 404 for a path', async () => {
    const schema = await schemas.fresh();
    const onPostgres = await answers(
      await makeTestServer({}, () => openPostgresDatabase(testDatabaseUrl, { schema })),
    );
    const onSqlite = await answers(await makeTestServer());
    expect(onPostgres).toEqual(onSqlite);
    const statuses = onPostgres.map((a) => (a as { status: number }).status);
    expect(statuses).toEqual([200, 400, 400, 400, 404, 404, 400, 400, 400]);
    expect(onPostgres[0]).toMatchObject({
      body: {
        outcomes: [
          { status: 'pending_review' },
          { status: 'invalid', errors: [{ field: 'remarks', code: 'text.control' }] },
        ],
      },
    });
    expect(onPostgres[1]).toMatchObject({ body: { error: { fields: [{ field: 'q' }] } } });
    expect(onPostgres[7]).toMatchObject({
      body: { error: { fields: [{ field: 'displayName' }, { field: 'team' }] } },
    });
  });
});
