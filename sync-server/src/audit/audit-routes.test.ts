import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditorRole, salesRole } from '../../../shared/core/roles/default-roles';
import { auditEntrySchema, type AuditEntry } from '../../../shared/core/schemas/audit-entry';
import type { User } from '../../../shared/core/schemas/user';
import { makeTestServer } from '../../../test/support/test-server';
import { ApiError } from '../http/api-error';
import type { Actor, AppEnv } from '../http/context';
import type { Database } from '../storage/database';
import { migrate } from '../storage/migrate';
import { openSqliteDatabase } from '../storage/sqlite-database';
import { appendAudit, type AuditInput } from './audit-log';
import { auditRoutes, type AuditPage } from './audit-routes';
import {
  auditCheckpointSchema,
  createCheckpointSigner,
  signCheckpoint,
  verifyCheckpoint,
} from './checkpoint-signer';
import { verifyChain } from './verify-chain';

const dir = mkdtempSync(join(tmpdir(), 'crm-audit-routes-'));
let n = 0;
const open: Database[] = [];
afterAll(async () => {
  for (const db of open) await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const user = (id: string, roleId: string): User => ({
  id,
  email: `${id}@example.com`,
  displayName: id,
  roleId,
  locale: 'en',
  active: true,
});
const actors: Record<string, Actor> = {
  'auditor-token': { user: user('u-auditor', 'auditor'), role: auditorRole },
  'sales-token': { user: user('u-sales-1', 'sales'), role: salesRole },
};
const signer = createCheckpointSigner(generateKeyPairSync('ed25519').privateKey);

/** The audit routes behind a stand-in for sign-in and the app's error handler. */
function testApp(db: Database): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('info', {
      ip: '127.0.0.1',
      userAgent: c.req.header('User-Agent') ?? null,
      client: 'api',
      locale: 'en',
      requestId: 'req-1',
    });
    const actor = actors[c.req.header('Authorization')?.replace(/^Bearer /, '') ?? ''];
    if (actor !== undefined) c.set('actor', actor);
    await next();
  });
  app.route('/', auditRoutes({ db, publicKeyPem: () => signer.publicKeyPem }));
  app.onError((error, c) =>
    error instanceof ApiError
      ? c.json(error.body(), error.status)
      : c.json({ error: { code: 'internal' } }, 500),
  );
  return app;
}

const event = (over: Partial<AuditInput>): AuditInput => ({
  actorId: 'u-sales-1',
  actorRole: 'sales',
  ip: '10.0.0.7',
  userAgent: 'GoogleAppsScript',
  client: 'sheets',
  action: 'customer.update',
  recordId: 'C202503010001',
  fields: [{ field: 'mobile', oldValue: '138****5678', newValue: '139****4321' }],
  outcome: 'success',
  detail: null,
  ...over,
});

/** Nine events over three days by two salespeople; one carries a formula-like detail. */
async function seeded(): Promise<{ db: Database; file: string; app: Hono<AppEnv> }> {
  const file = join(dir, `db-${n++}`, 'crm.sqlite');
  const db = await openSqliteDatabase(file);
  open.push(db);
  await migrate(db);
  for (let day = 1; day <= 3; day++) {
    for (let k = 0; k < 3; k++) {
      const over: Partial<AuditInput> = {
        actorId: k === 2 ? 'u-sales-2' : 'u-sales-1',
        recordId: `C2025030${day}000${k}`,
        ...(day === 2 && k === 1 ? { detail: '=HYPERLINK("http://evil.example","点击")' } : {}),
      };
      await db.write((tx) =>
        appendAudit(tx, [event(over)], new Date(Date.UTC(2025, 2, day, 8 + k))),
      );
    }
  }
  await signCheckpoint(db, signer, new Date(Date.UTC(2025, 2, 4)));
  return { db, file, app: testApp(db) };
}

const as = (token: string) => ({
  headers: { Authorization: `Bearer ${token}`, 'User-Agent': 'vitest' },
});
const auditor = as('auditor-token');

async function page(app: Hono<AppEnv>, query: string): Promise<AuditPage> {
  const res = await app.request(`/v1/audit?${query}`, auditor);
  expect(res.status).toBe(200);
  return (await res.json()) as AuditPage;
}

async function exportsBy(db: Database): Promise<AuditEntry[]> {
  const rows = await db.all<{ detail: string; actor_id: string }>(
    "SELECT actor_id, detail FROM audit_log WHERE action = 'audit.export' ORDER BY seq",
  );
  return rows.map((r) => ({ actorId: r.actor_id, detail: r.detail }) as AuditEntry);
}

describe('GET /v1/audit', () => {
  let ctx: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    ctx = await seeded();
  });

  it('gives an auditor entries as JSON pages that follow the cursor', async () => {
    const first = await page(ctx.app, 'action=customer.update&limit=4');
    expect(first.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    for (const e of first.entries) expect(auditEntrySchema.parse(e)).toEqual(e);
    expect(first.nextCursor).toBe('4-10'); // the last seq, and the page's own entry
    const second = await page(ctx.app, `action=customer.update&limit=4&cursor=${first.nextCursor}`);
    expect(second.entries.map((e) => e.seq)).toEqual([5, 6, 7, 8]);
    const third = await page(ctx.app, `action=customer.update&limit=4&cursor=${second.nextCursor}`);
    expect(third).toEqual({ entries: [expect.objectContaining({ seq: 9 })], nextCursor: null });
  });

  it('ends paging at the head the first page saw, though every page appends an entry', async () => {
    const fresh = await seeded();
    const seqs: number[] = [];
    let cursor: string | null = '';
    for (let pages = 0; cursor !== null; pages++) {
      if (pages > 20) throw new Error(`paging does not end: ${seqs.join(',')}`);
      const res: AuditPage = await page(
        fresh.app,
        `limit=1${cursor === '' ? '' : `&cursor=${cursor}`}`,
      );
      seqs.push(...res.entries.map((e) => e.seq));
      cursor = res.nextCursor;
    }
    // Nine events and the first page's own audit.export; the later pages' entries come next time.
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const again = await page(fresh.app, 'limit=1000');
    expect(again.entries).toHaveLength(9 + 10 + 1); // events, one export per page, this pull
    expect(again.nextCursor).toBeNull();
  });

  it('filters by actor, record and time range, with offsets honoured and `to` exclusive', async () => {
    const byActor = await page(ctx.app, 'actor=u-sales-2');
    expect(byActor.entries.map((e) => e.recordId)).toEqual([
      'C202503010002',
      'C202503020002',
      'C202503030002',
    ]);
    const byRecord = await page(ctx.app, 'record=C202503020001');
    expect(byRecord.entries.map((e) => e.seq)).toEqual([5]);
    const day2 = await page(ctx.app, 'from=2025-03-02T08:00:00%2B08:00&to=2025-03-02T10:00:00Z');
    expect(day2.entries.map((e) => e.at)).toEqual([
      '2025-03-02T08:00:00.000Z',
      '2025-03-02T09:00:00.000Z',
    ]);
    const byDate = await page(ctx.app, 'from=2025-03-03&actor=u-sales-1');
    expect(byDate.entries.map((e) => e.recordId)).toEqual(['C202503030000', 'C202503030001']);
  });

  it('records every pull as an audit.export entry by the auditor', async () => {
    const before = await exportsBy(ctx.db);
    const res = await page(ctx.app, 'action=audit.export&actor=u-auditor');
    const last = res.entries.at(-1);
    expect(res.entries).toHaveLength(before.length + 1);
    expect(last).toMatchObject({
      action: 'audit.export',
      actorId: 'u-auditor',
      actorRole: 'auditor',
      ip: '127.0.0.1',
      userAgent: 'vitest',
      client: 'api',
      outcome: 'success',
    });
    expect(JSON.parse(last?.detail ?? '')).toMatchObject({
      action: 'audit.export',
      actor: 'u-auditor',
      format: 'json',
    });
  });

  it('streams the whole range as JSONL that verifies as a chain, ending with the pull itself', async () => {
    const res = await ctx.app.request('/v1/audit?format=jsonl&limit=2', auditor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    const entries = text
      .trimEnd()
      .split('\n')
      .map((line) => auditEntrySchema.parse(JSON.parse(line)));
    const head = await ctx.db.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_head',
    );
    expect(entries.map((e) => e.seq)).toEqual(
      Array.from({ length: head?.seq ?? 0 }, (_, i) => i + 1),
    );
    expect(entries.at(-1)).toMatchObject({
      action: 'audit.export',
      detail: expect.stringContaining('jsonl') as string,
    });
    expect(await verifyChain(entries)).toEqual({
      ok: true,
      checked: entries.length,
      headSeq: head?.seq,
      headHash: head?.hash,
    });
  });

  it('streams CSV with a header, RFC 4180 quoting and formulas neutralised', async () => {
    const res = await ctx.app.request('/v1/audit?format=csv&actor=u-sales-1', auditor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="audit.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // so Excel reads UTF-8
    const text = new TextDecoder().decode(bytes);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'seq,at,actorId,actorRole,ip,userAgent,client,action,recordId,fields,outcome,detail,prevHash,hash',
    );
    expect(lines).toHaveLength(1 + 6 + 1); // header, six rows, the empty string after the last CRLF
    const row5 = lines.find((l) => l.startsWith('5,'));
    expect(row5).toContain(`,"'=HYPERLINK(""http://evil.example"",""点击"")",`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('pages a stream through more entries than one page holds', async () => {
    const big = await seeded();
    const many = Array.from({ length: 2100 }, (_, i) =>
      event({ recordId: `C2025040${String(i).padStart(5, '0')}` }),
    );
    await big.db.write((tx) => appendAudit(tx, many, new Date('2025-04-01T00:00:00Z')));
    const res = await big.app.request('/v1/audit?format=jsonl', auditor);
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(9 + 2100 + 1);
    expect(new Set(lines.map((l) => (JSON.parse(l) as AuditEntry).seq)).size).toBe(lines.length);
  });

  it('refuses sales with 403 and a stranger with 401, and records no pull for them', async () => {
    const before = (await exportsBy(ctx.db)).length;
    const res = await ctx.app.request('/v1/audit', as('sales-token'));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: 'forbidden', message: 'You are not allowed to do this' },
    });
    expect((await ctx.app.request('/v1/audit')).status).toBe(401);
    expect((await exportsBy(ctx.db)).length).toBe(before);
  });

  it.each([
    ['limit=5000', 'limit'],
    ['limit=0', 'limit'],
    ['format=xlsx', 'format'],
    ['from=yesterday', 'from'],
    ['cursor=-1', 'cursor'],
  ])('answers 400 naming the parameter for %s', async (query, name) => {
    const res = await ctx.app.request(`/v1/audit?${query}`, auditor);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'bad_request',
        message: `Malformed request: ${name}`,
        fields: [{ field: name, code: 'query.invalid', message: `Malformed request: ${name}` }],
      },
    });
  });

  it("names each bad parameter in the caller's language, without the validator's English", async () => {
    const server = await makeTestServer();
    try {
      const res = await server.call('auditor', 'GET', '/v1/audit?limit=0&from=yesterday');
      expect(res).toEqual({
        status: 400,
        body: {
          error: {
            code: 'bad_request',
            message: '请求格式错误：from, limit',
            fields: [
              { field: 'from', code: 'query.invalid', message: '请求格式错误：from' },
              { field: 'limit', code: 'query.invalid', message: '请求格式错误：limit' },
            ],
          },
        },
      });
    } finally {
      await server.close();
    }
  });
});

describe('GET /v1/audit/verify, /checkpoints and /public-key', () => {
  it('answers ok, then where the chain breaks after tampering', async () => {
    const { app, file } = await seeded();
    const ok = await app.request('/v1/audit/verify', auditor);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      ok: true,
      checked: 9,
      headSeq: 9,
      checkpoints: { total: 1, verified: 1, failed: 0 },
    });

    const raw = new sqlite3.Database(file);
    const sql =
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_id = 'u-nobody' WHERE seq = 6";
    await new Promise<void>((resolve, reject) => raw.exec(sql, (e) => (e ? reject(e) : resolve())));
    await new Promise<void>((resolve, reject) => raw.close((e) => (e ? reject(e) : resolve())));

    const broken = await app.request('/v1/audit/verify', auditor);
    expect(await broken.json()).toMatchObject({
      ok: false,
      checked: 5,
      headSeq: 9,
      brokenAt: 6,
      problem: 'hash_mismatch',
      checkpoints: { total: 1, verified: 0, failed: 1 },
    });
  });

  it('serves checkpoints and the public key that verifies them', async () => {
    const { app } = await seeded();
    const key = await app.request('/v1/audit/public-key', auditor);
    expect(key.headers.get('content-type')).toBe('application/x-pem-file');
    const pem = await key.text();
    expect(pem).toBe(signer.publicKeyPem);
    const body = (await (await app.request('/v1/audit/checkpoints', auditor)).json()) as {
      checkpoints: unknown[];
    };
    const checkpoints = body.checkpoints.map((c) => auditCheckpointSchema.parse(c));
    expect(checkpoints.map((c) => c.seq)).toEqual([9]);
    const [checkpoint] = checkpoints;
    expect(checkpoint !== undefined && verifyCheckpoint(checkpoint, pem)).toBe(true);
  });

  it('refuses sales on every one of them', async () => {
    const { app } = await seeded();
    for (const path of ['/v1/audit/verify', '/v1/audit/checkpoints', '/v1/audit/public-key']) {
      expect((await app.request(path, as('sales-token'))).status, path).toBe(403);
    }
  });
});
