import type { Context } from 'hono';
import type { AuditInput } from '../audit/audit-log';
import type { AppEnv } from './context';

/**
 * An audit entry by the signed-in caller: who and from where come from the request, what
 * happened from the route.
 */
export function actorAudit(
  c: Context<AppEnv>,
  entry: Pick<AuditInput, 'action' | 'recordId' | 'fields' | 'outcome' | 'detail'>,
): AuditInput {
  const { user, role } = c.get('actor');
  const { ip, userAgent, client } = c.get('info');
  return { actorId: user.id, actorRole: role.id, ip, userAgent, client, ...entry };
}
