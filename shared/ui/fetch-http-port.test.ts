import { expect, it } from 'vitest';
import { fetchHttpPort } from './fetch-http-port';

it('hands the engine the Retry-After of a rate-limited answer, for it to wait as told', async () => {
  const http = fetchHttpPort({
    serverUrl: 'https://crm.example.com',
    token: 't',
    client: 'excel',
    locale: () => 'zh-CN',
    fetch: () =>
      Promise.resolve(
        new Response(JSON.stringify({ error: { code: 'rate_limited', message: '请60秒后再试' } }), {
          status: 429,
          headers: { 'content-type': 'application/json', 'Retry-After': '60' },
        }),
      ),
  });
  expect(await http.request('GET', '/v1/sync/pull?since=0')).toEqual({
    status: 429,
    body: { error: { code: 'rate_limited', message: '请60秒后再试' } },
    retryAfter: '60',
  });
});
