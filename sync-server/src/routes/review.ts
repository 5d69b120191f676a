import { chinaDateTime } from '../records/china-time';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { t } from '../../../shared/core/i18n/translate';
import type { Action } from '../../../shared/core/roles/role';
import { customerStatuses } from '../../../shared/core/fields/options';
import { customerViewSchema } from '../../../shared/core/schemas/customer-view';
import { validateSubmission } from '../../../shared/core/forms/validate-submission';
import { withStoredOptions } from '../../../shared/core/forms/stored-options';
import { actorAudit } from '../http/actor-audit';
import { appendAudit } from '../audit/audit-log';
import { ApiError, badQuery } from '../http/api-error';
import type { ApiOperation } from '../http/api-operation';
import { auditClearReads } from '../http/audit-clear-reads';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { parseQuery } from '../http/parse-query';
import { parseBody } from '../http/parse-body';
import { requirePermission, requireReadable } from '../http/require';
import { can, scopeCondition } from '../policy/policy';
import { toRow, type CustomerRow, type StoredCustomer } from '../records/customer-row';
import { loadCustomer, nextCheckpoint, saveCustomerRow } from '../records/customer-store';
import { isImportant, loadImportantRule } from '../records/important-rule';
import { loadReference } from '../records/push-context';
import type { SqlExecutor, SqlValue } from '../storage/database';
import { presenterFor } from '../records/present-customer';
import { scopeOf } from '../records/customer-row';

/** After this many rejections a record cannot be submitted again (SPEC 3.4). */
export const maxResubmissions = 3;

/** A reviewer's decision; a rejection needs a reason. */
export const decisionSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(500).optional(),
});

/** Where a submission or a decision left the customer. */
export const statusChangeSchema = z.object({
  id: z.string(),
  status: z.enum(customerStatuses),
  checkpoint: z.number().int().nonnegative(),
  rejections: z.number().int().nonnegative(),
});

/** The query of `GET /v1/review/queue`: a page size, and where the last page ended. */
export const queueQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});

/** The answer of `GET /v1/review/queue`: the oldest submissions first, and the next page's cursor. */
export const reviewQueueSchema = z.object({
  items: z.array(customerViewSchema),
  nextCursor: z.string().nullable(),
});

function queueCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

/** Where a queue page ended; undefined when none was given, null when it is not a cursor. */
function readQueueCursor(
  cursor: string | undefined,
): { createdAt: string; id: string } | null | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return { createdAt: value[0] as string, id: value[1] as string };
  } catch {
    // Not JSON: not a cursor this server handed out.
  }
  return null;
}

/** Review: submit, the queue, approve or reject with a reason, second approval for important customers. */
export function reviewRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/v1/customers/:id/submit', async (c) => {
    const locale = c.get('info').locale;
    const result = await changeStatus(
      deps,
      c,
      () => 'customer.submit',
      async (tx, customer) => {
        if (!['rejected', 'draft'].includes(customer.status)) {
          throw new ApiError(
            409,
            'not_submittable',
            t('review.notSubmittable', locale, {
              id: customer.id,
              status: t(`option.status.${customer.status}`, locale),
            }),
          );
        }
        if (customer.rejections > maxResubmissions) {
          throw new ApiError(
            409,
            'too_many_resubmissions',
            t('review.tooManyResubmissions', locale, { count: customer.rejections }),
          );
        }
        const { templates } = await loadReference(tx);
        const template =
          templates.get(customer.templateId ?? '') ?? templates.get('enterprise-domestic');
        if (template !== undefined) {
          const { id: _id, status: _s, version: _v, kind: _k, ...values } = customer.values;
          // An option an admin has since removed stays acceptable where the record holds it,
          // as it does for an edit.
          const checked = validateSubmission(
            withStoredOptions(template, customer.values),
            values,
            locale,
          );
          if (!checked.ok)
            throw new ApiError(400, 'invalid', checked.errors.map((e) => e.message).join('; '), {
              fields: checked.errors,
            });
        }
        return { status: 'pending', detail: null };
      },
    );
    await deps.changes.publish(result.checkpoint);
    return c.json(result);
  });

  app.get('/v1/review/queue', async (c) => {
    const actor = await requirePermission(deps, c, 'customer.review');
    const locale = c.get('info').locale;
    const query = parseQuery(c, queueQuerySchema);
    const after = readQueueCursor(query.cursor);
    if (after === null) throw badQuery(locale, ['cursor']);
    const statuses = can(actor, 'customer.approveSecond')
      ? ['pending', 'pendingSecond']
      : ['pending'];
    // The reviewer's rows only, oldest first, so every page is full and the cursor exact.
    const scope = scopeCondition(actor);
    const where = [`status IN (${statuses.map(() => '?').join(',')})`, scope.sql];
    const params: SqlValue[] = [...statuses, ...scope.params];
    if (after !== undefined) {
      where.push('(created_at > ? OR (created_at = ? AND id > ?))');
      params.push(after.createdAt, after.createdAt, after.id);
    }
    const rows = await deps.db.all<CustomerRow>(
      `SELECT * FROM customers WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT ?`,
      [...params, query.limit],
    );
    const views = rows.map(presenterFor(actor, deps.keyRing));
    // SPEC 5: a read that handed out sensitive fields in clear is audited.
    await auditClearReads(deps, c, 'GET /v1/review/queue', views);
    const last = rows.at(-1);
    return c.json({
      items: views,
      nextCursor:
        rows.length === query.limit && last !== undefined
          ? queueCursor(String(last.created_at), String(last.id))
          : null,
    } satisfies z.infer<typeof reviewQueueSchema>);
  });

  app.post('/v1/customers/:id/review', async (c) => {
    const locale = c.get('info').locale;
    const body = await parseBody(c, decisionSchema);
    if (body.decision === 'reject' && (body.reason === undefined || body.reason === '')) {
      throw new ApiError(400, 'reason_required', t('review.reasonRequired', locale), {
        fields: [
          {
            field: 'reason',
            code: 'review.reasonRequired',
            message: t('review.reasonRequired', locale),
          },
        ],
      });
    }
    // A second approval needs its own permission. Which step this is, is decided again inside
    // the transaction: should the record have moved on meanwhile, the decision is refused.
    const stepAction = (customer: StoredCustomer): Action =>
      customer.status === 'pendingSecond' ? 'customer.approveSecond' : 'customer.review';
    const result = await changeStatus(deps, c, stepAction, async (tx, customer) => {
      const actor = c.get('actor');
      if (customer.status !== 'pending' && customer.status !== 'pendingSecond') {
        throw new ApiError(
          409,
          'not_pending',
          t('review.notPending', locale, {
            id: customer.id,
            status: t(`option.status.${customer.status}`, locale),
          }),
        );
      }
      const step = customer.status === 'pending' ? 'first' : 'second';
      if (step === 'second') {
        const first = await tx.get<{ decided_by: string }>(
          "SELECT decided_by FROM review_decisions WHERE customer_id = ? AND step = 'first' AND decision = 'approve' ORDER BY id DESC LIMIT 1",
          [customer.id],
        );
        if (first?.decided_by === actor.user.id)
          throw new ApiError(409, 'same_approver', t('review.sameApprover', locale));
      }
      await tx.run(
        'INSERT INTO review_decisions (customer_id, step, decision, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)',
        [
          customer.id,
          step,
          body.decision,
          body.reason ?? null,
          actor.user.id,
          deps.now().toISOString(),
        ],
      );
      if (body.decision === 'reject')
        return { status: 'rejected', detail: body.reason ?? null, rejected: true };
      const important =
        step === 'first' && isImportant(await loadImportantRule(tx), customer.values);
      return { status: important ? 'pendingSecond' : 'approved', detail: body.reason ?? null };
    });
    await deps.changes.publish(result.checkpoint);
    return c.json(result);
  });

  return app;
}

/**
 * Moves a customer to a new status in one transaction with its audit entry and a new
 * checkpoint, so every sheet pulls the change.
 */
async function changeStatus(
  deps: ServerDeps,
  c: Context<AppEnv>,
  actionFor: (customer: StoredCustomer) => Action,
  decide: (
    tx: SqlExecutor,
    customer: StoredCustomer,
  ) => Promise<{
    status: StoredCustomer['status'];
    detail: string | null;
    rejected?: boolean;
  }>,
) {
  const id = c.req.param('id') ?? '';
  const locale = c.get('info').locale;
  const before = await requireReadable(
    deps,
    c,
    id,
    await loadCustomer(deps.db, deps.keyRing, id, false),
  );
  const action = actionFor(before);
  const actor = await requirePermission(deps, c, action, { ...scopeOf(before), id });
  return deps.db.write(async (tx) => {
    const customer = await loadCustomer(tx, deps.keyRing, id);
    if (customer === undefined)
      throw new ApiError(404, 'not_found', t('sync.notFound', locale, { id }));
    // The permission was asked for the record as it was read before the transaction; if it
    // has moved on since (another reviewer decided meanwhile), the caller must look again.
    if (actionFor(customer) !== action || !can(actor, action, scopeOf(customer))) {
      throw new ApiError(
        409,
        'status_changed',
        t('review.statusChanged', locale, {
          id,
          status: t(`option.status.${customer.status}`, locale),
        }),
      );
    }
    const next = await decide(tx, customer);
    const checkpoint = await nextCheckpoint(tx);
    const updated: StoredCustomer = {
      ...customer,
      status: next.status,
      checkpoint,
      version: customer.version + 1,
      rejections: customer.rejections + (next.rejected === true ? 1 : 0),
      updatedBy: actor.user.id,
      updatedAt: chinaDateTime(deps.now()),
    };
    await saveCustomerRow(tx, toRow(deps.keyRing, updated));
    await appendAudit(
      tx,
      [
        actorAudit(c, {
          action,
          recordId: id,
          fields: [{ field: 'status', oldValue: customer.status, newValue: updated.status }],
          outcome: 'success',
          detail: next.detail,
        }),
      ],
      deps.now(),
    );
    return {
      id,
      status: updated.status,
      checkpoint,
      rejections: updated.rejections,
    } satisfies z.infer<typeof statusChangeSchema>;
  });
}

/** The review routes, for the API document. */
export const reviewOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/customers/:id/submit',
    summary: 'api.customers.submit',
    auth: ['customer.submit'],
    response: statusChangeSchema,
  },
  {
    method: 'get',
    path: '/v1/review/queue',
    summary: 'api.review.queue',
    auth: ['customer.review'],
    query: queueQuerySchema,
    response: reviewQueueSchema,
  },
  {
    method: 'post',
    path: '/v1/customers/:id/review',
    summary: 'api.customers.review',
    auth: ['customer.review', 'customer.approveSecond'],
    body: decisionSchema,
    response: statusChangeSchema,
  },
];
