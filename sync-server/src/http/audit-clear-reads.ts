import type { Context } from 'hono';
import { customerField } from '../../../shared/core/fields/customer-fields';
import { appendAudit } from '../audit/audit-log';
import type { AppEnv } from './context';
import type { ServerDeps } from './deps';
import { actorAudit } from './actor-audit';

/** What a read handed out: a record's ID, its values as sent, and which of them are masked. */
interface SentRecord {
  id: string;
  values: Readonly<Record<string, unknown>>;
  masked: readonly string[];
}

/**
 * Audits a read that handed out sensitive fields in clear (SPEC 5: every read of unmasked
 * data): one entry per request naming the fields, never their values, and the records read.
 * A read that sent only masks writes nothing.
 */
export async function auditClearReads(
  deps: ServerDeps,
  c: Context<AppEnv>,
  what: string,
  records: readonly SentRecord[],
): Promise<void> {
  const fields = new Set<string>();
  const ids: string[] = [];
  for (const record of records) {
    let clear = false;
    for (const [field, value] of Object.entries(record.values)) {
      if (value === undefined || value === null || value === '') continue;
      if (customerField(field)?.sensitive !== true || record.masked.includes(field)) continue;
      fields.add(field);
      clear = true;
    }
    if (clear) ids.push(record.id);
  }
  if (ids.length === 0) return;
  const entry = actorAudit(c, {
    action: 'customer.read',
    recordId: ids.length === 1 ? (ids[0] ?? null) : null,
    fields: [...fields].sort().map((field) => ({ field })),
    outcome: 'success',
    detail: `${what}: ${ids.join(',')}`,
  });
  await deps.db.write((tx) => appendAudit(tx, [entry], deps.now()));
}
