import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../../shared/core/sync/mutation-outcome';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;
let n = 0;

async function create(
  fields: Record<string, unknown>,
  as: 'entryClerk' | 'sales' | 'otherSales' = 'entryClerk',
): Promise<string> {
  const res = await server.call(as, 'POST', '/v1/sync/push', {
    clientId: 'c',
    mutations: [{ mutationId: `rev-${String(n++).padStart(6, '0')}`, fields }],
  });
  const outcome = (res.body as unknown as PushResponse).outcomes[0];
  if (outcome?.status !== 'pending_review') throw new Error(JSON.stringify(outcome));
  return outcome.recordId;
}

beforeEach(async () => {
  server = await makeTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('review', () => {
  it('puts submissions in the reviewer queue with possible duplicates, and files them on approval', async () => {
    const first = await create({ ...enterpriseRow(1), name: '上海华信科技有限公司' });
    const near = await create({ ...enterpriseRow(2), name: '上海华新科技有限公司' });
    const queue = await server.call('reviewer', 'GET', '/v1/review/queue');
    expect(queue.status).toBe(200);
    const items = queue.body['items'] as {
      id: string;
      possibleDuplicates: string[];
      values: Record<string, unknown>;
    }[];
    expect(items.map((i) => i.id)).toEqual([first, near]);
    expect(items[1]?.possibleDuplicates).toEqual([first]);
    expect(String(items[0]?.values['mobile'])).toContain('****');

    const approved = await server.call('reviewer', 'POST', `/v1/customers/${first}/review`, {
      decision: 'approve',
    });
    expect(approved.body).toMatchObject({ id: first, status: 'approved' });
    expect((await server.call('reviewer', 'GET', '/v1/review/queue')).body['items']).toHaveLength(
      1,
    );
  });

  it('needs a reason to reject, and allows three resubmissions after rejection', async () => {
    const id = await create(enterpriseRow());
    const noReason = await server.call('reviewer', 'POST', `/v1/customers/${id}/review`, {
      decision: 'reject',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({
      error: { code: 'reason_required', message: '驳回时必须填写原因' },
    });
    for (let round = 1; round <= 4; round += 1) {
      const rejected = await server.call('reviewer', 'POST', `/v1/customers/${id}/review`, {
        decision: 'reject',
        reason: `第${round}次：需求描述不具体`,
      });
      expect(rejected.body).toMatchObject({ status: 'rejected', rejections: round });
      const resubmit = await server.call('entryClerk', 'POST', `/v1/customers/${id}/submit`);
      if (round <= 3) expect(resubmit.body).toMatchObject({ status: 'pending' });
      else
        expect(resubmit).toMatchObject({
          status: 409,
          body: { error: { code: 'too_many_resubmissions' } },
        });
    }
  });

  it('takes back a rejected record holding an option the admin has since removed', async () => {
    const id = await create({ ...enterpriseRow(), level: 'high' });
    await server.call('reviewer', 'POST', `/v1/customers/${id}/review`, {
      decision: 'reject',
      reason: '需求描述不具体',
    });
    const forms = await server.call('admin', 'GET', '/v1/forms');
    const template = (forms.body['templates'] as { id: string; fields: { key: string }[] }[]).find(
      (x) => x.id === 'enterprise-domestic',
    );
    const vipOnly = [{ value: 'vip', label: { 'zh-CN': 'VIP', en: 'VIP' } }];
    const saved = await server.call('admin', 'PUT', '/v1/forms/enterprise-domestic', {
      ...template,
      fields: template?.fields.map((f) => (f.key === 'level' ? { ...f, options: vipOnly } : f)),
    });
    expect(saved.status).toBe(200);
    const resubmit = await server.call('entryClerk', 'POST', `/v1/customers/${id}/submit`);
    expect(resubmit.body).toMatchObject({ status: 'pending' });
    const read = await server.call('entryClerk', 'GET', `/v1/customers/${id}`);
    expect(read.body['values']).toMatchObject({ level: 'high' });
  });

  it('sends important customers to a second approval by a different supervisor', async () => {
    const id = await create({ ...enterpriseRow(), level: 'high' });
    const first = await server.call('supervisor', 'POST', `/v1/customers/${id}/review`, {
      decision: 'approve',
    });
    expect(first.body).toMatchObject({ status: 'pendingSecond' });
    const same = await server.call('supervisor', 'POST', `/v1/customers/${id}/review`, {
      decision: 'approve',
    });
    expect(same).toMatchObject({ status: 409, body: { error: { code: 'same_approver' } } });
    const byReviewer = await server.call('reviewer', 'POST', `/v1/customers/${id}/review`, {
      decision: 'approve',
    });
    expect(byReviewer.status).toBe(403);
    const decisions = await server.db.all(
      'SELECT step, decision, decided_by FROM review_decisions WHERE customer_id = ?',
      [id],
    );
    expect(decisions).toEqual([{ step: 'first', decision: 'approve', decided_by: 'u-supervisor' }]);
  });

  it('refuses a decision whose step changed while it waited: a reviewer never makes a second approval', async () => {
    const id = await create({ ...enterpriseRow(), level: 'high' });
    // Hold the writer so that both decisions are checked against 待审核 before either is applied,
    // and let the supervisor's queue for it first.
    let release = () => {};
    const held = server.db.write(() => new Promise<void>((resolve) => (release = resolve)));
    const write = server.db.write.bind(server.db);
    let queued = 0;
    server.db.write = (work) => {
      queued += 1;
      return write(work);
    };
    const bySupervisor = server.call('supervisor', 'POST', `/v1/customers/${id}/review`, {
      decision: 'approve',
    });
    await expect.poll(() => queued).toBe(1);
    const byReviewer = server.call('reviewer', 'POST', `/v1/customers/${id}/review`, {
      decision: 'approve',
    });
    await expect.poll(() => queued).toBe(2);
    release();
    await held;
    expect((await bySupervisor).body).toMatchObject({ status: 'pendingSecond' });
    expect(await byReviewer).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'status_changed',
          message: `客户${id}的状态刚刚变为待复核，请刷新后再审核`,
        },
      },
    });
    const decisions = await server.db.all(
      'SELECT step, decided_by FROM review_decisions WHERE customer_id = ?',
      [id],
    );
    expect(decisions).toEqual([{ step: 'first', decided_by: 'u-supervisor' }]);
  });

  it('shows the submitter every decision with its reason; contact data in a reason masked for masked viewers', async () => {
    const id = await create(enterpriseRow());
    const reason = '手机号13987654321与名片不符';
    await server.call('reviewer', 'POST', `/v1/customers/${id}/review`, {
      decision: 'reject',
      reason,
    });
    const mine = await server.call('entryClerk', 'GET', `/v1/customers/${id}`);
    expect(mine.body['decisions']).toEqual([
      {
        step: 'first',
        decision: 'reject',
        reason,
        decidedBy: 'u-reviewer',
        decidedAt: expect.any(String) as unknown,
      },
    ]);
    const seen = await server.call('support', 'GET', `/v1/customers/${id}`);
    expect(seen.body['decisions']).toMatchObject([{ reason: '手机号139****4321与名片不符' }]);
    // The supervisor sees mobiles in clear but ID numbers masked: an ID number in a reason too.
    const second = await create(enterpriseRow());
    await server.call('reviewer', 'POST', `/v1/customers/${second}/review`, {
      decision: 'reject',
      reason: '身份证11010519900307002X与营业执照不符',
    });
    const head = await server.call('supervisor', 'GET', `/v1/customers/${second}`);
    expect(head.body['decisions']).toMatchObject([
      { reason: '身份证110105********002X与营业执照不符' },
    ]);
  });

  it('lets the admin change which customers are important, audited, and refuses a bad rule by field', async () => {
    const rule = { levels: [], budgets: ['over1m'], minTotalAmount: 50_000 };
    const put = await server.call('admin', 'PUT', '/v1/admin/settings/important-rule', rule);
    expect(put).toMatchObject({ status: 200, body: rule });
    expect((await server.call('admin', 'GET', '/v1/admin/settings/important-rule')).body).toEqual(
      rule,
    );
    const byLevel = await create({ ...enterpriseRow(), level: 'high' });
    const byAmount = await create({ ...enterpriseRow(), totalAmount: 60_000 });
    const approve = async (id: string) =>
      (
        await server.call('supervisor', 'POST', `/v1/customers/${id}/review`, {
          decision: 'approve',
        })
      ).body['status'];
    expect([await approve(byLevel), await approve(byAmount)]).toEqual([
      'approved',
      'pendingSecond',
    ]);
    const [entry] = await server.db.all<{ fields: string }>(
      "SELECT fields FROM audit_log WHERE action = 'admin.settings'",
    );
    expect(JSON.parse(entry?.fields ?? '[]')).toEqual([
      {
        field: 'importantRule',
        oldValue: '{"budgets":["500kTo1m","over1m"],"levels":["high"],"minTotalAmount":1000000}',
        newValue: '{"budgets":["over1m"],"levels":[],"minTotalAmount":50000}',
      },
    ]);
    const bad = await server.call('admin', 'PUT', '/v1/admin/settings/important-rule', {
      ...rule,
      budgets: ['lots'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body['error']).toMatchObject({ fields: [{ field: 'budgets' }] });
    const byReviewer = await server.call(
      'reviewer',
      'PUT',
      '/v1/admin/settings/important-rule',
      rule,
    );
    expect(byReviewer.status).toBe(403);
  });

  it('tells a submitter that only a draft or a rejected record can be submitted', async () => {
    const id = await create(enterpriseRow());
    const again = await server.call('entryClerk', 'POST', `/v1/customers/${id}/submit`);
    expect(again).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'not_submittable',
          message: `客户${id}当前状态为待审核，只有草稿或已驳回的客户可以提交审核`,
        },
      },
    });
  });

  it("answers a record outside the caller's rows as not found, and audits the attempt", async () => {
    const id = await create(enterpriseRow(), 'sales');
    const denied = () =>
      server.db.all<{ actor_id: string; action: string; record_id: string | null }>(
        "SELECT actor_id, action, record_id FROM audit_log WHERE outcome = 'denied' ORDER BY seq",
      );
    const read = await server.call('otherSales', 'GET', `/v1/customers/${id}`);
    const submit = await server.call('otherSales', 'POST', `/v1/customers/${id}/submit`);
    const list = await server.call('auditor', 'GET', '/v1/customers');
    const missing = await server.call('otherSales', 'GET', '/v1/customers/CUS202401019999');
    expect([read.status, submit.status, list.status, missing.status]).toEqual([404, 404, 403, 404]);
    // The same answer as for an ID that does not exist.
    expect(read.body).toEqual({
      error: {
        code: 'not_found',
        message: String(
          missing.body['error'] && (missing.body['error'] as { message: string }).message,
        ).replace('CUS202401019999', id),
      },
    });
    expect(await denied()).toEqual([
      { actor_id: 'u-otherSales', action: 'customer.read', record_id: id },
      { actor_id: 'u-otherSales', action: 'customer.read', record_id: id },
      { actor_id: 'u-auditor', action: 'customer.read', record_id: null },
    ]);
  });

  it('audits a queue that hands out sensitive fields in clear, naming fields and records only', async () => {
    const reads = () =>
      server.db.all<{ actor_id: string; fields: string; detail: string }>(
        "SELECT actor_id, fields, detail FROM audit_log WHERE action = 'customer.read' ORDER BY seq",
      );
    const row = enterpriseRow(5);
    const id = await create(row);
    // The reviewer sees contact details masked: nothing read in clear, nothing to audit.
    await server.call('reviewer', 'GET', '/v1/review/queue');
    expect(await reads()).toEqual([]);

    const rule = await server.call('admin', 'PATCH', '/v1/admin/roles/reviewer/fields', {
      field: 'email',
      access: 'view',
    });
    expect(rule.status).toBe(200);
    const queue = await server.call('reviewer', 'GET', '/v1/review/queue');
    const [item] = queue.body['items'] as { values: Record<string, unknown> }[];
    expect(item?.values['email']).toBe(row['email']);
    const audited = await reads();
    expect(audited.map((r) => [r.actor_id, r.detail])).toEqual([
      ['u-reviewer', `GET /v1/review/queue: ${id}`],
    ]);
    expect(JSON.parse(audited[0]?.fields ?? '[]')).toEqual([{ field: 'email' }]);
    expect(JSON.stringify(audited)).not.toContain(String(row['email']));
  });

  it('keeps the review queue from roles that do not review', async () => {
    await create(enterpriseRow());
    expect((await server.call('entryClerk', 'GET', '/v1/review/queue')).status).toBe(403);
    expect((await server.call('auditor', 'GET', '/v1/review/queue')).status).toBe(403);
  });

  it('pages through the queue oldest first, and refuses a cursor it did not hand out', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await create(enterpriseRow()));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await server.call(
        'reviewer',
        'GET',
        `/v1/review/queue?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(page.status).toBe(200);
      const items = page.body['items'] as { id: string }[];
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items.map((i) => i.id));
      cursor = page.body['nextCursor'] as string | null;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);

    const bad = await server.call('reviewer', 'GET', '/v1/review/queue?cursor=not-a-cursor');
    expect(bad).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'cursor' }] } } });
    const tooMany = await server.call('reviewer', 'GET', '/v1/review/queue?limit=501');
    expect(tooMany).toMatchObject({
      status: 400,
      body: { error: { fields: [{ field: 'limit' }] } },
    });
  });

  it("gives a supervisor full pages of its team's submissions only", async () => {
    // Team west's submissions come first, so a page filtered after reading would come back empty.
    for (let i = 0; i < 3; i += 1) await create(enterpriseRow(), 'otherSales');
    const east = [await create(enterpriseRow()), await create(enterpriseRow())];
    const page = await server.call('supervisor', 'GET', '/v1/review/queue?limit=2');
    expect((page.body['items'] as { id: string }[]).map((i) => i.id)).toEqual(east);
    const all = await server.call('reviewer', 'GET', '/v1/review/queue');
    expect(all.body['items']).toHaveLength(5);
  });

  it('shows a reviewer who sees contact details masked the stored masks, decrypting nothing', async () => {
    const row = enterpriseRow();
    const id = await create(row);
    // A ciphertext nobody can open: reading it in clear would fail the request.
    await server.db.write((tx) =>
      tx.run("UPDATE customers SET secret_data = 'v1.k0.broken' WHERE id = ?", [id]),
    );
    const queue = await server.call('reviewer', 'GET', '/v1/review/queue');
    expect(queue.status).toBe(200);
    const [item] = queue.body['items'] as { values: Record<string, unknown> }[];
    const mobile = String(row['mobile']);
    expect(item?.values['mobile']).toBe(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
    const list = await server.call('reviewer', 'GET', '/v1/customers');
    expect(list.status).toBe(200);
  });
});

describe('unmask', () => {
  it('gives a supervisor the clear value with a reason, audits it, and refuses support', async () => {
    const row = enterpriseRow();
    const id = await create(row, 'sales');
    for (const reason of [' ', undefined]) {
      const noReason = await server.call('supervisor', 'POST', `/v1/customers/${id}/unmask`, {
        fields: ['mobile'],
        reason,
      });
      expect(noReason).toMatchObject({
        status: 400,
        body: { error: { code: 'reason_required', message: '查看明文必须填写原因' } },
      });
    }
    const ok = await server.call('supervisor', 'POST', `/v1/customers/${id}/unmask`, {
      fields: ['mobile', 'idNumber'],
      reason: '客户来电核实身份',
    });
    expect(ok.body).toEqual({ id, values: { mobile: row['mobile'] } });
    const support = await server.call('support', 'POST', `/v1/customers/${id}/unmask`, {
      fields: ['mobile'],
      reason: '想看',
    });
    expect(support.status).toBe(403);
    const entries = await server.db.all<{
      action: string;
      outcome: string;
      detail: string | null;
      fields: string;
    }>(
      "SELECT action, outcome, detail, fields FROM audit_log WHERE action = 'customer.unmask' ORDER BY seq",
    );
    expect(entries).toEqual([
      {
        action: 'customer.unmask',
        outcome: 'success',
        detail: '客户来电核实身份',
        fields: '[{"field":"mobile"}]',
      },
      {
        action: 'customer.unmask',
        outcome: 'denied',
        detail: `POST /v1/customers/${id}/unmask`,
        fields: '[]',
      },
    ]);
  });
});

describe('audit after a day of work', () => {
  it('verifies, and shows the auditor no customer data in clear', async () => {
    const row = enterpriseRow();
    const id = await create(row);
    await server.call('reviewer', 'POST', `/v1/customers/${id}/review`, { decision: 'approve' });
    const verify = await server.call('auditor', 'GET', '/v1/audit/verify');
    expect(verify.body).toMatchObject({ ok: true });
    const log = await server.app.request('/v1/audit?format=jsonl', {
      headers: { authorization: `Bearer ${server.tokens.auditor}` },
    });
    const text = await log.text();
    expect(text).toContain('customer.create');
    expect(text).not.toContain(String(row['mobile']));
    expect(text).not.toContain(String(row['email']));
  });
});
