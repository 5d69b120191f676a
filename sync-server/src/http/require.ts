import type { Context } from 'hono';
import { t } from '../../../shared/core/i18n/translate';
import type { Action } from '../../../shared/core/roles/role';
import { actorAudit } from './actor-audit';
import { appendAudit } from '../audit/audit-log';
import { can, type RecordScope } from '../policy/policy';
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
  const info = c.get('info');
  await deps.db.write((tx) =>
    appendAudit(
      tx,
      [
        actorAudit(c, {
          action,
          recordId: record?.id ?? null,
          fields: [],
          outcome: 'denied',
          detail: `${c.req.method} ${c.req.path}`,
        }),
      ],
      deps.now(),
    ),
  );
  throw new ApiError(403, 'forbidden', t('http.forbidden', info.locale));
}
