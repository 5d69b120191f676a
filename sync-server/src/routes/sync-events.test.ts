import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushResponse } from '../../../shared/core/sync/mutation-outcome';
import { changedCheckpoint, readSse } from '../../../test/support/sse-reader';
import { enterpriseRow, makeTestServer, type RoleId } from '../../../test/support/test-server';
import type { ChangeFeed } from '../events/change-feed';
import { authenticate } from '../http/authenticate';
import type { AppEnv } from '../http/context';
import { requestInfo } from '../http/request-info';
import { syncEventRoutes } from './sync-events';

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;
let n = 0;

beforeEach(async () => {
  server = await makeTestServer();
});
afterEach(async () => {
  await server.close();
});

async function connect(as: RoleId, app: Hono<AppEnv> = server.app) {
  const res = await app.request('/v1/sync/events', {
    headers: { authorization: `Bearer ${server.tokens[as]}` },
  });
  if (res.body === null) throw new Error(`no body: ${res.status}`);
  return { res, sse: readSse(res.body) };
}

async function push(fields: Record<string, unknown>) {
  const res = await server.call('sales', 'POST', '/v1/sync/push', {
    clientId: 'sheet-sales',
    mutations: [{ mutationId: `events-${String(n++).padStart(6, '0')}`, fields }],
  });
  return res.body as unknown as PushResponse;
}

/** Records what the routes publish, passing it on. */
function spyOnPublish(): number[] {
  const published: number[] = [];
  const feed = server.deps.changes;
  server.deps.changes = {
    ...feed,
    publish: (checkpoint) => {
      published.push(checkpoint);
      return feed.publish(checkpoint);
    },
  };
  return published;
}

describe('GET /v1/sync/events', () => {
  it('says changed with the checkpoint on connecting, then after each push, review and tag change', async () => {
    const first = await push({ ...enterpriseRow(), tags: ['区域-华东'] });
    const outcome = first.outcomes[0];
    if (outcome?.status !== 'pending_review') throw new Error(JSON.stringify(first));

    const { res, sse } = await connect('support');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const seen = () => sse.blocks.flatMap((b) => changedCheckpoint(b) ?? []);
    const waitForCheckpoint = (checkpoint: number) =>
      sse.waitFor((b) => changedCheckpoint(b) === checkpoint);

    await waitForCheckpoint(first.checkpoint);

    const second = await push(enterpriseRow());
    expect(second.checkpoint).toBeGreaterThan(first.checkpoint);
    await waitForCheckpoint(second.checkpoint);

    const approved = await server.call(
      'reviewer',
      'POST',
      `/v1/customers/${outcome.recordId}/review`,
      {
        decision: 'approve',
      },
    );
    expect(approved.status).toBe(200);
    await waitForCheckpoint(Number(approved.body['checkpoint']));

    const renamed = await server.call(
      'admin',
      'POST',
      `/v1/tags/${encodeURIComponent('区域-华东')}/rename`,
      {
        to: '区域-华东地区',
      },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body['changedRecords']).toBe(1);
    await waitForCheckpoint(Number(renamed.body['checkpoint']));

    expect(seen()).toEqual([
      first.checkpoint,
      second.checkpoint,
      Number(approved.body['checkpoint']),
      Number(renamed.body['checkpoint']),
    ]);
    await sse.cancel();
  });

  it('says changed when permissions change, so clients pull and drop rows that left their scope', async () => {
    const { sse } = await connect('support');
    const opening = await sse.waitFor((b) => changedCheckpoint(b) !== undefined);
    const rule = await server.call('admin', 'PATCH', '/v1/admin/roles/support/fields', {
      field: 'email',
      access: 'hidden',
    });
    expect(rule.status).toBe(200);
    const epoch = Number(rule.body['permissionsChangedAt']);
    expect(epoch).toBeGreaterThan(changedCheckpoint(opening) ?? Infinity);
    await sse.waitFor((b) => changedCheckpoint(b) === epoch);

    const user = await server.call('admin', 'PUT', '/v1/admin/users/u-sales', {
      email: 'moved@crm.local',
      displayName: '调岗的销售',
      roleId: 'support',
      locale: 'zh-CN',
      active: true,
    });
    expect(user.status).toBeLessThan(300);
    await sse.waitFor((b) => changedCheckpoint(b) === Number(user.body['permissionsChangedAt']));
    await sse.cancel();
  });

  it('is published only by requests that wrote records or permissions', async () => {
    const published = spyOnPublish();
    const invalid = await push({ name: '' });
    expect(invalid.outcomes[0]?.status).toBe('invalid');
    const added = await server.call('admin', 'POST', '/v1/tags', { tag: '区域-华东新区' });
    expect(added.status).toBe(201);
    const unused = await server.call(
      'admin',
      'POST',
      `/v1/tags/${encodeURIComponent('区域-西北')}/retire`,
    );
    expect(unused.body['changedRecords']).toBe(0);
    expect(published).toEqual([]);

    // Saving a rule as it already is changes nothing, so nobody is told.
    const same = await server.call('admin', 'PATCH', '/v1/admin/roles/support/fields', {
      field: 'mobile',
      access: 'masked',
    });
    expect(same.status).toBe(200);
    expect(published).toEqual([]);

    const created = await push(enterpriseRow());
    expect(created.outcomes[0]?.status).toBe('pending_review');
    expect(published).toEqual([created.checkpoint]);
  });

  it('sends a heartbeat comment while nothing changes', async () => {
    const app = new Hono<AppEnv>();
    app.use(requestInfo(false));
    app.use('/v1/*', authenticate(server.deps));
    app.route('/', syncEventRoutes(server.deps, { heartbeatMs: 20 }));
    const { sse } = await connect('sales', app);
    await sse.waitFor((b) => b.comment === 'heartbeat');
    expect(sse.blocks.filter((b) => b.event === 'changed')).toHaveLength(1);
    await sse.cancel();
  });

  it('stops listening when the client goes away', async () => {
    const feed = server.deps.changes;
    let open = 0;
    server.deps.changes = {
      ...feed,
      subscribe: (subscriber) => {
        open += 1;
        const stop = feed.subscribe(subscriber);
        return () => {
          open -= 1;
          stop();
        };
      },
    } satisfies ChangeFeed;
    const clients = [await connect('sales'), await connect('reviewer')];
    for (const { sse } of clients) await sse.waitFor((b) => b.event === 'changed');
    expect(open).toBe(2);
    for (const { sse } of clients) await sse.cancel();
    await expect.poll(() => open).toBe(0);
  });

  it('ends the stream when the server shuts the feed', async () => {
    const { sse } = await connect('sales');
    await sse.waitFor((b) => b.event === 'changed');
    server.deps.changes.close();
    await sse.waitForEnd();
  });

  it('ends a stream whose database read fails, logging no stack and no message', async () => {
    const db = server.deps.db;
    const get = db.get.bind(db);
    db.get = ((sql: string, params?: unknown[]) =>
      sql.includes("name = 'checkpoint'")
        ? Promise.reject(new Error('connection lost to db.internal:5432'))
        : get(sql, params as never)) as typeof db.get;
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? String(a.stack) : String(a))).join(' '));
    });
    try {
      const { sse } = await connect('sales');
      await sse.waitForEnd();
    } finally {
      spy.mockRestore();
      db.get = get;
    }
    expect(logged).toEqual([expect.stringMatching(/events stream failed: Error$/)]);
  });

  it('refuses a role that may not read customers, and audits the refusal', async () => {
    const res = await server.app.request('/v1/sync/events', {
      headers: { authorization: `Bearer ${server.tokens.auditor}` },
    });
    expect(res.status).toBe(403);
    const denied = await server.db.all<{ action: string }>(
      "SELECT action FROM audit_log WHERE outcome = 'denied' AND actor_id = 'u-auditor'",
    );
    expect(denied).toEqual([{ action: 'customer.read' }]);
  });
});
