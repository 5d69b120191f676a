import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationOutcome, PushResponse } from '../../../shared/core/sync/mutation-outcome';
import type { PullResponse } from '../../../shared/core/sync/pull-response';
import type { TagEntry } from '../../../shared/core/tags/tag-entry';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;
let n = 0;

async function push(mutation: Record<string, unknown>): Promise<MutationOutcome> {
  const res = await server.call('entryClerk', 'POST', '/v1/sync/push', {
    clientId: 'sheet-1',
    mutations: [{ mutationId: `tag-${String(n++).padStart(6, '0')}`, ...mutation }],
  });
  const outcome = (res.body as unknown as PushResponse).outcomes[0];
  if (outcome === undefined) throw new Error(JSON.stringify(res.body));
  return outcome;
}

async function create(tags: string[]): Promise<{ id: string; checkpoint: number }> {
  const outcome = await push({ fields: { ...enterpriseRow(), tags } });
  if (outcome.status !== 'pending_review') throw new Error(JSON.stringify(outcome));
  return { id: outcome.recordId, checkpoint: outcome.checkpoint };
}

async function tagsOf(id: string): Promise<unknown> {
  const res = await server.call('admin', 'GET', `/v1/customers/${id}`);
  return (res.body['values'] as Record<string, unknown>)['tags'];
}

async function vocabulary(): Promise<Map<string, TagEntry>> {
  const res = await server.call('entryClerk', 'GET', '/v1/tags');
  return new Map((res.body['tags'] as TagEntry[]).map((entry) => [entry.tag, entry]));
}

async function indexed(id: string): Promise<string[]> {
  const rows = await server.db.all<{ tag: string }>(
    'SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag',
    [id],
  );
  return rows.map((r) => r.tag);
}

const change = (tag: string, what: 'rename' | 'merge' | 'retire') =>
  `/v1/tags/${encodeURIComponent(tag)}/${what}`;

beforeEach(async () => {
  server = await makeTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('renaming a tag', () => {
  it('reaches every record carrying it, so reads and pulls after the old checkpoint show the new name', async () => {
    const east = await create(['区域-华东', '来源-展会']);
    const alsoEast = await create(['区域-华东']);
    const south = await create(['区域-华南']);
    const res = await server.call('admin', 'POST', change('区域-华东', 'rename'), {
      to: ' 区域 —— 华东地区 ',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tag: { tag: '区域-华东', status: 'renamed', replacedBy: '区域-华东地区' },
      replacement: { tag: '区域-华东地区', status: 'active', replacedBy: null },
      changedRecords: 2,
    });

    expect(await tagsOf(east.id)).toEqual(['区域-华东地区', '来源-展会']);
    expect(await tagsOf(alsoEast.id)).toEqual(['区域-华东地区']);
    expect(await tagsOf(south.id)).toEqual(['区域-华南']);
    expect(await indexed(east.id)).toEqual(['区域-华东地区', '来源-展会'].sort());

    const pulled = await server.call(
      'entryClerk',
      'GET',
      `/v1/sync/pull?since=${south.checkpoint}`,
    );
    const { records, checkpoint } = pulled.body as unknown as PullResponse;
    expect(records.map((r) => r.id).sort()).toEqual([east.id, alsoEast.id].sort());
    for (const record of records) {
      expect(record.values['tags']).toContain('区域-华东地区');
      expect(record.values['version']).toBe(2);
      expect(record.checkpoint).toBeGreaterThan(south.checkpoint);
    }
    expect(checkpoint).toBe(res.body['checkpoint']);

    const tags = await vocabulary();
    expect(tags.get('区域-华东')).toEqual({
      tag: '区域-华东',
      status: 'renamed',
      replacedBy: '区域-华东地区',
    });
    expect(tags.get('区域-华东地区')?.status).toBe('active');
  });

  it('keeps the old list in field history and makes an edit based on it a conflict', async () => {
    const record = await create(['区域-华东', '来源-展会']);
    await server.call('admin', 'POST', change('区域-华东', 'rename'), { to: '区域-华东地区' });
    const history = await server.db.all(
      "SELECT old_value, new_value, changed_by FROM field_history WHERE customer_id = ? AND field = 'tags'",
      [record.id],
    );
    expect(history).toEqual([
      {
        old_value: '["区域-华东","来源-展会"]',
        new_value: '["区域-华东地区","来源-展会"]',
        changed_by: 'u-admin',
      },
    ]);
    // A sheet that has not pulled yet edits the list it last saw: the rename must not be undone.
    const stale = await push({
      recordId: record.id,
      baseCheckpoint: record.checkpoint,
      fields: { tags: ['来源-展会', '区域-华南'] },
    });
    expect(stale).toMatchObject({
      status: 'conflict',
      conflicts: [
        {
          field: 'tags',
          yours: ['来源-展会', '区域-华南'],
          theirs: ['区域-华东地区', '来源-展会'],
        },
      ],
    });
  });

  it('audits the vocabulary change and each record it rewrote, and the chain still verifies', async () => {
    const a = await create(['区域-华东']);
    const b = await create(['来源-展会', '区域-华东']);
    const before = await server.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log');
    await server.call('admin', 'POST', change('区域-华东', 'rename'), { to: '区域-华东地区' });
    const entries = await server.db.all<{ action: string; actor_id: string; fields: string }>(
      'SELECT action, actor_id, record_id, fields, detail FROM audit_log WHERE seq > ? ORDER BY seq',
      [Number(before?.n)],
    );
    expect(entries.map((e) => ({ ...e, fields: JSON.parse(e.fields) as unknown }))).toEqual([
      {
        action: 'tag.rename',
        actor_id: 'u-admin',
        fields: [
          { field: 'tag', oldValue: '区域-华东', newValue: '区域-华东地区' },
          { field: 'status', oldValue: 'active', newValue: 'renamed' },
        ],
        record_id: null,
        detail: 'records=2',
      },
      {
        action: 'tag.rename',
        actor_id: 'u-admin',
        record_id: a.id,
        fields: [{ field: 'tags', oldValue: '["区域-华东"]', newValue: '["区域-华东地区"]' }],
        detail: null,
      },
      {
        action: 'tag.rename',
        actor_id: 'u-admin',
        record_id: b.id,
        fields: [
          {
            field: 'tags',
            oldValue: '["来源-展会","区域-华东"]',
            newValue: '["来源-展会","区域-华东地区"]',
          },
        ],
        detail: null,
      },
    ]);
    expect((await server.call('auditor', 'GET', '/v1/audit/verify')).body).toMatchObject({
      ok: true,
    });
  });

  it('refuses a bad new name with 400 naming the field, in Chinese and in English', async () => {
    const zh = await server.call('admin', 'POST', change('区域-华东', 'rename'), { to: '重要' });
    expect(zh.status).toBe(400);
    expect(zh.body).toMatchObject({
      error: {
        code: 'invalid_tag',
        message: expect.stringMatching(/^新标签名：标签“重要”含义模糊/) as unknown,
        fields: [{ field: 'to', code: 'tag.vague' }],
      },
    });
    const en = await server.call(
      'admin',
      'POST',
      change('区域-华东', 'rename'),
      { to: '华东' },
      { 'accept-language': 'en' },
    );
    expect(en.status).toBe(400);
    expect(en.body).toMatchObject({
      error: {
        code: 'invalid_tag',
        message: expect.stringMatching(/^New tag name: Tag “华东” must have the form/) as unknown,
        fields: [{ field: 'to', code: 'tag.format' }],
      },
    });
    const missing = await server.call('admin', 'POST', change('区域-华东', 'rename'), {});
    expect(missing).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'to' }] } } });
    expect((await vocabulary()).get('区域-华东')?.status).toBe('active');
  });

  it('refuses a name the vocabulary already has and says to merge instead', async () => {
    const record = await create(['区域-华东']);
    for (const [locale, word] of [
      ['zh-CN', '合并'],
      ['en', 'merge'],
    ] as const) {
      const res = await server.call(
        'admin',
        'POST',
        change('区域-华东', 'rename'),
        // Matches 区域-华南 the way a push would: ignoring width and spaces.
        { to: '区域 - 华南' },
        { 'accept-language': locale },
      );
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        error: { code: 'tag_conflict', fields: [{ field: 'to', code: 'tag.exists' }] },
      });
      expect((res.body['error'] as { message: string }).message).toContain(word);
    }
    expect(await tagsOf(record.id)).toEqual(['区域-华东']);
    expect((await vocabulary()).get('区域-华东')?.status).toBe('active');
  });

  it('takes a tag with a slash in the path, encoded', async () => {
    await server.call('admin', 'POST', '/v1/tags', { tag: '渠道-线上/线下' });
    const record = await create(['渠道-线上/线下']);
    const res = await server.call('admin', 'POST', change('渠道-线上/线下', 'rename'), {
      to: '渠道-全渠道',
    });
    expect(res.body).toMatchObject({ tag: { status: 'renamed' }, changedRecords: 1 });
    expect(await tagsOf(record.id)).toEqual(['渠道-全渠道']);
  });

  it('answers 404 for a tag the vocabulary does not have', async () => {
    const res = await server.call('admin', 'POST', change('区域-火星', 'rename'), {
      to: '区域-木星',
    });
    expect(res).toMatchObject({
      status: 404,
      body: { error: { code: 'tag_not_found', fields: [{ field: 'tag', code: 'tag.notFound' }] } },
    });
  });
});

describe('merging a tag', () => {
  it('replaces it on every record, once on a record that carried both', async () => {
    const both = await create(['状态-观望', '区域-华北', '状态-意向强烈']);
    const one = await create(['状态-观望']);
    const res = await server.call('admin', 'POST', change('状态-观望', 'merge'), {
      into: '状态-意向强烈',
    });
    expect(res.body).toMatchObject({
      tag: { tag: '状态-观望', status: 'merged', replacedBy: '状态-意向强烈' },
      changedRecords: 2,
    });
    expect(await tagsOf(both.id)).toEqual(['状态-意向强烈', '区域-华北']);
    expect(await indexed(both.id)).toEqual(['区域-华北', '状态-意向强烈'].sort());
    expect(await tagsOf(one.id)).toEqual(['状态-意向强烈']);
    const search = await server.call('admin', 'GET', '/v1/customers?tagsAny=状态-意向强烈');
    expect((search.body['customers'] as { id: string }[]).map((c) => c.id).sort()).toEqual(
      [both.id, one.id].sort(),
    );
  });

  it('points tags renamed earlier straight at the survivor', async () => {
    await server.call('admin', 'POST', change('来源-官网', 'rename'), { to: '来源-网站' });
    await server.call('admin', 'POST', change('来源-网站', 'merge'), { into: '来源-展会' });
    const tags = await vocabulary();
    expect(tags.get('来源-官网')).toMatchObject({ status: 'renamed', replacedBy: '来源-展会' });
    expect(tags.get('来源-网站')).toMatchObject({ status: 'merged', replacedBy: '来源-展会' });
  });

  it('refuses to merge into itself, into a missing, retired or replaced tag', async () => {
    await server.call('admin', 'POST', change('偏好-重视服务', 'retire'));
    await server.call('admin', 'POST', change('来源-官网', 'merge'), { into: '来源-展会' });
    const cases: [string, number, string][] = [
      ['状态-观望', 400, 'tag.mergeSelf'],
      ['状态-不存在', 404, 'tag.notFound'],
      ['偏好-重视服务', 409, 'tag.retired'],
      ['来源-官网', 409, 'tag.replaced'],
    ];
    for (const [into, status, code] of cases) {
      const res = await server.call('admin', 'POST', change('状态-观望', 'merge'), { into });
      expect(res, into).toMatchObject({
        status,
        body: { error: { fields: [{ field: 'into', code }] } },
      });
    }
    expect((await vocabulary()).get('状态-观望')?.status).toBe('active');
  });
});

describe('retiring a tag', () => {
  it('leaves it on records but refuses it on new pushes, with the reason', async () => {
    const record = await create(['偏好-价格敏感']);
    const res = await server.call('admin', 'POST', change('偏好-价格敏感', 'retire'));
    expect(res.body).toMatchObject({
      tag: { tag: '偏好-价格敏感', status: 'retired', replacedBy: null },
      changedRecords: 0,
    });
    expect(await tagsOf(record.id)).toEqual(['偏好-价格敏感']);
    expect(await indexed(record.id)).toEqual(['偏好-价格敏感']);
    const refused = await push({ fields: { ...enterpriseRow(), tags: ['偏好-价格敏感'] } });
    expect(refused).toMatchObject({
      status: 'invalid',
      errors: [{ field: 'tags', code: 'tag.retiredInUse' }],
    });
    const message = (refused as Extract<MutationOutcome, { status: 'invalid' }>).errors[0]?.message;
    expect(message).toBe('标签“偏好-价格敏感”已停用，不能再添加到客户');
    expect((await vocabulary()).get('偏好-价格敏感')?.status).toBe('retired');
  });

  it('tells a sheet still using a renamed tag its new name', async () => {
    await server.call('admin', 'POST', change('区域-华东', 'rename'), { to: '区域-华东区' });
    const refused = await push({ fields: { ...enterpriseRow(), tags: ['区域-华东'] } });
    expect(refused).toMatchObject({
      status: 'invalid',
      errors: [
        {
          field: 'tags',
          code: 'tag.renamedTo',
          message: '标签“区域-华东”已改为“区域-华东区”，请改用“区域-华东区”',
        },
      ],
    });
  });

  it('still lets records carrying it be edited, and keeps it on them', async () => {
    const record = await create(['偏好-价格敏感']);
    await server.call('admin', 'POST', change('偏好-价格敏感', 'retire'));
    const edited = await push({
      recordId: record.id,
      baseCheckpoint: record.checkpoint,
      fields: { demand: '改为采购20台' },
    });
    expect(edited).toMatchObject({ status: 'applied' });
    expect(await tagsOf(record.id)).toEqual(['偏好-价格敏感']);
    const added = await push({
      recordId: record.id,
      baseCheckpoint: (edited as { checkpoint: number }).checkpoint,
      fields: { tags: ['偏好-价格敏感', '偏好-重视服务'] },
    });
    expect(added).toMatchObject({ status: 'applied' });
  });

  it('is done once: retiring again changes and audits nothing', async () => {
    await server.call('admin', 'POST', change('偏好-价格敏感', 'retire'));
    await server.call('admin', 'POST', change('偏好-价格敏感', 'retire'));
    const entries = await server.db.all("SELECT seq FROM audit_log WHERE action = 'tag.retire'");
    expect(entries).toHaveLength(1);
  });
});

describe('who may change the vocabulary', () => {
  it('answers 403 to anyone but an admin, audits the refusal and changes nothing', async () => {
    const record = await create(['区域-华东']);
    for (const as of ['entryClerk', 'reviewer', 'supervisor'] as const) {
      const attempts = [
        server.call(as, 'POST', change('区域-华东', 'rename'), { to: '区域-华东地区' }),
        server.call(as, 'POST', change('区域-华东', 'merge'), { into: '区域-华南' }),
        server.call(as, 'POST', change('区域-华东', 'retire')),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      }
    }
    expect((await vocabulary()).get('区域-华东')?.status).toBe('active');
    expect(await tagsOf(record.id)).toEqual(['区域-华东']);
    const denied = await server.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'admin.tags' AND outcome = 'denied'",
    );
    expect(denied).toEqual({ n: 9 });
  });
});

describe('adding a tag', () => {
  it('refuses a spelling the vocabulary already has ignoring case, width and spaces, naming it', async () => {
    expect((await server.call('admin', 'POST', '/v1/tags', { tag: '来源-WeChat' })).status).toBe(
      201,
    );
    for (const given of ['来源-wechat', '来源-Ｗｅ Ｃｈａｔ']) {
      const again = await server.call('admin', 'POST', '/v1/tags', { tag: given });
      expect(again.status).toBe(409);
      expect(again.body['error']).toMatchObject({
        code: 'tag_exists',
        fields: [{ field: 'tags', code: 'tag.existsAlike' }],
      });
      expect((again.body['error'] as { message: string }).message).toContain(
        '标签“来源-WeChat”已存在',
      );
    }
    // The same spelling again is no new tag and no error.
    expect((await server.call('admin', 'POST', '/v1/tags', { tag: '来源-WeChat' })).status).toBe(
      201,
    );
    const rows = await server.db.all<{ tag: string }>(
      "SELECT tag FROM tags WHERE tag LIKE '来源-%e%'",
    );
    expect(rows.map((r) => r.tag)).toEqual(['来源-WeChat']);
  });
});

describe('a tag typed in another spelling of a vocabulary tag', () => {
  it('is stored as the vocabulary spells it, so filters and renames reach the record', async () => {
    const a = await create(['状态-意向 强烈', '区域－华东']);
    expect(await tagsOf(a.id)).toEqual(['状态-意向强烈', '区域-华东']);
    expect(await indexed(a.id)).toEqual(['区域-华东', '状态-意向强烈']);
    const found = await server.call(
      'admin',
      'GET',
      `/v1/customers?tagsAny=${encodeURIComponent('状态-意向强烈')}`,
    );
    expect((found.body['customers'] as { id: string }[]).map((c) => c.id)).toEqual([a.id]);
    const renamed = await server.call('admin', 'POST', change('状态-意向强烈', 'rename'), {
      to: '状态-高意向',
    });
    expect(renamed.body['changedRecords']).toBe(1);
    expect(await tagsOf(a.id)).toEqual(['状态-高意向', '区域-华东']);
  });

  it('is stored as the vocabulary spells it when an edit adds it, once beside the same tag', async () => {
    const a = await create(['区域-华东']);
    const edited = await push({
      recordId: a.id,
      baseCheckpoint: a.checkpoint,
      fields: { tags: ['区域-华东', '来源 - 展会', '状态-意向强烈', '状态-意向 强烈'] },
    });
    // Two spellings of one tag in the same edit are a repeat, as on a new row.
    expect(edited.status).toBe('invalid');
    const again = await push({
      recordId: a.id,
      baseCheckpoint: a.checkpoint,
      fields: { tags: ['区域-华东', '来源 - 展会'] },
    });
    expect(again.status).toBe('applied');
    expect(await tagsOf(a.id)).toEqual(['区域-华东', '来源-展会']);
  });

  it('is found by a tag filter typed in another spelling, or by the name it had before a rename', async () => {
    const a = await create(['区域-华东', '来源-展会']);
    const b = await create(['区域-华南']);
    const find = async (query: string) => {
      const res = await server.call('admin', 'GET', `/v1/customers?${query}`);
      return (res.body['customers'] as { id: string }[]).map((c) => c.id);
    };
    expect(await find(`tagsAny=${encodeURIComponent('区域－华东')}`)).toEqual([a.id]);
    expect(await find(`tagsAll=${encodeURIComponent('区域 - 华东,来源—展会')}`)).toEqual([a.id]);
    expect(await find(`tagsNone=${encodeURIComponent('区域－华东')}`)).toEqual([b.id]);
    await server.call('admin', 'POST', change('来源-展会', 'rename'), { to: '来源-线下展会' });
    expect(await find(`tagsAny=${encodeURIComponent('来源-展会')}`)).toEqual([a.id]);
  });
});
