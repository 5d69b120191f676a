import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationOutcome, PushResponse } from '../../../shared/core/sync/mutation-outcome';
import { verifyStoredChain } from '../audit/verify-chain';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';
import type { DedupeKeys } from './customer-row';
import { PushBatch } from './push-batch';
import { forgetRecentNames } from './push';

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

  it('writes a long batch with each row as the batch left it: one record edited around 300 new ones', async () => {
    const [created] = await push([mutation(enterpriseRow(1000))]);
    const id = recordIdOf(created);
    const { checkpoint } = created as { checkpoint: number };
    const outcomes = await push([
      mutation({ demand: '改为采购20台' }, { recordId: id, baseCheckpoint: checkpoint }),
      ...Array.from({ length: 300 }, (_, i) => mutation(enterpriseRow(1001 + i))),
      mutation(
        { contactTitle: '采购经理', tags: ['区域-华东'] },
        { recordId: id, baseCheckpoint: checkpoint },
      ),
    ]);
    expect(outcomes.filter((o) => o.status === 'pending_review')).toHaveLength(300);
    expect(outcomes.at(-1)).toMatchObject({ status: 'merged' });
    const record = await server.call('sales', 'GET', `/v1/customers/${id}`);
    expect(record.body).toMatchObject({
      values: { demand: '改为采购20台', contactTitle: '采购经理', tags: ['区域-华东'] },
    });
    expect(
      await server.db.all('SELECT tag FROM customer_tags WHERE customer_id = ?', [id]),
    ).toEqual([{ tag: '区域-华东' }]);
    expect(await server.db.get('SELECT COUNT(*) AS n FROM customers')).toEqual({ n: 301 });
  });

  it('rolls a long batch back whole when one row is refused, then only that row fails', async () => {
    await server.db.write((tx) =>
      tx.run(
        "CREATE TRIGGER refuse_one BEFORE INSERT ON customers WHEN NEW.name LIKE '%2150号%' BEGIN SELECT RAISE(ABORT, 'refused'); END",
      ),
    );
    const outcomes = await push(
      Array.from({ length: 300 }, (_, i) => mutation(enterpriseRow(2000 + i))),
    );
    expect(outcomes.map((o, i) => (o.status === 'invalid' ? i : -1)).filter((i) => i >= 0)).toEqual(
      [150],
    );
    const rows = await server.db.all<{ id: string }>('SELECT id FROM customers ORDER BY id');
    expect(rows).toHaveLength(299);
    // Gapless: nothing of the first try is left, and the refused row's ID went back.
    expect(rows.at(-1)?.id).toBe('CUS202405010299');
    expect(await server.db.get('SELECT COUNT(*) AS n FROM mutations')).toEqual({ n: 299 });
    expect((await verifyStoredChain(server.db)).ok).toBe(true);
  });

  it('gives the 10,000th customer of a day a five-digit serial instead of refusing it', async () => {
    await server.db.write((tx) =>
      tx.run("INSERT INTO id_counters (period, last_serial) VALUES ('CUS20240501', 9999)"),
    );
    const [created] = await push([mutation(enterpriseRow(40))]);
    expect(created).toMatchObject({ status: 'pending_review', recordId: 'CUS2024050110000' });
  });
});

describe('reading ahead of the transaction', () => {
  type KeyRow = {
    id: string;
    mobile_hash: string | null;
    email_hash: string | null;
    credit_code_hash: string | null;
    name_key: string;
    trade_name: string;
  };
  const keysOf = (r: KeyRow): DedupeKeys => ({
    mobile: r.mobile_hash,
    email: r.email_hash,
    creditCode: r.credit_code_hash,
    idNumber: null,
    nameKey: r.name_key,
    companyKey: r.trade_name,
  });

  it('answers, once brought up to date, exactly what reading inside the transaction answers', async () => {
    // One city with more names than the near-duplicate window holds, one with a few.
    await push(Array.from({ length: 330 }, (_, i) => mutation(enterpriseRow(1000 + i))));
    await push(
      Array.from({ length: 8 }, (_, i) =>
        mutation({ ...enterpriseRow(2000 + i), region: '110105' }),
      ),
    );
    const stored = await server.db.all<KeyRow>(
      'SELECT id, mobile_hash, email_hash, credit_code_hash, name_key, trade_name FROM customers ORDER BY id',
    );
    const asked = stored.filter((_, i) => i % 7 === 0);
    const keys = [
      ...asked.map(keysOf),
      { ...keysOf(stored[0] as KeyRow), mobile: 'no-such-hash', nameKey: 'no-such-key' },
    ];
    const places = [
      { tradeName: stored[0]?.trade_name ?? null, cityCode: '3101' },
      { tradeName: stored.at(-1)?.trade_name ?? null, cityCode: '1101' },
    ];
    const { keyRing } = server.deps;
    const ahead = await PushBatch.readAhead(server.db, keyRing, new Date(), keys, places);

    // Then, before the transaction: new rows in both cities, rows edited, moved and merged.
    await push([
      ...Array.from({ length: 5 }, (_, i) => mutation(enterpriseRow(3000 + i))),
      mutation({ ...enterpriseRow(3100), region: '110105' }),
    ]);
    const newest = await server.db.all<{ id: string; checkpoint: number }>(
      "SELECT id, checkpoint FROM customers WHERE city_code = '3101' ORDER BY checkpoint DESC LIMIT 40",
    );
    const moved = newest.slice(5, 25).map((r) => r.id);
    const merged = [asked[1]?.id ?? '', stored.at(-2)?.id ?? ''];
    const edited = asked[2]?.id ?? '';
    await server.db.write(async (tx) => {
      const top = await tx.get<{ value: number }>(
        "SELECT value FROM counters WHERE name = 'checkpoint'",
      );
      let checkpoint = Number(top?.value);
      const bump = async (sql: string, id: string) => {
        checkpoint += 1;
        await tx.run(`UPDATE customers SET ${sql}, checkpoint = ? WHERE id = ?`, [checkpoint, id]);
      };
      for (const id of moved) await bump("city_code = '4403', region = '440305'", id);
      for (const id of merged) await bump("status = 'merged', name_key = 'merged:' || id", id);
      await bump("mobile_hash = 'moved-away', email_hash = NULL", edited);
      await tx.run("UPDATE counters SET value = ? WHERE name = 'checkpoint'", [checkpoint]);
    });

    await server.db.write(async (tx) => {
      const adopted = new PushBatch(tx, keyRing, new Date());
      await adopted.adopt(ahead);
      await adopted.prefetch([], keys, places);
      const fresh = new PushBatch(tx, keyRing, new Date());
      await fresh.prefetch([], keys, places);
      for (const k of keys)
        expect(await adopted.exactDuplicate(k, null)).toEqual(await fresh.exactDuplicate(k, null));
      for (const name of [...stored.map((r) => r.trade_name)].filter((_, i) => i % 11 === 0)) {
        for (const city of ['3101', '1101']) {
          expect(await adopted.nearDuplicates(name, city, null)).toEqual(
            await fresh.nearDuplicates(name, city, null),
          );
        }
      }
    });
  });
});

describe('starting from the candidates the last batch left', () => {
  // Trade names 华 + three characters: two names are near only when they share two of those,
  // so a row's possible duplicates sit where the test puts them, at the window's far end too.
  const chars =
    '安百昌德丰福光海恒宏华佳金锦京凯康力隆茂美明鹏启荣瑞润盛泰通万威祥新信兴亚益永宇源远泽正志中众卓';
  // (a, b, 7a + b) for i = 48b + a: two names of different i differ in at least two places.
  const nameOf = (i: number, change = 0) => {
    const at = (n: number) => chars[n % chars.length] ?? '';
    const a = i % chars.length;
    const b = Math.floor(i / chars.length);
    return `上海华${at(a + change)}${at(b)}${at(7 * a + b)}科技有限公司`;
  };
  const row = (i: number, region = '310115') =>
    mutation({ ...enterpriseRow(i), name: nameOf(i), region });

  it('answers every push exactly as a server that reads them all afresh', async () => {
    const afresh = await makeTestServer();
    try {
      const both = async (mutations: unknown[]) => {
        forgetRecentNames(afresh.db);
        const res = await afresh.call('sales', 'POST', '/v1/sync/push', {
          clientId: 'sheet-1',
          mutations,
        });
        const expected = (res.body as unknown as PushResponse).outcomes;
        expect(await push(mutations)).toEqual(expected);
        return expected;
      };
      const sql = async (statement: string) => {
        for (const db of [server.db, afresh.db]) await db.write((tx) => tx.run(statement));
      };
      const created = await both(Array.from({ length: 310 }, (_, i) => row(i)));
      expect(created.every((o) => o.status === 'pending_review')).toBe(true);
      await both(Array.from({ length: 6 }, (_, i) => row(400 + i, '110105')));
      const idOf = (j: number) => recordIdOf(created[j]);
      const checkpointOf = async (j: number) =>
        Number(
          (
            await server.db.get<{ checkpoint: number }>(
              'SELECT checkpoint FROM customers WHERE id = ?',
              [idOf(j)],
            )
          )?.checkpoint,
        );
      const move = async (j: number) =>
        mutation(
          { region: '440305' },
          { recordId: idOf(j), baseCheckpoint: await checkpointOf(j) },
        );
      const near = (j: number, k: number) =>
        mutation({ ...enterpriseRow(2000 + k), name: nameOf(j, 1), region: '310115' });
      let flagged = 0;
      let k = 0;
      for (let round = 0; round < 3; round += 1) {
        // A batch that moves more rows out of the city than it adds: what it leaves of the
        // newest 300 is too short to start the next batch from.
        await both([
          ...(await Promise.all(Array.from({ length: 12 }, (_, i) => move(100 + round * 20 + i)))),
          row(1500 + round, '110105'),
        ]);
        // Rows near the ones that came into the newest 300 (the oldest), near the ones that
        // moved away, and near the newest.
        const outcomes = await both([
          ...[0, 2, 4, 6, 8, 10].map((j) => near(j + round, k++)),
          ...[100, 101, 102].map((j) => near(j + round * 20, k++)),
          ...[300, 305].map((j) => near(j, k++)),
        ]);
        flagged += outcomes.filter(
          (o) => ((o as { possibleDuplicates?: string[] }).possibleDuplicates ?? []).length > 0,
        ).length;
        // Between batches, rows leave the newest too, as an edit by another route would move
        // them, each to a new checkpoint.
        await sql(
          `UPDATE customers SET city_code = '4403', region = '440305', checkpoint = checkpoint + ${1000 * (round + 1)} WHERE id IN (SELECT id FROM customers WHERE city_code = '3101' ORDER BY checkpoint DESC LIMIT 4)`,
        );
        await sql(
          "UPDATE counters SET value = (SELECT MAX(checkpoint) FROM customers) WHERE name = 'checkpoint'",
        );
      }
      expect(flagged).toBeGreaterThan(0);
    } finally {
      await afresh.close();
    }
  });
});
