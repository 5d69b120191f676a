import type { PullResponse } from '../../../shared/core/sync/pull-response';
import type { KeyRing } from '../crypto/key-ring';
import type { Actor } from '../http/context';
import { accessTo, inScope } from '../policy/policy';
import type { SqlExecutor } from '../storage/database';
import { customerFields } from '../../../shared/core/fields/customer-fields';
import { fromRow, storedColumns, type StoredColumns } from './customer-row';
import { permissionsChangedAt } from '../people/permission-epoch';
import { present } from './present-customer';

const sensitiveFields: ReadonlySet<string> = new Set(
  customerFields.filter((f) => f.sensitive).map((f) => f.key),
);
const noFields: ReadonlySet<string> = new Set();

/**
 * Records changed after `since`, as this actor may see them, rows that left the actor's scope
 * as removals, and the next checkpoint. When permissions changed after the epoch the client
 * last saw, the answer starts over from 0 with `reset`, so the sheet drops rows it may no
 * longer hold; the client pages on with the new epoch, so a reset happens once.
 */
export async function pull(
  db: SqlExecutor,
  ring: KeyRing,
  actor: Actor,
  query: { since: number; limit: number; epoch: number },
): Promise<PullResponse> {
  const epoch = await permissionsChangedAt(db);
  const reset = query.since > 0 && query.epoch < epoch;
  const since = reset ? 0 : query.since;
  // Decrypt only for callers who may see some sensitive field in clear; masks are stored. Only
  // the form the caller needs is read: ciphertexts are the bulk of a row. A pull answers no
  // per-field checkpoints or possible duplicates, so those are not read either, nor the
  // columns kept only for lookups (keyed hashes, trade names): turning each of 2,000 rows'
  // 32 columns into JavaScript took as long as the query.
  const needsClear = customerFields.some(
    (f) => f.sensitive && ['edit', 'view'].includes(accessTo(actor, f.key)),
  );
  const unused = needsClear ? 'masked_data' : 'secret_data';
  const columns = storedColumns.map((c) =>
    c === unused || c === 'field_checkpoints'
      ? `'{}' AS ${c}`
      : c === 'possible_duplicates'
        ? `'[]' AS ${c}`
        : c,
  );
  const rows = await db.all<StoredColumns>(
    `SELECT ${columns.join(', ')} FROM customers WHERE checkpoint > ? ORDER BY checkpoint LIMIT ?`,
    [since, query.limit],
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
      // A client starting from 0 holds nothing to remove: naming every record it may not see
      // would only tell it how many there are.
      if (since > 0) removed.push(String(row.id));
      continue;
    }
    const customer = fromRow(ring, row, needsClear);
    const { id, checkpoint, values, masked } = present(
      actor,
      customer,
      needsClear ? noFields : sensitiveFields,
    );
    records.push({ id, checkpoint, values, masked });
  }
  const last = rows.at(-1);
  return {
    records,
    removed,
    checkpoint: last === undefined ? Math.max(since, query.since) : Number(last.checkpoint),
    hasMore: rows.length === query.limit,
    reset,
    epoch,
  };
}
