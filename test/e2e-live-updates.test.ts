import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../shared/core/sync/mutation-outcome';
import { startRealServer, type RealServer } from './support/real-server';
import { changedCheckpoint, readSse } from './support/sse-reader';
import { enterpriseRow } from './support/test-server';

// The events stream over a real connection: nothing buffered on the way, and a server that stops
// with clients still listening ends their streams instead of waiting for them forever.

let server: RealServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function listen(real: RealServer, token: string) {
  const res = await fetch(`${real.base}/v1/sync/events`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  if (res.body === null) throw new Error('no stream');
  const sse = readSse(res.body);
  await sse.waitFor((block) => block.event === 'changed');
  return sse;
}

describe('GET /v1/sync/events on a running server', () => {
  it('reaches every listening client as soon as a push commits', async () => {
    const real = (server = await startRealServer());
    const sales = await real.addUser('u-sales', 'sales');
    const reviewer = await real.addUser('u-reviewer', 'reviewer');
    const listeners = [await listen(real, sales), await listen(real, reviewer)];
    const answer = await real.request(sales, 'POST', '/v1/sync/push', {
      clientId: 'sheet-1',
      mutations: [{ mutationId: randomUUID(), fields: enterpriseRow() }],
    });
    const { checkpoint } = answer.body as unknown as PushResponse;
    for (const sse of listeners) {
      await sse.waitFor((block) => changedCheckpoint(block) === checkpoint, 2000);
      await sse.cancel();
    }
  });

  it('stops promptly with clients listening, and their streams end', async () => {
    const real = await startRealServer();
    const sales = await real.addUser('u-sales', 'sales');
    const sse = await listen(real, sales);
    const started = Date.now();
    await real.close();
    expect(Date.now() - started).toBeLessThan(3000);
    await sse.waitForEnd();
  });
});
