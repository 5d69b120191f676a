import { customerField } from '../../../shared/core/fields/customer-fields';
import {
  hasControlCharacter,
  hasLoneSurrogate,
  withoutRefusedCharacters,
} from '../../../shared/core/fields/field-schemas';
import { withStoredOptions } from '../../../shared/core/forms/stored-options';
import { t } from '../../../shared/core/i18n/translate';
import { isMaskOf } from '../../../shared/core/masking/is-mask-of';
import { maskKindForField } from '../../../shared/core/masking/mask-kinds';
import type { FieldConflict, MutationOutcome } from '../../../shared/core/sync/mutation-outcome';
import type { Mutation } from '../../../shared/core/sync/push-request';
import { fieldError, type FieldError } from '../../../shared/core/validation/field-error';
import { accessTo, can, systemFields } from '../policy/policy';
import { dedupeKeys, maskOf, scopeOf, toRow, type StoredCustomer } from './customer-row';
import { check, prepareRow, templateFor, withoutSystem, type PrepareInput } from './prepare-create';
import { chinaDateTime } from './china-time';
import type { AuditInput } from '../audit/audit-log';
import {
  auditOf,
  type PrepareContext,
  type PreparedCreate,
  type PushContext,
} from './push-context';

type AuditField = AuditInput['fields'][number];

/**
 * Applies one mutation inside the batch's transaction and says what became of it. Expected
 * failures (invalid, duplicate, conflict, forbidden) are outcomes, never exceptions.
 */
export async function applyMutation(
  ctx: PushContext,
  mutation: Mutation,
): Promise<MutationOutcome> {
  return mutation.recordId === undefined
    ? create(ctx, mutation)
    : update(ctx, mutation, mutation.recordId);
}

async function create(ctx: PushContext, m: Mutation): Promise<MutationOutcome> {
  const { locale } = ctx.info;
  if (!can(ctx.actor, 'customer.create'))
    return forbidden(ctx, m, null, t('http.forbidden', locale));
  const unwritable = unwritableOnCreate(ctx, m);
  if (unwritable !== undefined)
    return forbidden(ctx, m, null, t('sync.forbiddenField', locale, { field: unwritable }));
  const { template, checked, keys, sealed, auditFields } = prepareCreate(ctx, m);
  if (!checked.ok) return invalid(ctx, m, null, checked.errors);
  const values = checked.value;
  const unassignable = await unknownOwner(ctx, values['owner']);
  if (unassignable !== undefined) return invalid(ctx, m, null, [unassignable]);
  const kind = template.customerKind;
  const duplicate = keys === null ? undefined : await ctx.batch.exactDuplicate(keys, null);
  if (duplicate !== undefined) return duplicateOutcome(ctx, m, null, duplicate);

  const id = await ctx.batch.nextCustomerId();
  const checkpoint = await ctx.batch.nextCheckpoint();
  const stamp = chinaDateTime(ctx.now);
  const record: StoredCustomer = {
    id,
    checkpoint,
    version: 1,
    status: 'pending',
    kind,
    owner: String(values['owner']),
    team: await teamOf(ctx, String(values['owner'])),
    templateId: template.id,
    values,
    fieldCheckpoints: checkpointsOf(values, checkpoint),
    possibleDuplicates: [],
    rejections: 0,
    createdBy: ctx.actor.user.id,
    createdAt: stamp,
    updatedBy: ctx.actor.user.id,
    updatedAt: stamp,
  };
  const row = toRow(ctx.ring, record, keys ?? undefined, sealed ?? undefined);
  record.possibleDuplicates = await ctx.batch.nearDuplicates(
    row.trade_name as string | null,
    row.city_code as string | null,
    id,
  );
  row.possible_duplicates = JSON.stringify(record.possibleDuplicates);
  ctx.batch.save(row, tagsOf(values));
  ctx.audit.push(
    auditOf(ctx, {
      action: 'customer.create',
      recordId: id,
      fields: auditFields,
      outcome: 'success',
      detail: null,
    }),
  );
  return {
    mutationId: m.mutationId,
    status: 'pending_review',
    recordId: id,
    checkpoint,
    possibleDuplicates: record.possibleDuplicates,
  };
}

/**
 * The first field of a new row that the caller's field rules do not let it write: one it may
 * only view, or may not see at all. A masked field may be entered (a clerk types an amount it
 * will then see masked); the owner may be left as the caller.
 */
function unwritableOnCreate(ctx: PushContext, m: Mutation): string | undefined {
  for (const [field, value] of Object.entries(withoutSystem(m.fields))) {
    if (value === undefined || value === null || value === '') continue;
    if (field === 'owner' && value === ctx.actor.user.id) continue;
    const access = accessTo(ctx.actor, field);
    if (access === 'view' || access === 'hidden') return field;
  }
  return undefined;
}

async function update(ctx: PushContext, m: Mutation, id: string): Promise<MutationOutcome> {
  const { locale } = ctx.info;
  const current = await ctx.batch.load(id);
  // Out of scope answers like a missing record, so a push cannot probe which IDs exist.
  if (current === undefined || !can(ctx.actor, 'customer.read', scopeOf(current))) {
    return forbidden(ctx, m, id, t('sync.notFound', locale, { id }));
  }
  if (
    !can(ctx.actor, 'customer.update', scopeOf(current)) ||
    !['pending', 'rejected', 'draft'].includes(current.status)
  ) {
    return forbidden(ctx, m, id, t('sync.forbidden', locale, { id }));
  }
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(withoutSystem(m.fields))) {
    const stored = current.values[field];
    const access = accessTo(ctx.actor, field);
    // A masked value sent back from a sheet means "unchanged": never write it over the clear one.
    // A hidden field is refused whatever is sent, so a push cannot test guesses at its mask.
    if (
      access !== 'hidden' &&
      typeof value === 'string' &&
      stored !== undefined &&
      isMaskOfStored(value, stored, field, current)
    )
      continue;
    if (access !== 'edit') {
      return forbidden(ctx, m, id, t('sync.forbiddenField', locale, { field }));
    }
    changes[field] = value;
  }
  const base = m.baseCheckpoint ?? 0;
  // An option an admin has since removed stays acceptable where the record already holds it.
  const template = withStoredOptions(
    templateFor(ctx.templates, current.templateId ?? undefined, current.kind),
    current.values,
  );
  const merged = { ...current.values, ...changes };
  // A value stored before control characters and lone surrogates were refused is cleaned rather
  // than left to block every edit of the record's other fields; history and audit show the
  // cleaning as a change.
  for (const [field, value] of Object.entries(merged))
    if (
      !(field in changes) &&
      typeof value === 'string' &&
      (hasControlCharacter(value) || hasLoneSurrogate(value))
    )
      merged[field] = withoutRefusedCharacters(value);
  for (const [field, value] of Object.entries(changes))
    if (value === '' || value === null) delete merged[field];
  const stillTagged = Array.isArray(current.values['tags']) ? current.values['tags'] : [];
  const checked = check(
    prepareInput(ctx),
    template,
    withoutSystem(merged),
    stillTagged as string[],
  );
  if (!checked.ok) {
    // Errors in fields this change did not touch are the stored record's, not the sender's,
    // unless nothing else explains the refusal.
    const own = checked.errors.filter((e) => e.field in changes || e.code.startsWith('contacts'));
    return invalid(ctx, m, id, own.length > 0 ? own : checked.errors);
  }

  const changedNow = Object.keys(checked.value).filter(
    (f) => !same(checked.value[f], current.values[f]),
  );
  const removed = Object.keys(current.values).filter(
    (f) => !(f in checked.value) && !systemFields.has(f),
  );
  const touched = [...changedNow, ...removed];
  const conflicts: FieldConflict[] = touched
    .filter((f) => (current.fieldCheckpoints[f] ?? 0) > base)
    .map((f) => ({ field: f, yours: checked.value[f] ?? null, theirs: visible(ctx, current, f) }));
  if (conflicts.length > 0) {
    // Audited like every refused change; the fields are named (their values went back to the
    // author as the author may see them), the values are not kept here.
    ctx.audit.push(
      auditOf(ctx, {
        action: 'customer.update',
        recordId: id,
        fields: conflicts.map((c) => ({ field: c.field })),
        outcome: 'failed',
        detail: 'conflict',
      }),
    );
    return {
      mutationId: m.mutationId,
      status: 'conflict',
      recordId: id,
      checkpoint: current.checkpoint,
      conflicts,
    };
  }
  if (changedNow.includes('owner')) {
    const unassignable = await unknownOwner(ctx, checked.value['owner']);
    if (unassignable !== undefined) return invalid(ctx, m, id, [unassignable]);
  }
  if (touched.length === 0)
    return {
      mutationId: m.mutationId,
      status: 'applied',
      recordId: id,
      checkpoint: current.checkpoint,
    };
  const keys = dedupeKeys(ctx.ring, current.kind, checked.value);
  const duplicate = await ctx.batch.exactDuplicate(keys, id);
  if (duplicate !== undefined) return duplicateOutcome(ctx, m, id, duplicate);

  const checkpoint = await ctx.batch.nextCheckpoint();
  const record: StoredCustomer = {
    ...current,
    checkpoint,
    version: current.version + 1,
    // The owner field is who the record belongs to: a reassigned record moves to its new owner's
    // rows (and out of the old owner's, unless that user created it).
    owner: typeof checked.value['owner'] === 'string' ? checked.value['owner'] : current.owner,
    // And to the new owner's team.
    team: changedNow.includes('owner')
      ? await teamOf(ctx, String(checked.value['owner']))
      : current.team,
    values: checked.value,
    fieldCheckpoints: {
      ...current.fieldCheckpoints,
      ...Object.fromEntries(touched.map((f) => [f, checkpoint])),
    },
    updatedBy: ctx.actor.user.id,
    updatedAt: chinaDateTime(ctx.now),
  };
  ctx.batch.save(toRow(ctx.ring, record, keys), tagsOf(checked.value));
  keepHistory(ctx, id, checkpoint, touched, current, checked.value);
  ctx.audit.push(
    auditOf(ctx, {
      action: 'customer.update',
      recordId: id,
      fields: changedFields(current.kind, current.values, checked.value, touched),
      outcome: 'success',
      detail: null,
    }),
  );
  const mergedFields = Object.entries(current.fieldCheckpoints)
    .filter(([f, cp]) => cp > base && !touched.includes(f))
    .map(([f]) => f);
  return mergedFields.length > 0
    ? { mutationId: m.mutationId, status: 'merged', recordId: id, checkpoint, mergedFields }
    : { mutationId: m.mutationId, status: 'applied', recordId: id, checkpoint };
}

/**
 * Checks a new row against its template and computes its duplicate keys, once: the batch does
 * it ahead of applying, to read every lookup the batch needs in a few statements.
 */
export function prepareCreate(ctx: PrepareContext, m: Mutation): PreparedCreate {
  const known = ctx.prepared.get(m);
  if (known !== undefined) return known;
  const row = prepareRow(prepareInput(ctx), m);
  const prepared: PreparedCreate = {
    ...row,
    template: templateFor(ctx.templates, row.templateId, undefined),
  };
  ctx.prepared.set(m, prepared);
  return prepared;
}

/** What preparing rows needs, from a push context. */
export function prepareInput(ctx: PrepareContext): PrepareInput {
  return {
    ring: ctx.ring,
    ownerId: ctx.actor.user.id,
    locale: ctx.info.locale,
    templates: ctx.templates,
    vocabulary: ctx.vocabulary,
    replacedTags: ctx.replacedTags,
  };
}

function invalid(
  ctx: PushContext,
  m: Mutation,
  id: string | null,
  errors: FieldError[],
): MutationOutcome {
  ctx.audit.push(
    auditOf(ctx, {
      action: id === null ? 'customer.create' : 'customer.update',
      recordId: id,
      fields: [],
      outcome: 'failed',
      detail: `invalid: ${errors.map((e) => `${e.field}:${e.code}`).join(',')}`,
    }),
  );
  return { mutationId: m.mutationId, status: 'invalid', errors };
}

function forbidden(
  ctx: PushContext,
  m: Mutation,
  id: string | null,
  message: string,
): MutationOutcome {
  ctx.audit.push(
    auditOf(ctx, {
      action: id === null ? 'customer.create' : 'customer.update',
      recordId: id,
      fields: [],
      outcome: 'denied',
      detail: null,
    }),
  );
  return { mutationId: m.mutationId, status: 'forbidden', message };
}

function duplicateOutcome(
  ctx: PushContext,
  m: Mutation,
  id: string | null,
  d: { existingId: string; matchedOn: string[] },
): MutationOutcome {
  const { locale } = ctx.info;
  const fields = d.matchedOn
    .map((f) => t(`field.${f}` as 'field.name', locale))
    .join(locale === 'en' ? ', ' : '、');
  ctx.audit.push(
    auditOf(ctx, {
      action: id === null ? 'customer.create' : 'customer.update',
      recordId: id,
      fields: [],
      outcome: 'failed',
      detail: `duplicate of ${d.existingId}`,
    }),
  );
  return {
    mutationId: m.mutationId,
    status: 'duplicate',
    existingId: d.existingId,
    matchedOn: d.matchedOn,
    message: t('sync.duplicate', locale, { id: d.existingId, fields }),
  };
}

/**
 * The error for an owner who is not an active user, as a record assigned to one would drop out
 * of everyone's own rows; the caller itself always qualifies.
 */
async function unknownOwner(ctx: PushContext, owner: unknown): Promise<FieldError | undefined> {
  if (typeof owner !== 'string' || owner === ctx.actor.user.id) return undefined;
  if ((await ctx.batch.activeUser(owner)) !== undefined) return undefined;
  return fieldError('owner', 'owner.unknown', ctx.info.locale, { owner });
}

/** The team a record owned by this (active) user belongs to: its owner's. */
async function teamOf(ctx: PushContext, owner: string): Promise<string | null> {
  if (owner === ctx.actor.user.id) return ctx.actor.user.team ?? null;
  return (await ctx.batch.activeUser(owner))?.team ?? null;
}

function keepHistory(
  ctx: PushContext,
  id: string,
  checkpoint: number,
  fields: string[],
  before: StoredCustomer,
  after: Record<string, unknown>,
) {
  for (const field of fields) {
    // History keeps masks of sensitive values; the clear values live only in the record itself.
    const sensitive = customerField(field)?.sensitive === true;
    const shown = (v: unknown) =>
      v === undefined ? null : JSON.stringify(sensitive ? maskOf(field, before.kind, v) : v);
    ctx.batch.keepHistory([
      id,
      checkpoint,
      field,
      shown(before.values[field]),
      shown(after[field]),
      ctx.actor.user.id,
      ctx.now.toISOString(),
    ]);
  }
}

/** Audit fields: old and new values, masked by the field's rule so the log holds no clear data. */
function changedFields(
  kind: StoredCustomer['kind'],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  only?: string[],
): AuditField[] {
  const out: AuditField[] = [];
  for (const field of only ?? Object.keys(after)) {
    const oldValue = maskedJson(field, kind, before[field]);
    const newValue = maskedJson(field, kind, after[field]);
    const entry: AuditField = { field };
    if (oldValue !== undefined) entry.oldValue = oldValue;
    if (newValue !== undefined) entry.newValue = newValue;
    out.push(entry);
  }
  return out;
}

function maskedJson(field: string, kind: StoredCustomer['kind'], v: unknown): string | undefined {
  return v === undefined ? undefined : JSON.stringify(maskOf(field, kind, v));
}

function visible(ctx: PushContext, c: StoredCustomer, field: string): unknown {
  const access = accessTo(ctx.actor, field);
  if (access === 'hidden') return null;
  return access === 'masked' ? maskOf(field, c.kind, c.values[field]) : (c.values[field] ?? null);
}

function isMaskOfStored(value: string, stored: unknown, field: string, c: StoredCustomer): boolean {
  if (typeof stored !== 'string' && typeof stored !== 'number') return false;
  return isMaskOf(value, stored, maskKindForField(field, c.kind));
}

// The tags a row's clear data holds: an absent or null value is stored as none.
function tagsOf(values: Record<string, unknown>): readonly string[] {
  const tags = values['tags'];
  return Array.isArray(tags) ? (tags as string[]) : [];
}

// Every field of a new record changed at its first checkpoint.
function checkpointsOf(values: Record<string, unknown>, checkpoint: number) {
  return Object.fromEntries(Object.keys(values).map((f) => [f, checkpoint]));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
