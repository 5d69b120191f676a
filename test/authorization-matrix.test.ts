import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationOutcome, PushResponse } from '../shared/core/sync/mutation-outcome';
import type { PullResponse } from '../shared/core/sync/pull-response';
import { buildExcel } from '../scripts/build-excel.js';
import { enterpriseRow, makeTestServer, type RoleId } from './support/test-server';

/*
 * Who may call what, written by hand from SPEC 1 (roles), 3 (workflows) and 5 (security), not
 * read from the role data or the policy code: a policy bug shows up as a cell that differs.
 *
 * A cell is what one caller gets from one route:
 *   A  allowed: a 2xx answer (every request below is a valid one, so any other answer fails)
 *   D  denied: 401 or 403; for a route on an existing record also 404 (out of scope answers like
 *      a missing record); for push the mutation's own `forbidden` outcome; for reads the record
 *      is not among what comes back
 *   C  the record is read with its contact details in clear (mobile)
 *   M  the record is read with its contact details masked
 *
 * Every route the app lists must have a row (the coverage test fails otherwise): a new route
 * is added here with its cells derived from the SPEC.
 */

const A = 'allow';
const D = 'deny';
const C = 'clear';
const M = 'masked';
type Verdict = typeof A | typeof D | typeof C | typeof M;

const callers = [
  'entryClerk',
  'sales',
  'support',
  'reviewer',
  'supervisor',
  'admin',
  'auditor',
  'anonymous',
  'revoked',
] as const;
type Caller = (typeof callers)[number];
type Person = RoleId | 'otherSales';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

interface Row {
  /** `METHOD /path` exactly as the app lists the route. */
  route: string;
  /** What this row's record is, when the route works on one. */
  case?: string;
  /** In the order of `callers`. */
  expect: readonly Verdict[];
  /** Sets up what the request needs, then makes it as `as` and says what came of it. */
  run: (as: Caller) => Promise<Verdict>;
}

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;
let revokedToken = '';
let seq = 0;
/** The status of the last request `send` made: the one a row's `run` ends with. */
let lastStatus = 0;
const next = () => (seq += 1);

// Each request comes from its own address: the refused sign-ins of `anonymous` and `revoked`
// would otherwise use up the failure limit of one shared address and turn every cell into 429.
async function send(
  as: Caller | Person,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const n = next();
  const token =
    as === 'anonymous' ? undefined : as === 'revoked' ? revokedToken : server.tokens[as];
  const res = await server.app.request(path, {
    method,
    headers: {
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // The public key is PEM, not JSON.
  }
  lastStatus = res.status;
  return { status: res.status, body: parsed, text };
}

/** A request whose answer is a stream: its status, then the stream hung up at once. */
async function openStream(as: Caller, path: string): Promise<Answer> {
  const n = next();
  const token =
    as === 'anonymous' ? undefined : as === 'revoked' ? revokedToken : server.tokens[as];
  const res = await server.app.request(path, {
    headers: {
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
  });
  const ok = res.status >= 200 && res.status < 300;
  const text = ok ? '' : await res.text();
  if (ok) await res.body?.cancel();
  lastStatus = res.status;
  return { status: res.status, body: {}, text };
}

function unexpected(what: string, answer: Answer): never {
  throw new Error(`${what}: unexpected ${answer.status} ${answer.text.slice(0, 300)}`);
}

/** 2xx is allowed, 401/403 (and 404 where `notFoundDenies`) is denied, anything else fails. */
function byStatus(answer: Answer, notFoundDenies = false): Verdict {
  if (answer.status >= 200 && answer.status < 300) return A;
  if (answer.status === 401 || answer.status === 403) return D;
  if (notFoundDenies && answer.status === 404) return D;
  return unexpected('status', answer);
}

/** One mutation pushed: `forbidden` is denied; a change accepted (or a retry answered) is allowed. */
function byOutcome(answer: Answer): Verdict {
  if (answer.status !== 200) return byStatus(answer);
  const [outcome] = (answer.body as unknown as PushResponse).outcomes;
  if (outcome?.status === 'forbidden') return D;
  if (['pending_review', 'applied', 'merged'].includes(outcome?.status ?? '')) return A;
  return unexpected(`outcome ${outcome?.status}`, answer);
}

/** What a read shows of a fixture: nothing (denied), or its mobile in clear or masked. */
function bySight(values: Record<string, unknown> | undefined, fixture: Fixture): Verdict {
  if (values === undefined) return D;
  if (values['mobile'] === fixture.mobile) return C;
  if (typeof values['mobile'] === 'string' && values['mobile'].includes('****')) return M;
  throw new Error(`mobile neither clear nor masked: ${JSON.stringify(values)}`);
}

interface Fixture {
  id: string;
  checkpoint: number;
  mobile: string;
  mutationId: string;
  outcome: MutationOutcome;
}

async function create(by: Person, extra: Record<string, unknown> = {}): Promise<Fixture> {
  const row = { ...enterpriseRow(), ...extra };
  const mutationId = `matrix-${String(next()).padStart(6, '0')}`;
  const answer = await send(by, 'POST', '/v1/sync/push', {
    clientId: `sheet-${by}`,
    mutations: [{ mutationId, fields: row }],
  });
  const outcome = (answer.body as unknown as PushResponse).outcomes[0];
  if (outcome?.status !== 'pending_review') return unexpected('create fixture', answer);
  return {
    id: outcome.recordId,
    checkpoint: outcome.checkpoint,
    mobile: String(row['mobile']),
    mutationId,
    outcome,
  };
}

async function decide(id: string, decision: 'approve' | 'reject'): Promise<void> {
  const answer = await send('reviewer', 'POST', `/v1/customers/${id}/review`, {
    decision,
    reason: '材料不全',
  });
  if (answer.status !== 200) unexpected(`${decision} fixture`, answer);
}

const update = (as: Caller, record: Fixture) =>
  send(as, 'POST', '/v1/sync/push', {
    clientId: `sheet-${as}`,
    mutations: [
      {
        mutationId: `matrix-${String(next()).padStart(6, '0')}`,
        recordId: record.id,
        baseCheckpoint: record.checkpoint,
        fields: { demand: '改为采购20台工业机器人' },
      },
    ],
  });

// Records read by the read rows; reads change nothing, so they are made once.
const shared = {} as Record<'salesEast' | 'clerkEast' | 'salesWest', Fixture>;

async function adminFixture(method: string, path: string, body?: unknown): Promise<Answer> {
  const answer = await send('admin', method, path, body);
  if (answer.status >= 300) unexpected(`admin fixture ${method} ${path}`, answer);
  return answer;
}

const everyoneSignedIn = [A, A, A, A, A, A, A, D, D] as const;
const adminOnly = [D, D, D, D, D, A, D, D, D] as const;
const auditorOnly = [D, D, D, D, D, D, A, D, D] as const;

const readRows = (
  route: string,
  read: (as: Caller, record: Fixture) => Promise<Verdict>,
): Row[] => [
  // Sales own their customers; support, reviewer and admin reach all rows masked (SPEC 1, 5);
  // the department head reaches the team's rows and sees contacts (field rule `view`, SPEC 5).
  {
    route,
    case: 'sales record, team east',
    expect: [D, C, M, M, C, M, D, D, D],
    run: (as) => read(as, shared.salesEast),
  },
  // The entry clerk sees what they typed into their own record.
  {
    route,
    case: 'entry clerk record, team east',
    expect: [C, D, M, M, C, M, D, D, D],
    run: (as) => read(as, shared.clerkEast),
  },
  // Another team's record: outside the east supervisor's team and the east salesperson's rows.
  {
    route,
    case: 'sales record, team west',
    expect: [D, D, M, M, D, M, D, D, D],
    run: (as) => read(as, shared.salesWest),
  },
];

// Cells in the order of `callers`: entryClerk, sales, support, reviewer, supervisor, admin,
// auditor, anonymous, revoked (an admin's API token the admin revoked).
const rows: Row[] = [
  // A liveness probe for the load balancer: no data, so no sign-in.
  {
    route: 'GET /healthz',
    expect: [A, A, A, A, A, A, A, A, A],
    run: async (as) => byStatus(await send(as, 'GET', '/healthz')),
  },
  // The API's own description: routes and schemas, no data, for whoever integrates with it.
  {
    route: 'GET /openapi.json',
    expect: [A, A, A, A, A, A, A, A, A],
    run: async (as) => byStatus(await send(as, 'GET', '/openapi.json')),
  },
  {
    route: 'GET /docs',
    expect: [A, A, A, A, A, A, A, A, A],
    run: async (as) => byStatus(await send(as, 'GET', '/docs')),
  },
  // The playground page: the sidebar's code and an empty grid, no data (demo tokens only in the
  // explicit playground mode, which this server is not in).
  {
    route: 'GET /playground',
    expect: [A, A, A, A, A, A, A, A, A],
    run: async (as) => byStatus(await send(as, 'GET', '/playground')),
  },
  // The Excel add-in's pages, scripts, manifest and icons: code, no data; Excel loads them
  // before anyone signs in.
  ...['taskpane.html', 'sign-in.html', 'taskpane.js', 'sign-in.js', 'manifest.xml'].map(
    (file): Row => ({
      route: `GET /excel/${file}`,
      expect: [A, A, A, A, A, A, A, A, A],
      run: async (as) => byStatus(await send(as, 'GET', `/excel/${file}`)),
    }),
  ),
  {
    route: 'GET /excel/assets/:name',
    expect: [A, A, A, A, A, A, A, A, A],
    run: async (as) => byStatus(await send(as, 'GET', '/excel/assets/icon-32.png')),
  },
  {
    route: 'GET /v1/me',
    expect: everyoneSignedIn,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/me')),
  },
  // Reference data every sidebar needs (form, tag picker, region cascade); no customer data.
  {
    route: 'GET /v1/forms',
    expect: everyoneSignedIn,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/forms')),
  },
  {
    route: 'GET /v1/tags',
    expect: everyoneSignedIn,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/tags')),
  },
  {
    route: 'GET /v1/regions',
    expect: everyoneSignedIn,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/regions?parent=310000')),
  },
  // Form templates and the tag vocabulary are the admin's (SPEC 1, 2.1, 4).
  {
    route: 'PUT /v1/forms/:id',
    expect: adminOnly,
    run: async (as) => {
      const { templates } = (await adminFixture('GET', '/v1/forms')).body as {
        templates: { id: string }[];
      };
      const template = templates[0];
      if (template === undefined) throw new Error('no form template');
      return byStatus(await send(as, 'PUT', `/v1/forms/${template.id}`, template));
    },
  },
  {
    route: 'POST /v1/tags',
    expect: adminOnly,
    run: async (as) => byStatus(await send(as, 'POST', '/v1/tags', { tag: '区域-华东' })),
  },
  // Renaming, merging and retiring tags is governing the vocabulary: the admin's (SPEC 1, 4).
  {
    route: 'POST /v1/tags/:tag/rename',
    expect: adminOnly,
    run: async (as) => {
      const tag = await vocabularyTag();
      const to = { to: `来源-展会改名${next()}` };
      return byStatus(await send(as, 'POST', `/v1/tags/${encodeURIComponent(tag)}/rename`, to));
    },
  },
  {
    route: 'POST /v1/tags/:tag/merge',
    expect: adminOnly,
    run: async (as) => {
      const [tag, into] = [await vocabularyTag(), await vocabularyTag()];
      return byStatus(
        await send(as, 'POST', `/v1/tags/${encodeURIComponent(tag)}/merge`, { into }),
      );
    },
  },
  {
    route: 'POST /v1/tags/:tag/retire',
    expect: adminOnly,
    run: async (as) => {
      const tag = await vocabularyTag();
      return byStatus(await send(as, 'POST', `/v1/tags/${encodeURIComponent(tag)}/retire`));
    },
  },
  // Users, roles, field rules and tokens are the admin's alone (SPEC 1).
  {
    route: 'GET /v1/admin/users',
    expect: adminOnly,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/admin/users')),
  },
  {
    route: 'PUT /v1/admin/users/:id',
    expect: adminOnly,
    run: async (as) => {
      const n = next();
      return byStatus(
        await send(as, 'PUT', `/v1/admin/users/u-new${n}`, {
          email: `new${n}@example.com`,
          displayName: `新用户${n}`,
          roleId: 'support',
        }),
      );
    },
  },
  // The important-customer rule is a system setting (SPEC 3.4): the admin's.
  {
    route: 'GET /v1/admin/settings/important-rule',
    expect: adminOnly,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/admin/settings/important-rule')),
  },
  {
    route: 'PUT /v1/admin/settings/important-rule',
    expect: adminOnly,
    run: async (as) =>
      byStatus(
        await send(as, 'PUT', '/v1/admin/settings/important-rule', {
          levels: ['high'],
          budgets: ['500kTo1m', 'over1m'],
          minTotalAmount: 1_000_000,
        }),
      ),
  },
  {
    route: 'GET /v1/admin/roles',
    expect: adminOnly,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/admin/roles')),
  },
  {
    route: 'PUT /v1/admin/roles/:id',
    expect: adminOnly,
    run: async (as) => {
      const id = `matrix-role-${next()}`;
      return byStatus(await send(as, 'PUT', `/v1/admin/roles/${id}`, role(id)));
    },
  },
  {
    route: 'PATCH /v1/admin/roles/:id/fields',
    expect: adminOnly,
    run: async (as) => {
      const id = `matrix-role-${next()}`;
      await adminFixture('PUT', `/v1/admin/roles/${id}`, role(id));
      return byStatus(
        await send(as, 'PATCH', `/v1/admin/roles/${id}/fields`, {
          field: 'mobile',
          access: 'hidden',
        }),
      );
    },
  },
  {
    route: 'GET /v1/admin/users/:id/tokens',
    expect: adminOnly,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/admin/users/u-sales/tokens')),
  },
  {
    route: 'POST /v1/admin/users/:id/tokens',
    expect: adminOnly,
    run: async (as) =>
      byStatus(await send(as, 'POST', '/v1/admin/users/u-support/tokens', { label: 'matrix' })),
  },
  {
    route: 'DELETE /v1/admin/tokens/:tokenId',
    expect: adminOnly,
    run: async (as) => {
      const created = await adminFixture('POST', '/v1/admin/users/u-support/tokens', {
        label: 'to revoke',
      });
      return byStatus(await send(as, 'DELETE', `/v1/admin/tokens/${String(created.body['id'])}`));
    },
  },
  // Creating records is the entry clerk's and the salesperson's (SPEC 1).
  {
    route: 'POST /v1/sync/push',
    case: 'create a record',
    expect: [A, A, D, D, D, D, D, D, D],
    run: async (as) =>
      byOutcome(
        await send(as, 'POST', '/v1/sync/push', {
          clientId: `sheet-${as}`,
          mutations: [
            { mutationId: `matrix-${String(next()).padStart(6, '0')}`, fields: enterpriseRow() },
          ],
        }),
      ),
  },
  // Only the owner edits a record not yet approved (SPEC 1: own records); nobody else writes it.
  {
    route: 'POST /v1/sync/push',
    case: "edit the salesperson's pending record",
    expect: [D, A, D, D, D, D, D, D, D],
    run: async (as) => byOutcome(await update(as, await create('sales'))),
  },
  {
    route: 'POST /v1/sync/push',
    case: "edit the entry clerk's pending record",
    expect: [A, D, D, D, D, D, D, D, D],
    run: async (as) => byOutcome(await update(as, await create('entryClerk'))),
  },
  // An approved record changes only through a change request (SPEC 1 sales, 3.6), never a push.
  {
    route: 'POST /v1/sync/push',
    case: "edit the salesperson's approved record",
    expect: [D, D, D, D, D, D, D, D, D],
    run: async (as) => {
      const record = await create('sales');
      await decide(record.id, 'approve');
      return byOutcome(await update(as, record));
    },
  },
  // A mutation ID names one user's change: only its author's retry gets its outcome back; anyone
  // else sending the same ID must not learn what became of it (record ID, conflicting values).
  {
    route: 'POST /v1/sync/push',
    case: "resend the salesperson's mutation ID",
    expect: [D, A, D, D, D, D, D, D, D],
    run: async (as) => {
      const record = await create('sales');
      const answer = await send(as, 'POST', '/v1/sync/push', {
        clientId: `sheet-${as}`,
        mutations: [{ mutationId: record.mutationId, fields: {} }],
      });
      const verdict = byOutcome(answer);
      if (verdict === A) {
        expect((answer.body as unknown as PushResponse).outcomes[0]).toEqual(record.outcome);
      }
      return verdict;
    },
  },
  ...readRows('GET /v1/sync/pull', async (as, record) => {
    const answer = await send(as, 'GET', '/v1/sync/pull?since=0&limit=1000');
    if (answer.status !== 200) return byStatus(answer);
    const { records, hasMore } = answer.body as unknown as PullResponse;
    expect(hasMore).toBe(false);
    return bySight(records.find((r) => r.id === record.id)?.values, record);
  }),
  // When to pull: a checkpoint, no record data, for every role that reads customers (the
  // auditor reads the audit log, not customers).
  {
    route: 'GET /v1/sync/events',
    expect: [A, A, A, A, A, A, D, D, D],
    run: async (as) => byStatus(await openStream(as, '/v1/sync/events')),
  },
  ...readRows('GET /v1/customers/:id', async (as, record) => {
    const answer = await send(as, 'GET', `/v1/customers/${record.id}`);
    if (answer.status !== 200) return byStatus(answer, true);
    return bySight(answer.body['values'] as Record<string, unknown>, record);
  }),
  ...readRows('GET /v1/customers', async (as, record) => {
    const answer = await send(as, 'GET', `/v1/customers?limit=500&status=pending`);
    if (answer.status !== 200) return byStatus(answer);
    const customers = answer.body['customers'] as { id: string; values: Record<string, unknown> }[];
    expect(customers.length).toBeLessThan(500);
    return bySight(customers.find((c) => c.id === record.id)?.values, record);
  }),
  // Exports are masked whoever asks (SPEC 5); the department head exports the team's rows, and
  // no one else is given the export.
  ...(
    [
      ['sales record, team east', [D, D, D, D, M, D, D, D, D], () => shared.salesEast],
      ['entry clerk record, team east', [D, D, D, D, M, D, D, D, D], () => shared.clerkEast],
      ['sales record, team west', [D, D, D, D, D, D, D, D, D], () => shared.salesWest],
    ] as const
  ).map(([which, cells, record]): Row => ({
    route: 'GET /v1/customers/export',
    case: which,
    expect: cells,
    run: async (as) => {
      const answer = await send(as, 'GET', '/v1/customers/export?status=pending');
      if (answer.status !== 200) return byStatus(answer);
      const { id, mobile } = record();
      const line = answer.text.split('\r\n').find((l) => l.startsWith(`${id},`));
      if (line === undefined) return D;
      return line.includes(mobile) ? C : line.includes('****') ? M : unexpected('line', answer);
    },
  })),
  // Submitting for review is the author's, after a rejection too (SPEC 1, 3.4).
  {
    route: 'POST /v1/customers/:id/submit',
    case: "the entry clerk's rejected record",
    expect: [A, D, D, D, D, D, D, D, D],
    run: async (as) => {
      const record = await create('entryClerk');
      await decide(record.id, 'reject');
      return byStatus(await send(as, 'POST', `/v1/customers/${record.id}/submit`), true);
    },
  },
  {
    route: 'POST /v1/customers/:id/submit',
    case: "the salesperson's rejected record",
    expect: [D, A, D, D, D, D, D, D, D],
    run: async (as) => {
      const record = await create('sales');
      await decide(record.id, 'reject');
      return byStatus(await send(as, 'POST', `/v1/customers/${record.id}/submit`), true);
    },
  },
  // The reviewer sees every pending record; the department head reviews their team's (SPEC 3.4
  // implies a supervisor may give the first approval: the second must be by someone else).
  {
    route: 'GET /v1/review/queue',
    expect: [D, D, D, A, A, D, D, D, D],
    run: async (as) => byStatus(await send(as, 'GET', '/v1/review/queue')),
  },
  {
    route: 'POST /v1/customers/:id/review',
    case: 'pending, team east',
    expect: [D, D, D, A, A, D, D, D, D],
    run: async (as) => {
      const record = await create('sales');
      const decision = { decision: 'approve' };
      return byStatus(await send(as, 'POST', `/v1/customers/${record.id}/review`, decision), true);
    },
  },
  {
    route: 'POST /v1/customers/:id/review',
    case: 'pending, team west',
    expect: [D, D, D, A, D, D, D, D, D],
    run: async (as) => {
      const record = await create('otherSales');
      const decision = { decision: 'approve' };
      return byStatus(await send(as, 'POST', `/v1/customers/${record.id}/review`, decision), true);
    },
  },
  // The second approval of an important customer is the supervisor's alone (SPEC 1, 3.4).
  {
    route: 'POST /v1/customers/:id/review',
    case: 'important, awaiting the second approval',
    expect: [D, D, D, D, A, D, D, D, D],
    run: async (as) => {
      const record = await create('sales', { level: 'high' });
      await decide(record.id, 'approve');
      const decision = { decision: 'approve' };
      return byStatus(await send(as, 'POST', `/v1/customers/${record.id}/review`, decision), true);
    },
  },
  // Unmasking needs an explicit permission (SPEC 5): support and the auditor never unmask
  // (SPEC 1), and of the others only the department head has a reason to, within their team.
  {
    route: 'POST /v1/customers/:id/unmask',
    case: 'team east',
    expect: [D, D, D, D, A, D, D, D, D],
    run: async (as) =>
      byStatus(
        await send(as, 'POST', `/v1/customers/${shared.salesEast.id}/unmask`, {
          fields: ['mobile'],
          reason: '核实联系方式',
        }),
        true,
      ),
  },
  {
    route: 'POST /v1/customers/:id/unmask',
    case: 'team west',
    expect: [D, D, D, D, D, D, D, D, D],
    run: async (as) =>
      byStatus(
        await send(as, 'POST', `/v1/customers/${shared.salesWest.id}/unmask`, {
          fields: ['mobile'],
          reason: '核实联系方式',
        }),
        true,
      ),
  },
  // The audit log is the auditor's (SPEC 1, 5); not even the admin reads it.
  {
    route: 'GET /v1/audit',
    expect: auditorOnly,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/audit?limit=10')),
  },
  {
    route: 'GET /v1/audit/verify',
    expect: auditorOnly,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/audit/verify')),
  },
  {
    route: 'GET /v1/audit/checkpoints',
    expect: auditorOnly,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/audit/checkpoints')),
  },
  {
    route: 'GET /v1/audit/public-key',
    expect: auditorOnly,
    run: async (as) => byStatus(await send(as, 'GET', '/v1/audit/public-key')),
  },
];

/** A fresh active tag in the vocabulary, added by the admin. */
async function vocabularyTag(): Promise<string> {
  const added = await adminFixture('POST', '/v1/tags', { tag: `来源-展会${next()}` });
  return String(added.body['tag']);
}

function role(id: string) {
  return {
    id,
    name: { 'zh-CN': `矩阵角色${id}`, en: `Matrix role ${id}` },
    actions: ['customer.read'],
    rowScope: 'own',
    defaultFieldAccess: 'masked',
    fieldAccess: {},
  };
}

beforeAll(async () => {
  // The server serves the Excel add-in from dist/ (`npm start` builds it).
  await buildExcel({ ifMissing: true });
  server = await makeTestServer({ CRM_TRUST_PROXY: 'true' });
  shared.salesEast = await create('sales');
  shared.clerkEast = await create('entryClerk');
  shared.salesWest = await create('otherSales');
  // A revoked token of the most powerful user: it worked until the admin revoked it.
  const created = await adminFixture('POST', '/v1/admin/users/u-admin/tokens', {
    label: 'lost laptop',
  });
  revokedToken = String(created.body['token']);
  expect((await send('revoked', 'GET', '/v1/me')).status).toBe(200);
  await adminFixture('DELETE', `/v1/admin/tokens/${String(created.body['id'])}`);
});
afterAll(async () => {
  await server.close();
});

describe('authorization matrix', () => {
  it('has a row for every route the app serves, and no row for a route it does not', () => {
    const served = new Set(
      server.app.routes
        // Middleware is listed as ALL on a wildcard path; a handler is a route to cover.
        .filter((r) => !(r.method === 'ALL' && r.path.includes('*')))
        .map((r) => `${r.method} ${r.path}`),
    );
    const covered = new Set(rows.map((r) => r.route));
    expect([...served].filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !served.has(r))).toEqual([]);
    expect(served.size).toBeGreaterThan(25);
  });

  it.each(rows.map((r) => [`${r.route}${r.case === undefined ? '' : ` (${r.case})`}`, r] as const))(
    '%s',
    async (_name, row) => {
      const got: Record<string, Verdict> = {};
      for (const as of callers) {
        got[as] = await row.run(as);
        // Without a valid sign-in, every /v1 refusal is 401, never a 403 or 404 that would say
        // the route or record exists.
        if ((as === 'anonymous' || as === 'revoked') && row.route.includes(' /v1/')) {
          expect(lastStatus, as).toBe(401);
        }
      }
      const want = Object.fromEntries(callers.map((as, i) => [as, row.expect[i]]));
      expect(got).toEqual(want);
    },
  );

  it('keeps clear customer data out of what the auditor can pull', async () => {
    const answer = await send('auditor', 'GET', '/v1/audit?format=jsonl');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(shared.salesEast.id);
    for (const record of Object.values(shared)) {
      expect(answer.text).not.toContain(record.mobile);
      expect(answer.text).not.toContain(record.mobile.slice(3));
    }
    expect(answer.text).not.toMatch(/contact\d+@example\.com/);
  });
});
