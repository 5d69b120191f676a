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

describe('a path holding U+0000', () => {
  it('names nothing: 404 in the error shape, whatever the route', async () => {
    const pushed = await server.call('sales', 'POST', '/v1/sync/push', {
      clientId: 'sheet-1',
      mutations: [{ mutationId: 'nul-path-0001', fields: enterpriseRow() }],
    });
    const id = (pushed.body['outcomes'] as { recordId: string }[])[0]?.recordId ?? '';
    for (const [as, method, path, body] of [
      ['sales', 'GET', `/v1/customers/${id}%00`, undefined],
      ['reviewer', 'POST', `/v1/customers/${id}%00/review`, { decision: 'approve' }],
      ['admin', 'PUT', '/v1/admin/roles/sales%00', {}],
      ['admin', 'POST', '/v1/tags/%E5%8C%BA%E5%9F%9F%00/retire', undefined],
      ['admin', 'DELETE', '/v1/admin/tokens/t%00', undefined],
    ] as const) {
      const res = await server.call(as, method, path, body);
      expect(res.status, path).toBe(404);
      expect(res.body['error'], path).toMatchObject({ code: 'not_found' });
    }
  });

  it('creates no user under such an ID', async () => {
    const res = await server.call('admin', 'PUT', '/v1/admin/users/u-x%00', {
      email: 'x@example.com',
      displayName: 'x',
      roleId: 'sales',
    });
    expect(res.status).toBe(404);
    const users = await server.call('admin', 'GET', '/v1/admin/users');
    expect((users.body['users'] as { email: string }[]).map((u) => u.email)).not.toContain(
      'x@example.com',
    );
  });

  it('still asks a stranger to sign in first', async () => {
    expect((await server.call(null, 'GET', '/v1/customers/CUS%00')).status).toBe(401);
  });
});
