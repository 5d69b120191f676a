import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationOutcome, PushResponse } from '../../../shared/core/sync/mutation-outcome';
import type { PullResponse } from '../../../shared/core/sync/pull-response';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;
let ids = 0;
const mutation = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  mutationId: `mut-${String(ids++).padStart(8, '0')}`,
  fields,
  ...extra,
});

async function push(
  as: Parameters<Server['call']>[0],
  mutations: unknown[],
  headers: Record<string, string> = {},
) {
  const res = await server.call(
    as,
    'POST',
    '/v1/sync/push',
    { clientId: 'sheet-1', mutations },
    headers,
  );
  expect(res.status).toBe(200);
  return (res.body as unknown as PushResponse).outcomes;
}

async function pull(as: Parameters<Server['call']>[0], since = 0, query = '') {
  const res = await server.call(as, 'GET', `/v1/sync/pull?since=${since}${query}`);
  expect(res.status).toBe(200);
  return res.body as unknown as PullResponse;
}

beforeEach(async () => {
  server = await makeTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('push', () => {
  it('answers each row on its own: a bad mobile is invalid and named, the good row goes to review', async () => {
    const bad = { ...enterpriseRow(), mobile: '1381234' };
    const [invalid, pending] = await push('entryClerk', [mutation(bad), mutation(enterpriseRow())]);
    expect(invalid).toMatchObject({
      status: 'invalid',
      errors: [{ field: 'mobile', code: 'mobile.format' }],
    });
    expect((invalid as Extract<MutationOutcome, { status: 'invalid' }>).errors[0]?.message).toMatch(
      /^手机号格式错误/,
    );
    expect(pending?.status).toBe('pending_review');
    expect((pending as { recordId: string }).recordId).toMatch(/^CUS20240501\d{4}$/);
    expect(await server.db.get('SELECT COUNT(*) AS n FROM customers')).toEqual({ n: 1 });
  });

  it('answers a malformed mutation invalid on its own, and refuses only a push with a mutation it cannot name', async () => {
    const outcomes = await push('sales', [
      mutation(enterpriseRow()),
      mutation({ demand: 'x' }, { recordId: 'CUS1' }),
      mutation({ demand: 'x' }, { recordId: 'CUS202405010001', baseCheckpoint: -1 }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['pending_review', 'invalid', 'invalid']);
    expect(outcomes[1]).toMatchObject({ errors: [{ field: 'recordId' }] });
    expect(outcomes[2]).toMatchObject({ errors: [{ field: 'baseCheckpoint' }] });
    const onlyBad = await push('sales', [mutation({ demand: 'x' }, { recordId: 'CUS1' })]);
    expect(onlyBad.map((o) => o.status)).toEqual(['invalid']);
    const unnamed = await server.call('sales', 'POST', '/v1/sync/push', {
      clientId: 'sheet-1',
      mutations: [mutation(enterpriseRow()), { mutationId: 'm1', fields: {} }],
    });
    expect(unnamed).toMatchObject({
      status: 400,
      body: { error: { fields: [{ field: 'mutations.1.mutationId' }] } },
    });
    expect(await server.db.get('SELECT COUNT(*) AS n FROM customers')).toEqual({ n: 1 });
  });

  it('refuses invisible control characters in text, naming the field, and keeps the rest of the batch', async () => {
    const [nul, ok] = await push('sales', [
      mutation({ ...enterpriseRow(), name: '上海\u0000华信科技有限公司' }),
      mutation(enterpriseRow()),
    ]);
    expect(nul).toMatchObject({
      status: 'invalid',
      errors: [{ field: 'name', code: 'text.control' }],
    });
    expect((nul as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /^客户名称含有不可见的控制字符/,
    );
    expect(ok).toMatchObject({ status: 'pending_review' });
  });

  it('refuses half an emoji (a lone surrogate) in text, naming the field, in either language', async () => {
    // e.g. a cell cut at a fixed length in the middle of 😀
    const [zh, ok] = await push('sales', [
      mutation({ ...enterpriseRow(), demand: '需要采购10台工业机器人\uD83D' }),
      mutation({ ...enterpriseRow(), demand: '需要采购10台工业机器人😀' }),
    ]);
    expect(zh).toMatchObject({
      status: 'invalid',
      errors: [{ field: 'demand', code: 'text.brokenCharacter' }],
    });
    expect((zh as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /^需求描述含有残缺的字符/,
    );
    expect(ok).toMatchObject({ status: 'pending_review' });
    const [en] = await push(
      'sales',
      [mutation({ ...enterpriseRow(), contactName: '\uDE00张伟' })],
      { 'accept-language': 'en' },
    );
    expect(en).toMatchObject({
      status: 'invalid',
      errors: [{ field: 'contactName', code: 'text.brokenCharacter' }],
    });
    expect((en as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /contains a broken character/,
    );
  });

  it('cleans a control character or half an emoji an older version stored, instead of refusing edits of other fields', async () => {
    const [created] = await push('sales', [mutation({ ...enterpriseRow(), remarks: '备注' })]);
    const { recordId } = created as { recordId: string };
    const row = await server.db.get<{ clear_data: string; checkpoint: number }>(
      'SELECT clear_data, checkpoint FROM customers WHERE id = ?',
      [recordId],
    );
    const clear = JSON.parse(String(row?.clear_data)) as Record<string, unknown>;
    clear['remarks'] = '备\u0001注\uD83D';
    await server.db.write((tx) =>
      tx.run('UPDATE customers SET clear_data = ? WHERE id = ?', [JSON.stringify(clear), recordId]),
    );
    const [edit] = await push('sales', [
      mutation({ demand: '改为采购20台' }, { recordId, baseCheckpoint: Number(row?.checkpoint) }),
    ]);
    expect(edit).toMatchObject({ status: 'applied' });
    const after = await server.call('sales', 'GET', `/v1/customers/${recordId}`);
    expect(after.body).toMatchObject({ values: { remarks: '备注', demand: '改为采购20台' } });
  });

  it('speaks English when asked', async () => {
    const [outcome] = await push('entryClerk', [mutation({ ...enterpriseRow(), mobile: '' })], {
      'accept-language': 'en',
    });
    expect(outcome).toMatchObject({
      status: 'invalid',
      errors: [{ field: 'mobile', message: 'Mobile is required' }],
    });
  });

  it('refuses an exact duplicate with the existing ID, also when typed differently', async () => {
    const row = enterpriseRow();
    const [first] = await push('entryClerk', [mutation(row)]);
    const sameMobile = {
      ...enterpriseRow(),
      mobile: `+86 ${String(row['mobile']).slice(0, 3)}-${String(row['mobile']).slice(3)}`,
    };
    const sameName = {
      ...enterpriseRow(),
      name: ` ${String(row['name']).replace('上海', '')}(上海)有限责任公司`.replace(
        '有限公司(',
        '(',
      ),
    };
    const [dupMobile, dupName] = await push('entryClerk', [
      mutation(sameMobile),
      mutation(sameName),
    ]);
    const existingId = (first as { recordId: string }).recordId;
    expect(dupMobile).toMatchObject({ status: 'duplicate', existingId, matchedOn: ['mobile'] });
    expect((dupMobile as { message: string }).message).toContain(existingId);
    expect(dupName).toMatchObject({ status: 'duplicate', existingId, matchedOn: ['name'] });
  });

  it('applies a retried mutation once and answers it the same way', async () => {
    const m = mutation(enterpriseRow());
    const [first] = await push('entryClerk', [m]);
    const [again] = await push('entryClerk', [m]);
    expect(again).toEqual(first);
    expect(await server.db.get('SELECT COUNT(*) AS n FROM customers')).toEqual({ n: 1 });
  });

  it('merges edits of different fields and reports a conflict on the same field with both values', async () => {
    const [created] = await push('sales', [mutation(enterpriseRow())]);
    const { recordId, checkpoint } = created as { recordId: string; checkpoint: number };
    const [a] = await push('sales', [
      mutation({ demand: '改为采购20台' }, { recordId, baseCheckpoint: checkpoint }),
    ]);
    expect(a).toMatchObject({ status: 'applied' });
    const [b] = await push('sales', [
      mutation({ contactTitle: '采购经理' }, { recordId, baseCheckpoint: checkpoint }),
    ]);
    expect(b).toMatchObject({ status: 'merged', mergedFields: ['demand'] });
    const [c] = await push('sales', [
      mutation({ demand: '改为采购30台' }, { recordId, baseCheckpoint: checkpoint }),
    ]);
    expect(c).toMatchObject({
      status: 'conflict',
      conflicts: [{ field: 'demand', yours: '改为采购30台', theirs: '改为采购20台' }],
    });
    const record = await server.call('sales', 'GET', `/v1/customers/${recordId}`);
    expect(record.body).toMatchObject({
      values: { demand: '改为采购20台', contactTitle: '采购经理' },
    });
    // The conflict is audited as a refused change naming the field, without its values.
    const refused = await server.db.all(
      "SELECT record_id, fields, outcome, detail FROM audit_log WHERE action = 'customer.update' AND outcome <> 'success'",
    );
    expect(refused).toEqual([
      {
        record_id: recordId,
        fields: '[{"field":"demand"}]',
        outcome: 'failed',
        detail: 'conflict',
      },
    ]);
  });

  it("answers another user's mutation ID with forbidden, never with its author's outcome", async () => {
    const [created] = await push('sales', [mutation(enterpriseRow())]);
    const { recordId, checkpoint } = created as { recordId: string; checkpoint: number };
    await push('sales', [
      mutation({ mobile: '13900000001' }, { recordId, baseCheckpoint: checkpoint }),
    ]);
    // A conflict outcome carries the values its author sees in clear.
    const theirs = mutation({ mobile: '13900000002' }, { recordId, baseCheckpoint: checkpoint });
    const [conflict] = await push('sales', [theirs]);
    expect(JSON.stringify(conflict)).toContain('13900000001');

    const own = mutation(enterpriseRow());
    const answer = await server.call('auditor', 'POST', '/v1/sync/push', {
      clientId: 'x',
      mutations: [{ mutationId: theirs.mutationId, fields: {} }, own],
    });
    const outcomes = (answer.body as unknown as PushResponse).outcomes;
    expect(outcomes.map((o) => [o.mutationId, o.status])).toEqual([
      [theirs.mutationId, 'forbidden'],
      [own.mutationId, 'forbidden'],
    ]);
    expect(JSON.stringify(answer.body)).not.toContain('13900000001');
    expect(JSON.stringify(answer.body)).not.toContain(recordId);
    const denied = await server.db.all<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE actor_id = 'u-auditor' AND action = 'sync.push' AND outcome = 'denied'",
    );
    expect(denied).toEqual([{ detail: `mutation ${theirs.mutationId} belongs to another user` }]);

    // The batch's other rows are still applied, in order, and the author's retry is answered.
    const [foreign, fresh] = await push('entryClerk', [
      { ...theirs, fields: {} },
      mutation(enterpriseRow()),
    ]);
    expect(foreign).toMatchObject({ mutationId: theirs.mutationId, status: 'forbidden' });
    expect(fresh).toMatchObject({ status: 'pending_review' });
    expect(await push('sales', [theirs])).toEqual([conflict]);
  });

  it('keeps others out of records outside their rows', async () => {
    const [created] = await push('sales', [mutation(enterpriseRow())]);
    const { recordId } = created as { recordId: string };
    const [outcome] = await push('otherSales', [
      mutation({ demand: 'x' }, { recordId, baseCheckpoint: 0 }),
    ]);
    expect(outcome).toMatchObject({ status: 'forbidden' });
    const [auditor] = await push('auditor', [mutation(enterpriseRow())]);
    expect(auditor).toMatchObject({ status: 'forbidden' });
  });

  it("holds a new row to the caller's field rules: nothing it may only view or may not see", async () => {
    await server.call('admin', 'PATCH', '/v1/admin/roles/sales/fields', {
      field: 'remarks',
      access: 'hidden',
    });
    await server.call('admin', 'PATCH', '/v1/admin/roles/sales/fields', {
      field: 'owner',
      access: 'view',
    });
    const [hidden, handedOn, own] = await push('sales', [
      mutation({ ...enterpriseRow(), remarks: '不该写入' }),
      mutation({ ...enterpriseRow(), owner: 'u-otherSales' }),
      mutation({ ...enterpriseRow(), owner: 'u-sales' }),
    ]);
    expect(hidden).toMatchObject({ status: 'forbidden', message: '您没有权限修改特殊要求' });
    expect(handedOn).toMatchObject({ status: 'forbidden', message: '您没有权限修改跟进负责人' });
    expect(own).toMatchObject({ status: 'pending_review' });
    expect(await server.db.get('SELECT COUNT(*) AS n FROM customers')).toEqual({ n: 1 });
  });

  it('refuses any value for a hidden field, so a guess at its mask tells nothing', async () => {
    const row = enterpriseRow();
    const [created] = await push('sales', [mutation(row)]);
    const { recordId, checkpoint } = created as { recordId: string; checkpoint: number };
    await server.call('admin', 'PATCH', '/v1/admin/roles/sales/fields', {
      field: 'mobile',
      access: 'hidden',
    });
    const mobile = String(row['mobile']);
    const rightMask = `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
    const outcomes = await push('sales', [
      mutation({ mobile: rightMask }, { recordId, baseCheckpoint: checkpoint }),
      mutation({ mobile: '139****0000' }, { recordId, baseCheckpoint: checkpoint }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['forbidden', 'forbidden']);
  });
});

describe('pull and masking', () => {
  it('hands support every record with contact details masked, and the sales owner in clear', async () => {
    const row = enterpriseRow();
    await push('sales', [mutation(row)]);
    const support = await pull('support');
    expect(support.records).toHaveLength(1);
    expect(support.records[0]?.values['mobile']).toBe(
      `${String(row['mobile']).slice(0, 3)}****${String(row['mobile']).slice(-4)}`,
    );
    expect(support.records[0]?.masked).toEqual(expect.arrayContaining(['mobile', 'email']));
    expect(JSON.stringify(support)).not.toContain(String(row['mobile']));
    const owner = await pull('sales');
    expect(owner.records[0]?.values['mobile']).toBe(row['mobile']);
    // Another team's salesperson sees nothing, not even the ID of what it may not see.
    expect(await pull('otherSales')).toMatchObject({ records: [], removed: [] });
    expect((await pull('auditor')).records).toEqual([]);
  });

  it('pulls only what changed after the checkpoint, in pages', async () => {
    await push('sales', [
      mutation(enterpriseRow()),
      mutation(enterpriseRow()),
      mutation(enterpriseRow()),
    ]);
    const page = await server.call('sales', 'GET', '/v1/sync/pull?since=0&limit=2');
    const first = page.body as unknown as PullResponse;
    expect(first.records).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const rest = await pull('sales', first.checkpoint);
    expect(rest.records).toHaveLength(1);
    expect(rest.hasMore).toBe(false);
    expect((await pull('sales', rest.checkpoint)).records).toEqual([]);
  });

  it('names as removed only the rows that left the caller, and moves a reassigned row to its new owner', async () => {
    // The clerk files a row for the salesperson of team east.
    const [filed] = await push('entryClerk', [mutation({ ...enterpriseRow(), owner: 'u-sales' })]);
    const { recordId, checkpoint } = filed as { recordId: string; checkpoint: number };
    const sales = await pull('sales');
    expect(sales.records.map((r) => r.id)).toEqual([recordId]);
    const west = await pull('otherSales');
    expect(west.records).toEqual([]);
    // Nothing of team west's is left to read up to here.
    expect(west.checkpoint).toBe(checkpoint);

    // Someone else's new row is none of team west's business, not even by ID, and the
    // checkpoint moves past it.
    const [own] = await push('sales', [mutation(enterpriseRow())]);
    const ownId = (own as { recordId: string }).recordId;
    const westLater = await pull('otherSales', west.checkpoint);
    expect(westLater).toMatchObject({ records: [], removed: [] });
    expect(westLater.checkpoint).toBeGreaterThan(west.checkpoint);

    // Reassigned to team west: it leaves the salesperson's rows and enters the new owner's.
    const [moved] = await push('entryClerk', [
      mutation({ owner: 'u-otherSales' }, { recordId, baseCheckpoint: checkpoint }),
    ]);
    expect(moved).toMatchObject({ status: 'applied' });
    const salesLater = await pull('sales', sales.checkpoint);
    expect(salesLater.removed).toEqual([recordId]);
    expect(salesLater.records.map((r) => r.id)).toEqual([ownId]);
    const westLatest = await pull('otherSales', westLater.checkpoint);
    expect(westLatest).toMatchObject({ removed: [] });
    expect(westLatest.records.map((r) => r.id)).toEqual([recordId]);
    expect((await server.call('otherSales', 'GET', `/v1/customers/${recordId}`)).status).toBe(200);
    expect((await server.call('sales', 'GET', `/v1/customers/${recordId}`)).status).toBe(404);
    // The clerk who filed it keeps it, and is told of no removal.
    expect((await pull('entryClerk', checkpoint)).removed).toEqual([]);
  });

  it("files a record under its owner's team, and moves it with a reassignment", async () => {
    const [forWest, forEast] = await push('entryClerk', [
      mutation({ ...enterpriseRow(), owner: 'u-otherSales' }),
      mutation({ ...enterpriseRow(), owner: 'u-sales' }),
    ]);
    const westId = (forWest as { recordId: string }).recordId;
    const eastId = (forEast as { recordId: string }).recordId;
    // The supervisor of team east sees its member's record, not the one filed for team west.
    const before = await pull('supervisor');
    expect(before.records.map((r) => r.id)).toEqual([eastId]);
    const teams = await server.db.all('SELECT id, team FROM customers ORDER BY id');
    expect(teams).toEqual([
      { id: westId, team: 'west' },
      { id: eastId, team: 'east' },
    ]);
    // Handed to team west: it leaves team east's rows, and its supervisor's sheet.
    const [moved] = await push('sales', [
      mutation(
        { owner: 'u-otherSales' },
        { recordId: eastId, baseCheckpoint: (forEast as { checkpoint: number }).checkpoint },
      ),
    ]);
    expect(moved).toMatchObject({ status: 'applied' });
    const after = await pull('supervisor', before.checkpoint, `&epoch=${before.epoch}`);
    expect(after).toMatchObject({ records: [], removed: [eastId] });
    expect((await pull('otherSales')).records.map((r) => r.id).sort()).toEqual(
      [westId, eastId].sort(),
    );
  });

  it("moves a user's customers with the user to another team", async () => {
    const [created] = await push('sales', [mutation(enterpriseRow())]);
    const { recordId } = created as { recordId: string };
    const moved = await server.call('admin', 'PUT', '/v1/admin/users/u-sales', {
      email: 'sales@example.com',
      displayName: 'sales',
      roleId: 'sales',
      team: 'west',
    });
    expect(moved.status).toBe(200);
    expect(await server.db.get('SELECT team FROM customers WHERE id = ?', [recordId])).toEqual({
      team: 'west',
    });
    expect((await pull('supervisor')).records).toEqual([]);
  });

  it('refuses an owner who is not an active user, naming the field, and keeps the record where it was', async () => {
    const [created] = await push('sales', [mutation(enterpriseRow())]);
    const { recordId, checkpoint } = created as { recordId: string; checkpoint: number };
    const [typo, fresh] = await push('sales', [
      mutation({ owner: 'u-nobody' }, { recordId, baseCheckpoint: checkpoint }),
      mutation({ ...enterpriseRow(), owner: 'u-nobody' }),
    ]);
    for (const outcome of [typo, fresh]) {
      expect(outcome).toMatchObject({
        status: 'invalid',
        errors: [{ field: 'owner', code: 'owner.unknown' }],
      });
      expect((outcome as { errors: { message: string }[] }).errors[0]?.message).toContain(
        'u-nobody',
      );
    }
    // A user the admin turned off is no owner either.
    const off = await server.call('admin', 'PUT', '/v1/admin/users/u-otherSales', {
      email: 'othersales@example.com',
      displayName: 'otherSales',
      roleId: 'sales',
      team: 'west',
      active: false,
    });
    expect(off.status).toBe(200);
    const [inactive] = await push('sales', [
      mutation({ owner: 'u-otherSales' }, { recordId, baseCheckpoint: checkpoint }),
    ]);
    expect(inactive).toMatchObject({ status: 'invalid', errors: [{ field: 'owner' }] });
    const [moved] = await push('sales', [
      mutation({ owner: 'u-supervisor' }, { recordId, baseCheckpoint: checkpoint }),
    ]);
    expect(moved).toMatchObject({ status: 'applied' });
  });

  it('resets once after a permission change, and pages through the reset to the end', async () => {
    await push(
      'entryClerk',
      [1, 2, 3].map((i) => mutation(enterpriseRow(100 + i))),
    );
    await push(
      'sales',
      [4, 5].map((i) => mutation(enterpriseRow(100 + i))),
    );
    // Support sees everything; page through it in twos, keeping checkpoint and epoch.
    let page = await pull('support', 0, '&limit=2');
    let { checkpoint, epoch } = page;
    while (page.hasMore) {
      page = await pull('support', checkpoint, `&limit=2&epoch=${epoch}`);
      ({ checkpoint, epoch } = page);
    }
    expect((await pull('support', checkpoint, `&epoch=${epoch}`)).reset).toBe(false);

    // Support becomes a salesperson of team west: it may now hold none of these rows.
    const changed = await server.call('admin', 'PUT', '/v1/admin/users/u-support', {
      email: 'support@example.com',
      displayName: 'support',
      roleId: 'sales',
      team: 'west',
    });
    expect(changed.status).toBe(200);
    await push('support', [mutation(enterpriseRow(106))]);

    page = await pull('support', checkpoint, `&limit=2&epoch=${epoch}`);
    expect(page.reset).toBe(true);
    expect(page.epoch).toBeGreaterThan(epoch);
    const seen = [...page.records.map((r) => r.id)];
    let pages = 1;
    while (page.hasMore) {
      page = await pull('support', page.checkpoint, `&limit=2&epoch=${page.epoch}`);
      expect(page.reset).toBe(false);
      seen.push(...page.records.map((r) => r.id));
      pages += 1;
      expect(pages).toBeLessThan(10);
    }
    // Only its own new row; and a pull from 0 names none of the rows it may not see.
    expect(seen).toHaveLength(1);
    expect((await pull('support', 0)).removed).toEqual([]);
  });

  it('starts a client over whose checkpoint this server never handed out (a restored database)', async () => {
    await push('sales', [mutation(enterpriseRow())]);
    const { checkpoint, epoch } = await pull('sales');
    const ahead = await pull('sales', checkpoint + 1000, `&epoch=${epoch}`);
    expect(ahead).toMatchObject({ reset: true, checkpoint });
    expect(ahead.records).toHaveLength(1);
    expect((await pull('sales', checkpoint, `&epoch=${epoch}`)).reset).toBe(false);
  });

  it('never resets a client that sends no epoch, so it pages to the end after a permission change', async () => {
    await push(
      'sales',
      [1, 2, 3, 4].map((i) => mutation(enterpriseRow(200 + i))),
    );
    const first = await pull('support', 0, '&limit=2');
    // Permissions change while the client pages.
    await server.call('admin', 'PATCH', '/v1/admin/roles/support/fields', {
      field: 'remarks',
      access: 'hidden',
    });
    let since = first.checkpoint;
    const seen = first.records.map((r) => r.id);
    for (let pages = 1; ; pages += 1) {
      const page = await pull('support', since, '&limit=2');
      expect(page.reset).toBe(false);
      seen.push(...page.records.map((r) => r.id));
      since = page.checkpoint;
      if (!page.hasMore) break;
      expect(pages).toBeLessThan(5);
    }
    expect(seen).toHaveLength(4);
  });

  it('keeps an option an admin removed on records that hold it, so their other fields stay editable', async () => {
    const [created] = await push('sales', [mutation(enterpriseRow())]);
    const { recordId, checkpoint } = created as { recordId: string; checkpoint: number };
    const forms = (await server.call('admin', 'GET', '/v1/forms')).body['templates'] as {
      id: string;
      fields: { key: string; options?: unknown[] }[];
    }[];
    const template = forms.find((f) => f.id === 'enterprise-domestic');
    if (template === undefined) throw new Error('enterprise-domestic missing');
    const narrowed = {
      ...template,
      fields: template.fields.map((f) =>
        f.key === 'sources'
          ? { ...f, options: [{ value: 'online', label: { 'zh-CN': '网络', en: 'Online' } }] }
          : f,
      ),
    };
    expect(
      (await server.call('admin', 'PUT', '/v1/forms/enterprise-domestic', narrowed)).status,
    ).toBe(200);
    const [edited, moved] = await push('sales', [
      mutation({ contactTitle: '采购经理' }, { recordId, baseCheckpoint: checkpoint }),
      mutation({ sources: ['referral'] }, { recordId, baseCheckpoint: checkpoint }),
    ]);
    expect(edited).toMatchObject({ status: 'applied' });
    expect(moved).toMatchObject({ status: 'invalid', errors: [{ field: 'sources' }] });
    const [fresh] = await push('sales', [mutation(enterpriseRow())]);
    expect(fresh).toMatchObject({ status: 'invalid', errors: [{ field: 'sources' }] });
  });

  it('names the bad parameter of a pull, in the caller language', async () => {
    const bad = await server.call('sales', 'GET', '/v1/sync/pull?since=abc&limit=10');
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request', fields: [{ field: 'since' }] } },
    });
    expect((bad.body['error'] as { message: string }).message).toContain('since');
    expect((bad.body['error'] as { message: string }).message).not.toContain('limit');
  });

  it('treats a masked value sent back from a sheet as unchanged', async () => {
    const [created] = await push('entryClerk', [
      mutation({ ...enterpriseRow(), totalAmount: 120000 }),
    ]);
    const { recordId, checkpoint } = created as { recordId: string; checkpoint: number };
    const seen = await pull('entryClerk');
    expect(seen.records[0]?.values['totalAmount']).toBe('****');
    const [outcome] = await push('entryClerk', [
      mutation(
        { totalAmount: '****', demand: '补充需求' },
        { recordId, baseCheckpoint: checkpoint },
      ),
    ]);
    expect(outcome).toMatchObject({ status: 'applied' });
    const owner = await server.call('supervisor', 'GET', `/v1/customers/${recordId}`);
    expect(owner.body).toMatchObject({ values: { totalAmount: 120000, demand: '补充需求' } });
  });

  it('keeps sensitive fields encrypted at rest, and the audit log free of clear values', async () => {
    const row = enterpriseRow();
    await push('sales', [mutation(row)]);
    const read = (name: string) =>
      existsSync(join(server.dir, name))
        ? readFileSync(join(server.dir, name)).toString('latin1')
        : '';
    const file = read('crm.sqlite') + read('crm.sqlite-wal');
    expect(file).not.toContain(String(row['mobile']));
    expect(file).not.toContain(String(row['email']));
    expect(file).toContain(Buffer.from('张伟').toString('latin1'));
  });
});
