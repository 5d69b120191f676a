import { Hono } from 'hono';
import { z } from 'zod';
import { maskContactsInText } from '../../../shared/core/masking/mask-contacts-in-text';
import { customerViewSchema } from '../../../shared/core/schemas/customer-view';
import { accessTo } from '../policy/policy';
import { auditClearReads } from '../http/audit-clear-reads';
import type { ApiOperation } from '../http/api-operation';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { parseQuery } from '../http/parse-query';
import { requireFilters, requirePermission, requireReadable } from '../http/require';
import {
  customerConditions,
  withTagsSpelled,
  customerFilterSchema,
  refusedFilters,
} from '../records/customer-query';
import { type CustomerRow } from '../records/customer-row';
import { present, presenterFor } from '../records/present-customer';
import { loadCustomer } from '../records/customer-store';

/** The query of `GET /v1/customers`: the filters, and one page of what they find. */
export const listQuerySchema = customerFilterSchema.extend({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The answer of `GET /v1/customers`: one page, and the cursor of the next. */
/** One customer, with every review decision on it, so its submitter can see why it was rejected. */
export const customerDetailSchema = customerViewSchema.extend({
  decisions: z.array(
    z.object({
      step: z.enum(['first', 'second']),
      decision: z.enum(['approve', 'reject']),
      reason: z.string().nullable(),
      decidedBy: z.string(),
      decidedAt: z.string(),
    }),
  ),
});

export const customerPageSchema = z.object({
  customers: z.array(customerViewSchema),
  nextCursor: z.string().nullable(),
});

/** Reading customers: one by ID, or a filtered, paginated search; always masked per caller. */
export function customerRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/v1/customers/:id', async (c) => {
    const actor = c.get('actor');
    const id = c.req.param('id');
    const customer = await requireReadable(
      deps,
      c,
      id,
      await loadCustomer(deps.db, deps.keyRing, id),
    );
    const view = present(actor, customer);
    await auditClearReads(deps, c, 'GET /v1/customers/:id', [view]);
    const decisions = await deps.db.all<{
      step: 'first' | 'second';
      decision: 'approve' | 'reject';
      reason: string | null;
      decided_by: string;
      decided_at: string;
    }>(
      'SELECT step, decision, reason, decided_by, decided_at FROM review_decisions WHERE customer_id = ? ORDER BY id',
      [id],
    );
    // A reason may quote a phone number, an email or an ID number: shown in clear only to whoever
    // sees all three in clear, else with them masked.
    const clear = ['mobile', 'email', 'idNumber'].every((f) =>
      ['view', 'edit'].includes(accessTo(actor, f)),
    );
    return c.json({
      ...view,
      decisions: decisions.map((d) => ({
        step: d.step,
        decision: d.decision,
        reason: d.reason === null || clear ? d.reason : maskContactsInText(d.reason),
        decidedBy: d.decided_by,
        decidedAt: d.decided_at,
      })),
    } satisfies z.infer<typeof customerDetailSchema>);
  });

  app.get('/v1/customers', async (c) => {
    const actor = await requirePermission(deps, c, 'customer.read');
    const q = parseQuery(c, listQuerySchema);
    await requireFilters(deps, c, refusedFilters(actor, q));
    const spelled = await withTagsSpelled(deps.db, q);
    const { where, params } = customerConditions(deps.keyRing, deps.db.dialect, actor, spelled);
    if (q.cursor !== undefined) {
      where.push('id > ?');
      params.push(q.cursor);
    }
    const rows = await deps.db.all<CustomerRow>(
      `SELECT * FROM customers WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`,
      [...params, q.limit],
    );
    const customers = rows.map(presenterFor(actor, deps.keyRing));
    await auditClearReads(deps, c, 'GET /v1/customers', customers);
    const last = rows.at(-1);
    return c.json({
      customers,
      nextCursor: rows.length === q.limit && last !== undefined ? String(last.id) : null,
    } satisfies z.infer<typeof customerPageSchema>);
  });

  return app;
}

/** The customer reading routes, for the API document. */
export const customerOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/customers/:id',
    summary: 'api.customers.get',
    auth: ['customer.read'],
    response: customerDetailSchema,
  },
  {
    method: 'get',
    path: '/v1/customers',
    summary: 'api.customers.list',
    auth: ['customer.read'],
    query: listQuerySchema,
    response: customerPageSchema,
  },
];
