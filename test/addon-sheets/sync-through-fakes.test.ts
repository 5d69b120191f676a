import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../shared/core/sync-client/index';
import { limits } from '../fakes/apps-script/limits';
import { startRealServerProcess, type RealServerProcess } from '../support/real-server-process';
import { buildFor, columnOf, openSheet, typeRows, typedCustomer } from './sheet-helpers';

let server: RealServerProcess;
let projectDir: string;

beforeAll(async () => {
  server = await startRealServerProcess();
  projectDir = await buildFor(server.base);
}, 60_000);
afterAll(async () => {
  await server.close();
  rmSync(projectDir, { recursive: true, force: true });
});

/** A clerk who signs in with a Google ID token, as ScriptApp.getIdentityToken() gives it. */
async function clerk(id: string) {
  const email = `${id}@example.com`;
  // The sheet signs in with the Google ID token; the test reads the server with the API token.
  const restToken = await server.addUser(id, 'entryClerk', email);
  const idToken = await server.signGoogleIdToken(email);
  return { email, idToken, restToken };
}

/** Every record the user sees, by pulling from the start. */
async function serverRecords(
  token: string,
): Promise<{ id: string; values: Record<string, unknown> }[]> {
  const out: { id: string; values: Record<string, unknown> }[] = [];
  let since = 0;
  let epoch = 0;
  for (;;) {
    const page = await server.request(
      token,
      'GET',
      `/v1/sync/pull?since=${since}&epoch=${epoch}&limit=5000`,
    );
    epoch = Number(page.body['epoch']);
    out.push(...(page.body['records'] as { id: string; values: Record<string, unknown> }[]));
    since = Number(page.body['checkpoint']);
    if (page.body['hasMore'] !== true) return out;
  }
}

const pushBodies = (records: { url: string; payload?: string }[]) =>
  records
    .filter((r) => r.url.endsWith('/v1/sync/push'))
    .map((r) => JSON.parse(r.payload ?? '{}') as { mutations: { mutationId: string }[] });

describe('the add-on syncing through the Apps Script fakes to the real server', () => {
  it('stops before the time limit when the network is slow, and the next runs finish the job', async () => {
    const user = await clerk('slow-clerk');
    // Each request takes 100 s: three fit in a run, not a fourth.
    const { env, sheet } = openSheet(projectDir, server.base, user, { fetchLatencyMs: 100_000 });
    typeRows(
      sheet,
      Array.from({ length: 1_200 }, (_, i) => typedCustomer(200_000 + i)),
    );
    const runs: SyncReport[] = [];
    for (let i = 0; i < 5 && runs.at(-1)?.complete !== true; i++) {
      const started = env.clock.now();
      runs.push(env.run<SyncReport>('syncNow'));
      expect(env.clock.now() - started).toBeLessThan(limits.executionMs);
    }
    expect(runs[0]).toMatchObject({ complete: false, pendingReview: 1_000 });
    expect(runs.at(-1)?.complete).toBe(true);
    expect(runs.slice(1).every((r) => r.resumed === true)).toBe(true);
    expect(runs.reduce((n, r) => n + r.pendingReview, 0)).toBe(1_200);

    const stored = await serverRecords(user.restToken);
    expect(stored).toHaveLength(1_200);
    const ids = Array.from({ length: 1_200 }, (_, i) =>
      String(sheet.cell(2 + i, sheet.getLastColumn() - 2).value),
    );
    expect(new Set(ids)).toEqual(new Set(stored.map((r) => r.id)));
  }, 120_000);

  it('retries a push whose answer was lost with the same mutation IDs, creating nothing twice', async () => {
    const user = await clerk('dropped-clerk');
    const { env, sheet } = openSheet(projectDir, server.base, user);
    typeRows(
      sheet,
      Array.from({ length: 30 }, (_, i) => typedCustomer(300_000 + i)),
    );
    env.urlFetch.dropNextAnswers(1);

    const report = env.run<SyncReport>('syncNow');
    expect(report).toMatchObject({ complete: true, pendingReview: 30 });
    const [lost, retry] = pushBodies(env.urlFetch.records);
    expect(env.urlFetch.records[0]?.dropped).toBe(true);
    expect(retry?.mutations.map((m) => m.mutationId)).toEqual(
      lost?.mutations.map((m) => m.mutationId),
    );
    expect(await serverRecords(user.restToken)).toHaveLength(30);
  });

  it('resumes a run Apps Script killed after the server acted, losing and duplicating nothing', async () => {
    const user = await clerk('killed-clerk');
    const { env, sheet } = openSheet(projectDir, server.base, user);
    typeRows(
      sheet,
      Array.from({ length: 40 }, (_, i) => typedCustomer(400_000 + i)),
    );
    env.urlFetch.onAnswer = () => {
      env.urlFetch.onAnswer = undefined;
      env.clock.kill();
    };
    expect(() => env.run('syncNow')).toThrow('Exceeded maximum execution time');
    expect(env.lock.held).toBe(false);

    const report = env.run<SyncReport>('syncNow');
    expect(report).toMatchObject({ resumed: true, complete: true, pendingReview: 40 });
    const [killed, resent] = pushBodies(env.urlFetch.records);
    expect(resent?.mutations.map((m) => m.mutationId)).toEqual(
      killed?.mutations.map((m) => m.mutationId),
    );
    const stored = await serverRecords(user.restToken);
    expect(stored).toHaveLength(40);
    expect(new Set(stored.map((r) => r.values['name']))).toEqual(
      new Set(Array.from({ length: 40 }, (_, i) => typedCustomer(400_000 + i)['name'])),
    );
  });

  it('keeps an edit made in the sheet while a sync runs, and pushes it next time', async () => {
    const user = await clerk('busy-clerk');
    const { env, sheet } = openSheet(projectDir, server.base, user);
    const row = typeRows(sheet, [typedCustomer(500_000)]);
    env.run('syncNow');
    const recordId = String(sheet.cell(row, sheet.getLastColumn() - 2).value);

    sheet.type(row, columnOf(sheet, 'demand'), '需要采购20台工业机器人');
    // While the push is on the wire, the user changes the contact name.
    env.urlFetch.onAnswer = (record) => {
      if (!record.url.endsWith('/v1/sync/push')) return;
      env.urlFetch.onAnswer = undefined;
      sheet.type(row, columnOf(sheet, 'contactName'), '李娜');
    };
    const during = env.run<SyncReport>('syncNow');
    expect(during.applied).toBe(1);
    expect(during.editedDuringSync).toEqual([row]);
    expect(sheet.cell(row, columnOf(sheet, 'contactName')).value).toBe('李娜');

    const next = env.run<SyncReport>('syncNow');
    expect(next.applied).toBe(1);
    const stored = (await serverRecords(user.restToken)).find((r) => r.id === recordId);
    expect(stored?.values).toMatchObject({ demand: '需要采购20台工业机器人', contactName: '李娜' });
  });

  it('answers busy when another sync holds the document lock', async () => {
    const user = await clerk('locked-clerk');
    const { env } = openSheet(projectDir, server.base, user);
    env.lock.holdElsewhere(60_000);
    const report = env.run<SyncReport>('syncNow');
    expect(report.failure?.code).toBe('busy');
    expect(report.failure?.message).toBe('另一次同步正在进行，请稍后再试');
    expect(env.urlFetch.records).toEqual([]);
  });
  // Past 9,999 customers in a day the server's serials take a fifth digit (CUS2026112210000).
  it('syncs 10,000 new rows in one run, inside the time, fetch and payload limits', async () => {
    const user = await clerk('bulk-clerk');
    const { env, sheet } = openSheet(projectDir, server.base, user);
    typeRows(
      sheet,
      Array.from({ length: 10_000 }, (_, i) => typedCustomer(100_000 + i)),
    );
    env.ctx.calls = {};

    const started = env.clock.now();
    const report = env.run<SyncReport>('syncNow');
    const took = env.clock.now() - started;

    expect(report.failure).toBeUndefined();
    expect(report).toMatchObject({
      complete: true,
      pendingReview: 10_000,
      invalid: [],
      duplicates: [],
    });
    expect(took).toBeLessThan(limits.executionMs);
    const pushes = pushBodies(env.urlFetch.records);
    expect(pushes).toHaveLength(20);
    for (const body of pushes) expect(body.mutations.length).toBeLessThanOrEqual(500);
    const biggest = Math.max(
      ...env.urlFetch.records.map((r) => Buffer.byteLength(r.payload ?? '')),
    );
    expect(biggest).toBeLessThan(limits.urlFetchPayloadBytes / 10);
    expect(env.urlFetch.callsToday).toBeLessThan(40);
    // The sheet is read and written in whole ranges, not cell by cell.
    expect(env.ctx.calls['getValues'] ?? 0).toBeLessThan(30);
    expect(env.ctx.calls['setValues'] ?? 0).toBeLessThan(30);

    const ids = new Set<string>();
    const idColumn = columnOf(sheet, 'name') + 0;
    for (let row = 2; row <= 10_001; row++) {
      const recordId = String(sheet.cell(row, sheet.getLastColumn() - 2).value);
      expect(recordId, `row ${row}`).toMatch(/^CUS\d{12,}$/);
      ids.add(recordId);
      expect(sheet.cell(row, idColumn).value).not.toBe('');
    }
    expect(ids.size).toBe(10_000);
    const stored = await serverRecords(user.restToken);
    expect(stored).toHaveLength(10_000);
    expect(new Set(stored.map((r) => r.id))).toEqual(ids);
  }, 300_000);
});
