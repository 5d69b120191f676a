import type { PullResponse } from '../../../shared/core/sync/pull-response';
import type { KeyRing } from '../crypto/key-ring';
import type { Actor } from '../http/context';
import { accessTo, inScope } from '../policy/policy';
import type { SqlExecutor } from '../storage/database';
import { customerFields } from '../../../shared/core/fields/customer-fields';
import { fromRow, type CustomerRow } from './customer-row';
import { present } from './present-customer';

/**
 * Records changed after `since`, as this actor may see them, rows that left the actor's scope
 * as removals, and the next checkpoint. When permissions changed after `since`, the answer
 * starts over from 0 with `reset`, so the sheet drops rows it may no longer hold.
 */
export async function pull(
  db: SqlExecutor,
  ring: KeyRing,
  actor: Actor,
  query: { since: number; limit: number },
): Promise<PullResponse> {
  const changed = await db.get<{ value: string }>(
    "SELECT value FROM settings WHERE key = 'permissionsChangedAt'",
  );
  const reset = query.since > 0 && Number(changed?.value ?? 0) > query.since;
  const since = reset ? 0 : query.since;
  const rows = await db.all<CustomerRow>(
    'SELECT * FROM customers WHERE checkpoint > ? ORDER BY checkpoint LIMIT ?',
    [since, query.limit],
  );
  // Decrypt only for callers who may see some sensitive field in clear; masks are stored.
  const needsClear = customerFields.some(
    (f) => f.sensitive && ['edit', 'view'].includes(accessTo(actor, f.key)),
  );
  const records: PullResponse['records'] = [];
  const removed: string[] = [];
  for (const row of rows) {
    const scope = {
      owner: String(row.owner),
      createdBy: String(row.created_by),
      team: row.team === null ? null : String(row.team),
    };
    if (!inScope(actor, scope) || row.status === 'merged') {
      removed.push(String(row.id));
      continue;
    }
    const customer = fromRow(ring, row, needsClear);
    const { id, checkpoint, values, masked } = present(actor, customer);
    records.push({ id, checkpoint, values, masked });
  }
  const last = rows.at(-1);
  return {
    records,
    removed,
    checkpoint: last === undefined ? Math.max(since, query.since) : Number(last.checkpoint),
    hasMore: rows.length === query.limit,
    reset,
  };
}
