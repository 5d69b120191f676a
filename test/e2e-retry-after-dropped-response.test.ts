import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../shared/core/schemas/audit-entry';
import type { MutationOutcome, PushResponse } from '../shared/core/sync/mutation-outcome';
import { startDroppingProxy } from './support/dropping-proxy';
import { startRealServer, type RealServer } from './support/real-server';
import { enterpriseRow } from './support/test-server';

let server: RealServer;
let proxy: Awaited<ReturnType<typeof startDroppingProxy>>;
let clerk: string;
let auditor: string;

beforeAll(async () => {
  server = await startRealServer();
  clerk = await server.addUser('u-clerk', 'entryClerk');
  auditor = await server.addUser('u-auditor', 'auditor');
  proxy = await startDroppingProxy(server.port);
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});

describe('a push whose response is lost on the way back', () => {
  it('is applied once: the retry of the same mutation IDs gets the first outcomes again', async () => {
    const rows = [enterpriseRow(), enterpriseRow(), enterpriseRow()];
    const batch = {
      clientId: 'sheet-e2e',
      mutations: rows.map((fields) => ({ mutationId: randomUUID(), fields })),
    };
    const body = JSON.stringify(batch);
    const headers = { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' };

    // The server gets the whole batch and answers, but the client's connection dies first.
    await expect(
      fetch(`${proxy.base}/v1/sync/push`, { method: 'POST', headers, body }),
    ).rejects.toThrow(TypeError);
    const lost = await proxy.droppedResponse();
    expect(lost.status).toBe(200);
    const first = (JSON.parse(lost.body) as PushResponse).outcomes;
    expect(first.map((o) => o.status)).toEqual([
      'pending_review',
      'pending_review',
      'pending_review',
    ]);
    const ids = first.map((o) => (o as Extract<MutationOutcome, { recordId: string }>).recordId);
    expect(new Set(ids).size).toBe(3);

    // The client cannot know whether its batch arrived, so it sends the same batch again.
    const retry = await server.request(clerk, 'POST', '/v1/sync/push', batch);
    expect(retry.status).toBe(200);
    expect((retry.body as unknown as PushResponse).outcomes).toEqual(first);

    // Each record exists once, under the ID of the first application.
    const listed = await server.request(clerk, 'GET', '/v1/customers?limit=500');
    const customers = listed.body['customers'] as { id: string; values: { name: string } }[];
    expect(customers.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(customers.map((c) => c.values.name).sort()).toEqual(
      rows.map((r) => String(r['name'])).sort(),
    );

    // And was created once: one creation in the audit log per record.
    const audit = await server.request(auditor, 'GET', '/v1/audit?action=customer.create');
    const created = (audit.body['entries'] as AuditEntry[]).filter((e) => e.outcome === 'success');
    expect(created.map((e) => e.recordId).sort()).toEqual([...ids].sort());
  });
});
