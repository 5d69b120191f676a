import type { CustomerKind } from '../../../shared/core/fields/options';
import {
  customerField,
  customerFields,
  type CustomerFieldKey,
} from '../../../shared/core/fields/customer-fields';
import { maskKindForField, maskValue } from '../../../shared/core/masking/mask-kinds';
import {
  fieldAccessOf,
  roleAllows,
  type Action,
  type FieldAccess,
} from '../../../shared/core/roles/role';
import type { Actor } from '../http/context';
import type { SqlValue } from '../storage/database';

/** What policy needs to know of a record to place it in or out of a caller's rows. */
export interface RecordScope {
  owner: string;
  createdBy: string;
  team: string | null;
}

/**
 * The one place that decides access: may this actor do this action (on this record)?
 * Deny by default: an inactive user, an action the role does not list, or a record outside the
 * role's row scope all say no.
 */
export function can(actor: Actor, action: Action, record?: RecordScope): boolean {
  if (!actor.user.active) return false;
  if (!roleAllows(actor.role, action)) return false;
  return record === undefined || inScope(actor, record);
}

/** Whether a record lies in the rows the actor's role reaches. */
export function inScope(actor: Actor, record: RecordScope): boolean {
  const own = record.owner === actor.user.id || record.createdBy === actor.user.id;
  switch (actor.role.rowScope) {
    case 'none':
      return false;
    case 'own':
      return own;
    case 'team':
      return own || (actor.user.team !== undefined && record.team === actor.user.team);
    case 'all':
      return true;
  }
}

/**
 * Whether the actor sees some sensitive field in clear. When not, a record's stored masks
 * serve for every sensitive field and nothing need be decrypted to show it.
 */
export function seesSensitiveInClear(actor: Actor): boolean {
  return customerFields.some(
    (f) => f.sensitive && ['edit', 'view'].includes(accessTo(actor, f.key)),
  );
}

/**
 * `inScope` as a condition on the customers table, for queries that should read only the
 * caller's rows: the same rule, so pages are full and nothing outside the rows is read.
 */
export function scopeCondition(actor: Actor): { sql: string; params: SqlValue[] } {
  const me = actor.user.id;
  switch (actor.role.rowScope) {
    case 'none':
      return { sql: '1 = 0', params: [] };
    case 'own':
      return { sql: '(owner = ? OR created_by = ?)', params: [me, me] };
    case 'team':
      return actor.user.team === undefined
        ? { sql: '(owner = ? OR created_by = ?)', params: [me, me] }
        : { sql: '(owner = ? OR created_by = ? OR team = ?)', params: [me, me, actor.user.team] };
    case 'all':
      return { sql: '1 = 1', params: [] };
  }
}

/**
 * A record's system fields: the server keeps them (a client never sets one), and every caller
 * who reaches the record sees them, as they identify it and carry no personal data.
 */
export const systemFields: ReadonlySet<string> = new Set([
  'id',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'updatedBy',
  'kind',
]);

/**
 * What the actor may see of a field: system fields are always shown; unknown fields are
 * hidden (deny by default).
 */
export function accessTo(actor: Actor, field: string): FieldAccess {
  if (systemFields.has(field)) return 'view';
  if (customerField(field) === undefined) return 'hidden';
  return fieldAccessOf(actor.role, field as CustomerFieldKey);
}

/** A record as one actor may see it: hidden fields gone, masked fields masked. */
export interface RecordView {
  values: Record<string, unknown>;
  masked: string[];
}

/**
 * Applies the actor's field rules to clear values. Runs on the server before anything leaves
 * it, so the sheet of a user without `view` never holds the clear value.
 */
export function viewOf(
  actor: Actor,
  kind: CustomerKind,
  values: Readonly<Record<string, unknown>>,
  premasked: ReadonlySet<string> = new Set(),
): RecordView {
  const out: Record<string, unknown> = {};
  const masked: string[] = [];
  for (const [field, value] of Object.entries(values)) {
    const access = accessTo(actor, field);
    if (access === 'hidden' || value === undefined || value === null) continue;
    if (access === 'masked') {
      // Values read from the stored masks are masks already.
      out[field] = premasked.has(field) ? value : maskAny(field, kind, value);
      masked.push(field);
    } else {
      out[field] = value;
    }
  }
  return { values: out, masked };
}

/** A field's value as its mask (SPEC 5), each item of a list masked alike. */
export function maskAny(field: string, kind: CustomerKind, value: unknown): unknown {
  const maskKind = maskKindForField(field, kind);
  if (Array.isArray(value))
    return value.map((v) => maskValue(maskKind, typeof v === 'number' ? v : String(v)));
  return maskValue(maskKind, typeof value === 'number' ? value : String(value));
}
