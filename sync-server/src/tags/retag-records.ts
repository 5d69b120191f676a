import { chinaDateTime } from '../records/china-time';
import { nextCheckpoint } from '../records/customer-store';
import type { SqlExecutor } from '../storage/database';

/** A record whose tags one vocabulary change rewrote, with its tag list before and after. */
export interface RetaggedRecord {
  id: string;
  before: string[];
  after: string[];
}

/** Records rewritten by one vocabulary change. */
export interface RetagResult {
  /** The records whose tags changed, each at its own new checkpoint. */
  records: RetaggedRecord[];
}

// Pages keep memory flat when a tag sits on a large share of the library.
const pageSize = 500;

/**
 * A tag list with `from` replaced by `to` where it stood, keeping the first of any repeats, so a
 * record that carried both tags of a merge keeps one.
 */
export function replaceTag(tags: readonly string[], from: string, to: string): string[] {
  return [...new Set(tags.map((tag) => (tag === from ? to : tag)))];
}

/**
 * Moves every record carrying `from` to `to`, in the caller's transaction: the tags in the
 * record, its tag index rows, a new checkpoint and version so every sheet pulls the change, a
 * newer `tags` field checkpoint so an edit based on the old list conflicts instead of silently
 * undoing it, and a field history row that keeps the old list.
 */
export async function retagRecords(
  tx: SqlExecutor,
  change: { from: string; to: string; by: string; now: Date },
): Promise<RetagResult> {
  const { from, to, by, now } = change;
  const records: RetaggedRecord[] = [];
  let after = '';
  for (;;) {
    const rows = await tx.all<{ id: string; clear_data: string; field_checkpoints: string }>(
      'SELECT id, clear_data, field_checkpoints FROM customers WHERE id > ? AND id IN (SELECT customer_id FROM customer_tags WHERE tag = ?) ORDER BY id LIMIT ?',
      [after, from, pageSize],
    );
    for (const row of rows) {
      const values = JSON.parse(row.clear_data) as Record<string, unknown>;
      const before = Array.isArray(values['tags']) ? (values['tags'] as string[]) : [];
      const tags = replaceTag(before, from, to);
      await tx.run('DELETE FROM customer_tags WHERE customer_id = ? AND tag = ?', [row.id, from]);
      // The index held a tag the record no longer had: repair the index, leave the record be.
      if (!before.includes(from)) continue;
      await tx.run(
        'INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?) ON CONFLICT (customer_id, tag) DO NOTHING',
        [row.id, to],
      );
      const checkpoint = await nextCheckpoint(tx);
      const fieldCheckpoints = JSON.parse(row.field_checkpoints) as Record<string, number>;
      await tx.run(
        'UPDATE customers SET clear_data = ?, field_checkpoints = ?, checkpoint = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE id = ?',
        [
          JSON.stringify({ ...values, tags }),
          JSON.stringify({ ...fieldCheckpoints, tags: checkpoint }),
          checkpoint,
          by,
          chinaDateTime(now),
          row.id,
        ],
      );
      await tx.run(
        'INSERT INTO field_history (customer_id, checkpoint, field, old_value, new_value, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          row.id,
          checkpoint,
          'tags',
          JSON.stringify(before),
          JSON.stringify(tags),
          by,
          now.toISOString(),
        ],
      );
      records.push({ id: row.id, before, after: tags });
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < pageSize) return { records };
    after = last.id;
  }
}
