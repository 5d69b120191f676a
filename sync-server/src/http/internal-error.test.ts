import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { makeTestServer } from '../../../test/support/test-server';

let server: Awaited<ReturnType<typeof makeTestServer>>;
beforeEach(async () => {
  server = await makeTestServer();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
});

it('answers a failure with 500 and its request id, logging the error name and code only', async () => {
  const failure = Object.assign(new Error('value "13912345678" violates a check'), {
    code: 'SQLITE_CONSTRAINT',
  });
  vi.spyOn(server.db, 'all').mockRejectedValue(failure);
  const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const res = await server.call('admin', 'GET', '/v1/customers');
  expect(res.status).toBe(500);
  const { error } = res.body as { error: { code: string; message: string } };
  expect(error.code).toBe('internal');
  expect(error.message).not.toContain('13912345678');
  const lines = logged.mock.calls.map((args) => args.join(' '));
  expect(lines).toEqual([
    expect.stringMatching(/^\[[^\]]+\] request failed: Error \(SQLITE_CONSTRAINT\)$/),
  ]);
  expect(lines.join('\n')).not.toContain('13912345678');
});
