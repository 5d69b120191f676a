import { customerFields } from '../../../shared/core/fields/customer-fields';
import { formTemplateSchema, type FormTemplate } from '../../../shared/core/forms/form-template';
import type { AuditInput } from '../audit/audit-log';
import type { Actor, RequestInfo } from '../http/context';
import type { KeyRing } from '../crypto/key-ring';
import type { SqlExecutor } from '../storage/database';
import type { Mutation } from '../../../shared/core/sync/push-request';
import type { PreparedRow } from './prepare-create';
import type { PushBatch } from './push-batch';

/** What processing one batch needs, loaded once per batch. */
export interface PushContext {
  batch: PushBatch;
  ring: KeyRing;
  actor: Actor;
  info: RequestInfo;
  now: Date;
  templates: ReadonlyMap<string, FormTemplate>;
  vocabulary: ReadonlySet<string>;
  /** Tags no longer in use, with what replaced them, to explain a refusal. */
  replacedTags: ReadonlyMap<string, string | null>;
  audit: AuditInput[];
  /** New rows validated ahead of the batch, so its lookups can be read in a few statements. */
  prepared: Map<Mutation, PreparedCreate>;
}

/** A new row checked against its template, with its duplicate keys when it is valid. */
export interface PreparedCreate extends PreparedRow {
  template: FormTemplate;
}

/** What checking a new row needs: a push context without the batch's database state. */
export type PrepareContext = Pick<
  PushContext,
  'ring' | 'actor' | 'info' | 'templates' | 'vocabulary' | 'replacedTags' | 'prepared'
>;

/** The form templates and the active tag vocabulary, and a stamp that changes with either. */
export interface Reference {
  readonly templates: ReadonlyMap<string, FormTemplate>;
  readonly vocabulary: ReadonlySet<string>;
  readonly replacedTags: ReadonlyMap<string, string | null>;
  readonly stamp: string;
}

/**
 * Loads the form templates and the active tag vocabulary. The rows are read every time, but
 * parsed again only when they changed: the same template objects come back, so the validators
 * built and compiled for them are reused (rebuilding them took 4 ms a batch).
 */
export async function loadReference(db: SqlExecutor): Promise<Reference> {
  const templateRows = await db.all<{ data: string }>('SELECT data FROM templates ORDER BY id');
  const tags = await db.all<{ tag: string }>(
    "SELECT tag FROM tags WHERE status = 'active' ORDER BY tag",
  );
  const replaced = await db.all<{ tag: string; replaced_by: string | null }>(
    "SELECT tag, replaced_by FROM tags WHERE status <> 'active' ORDER BY tag",
  );
  const raw = JSON.stringify([templateRows, tags, replaced]);
  if (lastReference?.raw === raw) return lastReference.reference;
  const templates = new Map<string, FormTemplate>();
  const versions: string[] = [];
  for (const row of templateRows) {
    const template = formTemplateSchema.parse(JSON.parse(row.data));
    templates.set(template.id, withEveryField(template));
    versions.push(`${template.id}@${template.version}`);
  }
  const vocabulary = tags.map((t) => t.tag);
  const reference: Reference = {
    templates,
    vocabulary: new Set(vocabulary),
    replacedTags: new Map(replaced.map((r) => [r.tag, r.replaced_by])),
    stamp: JSON.stringify([versions, vocabulary, replaced]),
  };
  lastReference = { raw, reference };
  return reference;
}

/** The reference data last loaded, by the rows it was parsed from; nobody changes it after. */
let lastReference: { raw: string; reference: Reference } | undefined;

/**
 * A sheet carries a column for every field, not only those an intake form shows: the template
 * decides required flags and options, and the other fields are accepted as optional.
 */
export function withEveryField(template: FormTemplate): FormTemplate {
  const shown = new Set(template.fields.map((f) => f.key));
  const rest = customerFields
    .filter(
      (f) =>
        !shown.has(f.key) &&
        f.key !== 'kind' &&
        (template.customerKind === 'individual' || !['idNumber', 'idConsent'].includes(f.key)),
    )
    .map((f) => ({ key: f.key, required: false }));
  return { ...template, fields: [...template.fields, ...rest] };
}

/** An audit entry about the caller, with the request's facts filled in. */
export function auditOf(
  ctx: PushContext,
  entry: Pick<AuditInput, 'action' | 'recordId' | 'fields' | 'outcome' | 'detail'>,
): AuditInput {
  return {
    actorId: ctx.actor.user.id,
    actorRole: ctx.actor.role.id,
    ip: ctx.info.ip,
    userAgent: ctx.info.userAgent,
    client: ctx.info.client,
    ...entry,
  };
}
