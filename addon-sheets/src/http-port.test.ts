import { afterEach, expect, it, vi } from 'vitest';
import type { HttpResponse } from './apps-script-api';
// The add-on's global services, for the port under test; the test stubs UrlFetchApp itself.
import type {} from './apps-script-globals';
import { httpPort } from './http-port';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('hands the engine the Retry-After of a refused sign-in, whatever case UrlFetchApp keeps it in', () => {
  const response: HttpResponse = {
    getResponseCode: () => 503,
    getContentText: () =>
      JSON.stringify({ error: { code: 'signin_unavailable', message: '请30秒后再试' } }),
    getHeaders: () => ({ 'Content-Type': 'application/json', 'Retry-After': '30' }),
  };
  vi.stubGlobal('UrlFetchApp', { fetch: () => response });
  expect(httpPort('https://crm.example.com', 't', 'zh-CN').request('GET', '/v1/me')).toEqual({
    status: 503,
    body: { error: { code: 'signin_unavailable', message: '请30秒后再试' } },
    retryAfter: '30',
  });
});
