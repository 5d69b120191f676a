import { Hono } from 'hono';
import { z } from 'zod';
import { t } from '../../../shared/core/i18n/translate';
import { customerViewSchema, type CustomerView } from '../../../shared/core/schemas/customer-view';
import { ApiError } from '../http/api-error';
import { auditClearReads } from '../http/audit-clear-reads';
import type { ApiOperation } from '../http/api-operation';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { can, scopeCondition } from '../policy/policy';
import { scopeOf, type CustomerRow } from '../records/customer-row';
import { present, presenterFor } from '../records/present-customer';
import { loadCustomer } from '../records/customer-store';
import { blindIndex } from '../crypto/blind-index';
import { parseMobile } from '../../../shared/core/validation/mobile';
import type { SqlValue } from '../storage/database';

/** The query of `GET /v1/customers`; tag lists are comma-separated. */
export const listQuerySchema = z.object({
  q: z.string().trim().min(1).max(50).optional(),
  industry: z.string().optional(),
  stage: z.string().optional(),
  level: z.string().optional(),
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  owner: z.string().optional(),
  status: z.string().optional(),
  mobile: z.string().optional(),
  tagsAny: z.string().optional(),
  tagsAll: z.string().optional(),
  tagsNone: z.string().optional(),
  lastContactFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  lastContactTo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The answer of `GET /v1/customers`: one page, and the cursor of the next. */
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
    const customer = await loadCustomer(deps.db, deps.keyRing, id);
    if (customer === undefined || !can(actor, 'customer.read', scopeOf(customer))) {
      throw new ApiError(404, 'not_found', t('sync.notFound', c.get('info').locale, { id }));
    }
    const view = present(actor, customer);
    await auditClearReads(deps, c, 'GET /v1/customers/:id', [view]);
    return c.json(view satisfies CustomerView);
  });

  app.get('/v1/customers', async (c) => {
    const actor = c.get('actor');
    const locale = c.get('info').locale;
    if (!can(actor, 'customer.read'))
      throw new ApiError(403, 'forbidden', t('http.forbidden', locale));
    const parsed = listQuerySchema.safeParse(c.req.query());
    if (!parsed.success) {
      throw new ApiError(
        400,
        'bad_request',
        t('http.badRequest', locale, {
          detail: parsed.error.issues.map((i) => i.path.join('.')).join(', '),
        }),
      );
    }
    const q = parsed.data;
    const where: string[] = [];
    const params: SqlValue[] = [];
    const add = (sql: string, ...values: SqlValue[]) => {
      where.push(sql);
      params.push(...values);
    };
    // Row scope is part of the query, so pages are full and counts honest.
    const scope = scopeCondition(actor);
    add(scope.sql, ...scope.params);
    add("status <> 'merged'");
    if (q.includeArchived !== 'true') add("status <> 'archived'");
    if (q.q !== undefined) {
      // Case-insensitive on both engines, and % or _ typed by the user match themselves.
      const text = q.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`);
      add(
        "(LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(clear_data) LIKE ? ESCAPE '\\')",
        `%${text}%`,
        `%"contactname":"%${text}%`,
      );
    }
    for (const key of ['industry', 'stage', 'level', 'owner', 'status'] as const) {
      const value = q[key];
      if (value !== undefined) add(`${key} = ?`, value);
    }
    if (q.region !== undefined) add('region LIKE ?', `${q.region.replace(/0+$/, '')}%`);
    if (q.mobile !== undefined) {
      const mobile = parseMobile(q.mobile);
      add('mobile_hash = ?', mobile.ok ? blindIndex(deps.keyRing, 'mobile', mobile.value) : '');
    }
    const tags = (s: string | undefined) =>
      s === undefined
        ? []
        : s
            .split(',')
            .map((x) => x.trim())
            .filter((x) => x !== '');
    const any = tags(q.tagsAny);
    if (any.length > 0)
      add(
        `id IN (SELECT customer_id FROM customer_tags WHERE tag IN (${any.map(() => '?').join(',')}))`,
        ...any,
      );
    for (const tag of tags(q.tagsAll))
      add('id IN (SELECT customer_id FROM customer_tags WHERE tag = ?)', tag);
    const none = tags(q.tagsNone);
    if (none.length > 0)
      add(
        `id NOT IN (SELECT customer_id FROM customer_tags WHERE tag IN (${none.map(() => '?').join(',')}))`,
        ...none,
      );
    if (q.lastContactFrom !== undefined) add('last_contact >= ?', q.lastContactFrom);
    if (q.lastContactTo !== undefined) add('last_contact <= ?', q.lastContactTo);
    if (q.cursor !== undefined) add('id > ?', q.cursor);
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
    response: customerViewSchema,
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
