import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditorRole, salesRole } from '../../../shared/core/roles/default-roles';
import type { AuditEntry } from '../../../shared/core/schemas/audit-entry';
import { appendAudit, entryHash, type AuditInput } from '../audit/audit-log';
import { auditRoutes } from '../audit/audit-routes';
import { createCheckpointSigner, signCheckpoint } from '../audit/checkpoint-signer';
import { ApiError } from '../http/api-error';
import type { Actor, AppEnv } from '../http/context';
import type { Database } from '../storage/database';
import { migrate } from '../storage/migrate';
import { openSqliteDatabase } from '../storage/sqlite-database';
import { runAuditCli } from './audit-cli';

const token = 'tok_auditor_5f1e2d3c4b5a69788796a5b4c3d2e1f0';
const dir = mkdtempSync(join(tmpdir(), 'crm-audit-cli-'));
const signer = createCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
const actors: Record<string, Actor> = {
  [token]: {
    user: {
      id: 'u-auditor',
      email: 'a@example.com',
      displayName: 'Auditor',
      roleId: 'auditor',
      locale: 'en',
      active: true,
    },
    role: auditorRole,
  },
  'sales-token': {
    user: {
      id: 'u-sales',
      email: 's@example.com',
      displayName: 'Sales',
      roleId: 'sales',
      locale: 'en',
      active: true,
    },
    role: salesRole,
  },
};

let db: Database;
let server: ServerType;
let url: string;

const event = (i: number): AuditInput => ({
  actorId: `u-sales-${i % 2}`,
  actorRole: 'sales',
  ip: '10.0.0.7',
  userAgent: 'Excel',
  client: 'excel',
  action: 'customer.create',
  recordId: `C2025030100${String(i).padStart(2, '0')}`,
  fields: [{ field: 'mobile', newValue: '138****5678' }],
  outcome: 'success',
  detail: null,
});

beforeAll(async () => {
  db = await openSqliteDatabase(join(dir, 'data', 'crm.sqlite'));
  await migrate(db);
  for (let i = 1; i <= 12; i++) {
    await db.write((tx) => appendAudit(tx, [event(i)], new Date(Date.UTC(2025, 2, 1, 8, i))));
    if (i === 6 || i === 12) await signCheckpoint(db, signer, new Date(Date.UTC(2025, 2, 1, 9, i)));
  }
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('info', {
      ip: '127.0.0.1',
      userAgent: c.req.header('User-Agent') ?? null,
      client: 'api',
      locale: 'en',
      requestId: 'r',
    });
    const actor = actors[c.req.header('Authorization')?.replace(/^Bearer /, '') ?? ''];
    if (actor !== undefined) c.set('actor', actor);
    await next();
  });
  app.route('/', auditRoutes({ db, publicKeyPem: () => signer.publicKeyPem }));
  app.onError((e, c) =>
    e instanceof ApiError
      ? c.json(e.body(), e.status)
      : c.json({ error: { code: 'internal' } }, 500),
  );
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      url = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI with captured output, in English. */
async function cli(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAuditCli(argv, {
    env,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    locale: 'en',
  });
  const all = [...out, ...err].join('\n');
  expect(all).not.toContain(token);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function pulled(name: string): Promise<string> {
  const file = join(dir, `${name}.jsonl`);
  const res = await cli(['pull', '--server', url, '--out', file], { CRM_TOKEN: token });
  expect(res).toMatchObject({ code: 0, err: '' });
  return file;
}

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');
const rewrite = (file: string, entries: unknown[]) =>
  writeFileSync(file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));

describe('audit CLI', () => {
  it('pulls the log, its checkpoints and the public key beside it, then verifies it offline', async () => {
    const file = join(dir, 'audit.jsonl');
    const pull = await cli(['pull', '--server', url, '--token', token, '--out', file]);
    expect(pull.code).toBe(0);
    expect(pull.out).toMatch(/^Pulled 13 audit entries to .*audit\.jsonl, 2 signed checkpoints/);
    expect(lines(file)).toHaveLength(13);
    expect(existsSync(join(dir, 'audit.checkpoints.json'))).toBe(true);
    expect(readFileSync(join(dir, 'audit.public-key.pem'), 'utf8')).toBe(signer.publicKeyPem);
    expect(existsSync(`${file}.part`)).toBe(false);
    // The pull is audited like any other export.
    expect(JSON.parse(lines(file).at(-1) ?? '')).toMatchObject({
      seq: 13,
      action: 'audit.export',
      actorId: 'u-auditor',
    });

    const verify = await cli(['verify', file]);
    expect(verify.code).toBe(0);
    expect(verify.out).toContain('13 entries (seq 1–13) verify, with 2 signed checkpoints checked');
    expect(verify.out).toContain(
      'Note: entries after seq 12 are not yet covered by a signed checkpoint',
    );
  });

  it('fails naming the seq when one line was altered', async () => {
    const file = await pulled('altered');
    const entries = lines(file).map((l) => JSON.parse(l) as AuditEntry);
    rewrite(
      file,
      entries.map((e) => (e.seq === 5 ? { ...e, action: 'customer.read' } : e)),
    );
    const res = await cli(['verify', file]);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/the chain breaks at seq 5: .* \(hash_mismatch\)/);
  });

  it('fails at the signed checkpoint when the altered file was rehashed to hide the edit', async () => {
    const file = await pulled('rehashed');
    const entries = lines(file).map((l) => JSON.parse(l) as AuditEntry);
    let prevHash = '';
    const forged = entries.map((e) => {
      if (e.seq < 3) return e;
      const rest = {
        ...e,
        prevHash: e.seq === 3 ? e.prevHash : prevHash,
        outcome: e.seq === 3 ? ('denied' as const) : e.outcome,
      };
      const { hash: _old, ...unsigned } = rest;
      prevHash = entryHash(unsigned);
      return { ...unsigned, hash: prevHash };
    });
    rewrite(file, forged);
    const res = await cli(['verify', file]);
    expect(res.code).toBe(1);
    expect(res.err).toContain(
      'The signed checkpoint at seq 6 does not match the entry hash there (checkpoint_mismatch)',
    );
  });

  it('fails when a checkpoint in the file was altered', async () => {
    const file = await pulled('badcheckpoint');
    const cpFile = join(dir, 'badcheckpoint.checkpoints.json');
    const body = JSON.parse(readFileSync(cpFile, 'utf8')) as {
      checkpoints: { seq: number; headHash: string }[];
    };
    const [first] = body.checkpoints;
    if (first !== undefined) first.headHash = 'c'.repeat(64);
    writeFileSync(cpFile, JSON.stringify(body));
    const res = await cli(['verify', file]);
    expect(res.code).toBe(1);
    expect(res.err).toContain('seq 6 has an invalid signature (bad_signature)');
  });

  it('fails naming the line and seq of a line that is not an entry', async () => {
    const file = await pulled('garbled');
    const all = lines(file);
    all[3] = '{"seq": 4, "oops"';
    writeFileSync(file, `${all.join('\n')}\n`);
    const res = await cli(['verify', file]);
    expect(res.code).toBe(1);
    expect(res.err).toContain('line 4 (seq 4) is not a valid audit entry');
  });

  it('verifies a time-range pull from its first entry, ignoring checkpoints outside it', async () => {
    const file = join(dir, 'range.jsonl');
    const res = await cli(
      [
        'pull',
        '--server',
        url,
        '--out',
        file,
        '--from',
        '2025-03-01T08:04:00Z',
        '--to',
        '2025-03-01T08:09:00Z',
      ],
      {
        CRM_TOKEN: token,
      },
    );
    expect(res.code).toBe(0);
    expect(lines(file).map((l) => (JSON.parse(l) as AuditEntry).seq)).toEqual([4, 5, 6, 7, 8]);
    const verify = await cli(['verify', file]);
    expect(verify).toMatchObject({ code: 0 });
    expect(verify.out).toContain('5 entries (seq 4–8) verify, with 1 signed checkpoints checked');
    expect(verify.out).toContain(
      'this file was pulled up to 2025-03-01T08:09:00Z; 1 signed checkpoints after seq 8 lie outside it',
    );
  });

  it('fails a pulled file whose tail was cut when a signed checkpoint proves it existed', async () => {
    const file = await pulled('cut-tail');
    const cpFile = JSON.parse(readFileSync(join(dir, 'cut-tail.checkpoints.json'), 'utf8')) as {
      pull: unknown;
    };
    expect(cpFile.pull).toEqual({});
    writeFileSync(file, `${lines(file).slice(0, 10).join('\n')}\n`);
    const res = await cli(['verify', file]);
    expect(res.code).toBe(1);
    expect(res.err).toContain(
      'The signed checkpoint at seq 12 lies past the last entry in the file (seq 10)',
    );
  });

  it('fails a pulled file whose first entries were cut although the pull had no start', async () => {
    const file = await pulled('cut-head');
    writeFileSync(file, `${lines(file).slice(2).join('\n')}\n`);
    const res = await cli(['verify', file]);
    expect(res.code).toBe(1);
    expect(res.err).toContain('The file starts at seq 3 although its pull had no start time');
  });

  it('reports a refused pull without leaving files or printing the token', async () => {
    const file = join(dir, 'refused.jsonl');
    const res = await cli(['pull', '--server', url, '--out', file, '--token', 'sales-token']);
    expect(res.code).toBe(1);
    expect(res.err).toContain('/v1/audit/checkpoints answered 403: You are not allowed to do this');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.part`)).toBe(false);
  });

  it('says what is missing: a token, an option, a command', async () => {
    expect((await cli(['pull', '--server', url, '--out', join(dir, 'x.jsonl')])).err).toContain(
      'CRM_TOKEN',
    );
    expect(await cli(['pull', '--out', join(dir, 'x.jsonl')], { CRM_TOKEN: token })).toMatchObject({
      code: 2,
    });
    expect(await cli(['verify'])).toMatchObject({ code: 2 });
    expect(await cli(['frobnicate'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Usage:') as string,
    });
    const missing = await cli(['verify', join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Cannot read');
  });

  it("names a missing output folder or key file in the auditor's language", async () => {
    const zh = async (argv: string[]) => {
      const lines: string[] = [];
      const code = await runAuditCli(argv, {
        env: { CRM_TOKEN: token },
        out: (l) => lines.push(l),
        err: (l) => lines.push(l),
        locale: 'zh-CN',
      });
      return { code, text: lines.join('\n') };
    };
    const before = (await db.get<{ seq: number }>('SELECT seq FROM audit_head'))?.seq;
    const folder = join(dir, 'no-such-folder');
    const pull = await zh(['pull', '--server', url, '--out', join(folder, 'audit.jsonl')]);
    expect(pull).toEqual({
      code: 1,
      text: `输出文件夹 ${folder} 不存在：请先创建它，或用 --out 指定其他位置`,
    });
    // Nothing was asked of the server, so no pull was audited.
    expect((await db.get<{ seq: number }>('SELECT seq FROM audit_head'))?.seq).toBe(before);

    const file = await pulled('no-key');
    const keyFile = join(dir, 'no-key.public-key.pem');
    rmSync(keyFile);
    expect(await zh(['verify', file])).toEqual({
      code: 1,
      text: `无法读取 ${keyFile}：文件不存在`,
    });
  });

  it('reports an unreachable server', async () => {
    const res = await cli(
      ['pull', '--server', 'http://127.0.0.1:1', '--out', join(dir, 'y.jsonl')],
      { CRM_TOKEN: token },
    );
    expect(res.code).toBe(1);
    expect(res.err).toContain('Cannot reach http://127.0.0.1:1/v1/audit');
  });
});
