import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../../shared/core/sync/mutation-outcome';
import { enterpriseRow, type makeTestServer } from '../../../test/support/test-server';

type Server = Awaited<ReturnType<typeof makeTestServer>>;

/**
 * What `q` finds in `/v1/customers` and its export, the same on every storage engine. The SQLite
 * and PostgreSQL tests call this with their own server factory.
 */
export function runCustomerSearchTests(name: string, makeServer: () => Promise<Server>): void {
  describe(`customer search: ${name}`, () => {
    let server: Server;
    // Unset when starting failed, so that the failure is reported rather than a close of nothing.
    let started: Server | undefined;
    let n = 0;
    beforeEach(async () => {
      server = await makeServer();
      started = server;
    });
    afterEach(async () => {
      await started?.close();
      started = undefined;
    });

    async function create(fields: Record<string, unknown>): Promise<string> {
      const res = await server.call('sales', 'POST', '/v1/sync/push', {
        clientId: 'sheet-1',
        mutations: [{ mutationId: `search-${String(n++).padStart(6, '0')}`, fields }],
      });
      const [outcome] = (res.body as unknown as PushResponse).outcomes;
      if (outcome?.status !== 'pending_review') throw new Error(JSON.stringify(outcome));
      return outcome.recordId;
    }

    const search = async (q: string) => {
      const res = await server.call('sales', 'GET', `/v1/customers?q=${encodeURIComponent(q)}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body['customers'] as { id: string }[]).map((c) => c.id).sort();
    };

    it('searches names case-insensitively, and % or _ typed by the user match only themselves', async () => {
      const abc = await create({ ...enterpriseRow(), name: '上海ABC科技有限公司' });
      await create({ ...enterpriseRow(), name: '上海华信100号科技有限公司' });
      const percent = await create({ ...enterpriseRow(), name: '百分之100%_贸易有限公司' });
      expect(await search('abc')).toEqual([abc]);
      expect(await search('%')).toEqual([percent]);
      expect(await search('0%_')).toEqual([percent]);
      expect(await search('_')).toEqual([percent]);
      expect(await search('0__')).toEqual([]);
    });

    it('searches text in the name and the contact name only, never in other fields', async () => {
      const byContact = await create({ ...enterpriseRow(), contactName: '欧阳娜娜' });
      await create({ ...enterpriseRow(), remarks: '欧阳先生介绍' });
      expect(await search('欧阳')).toEqual([byContact]);
      expect(await search('机器人')).toEqual([]);
    });

    it('finds a name or contact name typed as stored, in full width or in either case of A-Z', async () => {
      const elan = await create({
        ...enterpriseRow(),
        name: 'ÉLAN科技有限公司',
        contactName: 'Émile',
      });
      const alpha = await create({
        ...enterpriseRow(),
        name: 'ΑΛΦΑ贸易有限公司',
        contactName: 'Ωmega',
      });
      // Stored half-width, as IBM(中国)有限公司 and TOM.
      const ibm = await create({
        ...enterpriseRow(),
        name: 'ＩＢＭ（中国）有限公司',
        contactName: 'ＴＯＭ',
      });
      for (const q of ['ÉLAN', 'Élan', 'Émile', 'ÉMILE'])
        expect(await search(q), q).toEqual([elan]);
      for (const q of ['ΑΛΦΑ', 'Ωmega', 'ΩMEGA']) expect(await search(q), q).toEqual([alpha]);
      for (const q of ['ＩＢＭ', 'ibm', 'Ｉｂｍ（中国', 'IBM(中国)', 'ＴＯＭ', 'tom'])
        expect(await search(q), q).toEqual([ibm]);
      // Letters beyond A-Z keep their case on every engine: SQLite cannot fold them.
      for (const q of ['élan', 'émile', 'αλφα', 'ωmega']) expect(await search(q), q).toEqual([]);
    });

    it('still searches when a record stored by an older version holds half an emoji', async () => {
      const broken = await create({ ...enterpriseRow(), contactName: '欧阳娜娜' });
      const other = await create(enterpriseRow());
      // An older version took a lone surrogate, which JSON.stringify writes as the escape \ud83d.
      const row = await server.db.get<{ clear_data: string }>(
        'SELECT clear_data FROM customers WHERE id = ?',
        [broken],
      );
      const clear = JSON.parse(String(row?.clear_data)) as Record<string, string>;
      clear['demand'] = `${clear['demand']}\uD83D`;
      clear['remarks'] = '\uDE00 \\ud83d';
      await server.db.write((tx) =>
        tx.run('UPDATE customers SET clear_data = ? WHERE id = ?', [JSON.stringify(clear), broken]),
      );

      expect(await search('华信')).toEqual([broken, other].sort());
      expect(await search('欧阳')).toEqual([broken]);
      const exported = await server.app.request(
        `/v1/customers/export?q=${encodeURIComponent('欧阳')}`,
        { headers: { authorization: `Bearer ${server.tokens.supervisor}` } },
      );
      expect(exported.status).toBe(200);
      expect((await exported.text()).trim().split('\r\n')).toHaveLength(2);
    });
  });
}
