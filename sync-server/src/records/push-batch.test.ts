import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationOutcome, PushResponse } from '../../../shared/core/sync/mutation-outcome';
import { verifyStoredChain } from '../audit/verify-chain';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;
let ids = 0;
const mutation = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  mutationId: `batch-${String(ids++).padStart(8, '0')}`,
  fields,
  ...extra,
});

async function push(mutations: unknown[]): Promise<MutationOutcome[]> {
  const res = await server.call('sales', 'POST', '/v1/sync/push', {
    clientId: 'sheet-1',
    mutations,
  });
  expect(res.status).toBe(200);
  return (res.body as unknown as PushResponse).outcomes;
}

const recordIdOf = (o: MutationOutcome | undefined) => (o as { recordId: string }).recordId;

beforeEach(async () => {
  server = await makeTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('a push batch', () => {
  it('sees the rows written earlier in the same batch: duplicates, near duplicates and updates', async () => {
    const first = mutation(enterpriseRow(1));
    const sameMobile = { ...enterpriseRow(2), mobile: enterpriseRow(1)['mobile'] };
    const [created, duplicate, near] = await push([
      first,
      mutation(sameMobile),
      // 上海华信贸易1号 and 上海华信贸易5号: one character apart, same district.
      mutation(enterpriseRow(5)),
    ]);
    const id = recordIdOf(created);
    expect(duplicate).toMatchObject({ status: 'duplicate', existingId: id, matchedOn: ['mobile'] });
    expect(near).toMatchObject({ status: 'pending_review', possibleDuplicates: [id] });

    const { checkpoint } = created as { checkpoint: number };
    const [edited, again] = await push([
      mutation({ demand: '改为采购20台' }, { recordId: id, baseCheckpoint: checkpoint }),
      mutation({ contactTitle: '采购经理' }, { recordId: id, baseCheckpoint: checkpoint }),
    ]);
    expect(edited).toMatchObject({ status: 'applied' });
    expect(again).toMatchObject({ status: 'merged', mergedFields: ['demand'] });
    const record = await server.call('sales', 'GET', `/v1/customers/${id}`);
    expect(record.body).toMatchObject({
      values: { demand: '改为采购20台', contactTitle: '采购经理' },
    });
  });

  it('frees a mobile changed away earlier in the batch for a new row', async () => {
    const [created] = await push([mutation(enterpriseRow(10))]);
    const id = recordIdOf(created);
    const { checkpoint } = created as { checkpoint: number };
    const oldMobile = enterpriseRow(10)['mobile'];
    const [moved, reused] = await push([
      mutation({ mobile: '13700000000' }, { recordId: id, baseCheckpoint: checkpoint }),
      mutation({ ...enterpriseRow(11), mobile: oldMobile }),
    ]);
    expect(moved).toMatchObject({ status: 'applied' });
    expect(reused).toMatchObject({ status: 'pending_review' });
  });

  it('answers a mutation ID given twice in one batch once', async () => {
    const m = mutation(enterpriseRow(20));
    const [a, b] = await push([m, m]);
    expect(b).toEqual(a);
    expect(await server.db.get('SELECT COUNT(*) AS n FROM customers')).toEqual({ n: 1 });
  });

  it('falls back to one row at a time when a batch statement fails, and only that row fails', async () => {
    // Stands in for a uniqueness another server instance raced us to.
    await server.db.write((tx) =>
      tx.run(
        "CREATE TRIGGER refuse_one BEFORE INSERT ON customers WHEN NEW.name LIKE '%31号%' BEGIN SELECT RAISE(ABORT, 'refused'); END",
      ),
    );
    const outcomes = await push([30, 31, 32].map((i) => mutation(enterpriseRow(i))));
    expect(outcomes.map((o) => o.status)).toEqual(['pending_review', 'invalid', 'pending_review']);
    expect(outcomes[1]).toMatchObject({ errors: [{ field: 'id', code: 'row.failed' }] });
    // The failed row's ID went back: the IDs that exist have no gap.
    expect([recordIdOf(outcomes[0]), recordIdOf(outcomes[2])]).toEqual([
      'CUS202405010001',
      'CUS202405010002',
    ]);
    // Its outcome was not kept, so a retry once the cause is gone applies it.
    await server.db.write((tx) => tx.run('DROP TRIGGER refuse_one'));
    const [retried] = await push([
      { mutationId: outcomes[1]?.mutationId, fields: enterpriseRow(31) },
    ]);
    expect(retried).toMatchObject({ status: 'pending_review', recordId: 'CUS202405010003' });
    const chain = await verifyStoredChain(server.db);
    expect(chain.ok).toBe(true);
  });

  it('gives the 10,000th customer of a day a five-digit serial instead of refusing it', async () => {
    await server.db.write((tx) =>
      tx.run("INSERT INTO id_counters (period, last_serial) VALUES ('CUS20240501', 9999)"),
    );
    const [created] = await push([mutation(enterpriseRow(40))]);
    expect(created).toMatchObject({ status: 'pending_review', recordId: 'CUS2024050110000' });
  });
});
