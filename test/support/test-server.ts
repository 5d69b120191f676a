import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRoles } from '../../shared/core/roles/default-roles';
import { createApp } from '../../sync-server/src/app';
import { loadOrCreateCheckpointSigner } from '../../sync-server/src/audit/checkpoint-signer';
import { generateApiToken } from '../../sync-server/src/auth/api-token';
import { createFailureLimiter } from '../../sync-server/src/auth/sign-in-rate-limit';
import { loadConfig } from '../../sync-server/src/config/config';
import { openChangeFeed } from '../../sync-server/src/events/change-feed';
import { generateKeyMaterial, parseKeyMaterial } from '../../sync-server/src/crypto/key-material';
import type { ServerDeps } from '../../sync-server/src/http/deps';
import { bootstrap } from '../../sync-server/src/people/bootstrap';
import { saveApiToken, saveUser } from '../../sync-server/src/people/user-store';
import type { Database } from '../../sync-server/src/storage/database';
import { migrate } from '../../sync-server/src/storage/migrate';
import { openSqliteDatabase } from '../../sync-server/src/storage/sqlite-database';

export type RoleId =
  'entryClerk' | 'sales' | 'support' | 'reviewer' | 'supervisor' | 'admin' | 'auditor';

/**
 * A server on a fresh SQLite file (or the empty database `openDatabase` opens) with one user per
 * role (`u-<role>`, team `east`) and an extra sales user in another team, each with an API token.
 */
export async function makeTestServer(
  extraEnv: Record<string, string> = {},
  openDatabase: (dir: string) => Promise<Database> = (dir) =>
    openSqliteDatabase(join(dir, 'crm.sqlite')),
) {
  const dir = mkdtempSync(join(tmpdir(), 'crm-test-'));
  const loaded = loadConfig({ CRM_DATA_DIR: dir, ...extraEnv });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const db = await openDatabase(dir);
  await migrate(db);
  let clock = new Date('2024-05-01T02:00:00Z');
  await bootstrap(db, { adminEmail: 'admin@example.com', now: clock });
  const tokens = {} as Record<RoleId | 'otherSales', string>;
  await db.write(async (tx) => {
    const people: [string, RoleId, string][] = [
      ...defaultRoles.map((r): [string, RoleId, string] => [r.id, r.id as RoleId, 'east']),
      ['otherSales', 'sales', 'west'],
    ];
    for (const [name, roleId, team] of people) {
      const id = `u-${name}`;
      await saveUser(
        tx,
        {
          id,
          email: `${name.toLowerCase()}@example.com`,
          displayName: name,
          roleId,
          team,
          locale: 'zh-CN',
          active: true,
        },
        clock,
      );
      const { token, hash } = generateApiToken();
      await saveApiToken(tx, { id: randomUUID(), userId: id, hash, label: 'test' }, clock);
      tokens[name as RoleId] = token;
    }
  });
  const deps: ServerDeps = {
    config: loaded.config,
    db,
    keyRing: parseKeyMaterial(generateKeyMaterial()),
    verifiers: {},
    auditSigner: loadOrCreateCheckpointSigner(dir),
    changes: await openChangeFeed(db),
    limiter: createFailureLimiter({ maxFailures: 5, windowMs: 60_000 }),
    now: () => clock,
  };
  const app = createApp(deps);
  const call = async (
    as: RoleId | 'otherSales' | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await app.request(path, {
      method,
      headers: {
        ...(as === null ? {} : { authorization: `Bearer ${tokens[as]}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    app,
    deps,
    db,
    dir,
    tokens,
    call,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
    async close() {
      deps.changes.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let n = 0;
/** A valid enterprise customer as a sheet row would send it; `i` makes its keys unique. */
export function enterpriseRow(i = n++): Record<string, unknown> {
  return {
    name: `上海华信${['科技', '贸易', '咨询', '实业'][i % 4]}${i}号有限公司`,
    industry: 'manufacturing',
    region: '310115',
    stage: 'prospect',
    contactName: '张伟',
    mobile: `139${String(10_000_000 + i).slice(-8)}`,
    email: `contact${i}@example.com`,
    demand: '需要采购10台工业机器人',
    expectedDate: '2025-06-01',
    sources: ['tradeShow'],
  };
}
