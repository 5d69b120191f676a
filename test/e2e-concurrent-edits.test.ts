import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationOutcome, PushResponse } from '../shared/core/sync/mutation-outcome';
import { startRealServer, type RealServer } from './support/real-server';
import { enterpriseRow } from './support/test-server';

// sync.test.ts covers merge and conflict one push after the other through app.request; here two
// clients send theirs at the same moment over real connections, in whatever order they land.

let server: RealServer;
let clerk: string;
let sales: string;

beforeAll(async () => {
  server = await startRealServer();
  clerk = await server.addUser('u-clerk', 'entryClerk');
  sales = await server.addUser('u-sales', 'sales');
});
afterAll(async () => {
  await server.close();
});

/** A pending record typed in by the entry clerk for the salesperson: both may edit it. */
async function sharedRecord(): Promise<{ id: string; checkpoint: number }> {
  const answer = await server.request(clerk, 'POST', '/v1/sync/push', {
    clientId: 'clerk-sheet',
    mutations: [{ mutationId: randomUUID(), fields: { ...enterpriseRow(), owner: 'u-sales' } }],
  });
  const outcome = (answer.body as unknown as PushResponse).outcomes[0];
  if (outcome?.status !== 'pending_review') throw new Error(JSON.stringify(answer.body));
  return { id: outcome.recordId, checkpoint: outcome.checkpoint };
}

/** Both clients push an edit made on the same checkpoint, at once. */
async function editAtOnce(
  record: { id: string; checkpoint: number },
  clerkFields: Record<string, unknown>,
  salesFields: Record<string, unknown>,
): Promise<{ clerk: MutationOutcome; sales: MutationOutcome }> {
  const edit = (token: string, client: string, fields: Record<string, unknown>) =>
    server.request(token, 'POST', '/v1/sync/push', {
      clientId: client,
      mutations: [
        {
          mutationId: randomUUID(),
          recordId: record.id,
          baseCheckpoint: record.checkpoint,
          fields,
        },
      ],
    });
  const answers = await Promise.all([
    edit(clerk, 'clerk-sheet', clerkFields),
    edit(sales, 'sales-sheet', salesFields),
  ]);
  const [a, b] = answers.map((answer) => {
    expect(answer.status).toBe(200);
    const outcome = (answer.body as unknown as PushResponse).outcomes[0];
    if (outcome === undefined) throw new Error('no outcome');
    return outcome;
  });
  return { clerk: a as MutationOutcome, sales: b as MutationOutcome };
}

async function valuesOf(id: string): Promise<Record<string, unknown>> {
  const answer = await server.request(sales, 'GET', `/v1/customers/${id}`);
  expect(answer.status).toBe(200);
  return answer.body['values'] as Record<string, unknown>;
}

describe('two clients editing one record at the same time', () => {
  it.each([1, 2, 3])('merges edits of different fields (round %i)', async () => {
    const record = await sharedRecord();
    const outcomes = await editAtOnce(
      record,
      { demand: '改为采购20台工业机器人' },
      { contactTitle: '采购经理' },
    );
    // Whoever lands second is told the other's field changed meanwhile, and keeps their own.
    const second = outcomes.clerk.status === 'merged' ? 'clerk' : 'sales';
    const first = second === 'clerk' ? 'sales' : 'clerk';
    expect(outcomes[first]).toMatchObject({ status: 'applied', recordId: record.id });
    expect(outcomes[second]).toMatchObject({
      status: 'merged',
      recordId: record.id,
      mergedFields: [first === 'clerk' ? 'demand' : 'contactTitle'],
    });
    expect(await valuesOf(record.id)).toMatchObject({
      demand: '改为采购20台工业机器人',
      contactTitle: '采购经理',
    });
  });

  it.each([1, 2, 3])(
    'reports a conflict with both values when both change one field (round %i)',
    async () => {
      const record = await sharedRecord();
      const mine = { clerk: '需要采购20台工业机器人', sales: '需要采购30台工业机器人' };
      const outcomes = await editAtOnce(record, { demand: mine.clerk }, { demand: mine.sales });
      const loser = outcomes.clerk.status === 'conflict' ? 'clerk' : 'sales';
      const winner = loser === 'clerk' ? 'sales' : 'clerk';
      expect(outcomes[winner]).toMatchObject({ status: 'applied', recordId: record.id });
      expect(outcomes[loser]).toMatchObject({
        status: 'conflict',
        recordId: record.id,
        conflicts: [{ field: 'demand', yours: mine[loser], theirs: mine[winner] }],
      });
      // The conflict changed nothing: the record keeps the value that landed first.
      expect((await valuesOf(record.id))['demand']).toBe(mine[winner]);
    },
  );
});
