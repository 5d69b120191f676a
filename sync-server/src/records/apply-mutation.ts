import { customerField } from '../../../shared/core/fields/customer-fields';
import type { FormTemplate } from '../../../shared/core/forms/form-template';
import { validateSubmission } from '../../../shared/core/forms/validate-submission';
import { t } from '../../../shared/core/i18n/translate';
import { isMaskOf } from '../../../shared/core/masking/is-mask-of';
import { maskKindForField } from '../../../shared/core/masking/mask-kinds';
import type { FieldConflict, MutationOutcome } from '../../../shared/core/sync/mutation-outcome';
import type { Mutation } from '../../../shared/core/sync/push-request';
import { validateTagsAgainst } from '../../../shared/core/tags/tag-rules';
import { fieldError, type FieldError } from '../../../shared/core/validation/field-error';
import { accessTo, can } from '../policy/policy';
import { dedupeKeys, maskOf, scopeOf, toRow, type StoredCustomer } from './customer-row';
import { chinaDateTime } from './china-time';
import {
  auditOf,
  type PrepareContext,
  type PreparedCreate,
  type PushContext,
} from './push-context';

const systemKeys = new Set([
  'id',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'updatedBy',
  'kind',
]);

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
  const { template, checked, keys } = prepareCreate(ctx, m);
  if (!checked.ok) return invalid(ctx, m, null, checked.errors);
  const values = checked.value;
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
    team: ctx.actor.user.team ?? null,
    templateId: template.id,
    values,
    fieldCheckpoints: Object.fromEntries(Object.keys(values).map((f) => [f, checkpoint])),
    possibleDuplicates: [],
    rejections: 0,
    createdBy: ctx.actor.user.id,
    createdAt: stamp,
    updatedBy: ctx.actor.user.id,
    updatedAt: stamp,
  };
  const row = toRow(ctx.ring, record, keys ?? undefined);
  record.possibleDuplicates = await ctx.batch.nearDuplicates(
    row.trade_name as string | null,
    row.city_code as string | null,
    id,
  );
  row.possible_duplicates = JSON.stringify(record.possibleDuplicates);
  ctx.batch.save(row);
  ctx.audit.push(
    auditOf(ctx, {
      action: 'customer.create',
      recordId: id,
      fields: changedFields(kind, {}, values),
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
    // A masked value sent back from a sheet means "unchanged": never write it over the clear one.
    if (
      typeof value === 'string' &&
      stored !== undefined &&
      isMaskOfStored(value, stored, field, current)
    )
      continue;
    if (accessTo(ctx.actor, field) !== 'edit') {
      return forbidden(ctx, m, id, t('sync.forbiddenField', locale, { field }));
    }
    changes[field] = value;
  }
  const base = m.baseCheckpoint ?? 0;
  const template = templateFor(ctx, current.templateId ?? undefined, current.kind);
  const merged = { ...current.values, ...changes };
  for (const [field, value] of Object.entries(changes))
    if (value === '' || value === null) delete merged[field];
  const stillTagged = Array.isArray(current.values['tags']) ? current.values['tags'] : [];
  const checked = check(ctx, template, withoutSystem(merged), stillTagged as string[]);
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
    (f) => !(f in checked.value) && !systemKeys.has(f),
  );
  const touched = [...changedNow, ...removed];
  const conflicts: FieldConflict[] = touched
    .filter((f) => (current.fieldCheckpoints[f] ?? 0) > base)
    .map((f) => ({ field: f, yours: checked.value[f] ?? null, theirs: visible(ctx, current, f) }));
  if (conflicts.length > 0) {
    return {
      mutationId: m.mutationId,
      status: 'conflict',
      recordId: id,
      checkpoint: current.checkpoint,
      conflicts,
    };
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
    values: checked.value,
    fieldCheckpoints: {
      ...current.fieldCheckpoints,
      ...Object.fromEntries(touched.map((f) => [f, checkpoint])),
    },
    updatedBy: ctx.actor.user.id,
    updatedAt: chinaDateTime(ctx.now),
  };
  ctx.batch.save(toRow(ctx.ring, record, keys));
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
  const template = templateFor(ctx, m.templateId, m.fields['kind']);
  const checked = check(ctx, template, withoutSystem({ owner: ctx.actor.user.id, ...m.fields }));
  const region = checked.ok ? checked.value['region'] : undefined;
  const prepared: PreparedCreate = {
    template,
    checked,
    keys: checked.ok ? dedupeKeys(ctx.ring, template.customerKind, checked.value) : null,
    cityCode: typeof region === 'string' ? region.slice(0, 4) : null,
  };
  ctx.prepared.set(m, prepared);
  return prepared;
}

/**
 * Validates against the template and the active tag vocabulary. Tags the record already
 * carries (`kept`) stay acceptable after they are retired or renamed, so an edit of another
 * field never fails on them.
 */
function check(
  ctx: PrepareContext,
  template: FormTemplate,
  input: Record<string, unknown>,
  kept: readonly string[] = [],
) {
  const result = validateSubmission(template, input, ctx.info.locale);
  if (!result.ok) return result;
  const tags = Array.isArray(result.value['tags']) ? (result.value['tags'] as string[]) : [];
  const vocabulary = validateTagsAgainst(
    tags.filter((tag) => !kept.includes(tag)),
    ctx.vocabulary,
  );
  if (vocabulary.errors.length > 0) {
    return {
      ok: false as const,
      errors: vocabulary.errors.map((e) => {
        // A tag an admin retired or renamed says so, rather than that it was never known.
        const replacedBy = e.code === 'tag.unknown' ? ctx.replacedTags.get(e.value) : undefined;
        if (replacedBy === undefined)
          return fieldError('tags', e.code, ctx.info.locale, { value: e.value });
        return replacedBy === null
          ? fieldError('tags', 'tag.retiredInUse', ctx.info.locale, { value: e.value })
          : fieldError('tags', 'tag.renamedTo', ctx.info.locale, { value: e.value, replacedBy });
      }),
    };
  }
  return result;
}

function templateFor(
  ctx: PrepareContext,
  templateId: string | undefined,
  kind: unknown,
): FormTemplate {
  const chosen = templateId === undefined ? undefined : ctx.templates.get(templateId);
  if (chosen !== undefined) return chosen;
  const fallback = kind === 'individual' ? 'individual-domestic' : 'enterprise-domestic';
  const template = ctx.templates.get(fallback);
  if (template === undefined) throw new Error(`form template ${fallback} is missing`);
  return template;
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
) {
  return (only ?? Object.keys(after)).map((field) => {
    const mask = (v: unknown) =>
      v === undefined ? undefined : JSON.stringify(maskOf(field, kind, v));
    const oldValue = mask(before[field]);
    const newValue = mask(after[field]);
    return {
      field,
      ...(oldValue === undefined ? {} : { oldValue }),
      ...(newValue === undefined ? {} : { newValue }),
    };
  });
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

function withoutSystem(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !systemKeys.has(k)));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
