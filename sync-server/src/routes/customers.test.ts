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

  it('refuses, naming it, a filter on a field the caller may not see in clear, and audits it', async () => {
    await server.call('admin', 'PATCH', '/v1/admin/roles/support/fields', {
      field: 'industry',
      access: 'hidden',
    });
    await create(enterpriseRow(7));
    const hidden = await server.call('support', 'GET', '/v1/customers?industry=manufacturing');
    expect(hidden).toMatchObject({
      status: 403,
      body: {
        error: {
          code: 'forbidden',
          fields: [{ field: 'industry', code: 'query.filterForbidden' }],
        },
      },
    });
    expect((hidden.body['error'] as { message: string }).message).toBe(
      '您无权按“所属行业”搜索或筛选',
    );
    // The export takes the same filters, and refuses the same way.
    await server.call('admin', 'PATCH', '/v1/admin/roles/supervisor/fields', {
      field: 'industry',
      access: 'masked',
    });
    const exported = await server.app.request('/v1/customers/export?industry=manufacturing', {
      headers: { authorization: `Bearer ${server.tokens.supervisor}` },
    });
    expect(exported.status).toBe(403);
    // Support sees mobiles masked yet finds a customer by the whole number (its keyed hash).
    const byMobile = await server.call(
      'support',
      'GET',
      `/v1/customers?mobile=${String(enterpriseRow(7)['mobile'])}`,
    );
    expect((byMobile.body['customers'] as unknown[]).length).toBe(1);
    const denied = await server.db.all(
      "SELECT actor_id FROM audit_log WHERE outcome = 'denied' AND action = 'customer.read'",
    );
    expect(denied).toEqual([{ actor_id: 'u-support' }, { actor_id: 'u-supervisor' }]);
  });

  it('takes in a province or a city by its code, and nothing beside it', async () => {
    const langfang = await create({ ...enterpriseRow(8), region: '131002' });
    const hengshui = await create({ ...enterpriseRow(9), region: '131102' });
    const chengdu = await create({ ...enterpriseRow(10), region: '510104' });
    const chongqing = await create({ ...enterpriseRow(11), region: '500101' });
    const ids = async (region: string) =>
      (
        (await server.call('sales', 'GET', `/v1/customers?region=${region}`)).body['customers'] as {
          id: string;
        }[]
      ).map((c) => c.id);
    expect(await ids('131000')).toEqual([langfang]);
    expect(await ids('130000')).toEqual([langfang, hengshui]);
    expect(await ids('500000')).toEqual([chongqing]);
    expect(await ids('510104')).toEqual([chengdu]);
  });
});
