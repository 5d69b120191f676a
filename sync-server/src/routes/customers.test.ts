import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../../shared/core/sync/mutation-outcome';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;
let n = 0;

async function create(fields: Record<string, unknown>): Promise<string> {
  const res = await server.call('sales', 'POST', '/v1/sync/push', {
    clientId: 'sheet-1',
    mutations: [{ mutationId: `customers-${String(n++).padStart(6, '0')}`, fields }],
  });
  return ((res.body as unknown as PushResponse).outcomes[0] as { recordId: string }).recordId;
}

const clearReads = () =>
  server.db.all<{ actor_id: string; record_id: string | null; fields: string; detail: string }>(
    "SELECT actor_id, record_id, fields, detail FROM audit_log WHERE action = 'customer.read' ORDER BY seq",
  );

beforeEach(async () => {
  server = await makeTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('reading customers', () => {
  it('audits every read that hands out sensitive fields in clear, naming fields and records only', async () => {
    const row = enterpriseRow(1);
    const id = await create(row);
    const other = await create(enterpriseRow(2));

    expect((await server.call('sales', 'GET', `/v1/customers/${id}`)).status).toBe(200);
    await server.call('sales', 'GET', '/v1/customers');
    await server.call('sales', 'GET', '/v1/sync/pull?since=0');
    // Support sees masks only: nothing to audit.
    await server.call('support', 'GET', `/v1/customers/${id}`);
    await server.call('support', 'GET', '/v1/sync/pull?since=0');

    const reads = await clearReads();
    expect(reads.map((r) => [r.actor_id, r.record_id])).toEqual([
      ['u-sales', id],
      ['u-sales', null],
      ['u-sales', null],
    ]);
    expect(JSON.parse(reads[0]?.fields ?? '[]')).toEqual([{ field: 'email' }, { field: 'mobile' }]);
    expect(reads[1]?.detail).toBe(`GET /v1/customers: ${id},${other}`);
    expect(reads[2]?.detail).toBe(`GET /v1/sync/pull: ${id},${other}`);
    expect(JSON.stringify(reads)).not.toContain(String(row['mobile']));
  });

  it('searches names case-insensitively, and % or _ typed by the user match only themselves', async () => {
    const abc = await create({ ...enterpriseRow(3), name: '上海ABC科技有限公司' });
    await create({ ...enterpriseRow(4), name: '上海华信100号科技有限公司' });
    const search = async (q: string) => {
      const res = await server.call('sales', 'GET', `/v1/customers?q=${encodeURIComponent(q)}`);
      return (res.body['customers'] as { id: string }[]).map((c) => c.id);
    };
    expect(await search('abc')).toEqual([abc]);
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });
});
