import type { Context } from 'hono';
import { t } from '../../../shared/core/i18n/translate';
import type { Action } from '../../../shared/core/roles/role';
import { actorAudit } from './actor-audit';
import { appendAudit } from '../audit/audit-log';
import { can, type RecordScope } from '../policy/policy';
import { scopeOf, type StoredCustomer } from '../records/customer-row';
import { ApiError } from './api-error';
import type { Actor, AppEnv } from './context';
import type { ServerDeps } from './deps';

/**
 * Asks the policy whether the caller may do this; on no, audits the failed access and answers
 * 403. Returns the actor for the route to use.
 */
export async function requirePermission(
  deps: ServerDeps,
  c: Context<AppEnv>,
  action: Action,
  record?: RecordScope & { id: string },
): Promise<Actor> {
  const actor = c.get('actor');
  if (can(actor, action, record)) return actor;
  await auditDenied(deps, c, action, record?.id ?? null);
  throw new ApiError(403, 'forbidden', t('http.forbidden', c.get('info').locale));
}

/**
 * Answers 404 unless the caller may read this record. A record that exists but lies outside
 * the caller's rows is answered the same as one that does not exist (its ID tells nothing),
 * and the attempt is audited as a failed access.
 */
export async function requireReadable(
  deps: ServerDeps,
  c: Context<AppEnv>,
  id: string,
  customer: StoredCustomer | undefined,
): Promise<StoredCustomer> {
  if (customer !== undefined && can(c.get('actor'), 'customer.read', scopeOf(customer)))
    return customer;
  if (customer !== undefined) await auditDenied(deps, c, 'customer.read', id);
  throw new ApiError(404, 'not_found', t('sync.notFound', c.get('info').locale, { id }));
}

/**
 * Refuses, with 403 naming each parameter, filters the caller may not use (`refusedFilters`),
 * and audits the attempt as a failed access.
 */
export async function requireFilters(
  deps: ServerDeps,
  c: Context<AppEnv>,
  refused: readonly { param: string; field: string }[],
): Promise<void> {
  if (refused.length === 0) return;
  const locale = c.get('info').locale;
  await auditDenied(deps, c, 'customer.read', null);
  const errors = refused.map(({ param, field }) => ({
    field: param,
    code: 'query.filterForbidden',
    message: t('query.filterForbidden', locale, { field }),
  }));
  throw new ApiError(403, 'forbidden', errors.map((e) => e.message).join('; '), {
    fields: errors,
  });
}

async function auditDenied(
  deps: ServerDeps,
  c: Context<AppEnv>,
  action: Action,
  recordId: string | null,
): Promise<void> {
  await deps.db.write((tx) =>
    appendAudit(
      tx,
      [
        actorAudit(c, {
          action,
          recordId,
          fields: [],
          outcome: 'denied',
          detail: `${c.req.method} ${c.req.path}`,
        }),
      ],
      deps.now(),
    ),
  );
}
