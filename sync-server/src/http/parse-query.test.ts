import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;

beforeEach(async () => {
  server = await makeTestServer();
  for (const i of [1, 2]) {
    const res = await server.call('sales', 'POST', '/v1/sync/push', {
      clientId: 'sheet-1',
      mutations: [{ mutationId: `parse-query-${i}`, fields: enterpriseRow(i) }],
    });
    expect(res.status).toBe(200);
  }
});
afterEach(async () => {
  await server.close();
});

describe('query parameters a route does not take', () => {
  it('refuses a filter the list does not have, instead of answering every customer', async () => {
    const res = await server.call('admin', 'GET', '/v1/customers?email=contact1%40example.com');
    expect(res).toEqual({
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          message: '请求格式错误：未知参数email',
          fields: [
            { field: 'email', code: 'query.unknown', message: '请求格式错误：未知参数email' },
          ],
        },
      },
    });
  });

  it('refuses it on the export too, which would otherwise export the whole library', async () => {
    const res = await server.call('supervisor', 'GET', '/v1/customers/export?email=x%40y.com');
    expect(res.status).toBe(400);
    expect(res.body['error']).toMatchObject({
      fields: [{ field: 'email', code: 'query.unknown' }],
    });
  });

  it("names a misspelt pull parameter in the caller's language instead of pulling from 0", async () => {
    const res = await server.call('sales', 'GET', '/v1/sync/pull?sinse=5', undefined, {
      'accept-language': 'en',
    });
    expect(res).toEqual({
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          message: 'Malformed request: unknown parameter sinse',
          fields: [
            {
              field: 'sinse',
              code: 'query.unknown',
              message: 'Malformed request: unknown parameter sinse',
            },
          ],
        },
      },
    });
  });

  it('refuses a parameter given twice instead of taking the first value', async () => {
    const res = await server.call('sales', 'GET', '/v1/customers?limit=1&limit=abc');
    expect(res.status).toBe(400);
    expect(res.body['error']).toEqual({
      code: 'bad_request',
      message: '请求格式错误：参数limit只能给一次',
      fields: [
        { field: 'limit', code: 'query.repeated', message: '请求格式错误：参数limit只能给一次' },
      ],
    });
  });

  it('names every problem at once: unknown, repeated and bad values', async () => {
    const res = await server.call(
      'auditor',
      'GET',
      '/v1/audit?actr=u-sales&format=csv&format=json&limit=0',
      undefined,
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(400);
    expect(res.body['error']).toMatchObject({
      message:
        'Malformed request: unknown parameter actr, parameter format may be given only once, limit',
      fields: [
        { field: 'actr', code: 'query.unknown' },
        { field: 'format', code: 'query.repeated' },
        { field: 'limit', code: 'query.invalid' },
      ],
    });
  });

  it('still takes every query the sync client, the sidebar and the audit CLI send', async () => {
    const pull = await server.call('sales', 'GET', '/v1/sync/pull?since=0&epoch=0&limit=2000');
    expect(pull.status).toBe(200);
    expect(pull.body['records']).toHaveLength(2);
    expect((await server.call('sales', 'GET', '/v1/regions?parent=31')).status).toBe(200);
    const queue = await server.call('reviewer', 'GET', '/v1/review/queue?limit=1');
    expect(queue.status).toBe(200);
    const cursor = encodeURIComponent(String(queue.body['nextCursor']));
    expect((await server.call('reviewer', 'GET', `/v1/review/queue?cursor=${cursor}`)).status).toBe(
      200,
    );
    const audit = new URLSearchParams({
      format: 'jsonl',
      from: '2024-01-01T00:00:00Z',
      to: '2030-01-01T00:00:00Z',
      actor: 'u-sales',
      action: 'customer.create',
      record: 'CUS202405010001',
    });
    const res = await server.app.request(`/v1/audit?${audit.toString()}`, {
      headers: { authorization: `Bearer ${server.tokens.auditor}` },
    });
    expect(res.status).toBe(200);
  });
});

describe('a query value holding U+0000', () => {
  it.each([
    ['sales', '/v1/customers?q=%E5%8D%8E%00', 'q'],
    ['sales', '/v1/customers?industry=a%00', 'industry'],
    ['sales', '/v1/customers?owner=u-sales%00', 'owner'],
    ['sales', '/v1/customers?tagsAny=a%00', 'tagsAny'],
    ['supervisor', '/v1/customers/export?stage=a%00', 'stage'],
    ['auditor', '/v1/audit?actor=u-sales%00', 'actor'],
    ['auditor', '/v1/audit?action=a%00', 'action'],
    ['auditor', '/v1/audit?record=CUS%00', 'record'],
  ] as const)('is a 400 naming the parameter: %s %s', async (as, path, name) => {
    const res = await server.call(as, 'GET', path);
    expect(res).toEqual({
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          message: `请求格式错误：${name}`,
          fields: [{ field: name, code: 'query.invalid', message: `请求格式错误：${name}` }],
        },
      },
    });
  });
});
