import { z } from 'zod';
import { normaliseText } from '../../../shared/core/normalise/normalise-text';
import { normaliseTag, vocabularySpelling } from '../../../shared/core/tags/tag-rules';
import { parseDate } from '../../../shared/core/validation/date';
import { parseMobile } from '../../../shared/core/validation/mobile';
import { blindIndex } from '../crypto/blind-index';
import type { KeyRing } from '../crypto/key-ring';
import type { Actor } from '../http/context';
import { accessTo, scopeCondition } from '../policy/policy';
import type { SqlExecutor, SqlValue } from '../storage/database';
import { loadReference } from './push-context';

/** A day as YYYY-MM-DD that the calendar has (no 2024-02-30). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => parseDate(value).ok);

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
  // A number that cannot be a mobile would only ever find nothing: say so instead.
  mobile: z
    .string()
    .refine((value) => parseMobile(value).ok)
    .optional(),
  tagsAny: z.string().optional(),
  tagsAll: z.string().optional(),
  tagsNone: z.string().optional(),
  lastContactFrom: calendarDate.optional(),
  lastContactTo: calendarDate.optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
});

export type CustomerFilter = z.infer<typeof customerFilterSchema>;

/**
 * The filter with each tag as the library stores it: a tag typed in another case, width or
 * spacing becomes the vocabulary's spelling, and the old name of a renamed or merged tag its
 * new one, so that a filter finds what a push with the same tag would have stored. The
 * vocabulary is read only for a filter that names tags.
 */
export async function withTagsSpelled<F extends CustomerFilter>(
  db: SqlExecutor,
  filter: F,
): Promise<F> {
  if (filter.tagsAny === undefined && filter.tagsAll === undefined && filter.tagsNone === undefined)
    return filter;
  const reference = await loadReference(db);
  const known = new Set([...reference.vocabulary, ...reference.replacedTags.keys()]);
  const spell = (list: string | undefined) =>
    list
      ?.split(',')
      .map((typed) => {
        const tag = vocabularySpelling(typed, known) ?? normaliseTag(typed);
        return reference.replacedTags.get(tag) ?? tag;
      })
      .join(',');
  return {
    ...filter,
    tagsAny: spell(filter.tagsAny),
    tagsAll: spell(filter.tagsAll),
    tagsNone: spell(filter.tagsNone),
  };
}

/** The customer field each filter reads; `q` reads the name and the contact name. */
const filteredField: Partial<Record<keyof CustomerFilter, string>> = {
  industry: 'industry',
  stage: 'stage',
  level: 'level',
  region: 'region',
  owner: 'owner',
  mobile: 'mobile',
  tagsAny: 'tags',
  tagsAll: 'tags',
  tagsNone: 'tags',
  lastContactFrom: 'lastContact',
  lastContactTo: 'lastContact',
};

const seesInClear = (actor: Actor, field: string) => {
  const access = accessTo(actor, field);
  return access === 'view' || access === 'edit';
};

/**
 * The filters this caller may not use, with the field each reads: a filter on a field the caller
 * sees masked or not at all would tell it the value (a search is an oracle). A mobile number is
 * the exception for masked: it is found exactly, through its keyed hash (SPEC 5). Text search
 * needs the name or the contact name in clear.
 */
export function refusedFilters(
  actor: Actor,
  q: CustomerFilter,
): { param: string; field: string }[] {
  const refused: { param: string; field: string }[] = [];
  for (const [param, field] of Object.entries(filteredField)) {
    if (q[param as keyof CustomerFilter] === undefined) continue;
    const ok = field === 'mobile' ? accessTo(actor, field) !== 'hidden' : seesInClear(actor, field);
    if (!ok) refused.push({ param, field });
  }
  if (q.q !== undefined && !seesInClear(actor, 'name') && !seesInClear(actor, 'contactName'))
    refused.push({ param: 'q', field: 'name' });
  return refused;
}

/**
 * clear_data, for PostgreSQL's JSON parser: a record stored before lone surrogates were refused
 * holds one as an escape such as \ud83d, which the parser refuses, failing the whole search; each
 * becomes U+FFFD. Once escaped backslashes are spelled \u005c, every \u left starts an escape.
 * Note: JSON.stringify writes \u only for control characters and lone surrogates, so rows without
 * one skip the rewriting.
 */
const wellFormedClearData = String.raw`(CASE WHEN strpos(clear_data, '\u') = 0 THEN clear_data
  ELSE regexp_replace(
    regexp_replace(
      replace(clear_data, '\\', '\u005c'),
      '\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})', '\ufffd', 'gi'),
    '(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}', '\ufffd', 'gi') END)`;

/** Where a region filter's code reaches: a province (XX0000) or a city (XXXX00) takes in its divisions. */
function regionPrefix(code: string): string {
  if (code.length < 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/**
 * The filter as conditions on the customers table, within the actor's rows (so pages are full
 * and counts honest), leaving out merged records and, unless asked, archived ones.
 */
export function customerConditions(
  ring: KeyRing,
  dialect: 'sqlite' | 'postgres',
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
    // Only on the name and the contact name, each only for a caller who sees it in clear; % or _
    // typed by the user match themselves. Both are stored normalised (half-width, NFKC), so the
    // query is too. Case is folded for A-Z only, the same on both engines: SQLite's LOWER folds
    // nothing else, and PostgreSQL's is held to that by COLLATE "C" (the database's own collation
    // may fold more).
    const folded = normaliseText(q.q).replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
    const text = `%${folded.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const contactName =
      dialect === 'sqlite'
        ? "json_extract(clear_data, '$.contactName')"
        : `((${wellFormedClearData}::jsonb ->> 'contactName') COLLATE "C")`;
    const searched = [
      ...(seesInClear(actor, 'name') ? ['name'] : []),
      ...(seesInClear(actor, 'contactName') ? [contactName] : []),
    ];
    add(
      `(${searched.length === 0 ? 'FALSE' : searched.map((column) => `LOWER(${column}) LIKE ? ESCAPE '\\'`).join(' OR ')})`,
      ...searched.map(() => text),
    );
  }
  for (const key of ['industry', 'stage', 'level', 'owner', 'status'] as const) {
    const value = q[key];
    if (value !== undefined) add(`${key} = ?`, value);
  }
  if (q.region !== undefined) add('region LIKE ?', `${regionPrefix(q.region)}%`);
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
