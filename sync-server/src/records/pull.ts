import type { PullResponse } from '../../../shared/core/sync/pull-response';
import type { KeyRing } from '../crypto/key-ring';
import type { Actor } from '../http/context';
import { inScope, scopeCondition, seesSensitiveInClear } from '../policy/policy';
import type { SqlExecutor } from '../storage/database';
import { storedColumns, type StoredColumns } from './customer-row';
import { permissionsChangedAt } from '../people/permission-epoch';
import { presenterFor } from './present-customer';

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
  query: { since: number; limit: number; epoch?: number | undefined },
): Promise<PullResponse> {
  const epoch = await permissionsChangedAt(db);
  // The sequence first: every row at or below it is committed, so a page that reads up to it
  // and no further lets the caller skip past changes it may not see without missing any.
  const head = await db.get<{ value: number | string }>(
    "SELECT value FROM counters WHERE name = 'checkpoint'",
  );
  const upTo = Number(head?.value ?? 0);
  // A checkpoint past the head was handed out by another database (a restore from a backup, a
  // server set up afresh): the client's copy cannot be trusted, so it starts over.
  const reset =
    (query.since > 0 && query.epoch !== undefined && query.epoch < epoch) || query.since > upTo;
  const since = reset ? 0 : query.since;
  // Decrypt only for callers who may see some sensitive field in clear; masks are stored. Only
  // the form the caller needs is read: ciphertexts are the bulk of a row. A pull answers no
  // per-field checkpoints or possible duplicates, so those are not read either, nor the
  // columns kept only for lookups (keyed hashes, trade names): turning each of 2,000 rows'
  // 32 columns into JavaScript took as long as the query.
  const needsClear = seesSensitiveInClear(actor);
  const presentRow = presenterFor(actor, ring);
  const unused = needsClear ? 'masked_data' : 'secret_data';
  const columns = storedColumns.map((c) =>
    c === unused || c === 'field_checkpoints'
      ? `'{}' AS ${c}`
      : c === 'possible_duplicates'
        ? `'[]' AS ${c}`
        : c,
  );
  // Only the caller's rows, and the rows it owned after its checkpoint and may have left:
  // a change to anyone else's row is none of its business, not even by ID.
  const scope = scopeCondition(actor);
  // A team's rows are its members' (a record belongs to its owner's team), so for team scope
  // the rows any member of the team owned (history keeps owners as JSON strings).
  const team = actor.role.rowScope === 'team' ? actor.user.team : undefined;
  const formerOwner =
    team === undefined
      ? 'old_value = ?'
      : `(old_value = ? OR old_value IN (SELECT '"' || id || '"' FROM users WHERE team = ?))`;
  const left =
    since > 0 && actor.role.rowScope !== 'all' && actor.role.rowScope !== 'none'
      ? {
          sql: ` OR id IN (SELECT customer_id FROM field_history WHERE field = 'owner' AND ${formerOwner} AND checkpoint > ?)`,
          params: [JSON.stringify(actor.user.id), ...(team === undefined ? [] : [team]), since],
        }
      : { sql: '', params: [] };
  const rows = await db.all<StoredColumns>(
    `SELECT ${columns.join(', ')} FROM customers WHERE checkpoint > ? AND checkpoint <= ? AND (${scope.sql}${left.sql}) ORDER BY checkpoint LIMIT ?`,
    [since, upTo, ...scope.params, ...left.params, query.limit],
  );
  const records: PullResponse['records'] = [];
  const removed: string[] = [];
  for (const row of rows) {
    const place = {
      owner: String(row.owner),
      createdBy: String(row.created_by),
      team: row.team === null ? null : String(row.team),
    };
    if (!inScope(actor, place) || row.status === 'merged') {
      // A client starting from 0 holds nothing to remove.
      if (since > 0) removed.push(String(row.id));
      continue;
    }
    const { id, checkpoint, values, masked } = presentRow(row);
    records.push({ id, checkpoint, values, masked });
  }
  const hasMore = rows.length === query.limit;
  const last = rows.at(-1);
  return {
    records,
    removed,
    // A full page stops at its last row; otherwise the caller has everything up to the head.
    checkpoint: hasMore && last !== undefined ? Number(last.checkpoint) : upTo,
    hasMore,
    reset,
    epoch,
  };
}
