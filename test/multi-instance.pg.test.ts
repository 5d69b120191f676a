import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MutationOutcome, PushResponse } from '../shared/core/sync/mutation-outcome';
import type { Mutation } from '../shared/core/sync/push-request';
import type { PullResponse } from '../shared/core/sync/pull-response';
import { creditCodeCheckChar } from '../shared/core/validation/credit-code';
import type { AuditTrailReport } from '../sync-server/src/audit/verify-audit-trail';
import { generateKeyMaterial } from '../sync-server/src/crypto/key-material';
import { testSchemas } from './support/pg-test-database';
import { spawnServer, type ServerProcess } from './support/server-process';
import { changedCheckpoint, readSse } from './support/sse-reader';

/*
 * Two sync-server processes on two ports, one PostgreSQL schema, the same data key and audit
 * signing key: what a team behind a load balancer runs. Two clients of one salesperson push to
 * both at once, the same new customers included, and edit the same records at once; then
 * nothing may be duplicated or lost, IDs and checkpoints stay unique and gapless, the audit chain
 * verifies, and a client listening on one instance hears of a push made on the other.
 */

const schemas = testSchemas();
const dirs: string[] = [];
const adminToken = `mi-admin-${randomBytes(16).toString('hex')}`;
let a: ServerProcess | undefined;
let b: ServerProcess | undefined;
const tokens = { clientA: '', clientB: '', auditor: '' };
let listener: ReturnType<typeof readSse> | undefined;
let shared: Record<string, string> = {};

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  server: ServerProcess | undefined,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  if (server === undefined) throw new Error('the server did not start');
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function push(server: ServerProcess | undefined, token: string, mutations: Mutation[]) {
  const answer = await call(server, token, 'POST', '/v1/sync/push', {
    clientId: token === tokens.clientA ? 'sheet-a' : 'sheet-b',
    mutations,
  });
  expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
  return answer.body as unknown as PushResponse;
}

/** Every record the salesperson sees, pulled in pages from `server`. */
async function pullAll(server: ServerProcess | undefined, since = 0) {
  const records: PullResponse['records'] = [];
  let epoch = 0;
  for (;;) {
    const answer = await call(
      server,
      tokens.clientB,
      'GET',
      `/v1/sync/pull?since=${since}&epoch=${epoch}&limit=200`,
    );
    expect(answer.status).toBe(200);
    const page = answer.body as unknown as PullResponse;
    records.push(...page.records);
    since = page.checkpoint;
    epoch = page.epoch;
    if (!page.hasMore) return records;
  }
}

/** A distinct enterprise customer for each `i`: its credit code is its dedupe key here. */
function customer(i: number): Record<string, unknown> {
  const org = String(70_000_000 + i) + '0123456789ABCDEFGHJKLMNPQRTUWXY'[i % 31];
  const first17 = `91310115${org}`;
  return {
    name: `${['华信', '恒达', '远景', '新锐'][i % 4]}${i}号${['科技', '贸易'][i % 2]}有限公司`,
    creditCode: first17 + creditCodeCheckChar(first17),
    industry: 'manufacturing',
    region: '310115',
    stage: 'prospect',
    contactName: '张伟',
    mobile: `13${String(800_000_000 + i)}`,
    email: `buyer${i}@example.com`,
    demand: '需要采购10台工业机器人',
    expectedDate: '2025-06-01',
    sources: ['tradeShow'],
  };
}

const create = (client: string, i: number): Mutation => ({
  mutationId: `${client}-create-${i}`,
  fields: customer(i),
});

// Started by the first test that needs it rather than a beforeAll, so that without PostgreSQL
// every test fails on its own instead of being reported as skipped.
let starting: Promise<void> | undefined;
const ready = () => (starting ??= start());

async function start(): Promise<void> {
  const schema = await schemas.fresh();
  const signingKey = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'der' })
    .toString('base64');
  shared = {
    DATABASE_URL: schemas.urlFor(schema),
    CRM_DATA_KEY: generateKeyMaterial(),
    CRM_AUDIT_SIGNING_KEY: signingKey,
    CRM_BOOTSTRAP_ADMIN_TOKEN: adminToken,
    CRM_AUDIT_CHECKPOINT_SECONDS: '1',
  };
  // Both start at once on the empty schema: both migrate and bootstrap it at the same moment.
  [a, b] = await Promise.all(
    ['a', 'b'].map((name) => {
      const dir = mkdtempSync(join(tmpdir(), `crm-mi-${name}-`));
      dirs.push(dir);
      return spawnServer({ ...shared, CRM_DATA_DIR: dir });
    }),
  );
  const asAdmin = async (method: string, path: string, body: unknown) => {
    const answer = await call(a, adminToken, method, path, body);
    if (answer.status >= 300) throw new Error(`${path}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  for (const [id, roleId] of [
    ['u-sales', 'sales'],
    ['u-auditor', 'auditor'],
  ] as const) {
    await asAdmin('PUT', `/v1/admin/users/${id}`, {
      email: `${id}@example.com`,
      displayName: id,
      roleId,
      team: 'east',
    });
  }
  const token = async (userId: string) =>
    String((await asAdmin('POST', `/v1/admin/users/${userId}/tokens`, { label: 'mi' }))['token']);
  // One salesperson with two sheets, each with its own token, each talking to its own instance.
  tokens.clientA = await token('u-sales');
  tokens.clientB = await token('u-sales');
  tokens.auditor = await token('u-auditor');
}

afterAll(async () => {
  await listener?.cancel();
  await Promise.all([a?.stop(), b?.stop()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await schemas.dropAll();
}, 30_000);

// The first test also waits for both servers to start.
describe('two server instances on one PostgreSQL database', { timeout: 90_000 }, () => {
  it('started at once on a fresh database with one admin, who set up users through either', async () => {
    await ready();
    const users = await call(b, adminToken, 'GET', '/v1/admin/users');
    expect(users.status).toBe(200);
    const ids = (users.body['users'] as { id: string }[]).map((u) => u.id).sort();
    expect(ids).toEqual(['u-admin', 'u-auditor', 'u-sales']);
    const bootstraps = await call(a, tokens.auditor, 'GET', '/v1/audit?action=bootstrap');
    expect(bootstraps.status).toBe(200);
    expect((bootstraps.body['entries'] as unknown[]).length).toBe(1);
  });

  it('tells a client listening on A of a push made on B', async () => {
    await ready();
    if (a === undefined) throw new Error('the server did not start');
    const res = await fetch(`${a.base}/v1/sync/events`, {
      headers: { authorization: `Bearer ${tokens.clientA}` },
    });
    expect(res.status).toBe(200);
    if (res.body === null) throw new Error('no stream');
    listener = readSse(res.body);
    const connected = await listener.waitFor((block) => block.event === 'changed');
    const atConnect = changedCheckpoint(connected) ?? -1;
    expect(atConnect).toBeGreaterThanOrEqual(0);

    const pushed = await push(b, tokens.clientB, [create('b', 900_000)]);
    expect(pushed.outcomes[0]?.status).toBe('pending_review');
    expect(pushed.checkpoint).toBeGreaterThan(atConnect);
    await listener.waitFor((block) => changedCheckpoint(block) === pushed.checkpoint);
  });

  it('loses and duplicates nothing while both take pushes at once, duplicates and edits racing', async () => {
    await ready();
    const earlier = (await pullAll(a)).map((r) => String(r.values['creditCode']));
    const rounds = 5;
    const own = 40;
    const racing = 10;
    const outcomes = new Map<string, MutationOutcome>();
    const keep = (answer: PushResponse) => {
      for (const outcome of answer.outcomes) outcomes.set(outcome.mutationId, outcome);
    };
    const sharedIndex = (round: number, k: number) => 500_000 + round * racing + k;
    const batches: { a: Mutation[]; b: Mutation[] }[] = [];

    for (let round = 0; round < rounds; round += 1) {
      const same = Array.from({ length: racing }, (_, k) => sharedIndex(round, k));
      const ownA = Array.from({ length: own }, (_, k) => 100_000 + round * own + k);
      const ownB = Array.from({ length: own }, (_, k) => 200_000 + round * own + k);
      // The same new customers go to both instances at once: first in one batch, last in the other.
      const batch = {
        a: [...same.map((i) => create('a', i)), ...ownA.map((i) => create('a', i))],
        b: [...ownB.map((i) => create('b', i)), ...same.map((i) => create('b', i))],
      };
      batches.push(batch);
      const [onA, onB] = await Promise.all([
        push(a, tokens.clientA, batch.a),
        push(b, tokens.clientB, batch.b),
      ]);
      keep(onA);
      keep(onB);
    }

    // A retry of a whole batch that lands on the other instance (the answer was lost on the way
    // back): every mutation ID is answered as the first time, and nothing is written again.
    const first = batches[0]?.a ?? [];
    const retried = await push(b, tokens.clientA, first);
    expect(retried.outcomes).toEqual(first.map((m) => outcomes.get(m.mutationId)));

    // Every customer sent by one client only was created.
    for (const batch of batches) {
      for (const m of [...batch.a, ...batch.b]) {
        if (Number(m.mutationId.split('-').at(-1)) >= 500_000) continue;
        expect(outcomes.get(m.mutationId)?.status, m.mutationId).toBe('pending_review');
      }
    }
    // Each customer sent to both: created once; the other send says so, or at worst failed (a
    // uniqueness race the per-row fallback caught), and its retry then finds the duplicate.
    const retries: Mutation[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (let k = 0; k < racing; k += 1) {
        const i = sharedIndex(round, k);
        const pair = [outcomes.get(`a-create-${i}`), outcomes.get(`b-create-${i}`)];
        const created = pair.filter((o) => o?.status === 'pending_review');
        expect(created, `customer ${i}`).toHaveLength(1);
        const winner = created[0];
        const other = pair.find((o) => o !== winner);
        if (other?.status === 'invalid') {
          expect(other.errors[0]?.code).toBe('row.failed');
          retries.push(create(other.mutationId.startsWith('a-') ? 'a' : 'b', i));
        } else {
          expect(other).toMatchObject({
            status: 'duplicate',
            existingId: winner?.status === 'pending_review' ? winner.recordId : '',
          });
        }
      }
    }
    if (retries.length > 0) {
      const again = await push(a, tokens.clientA, retries);
      for (const outcome of again.outcomes) expect(outcome.status).toBe('duplicate');
    }

    // What the database holds, read through the other instance: each customer exactly once.
    const records = await pullAll(b);
    const expectedCustomers = earlier.length + rounds * (2 * own + racing);
    expect(records).toHaveLength(expectedCustomers);
    const codes = records.map((r) => String(r.values['creditCode']));
    expect(new Set(codes).size).toBe(expectedCustomers);
    const sent = new Set(
      batches.flatMap((batch) =>
        [...batch.a, ...batch.b].map((m) => String(m.fields['creditCode'])),
      ),
    );
    for (const code of earlier) sent.add(code);
    expect(new Set(codes)).toEqual(sent);
    // Every created outcome names a record that exists.
    const ids = new Set(records.map((r) => r.id));
    for (const outcome of outcomes.values()) {
      if (outcome.status === 'pending_review') expect(ids.has(outcome.recordId)).toBe(true);
    }

    // IDs: unique, and per day CUS<date>0001…N without a hole.
    expect(ids.size).toBe(records.length);
    const byDay = new Map<string, number[]>();
    for (const id of ids) {
      const match = /^(CUS\d{8})(\d{4,})$/.exec(id);
      expect(match, id).not.toBeNull();
      const [, day = '', serial = ''] = match ?? [];
      byDay.set(day, [...(byDay.get(day) ?? []), Number(serial)]);
    }
    for (const serials of byDay.values()) {
      expect(serials.sort((x, y) => x - y)).toEqual(serials.map((_, k) => k + 1));
    }
    // Checkpoints: every write got its own.
    const written = [...outcomes.values()].flatMap((o) =>
      o.status === 'pending_review' ? [o.checkpoint] : [],
    );
    expect(new Set(written).size).toBe(written.length);
    expect(new Set(records.map((r) => r.checkpoint)).size).toBe(records.length);

    // Both sheets edit the same records at the same moment, through different instances.
    const before = Math.max(...records.map((r) => r.checkpoint));
    const recordOf = (i: number) => {
      const outcome = outcomes.get(`a-create-${i}`) ?? outcomes.get(`b-create-${i}`);
      if (outcome?.status !== 'pending_review') throw new Error(`no record for ${i}`);
      return { id: outcome.recordId, checkpoint: outcome.checkpoint };
    };
    const edit = (client: string, i: number, fields: Record<string, unknown>): Mutation => ({
      mutationId: `${client}-edit-${i}`,
      recordId: recordOf(i).id,
      baseCheckpoint: recordOf(i).checkpoint,
      fields,
    });
    const apart = Array.from({ length: 10 }, (_, k) => 100_000 + k);
    const clash = Array.from({ length: 5 }, (_, k) => 200_000 + k);
    const [editedOnA, editedOnB] = await Promise.all([
      push(a, tokens.clientA, [
        ...apart.map((i) => edit('a', i, { demand: `A改需求${i}` })),
        ...clash.map((i) => edit('a', i, { demand: `A要${i}台` })),
      ]),
      push(b, tokens.clientB, [
        ...apart.map((i) => edit('b', i, { contactTitle: `采购经理${i}` })),
        ...clash.map((i) => edit('b', i, { demand: `B要${i}台` })),
      ]),
    ]);
    keep(editedOnA);
    keep(editedOnB);
    const changed = new Map((await pullAll(a, before)).map((r) => [r.id, r.values]));
    for (const i of apart) {
      // Different fields: both edits kept, whichever landed first.
      const statuses = [outcomes.get(`a-edit-${i}`)?.status, outcomes.get(`b-edit-${i}`)?.status];
      expect(statuses.sort()).toEqual(['applied', 'merged']);
      expect(changed.get(recordOf(i).id)).toMatchObject({
        demand: `A改需求${i}`,
        contactTitle: `采购经理${i}`,
      });
    }
    for (const i of clash) {
      // One field: the first landed, the second is a conflict its author sees, never a silent loss.
      const onA = outcomes.get(`a-edit-${i}`);
      const onB = outcomes.get(`b-edit-${i}`);
      expect([onA?.status, onB?.status].sort()).toEqual(['applied', 'conflict']);
      const winner = onA?.status === 'applied' ? 'A' : 'B';
      expect(changed.get(recordOf(i).id)?.['demand']).toBe(`${winner}要${i}台`);
      const loser = winner === 'A' ? onB : onA;
      expect(loser).toMatchObject({
        status: 'conflict',
        conflicts: [{ field: 'demand', theirs: `${winner}要${i}台` }],
      });
    }
    const edits = [...editedOnA.outcomes, ...editedOnB.outcomes].flatMap((o) =>
      o.status === 'applied' || o.status === 'merged' ? [o.checkpoint] : [],
    );
    expect(new Set([...written, ...edits]).size).toBe(written.length + edits.length);

    // Text search reads the contact name out of the stored JSON on PostgreSQL too, and only it.
    const search = async (q: string) =>
      (await call(b, tokens.clientB, 'GET', `/v1/customers?q=${encodeURIComponent(q)}`, undefined))
        .body['customers'] as unknown[];
    expect((await search('张伟')).length).toBeGreaterThan(0);
    expect(await search('机器人')).toEqual([]);
    // A NUL pasted into a name (PostgreSQL cannot store one) fails that row only.
    const nul = await call(b, tokens.clientB, 'POST', '/v1/sync/push', {
      clientId: 'sheet-b',
      mutations: [
        { mutationId: 'b-nul-0001', fields: { ...customer(9001), name: '华信\u0000科技' } },
      ],
    });
    expect(nul.status).toBe(200);
    expect(nul.body['outcomes']).toMatchObject([
      { status: 'invalid', errors: [{ field: 'name' }] },
    ]);

    // The client listening on A heard of the last writes, wherever they landed.
    const last = Math.max(editedOnA.checkpoint, editedOnB.checkpoint);
    await listener?.waitFor((block) => (changedCheckpoint(block) ?? 0) >= last);
  }, 120_000);

  it('keeps one audit chain that verifies, with checkpoints both instances sign with one key', async () => {
    await ready();
    // Checkpoints are signed every second by whichever instance holds the job lock.
    let report: AuditTrailReport | undefined;
    for (let tries = 0; tries < 50; tries += 1) {
      // A read of the log is itself logged: the head moves, so the next tick signs it even when
      // the tests before ran within one tick.
      expect((await call(b, tokens.auditor, 'GET', '/v1/audit?limit=1')).status).toBe(200);
      const answer = await call(a, tokens.auditor, 'GET', '/v1/audit/verify');
      expect(answer.status).toBe(200);
      report = answer.body as unknown as AuditTrailReport;
      if (report.checkpoints.total >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(report).toMatchObject({ ok: true, checkpoints: { failed: 0 } });
    expect(report?.checkpoints.total).toBeGreaterThanOrEqual(2);
    expect(report?.checked).toBe(report?.headSeq);

    const fromB = (await call(b, tokens.auditor, 'GET', '/v1/audit/verify')).body;
    expect(fromB).toMatchObject({ ok: true, headHash: report?.headHash });
    const keys = await Promise.all(
      [a, b].map(async (server) => {
        const res = await fetch(`${server?.base}/v1/audit/public-key`, {
          headers: { authorization: `Bearer ${tokens.auditor}` },
        });
        return res.text();
      }),
    );
    expect(keys[0]).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('will not start on PostgreSQL without the shared keys, and says which settings', async () => {
    await ready();
    const dir = mkdtempSync(join(tmpdir(), 'crm-mi-nokeys-'));
    dirs.push(dir);
    const attempt = spawnServer({
      DATABASE_URL: shared['DATABASE_URL'] ?? '',
      CRM_DATA_DIR: dir,
    });
    const refusal = await attempt.then(
      async (server) => {
        await server.stop();
        throw new Error('it started');
      },
      (error: unknown) => String(error),
    );
    expect(refusal).toMatch(/exited \(1\)/);
    expect(refusal).toMatch(/CRM_DATA_KEY: 设了 DATABASE_URL.* \/ required with DATABASE_URL/);
    expect(refusal).toMatch(
      /CRM_AUDIT_SIGNING_KEY: 设了 DATABASE_URL.* \/ required with DATABASE_URL/,
    );
    expect(refusal).not.toContain(new URL(shared['DATABASE_URL'] ?? '').password + '@');
  });

  it('never printed a secret setting', async () => {
    await ready();
    const url = new URL(shared['DATABASE_URL'] ?? '');
    const secrets = [
      shared['DATABASE_URL'] ?? '',
      `:${url.password}@`,
      shared['CRM_AUDIT_SIGNING_KEY'] ?? '',
      adminToken,
      ...[...(shared['CRM_DATA_KEY'] ?? '').matchAll(/=([A-Za-z0-9+/]{43}=)/g)].map(
        (m) => m[1] ?? '',
      ),
    ];
    expect(secrets.filter((secret) => secret.length < 8)).toEqual([]);
    for (const server of [a, b]) {
      const output = server?.output() ?? '';
      expect(output).toContain('listening');
      for (const secret of secrets) expect(output).not.toContain(secret);
    }
  });
});
