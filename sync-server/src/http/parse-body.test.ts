import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;

beforeEach(async () => {
  server = await makeTestServer();
});
afterEach(async () => {
  await server.close();
});

const pushBody = (mutationId: string) =>
  JSON.stringify({ clientId: 'sheet-1', mutations: [{ mutationId, fields: enterpriseRow() }] });

async function push(headers: Record<string, string>, body: BodyInit) {
  const res = await server.app.request('/v1/sync/push', {
    method: 'POST',
    headers: { authorization: `Bearer ${server.tokens.sales}`, ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const pulledCount = async () =>
  ((await server.call('sales', 'GET', '/v1/sync/pull?since=0')).body['records'] as unknown[])
    .length;

describe('the Content-Type of a body', () => {
  it('refuses a body sent as text/plain with 415, naming the Content-Type, and applies nothing', async () => {
    const res = await push({ 'content-type': 'text/plain' }, pushBody('text-plain-0001'));
    expect(res).toEqual({
      status: 415,
      body: {
        error: {
          code: 'unsupported_media_type',
          message: '请求正文须为 JSON：Content-Type 应为 application/json',
        },
      },
    });
    expect(await pulledCount()).toBe(0);
  });

  it("refuses a body sent with no Content-Type, in the caller's language", async () => {
    const res = await push(
      { 'accept-language': 'en' },
      new TextEncoder().encode(pushBody('no-type-0001')),
    );
    expect(res).toEqual({
      status: 415,
      body: {
        error: {
          code: 'unsupported_media_type',
          message: 'The request body must be JSON: Content-Type must be application/json',
        },
      },
    });
    expect(await pulledCount()).toBe(0);
  });

  it('takes application/json with or without a charset, in any case', async () => {
    for (const [i, type] of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;charset=UTF-8',
    ].entries()) {
      const res = await push({ 'content-type': type }, pushBody(`json-type-000${i}`));
      expect(res.status, type).toBe(200);
    }
    expect(await pulledCount()).toBe(3);
  });

  it('still takes a POST that carries no body, such as a submit', async () => {
    const pushed = await push({ 'content-type': 'application/json' }, pushBody('submit-0001'));
    const id = (pushed.body['outcomes'] as { recordId: string }[])[0]?.recordId ?? '';
    const rejected = await server.call('reviewer', 'POST', `/v1/customers/${id}/review`, {
      decision: 'reject',
      reason: '需求描述不具体',
    });
    expect(rejected.status).toBe(200);
    const res = await server.app.request(`/v1/customers/${id}/submit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens.sales}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'pending' });
  });
});

describe('a JSON body that is not an object', () => {
  it.each(['[]', 'null', '5', '"推送"'])('says the body must be an object for %s', async (json) => {
    const res = await push({ 'content-type': 'application/json' }, json);
    expect(res).toEqual({
      status: 400,
      body: { error: { code: 'bad_request', message: '请求格式错误：请求正文须为 JSON 对象' } },
    });
  });

  it("says so in the caller's language on the other routes that read a body", async () => {
    const res = await server.call('admin', 'POST', '/v1/tags', ['区域-华东'], {
      'accept-language': 'en',
    });
    expect(res).toEqual({
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          message: 'Malformed request: the body must be a JSON object',
        },
      },
    });
  });
});

describe('body text holding U+0000', () => {
  const control = (label: string) =>
    `${label}含有不可见的控制字符（常见于从其他系统复制粘贴），请删除后重新填写`;

  it.each([
    [
      'reviewer',
      'POST',
      '/v1/customers/CUS202405010001/review',
      { decision: 'reject', reason: '资料\u0000不全' },
      ['reason'],
    ],
    [
      'admin',
      'PUT',
      '/v1/admin/users/u-new',
      { email: 'new@example.com', displayName: '王\u0000芳', roleId: 'sales', team: 'ea\u0000st' },
      ['displayName', 'team'],
    ],
    ['admin', 'POST', '/v1/admin/users/u-sales/tokens', { label: '笔记本\u0000' }, ['label']],
    ['admin', 'POST', '/v1/tags', { tag: '区域-华\u0000东' }, ['tag']],
    [
      'admin',
      'PUT',
      '/v1/admin/settings/important-rule',
      { levels: ['hi\u0000gh'], budgets: [], minTotalAmount: null },
      ['levels'],
    ],
  ] as const)('is a 400 naming each field: %s %s %s', async (as, method, path, body, fields) => {
    await push({ 'content-type': 'application/json' }, pushBody('nul-body-0001'));
    const res = await server.call(as, method, path, body);
    expect(res.status).toBe(400);
    expect(res.body['error']).toMatchObject({
      code: 'bad_request',
      fields: fields.map((field) => ({ field, code: 'text.control' })),
    });
  });

  it('names the field by its label, and changes nothing', async () => {
    const res = await server.call('admin', 'POST', '/v1/admin/users/u-sales/tokens', {
      label: '笔记本\u0000',
    });
    expect(res.body['error']).toEqual({
      code: 'bad_request',
      message: `请求格式错误：${control('令牌名称')}`,
      fields: [{ field: 'label', code: 'text.control', message: control('令牌名称') }],
    });
    const tokens = await server.call('admin', 'GET', '/v1/admin/users/u-sales/tokens');
    expect(tokens.body['tokens']).toHaveLength(1);
  });

  it('is still answered per field in a push, the other rows saved', async () => {
    const res = await push(
      { 'content-type': 'application/json' },
      JSON.stringify({
        clientId: 'sheet-1',
        mutations: [
          { mutationId: 'nul-push-0001', fields: { ...enterpriseRow(), demand: '需要\u0000采购' } },
          { mutationId: 'nul-push-0002', fields: enterpriseRow() },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body['outcomes']).toMatchObject([
      {
        mutationId: 'nul-push-0001',
        status: 'invalid',
        errors: [{ field: 'demand', code: 'text.control', message: control('需求描述') }],
      },
      { mutationId: 'nul-push-0002', status: 'pending_review' },
    ]);
  });

  it("refuses the whole push when the push's own clientId holds one", async () => {
    const res = await push(
      { 'content-type': 'application/json' },
      JSON.stringify({
        clientId: 'sheet\u00001',
        mutations: [{ mutationId: 'nul-push-0003', fields: enterpriseRow() }],
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body['error']).toMatchObject({
      fields: [{ field: 'clientId', code: 'text.control' }],
    });
    expect(await pulledCount()).toBe(0);
  });
});
