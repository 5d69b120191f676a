import { z } from 'zod';
import type { AuditEntry } from '../../../shared/core/schemas/audit-entry';
import type { SqlExecutor, SqlValue } from '../storage/database';
import { entryFromRow, type AuditRow } from './audit-log';

/** The most entries one page answers; streamed exports page through the log in pages this big. */
export const maxAuditPage = 1000;

/** An instant with its offset (`2025-01-31T16:00:00Z`, `…+08:00`) or a UTC day (`2025-02-01`). */
export const isoTimeSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** What an auditor may filter the log by; pages follow `afterSeq`. `to` is exclusive. */
export const auditFilterSchema = z.object({
  from: isoTimeSchema.optional(),
  to: isoTimeSchema.optional(),
  actor: z.string().min(1).optional(),
  action: z.string().min(1).optional(),
  record: z.string().min(1).optional(),
  afterSeq: z.number().int().min(0).optional(),
  /** Upper bound of seq, so a long export ends at the head it started from. */
  untilSeq: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(maxAuditPage),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** One page of entries matching the filter, ordered by seq. */
export async function queryAudit(db: SqlExecutor, filter: AuditFilter): Promise<AuditEntry[]> {
  const where = ['seq > ?'];
  const params: SqlValue[] = [filter.afterSeq ?? 0];
  const add = (clause: string, value: SqlValue) => {
    where.push(clause);
    params.push(value);
  };
  if (filter.untilSeq !== undefined) add('seq <= ?', filter.untilSeq);
  // Stored times are UTC `toISOString()` text, so bounds are brought to the same form to compare.
  if (filter.from !== undefined) add('at >= ?', new Date(filter.from).toISOString());
  if (filter.to !== undefined) add('at < ?', new Date(filter.to).toISOString());
  if (filter.actor !== undefined) add('actor_id = ?', filter.actor);
  if (filter.action !== undefined) add('action = ?', filter.action);
  if (filter.record !== undefined) add('record_id = ?', filter.record);
  const rows = await db.all<AuditRow>(
    `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`,
    [...params, filter.limit],
  );
  return rows.map(entryFromStoredRow);
}

/** Every entry matching the filter, read a page at a time so memory stays flat. */
export async function* streamAudit(
  db: SqlExecutor,
  filter: Omit<AuditFilter, 'limit'>,
  pageSize = maxAuditPage,
): AsyncGenerator<AuditEntry[]> {
  let afterSeq = filter.afterSeq ?? 0;
  for (;;) {
    const page = await queryAudit(db, { ...filter, afterSeq, limit: pageSize });
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    afterSeq = last.seq;
  }
}

/**
 * A stored row as an entry, even when someone tampered with it: a `fields` column that is no
 * longer JSON keeps its raw text, which never hashes like the array that was chained, so export
 * and verification report the row instead of failing.
 */
export function entryFromStoredRow(row: AuditRow): AuditEntry {
  try {
    return entryFromRow(row);
  } catch {
    return {
      ...entryFromRow({ ...row, fields: '[]' }),
      fields: row.fields as unknown as AuditEntry['fields'],
    };
  }
}
