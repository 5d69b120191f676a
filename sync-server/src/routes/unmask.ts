import { Hono } from 'hono';
import { z } from 'zod';
import { t } from '../../../shared/core/i18n/translate';
import { actorAudit } from '../http/actor-audit';
import { appendAudit } from '../audit/audit-log';
import { ApiError } from '../http/api-error';
import type { ApiOperation } from '../http/api-operation';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { parseBody } from '../http/parse-body';
import { requirePermission, requireReadable } from '../http/require';
import { accessTo } from '../policy/policy';
import { loadCustomer } from '../records/customer-store';
import { scopeOf } from '../records/customer-row';

/** What to see in clear and why; the reason is required and audited. */
export const unmaskSchema = z.object({
  fields: z.array(z.string()).min(1).max(40),
  // Optional here so that a missing reason gets the same answer as a blank one.
  reason: z.string().trim().max(500).optional(),
});

/** The clear values of the asked fields the caller may see. */
export const unmaskedSchema = z.object({
  id: z.string(),
  values: z.record(z.string(), z.unknown()),
});

/**
 * `POST /v1/customers/:id/unmask`: clear values of masked fields, for roles allowed to, with a
 * reason; always audited (field names and reason, never the values). Hidden fields stay hidden.
 */
export function unmaskRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/v1/customers/:id/unmask', async (c) => {
    const id = c.req.param('id');
    const info = c.get('info');
    const body = await parseBody(c, unmaskSchema);
    const reason = body.reason;
    if (reason === undefined || reason === '') {
      throw new ApiError(400, 'reason_required', t('unmask.reasonRequired', info.locale), {
        fields: [
          {
            field: 'reason',
            code: 'unmask.reasonRequired',
            message: t('unmask.reasonRequired', info.locale),
          },
        ],
      });
    }
    const customer = await requireReadable(
      deps,
      c,
      id,
      await loadCustomer(deps.db, deps.keyRing, id),
    );
    const actor = await requirePermission(deps, c, 'customer.unmask', { ...scopeOf(customer), id });
    const fields = body.fields.filter(
      (f) => accessTo(actor, f) !== 'hidden' && customer.values[f] !== undefined,
    );
    const values = Object.fromEntries(fields.map((f) => [f, customer.values[f]]));
    await deps.db.write((tx) =>
      appendAudit(
        tx,
        [
          actorAudit(c, {
            action: 'customer.unmask',
            recordId: id,
            fields: fields.map((field) => ({ field })),
            outcome: 'success',
            detail: reason,
          }),
        ],
        deps.now(),
      ),
    );
    return c.json({ id, values } satisfies z.infer<typeof unmaskedSchema>);
  });
  return app;
}

/** The unmask route, for the API document. */
export const unmaskOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/customers/:id/unmask',
    summary: 'api.customers.unmask',
    auth: ['customer.unmask'],
    body: unmaskSchema,
    response: unmaskedSchema,
  },
];
