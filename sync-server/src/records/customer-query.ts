import { z } from 'zod';
import { parseMobile } from '../../../shared/core/validation/mobile';
import { blindIndex } from '../crypto/blind-index';
import type { KeyRing } from '../crypto/key-ring';
import type { Actor } from '../http/context';
import { scopeCondition } from '../policy/policy';
import type { SqlValue } from '../storage/database';

/** Conditions on customers, as the list and the export take them; tag lists are comma-separated. */
export const customerFilterSchema = z.object({
  q: z.string().trim().min(1).max(50).optional(),
  industry: z.string().optional(),
  stage: z.string().optional(),
  level: z.string().optional(),
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  owner: z.string().optional(),
  status: z.string().optional(),
  mobile: z.string().optional(),
  tagsAny: z.string().optional(),
  tagsAll: z.string().optional(),
  tagsNone: z.string().optional(),
  lastContactFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  lastContactTo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
});

export type CustomerFilter = z.infer<typeof customerFilterSchema>;

/**
 * The filter as conditions on the customers table, within the actor's rows (so pages are full
 * and counts honest), leaving out merged records and, unless asked, archived ones.
 */
export function customerConditions(
  ring: KeyRing,
  actor: Actor,
  q: CustomerFilter,
): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (sql: string, ...values: SqlValue[]) => {
    where.push(sql);
    params.push(...values);
  };
  // Row scope is part of the query, so pages are full and counts honest.
  const scope = scopeCondition(actor);
  add(scope.sql, ...scope.params);
  add("status <> 'merged'");
  if (q.includeArchived !== 'true') add("status <> 'archived'");
  if (q.q !== undefined) {
    // Case-insensitive on both engines, and % or _ typed by the user match themselves.
    const text = q.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`);
    add(
      "(LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(clear_data) LIKE ? ESCAPE '\\')",
      `%${text}%`,
      `%"contactname":"%${text}%`,
    );
  }
  for (const key of ['industry', 'stage', 'level', 'owner', 'status'] as const) {
    const value = q[key];
    if (value !== undefined) add(`${key} = ?`, value);
  }
  if (q.region !== undefined) add('region LIKE ?', `${q.region.replace(/0+$/, '')}%`);
  if (q.mobile !== undefined) {
    const mobile = parseMobile(q.mobile);
    add('mobile_hash = ?', mobile.ok ? blindIndex(ring, 'mobile', mobile.value) : '');
  }
  const tags = (s: string | undefined) =>
    s === undefined
      ? []
      : s
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== '');
  const any = tags(q.tagsAny);
  if (any.length > 0)
    add(
      `id IN (SELECT customer_id FROM customer_tags WHERE tag IN (${any.map(() => '?').join(',')}))`,
      ...any,
    );
  for (const tag of tags(q.tagsAll))
    add('id IN (SELECT customer_id FROM customer_tags WHERE tag = ?)', tag);
  const none = tags(q.tagsNone);
  if (none.length > 0)
    add(
      `id NOT IN (SELECT customer_id FROM customer_tags WHERE tag IN (${none.map(() => '?').join(',')}))`,
      ...none,
    );
  if (q.lastContactFrom !== undefined) add('last_contact >= ?', q.lastContactFrom);
  if (q.lastContactTo !== undefined) add('last_contact <= ?', q.lastContactTo);
  return { where, params };
}
