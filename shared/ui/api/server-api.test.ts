import { expect, it } from 'vitest';
import { ApiFailure, createServerApi } from './server-api';

it("reports a dropped connection in the sidebar's language, not as the browser's English", async () => {
  const api = (locale: 'zh-CN' | 'en') =>
    createServerApi({
      serverUrl: () => Promise.resolve('https://crm.example.com'),
      token: () => Promise.resolve('t'),
      locale: () => locale,
      client: 'sheets',
      // What Chrome throws when the network drops.
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
  const failure = await api('zh-CN')
    .review('CUS202405010001', 'approve')
    .catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(ApiFailure);
  expect(failure).toMatchObject({
    status: 0,
    code: 'network',
    message: '无法连接同步服务器，请检查网络后重试',
  });
  await expect(api('en').me()).rejects.toThrow(
    'Cannot reach the sync server; check the network and try again',
  );
});
