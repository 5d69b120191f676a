import type { FormTemplate } from '../../../shared/core/forms/form-template';
import {
  validateSubmission,
  type SubmissionResult,
} from '../../../shared/core/forms/validate-submission';
import type { Locale } from '../../../shared/core/i18n/locale';
import type { Mutation } from '../../../shared/core/sync/push-request';
import { validateTagsAgainst, vocabularySpelling } from '../../../shared/core/tags/tag-rules';
import { fieldError } from '../../../shared/core/validation/field-error';
import type { AuditInput } from '../audit/audit-log';
import { fieldsJson } from '../audit/canonical-entry-json';
import type { KeyRing } from '../crypto/key-ring';
import { systemFields } from '../policy/policy';
import {
  dedupeKeys,
  masksOf,
  sealValues,
  type DedupeKeys,
  type SealedValues,
} from './customer-row';

type AuditField = AuditInput['fields'][number];

/** What checking a row needs: the active templates and tag vocabulary, and the caller's language. */
export interface CheckRules {
  locale: Locale;
  templates: ReadonlyMap<string, FormTemplate>;
  vocabulary: ReadonlySet<string>;
  /** Tags no longer in use, with what replaced them, to explain a refusal. */
  replacedTags: ReadonlyMap<string, string | null>;
}

/** What preparing a new row needs. No database: a worker thread can do it as well. */
export interface PrepareInput extends CheckRules {
  ring: KeyRing;
  /** Who owns a new row that names no owner: the caller. */
  ownerId: string;
}

/** A new row checked against its template; when valid, its keys, value columns and audit fields. */
export interface PreparedRow {
  templateId: string;
  checked: SubmissionResult;
  keys: DedupeKeys | null;
  cityCode: string | null;
  sealed: SealedValues | null;
  auditFields: AuditField[];
}

/**
 * Everything about a new row that depends only on the row and the reference data: validation,
 * duplicate keys, encrypted and masked value columns, and the audit fields of its creation.
 */
export function prepareRow(
  input: PrepareInput,
  m: Pick<Mutation, 'templateId' | 'fields'>,
): PreparedRow {
  const template = templateFor(input.templates, m.templateId, m.fields['kind']);
  const checked = check(input, template, withoutSystem(m.fields, { owner: input.ownerId }));
  if (!checked.ok) {
    return {
      templateId: template.id,
      checked,
      keys: null,
      cityCode: null,
      sealed: null,
      auditFields: [],
    };
  }
  const kind = template.customerKind;
  const region = checked.value['region'];
  const masks = masksOf(kind, checked.value);
  const auditFields = createdFields(masks);
  // Written out now, before the batch's transaction, for the entry's hash and its row.
  fieldsJson(auditFields);
  return {
    templateId: template.id,
    checked,
    keys: dedupeKeys(input.ring, kind, checked.value),
    cityCode: typeof region === 'string' ? region.slice(0, 4) : null,
    sealed: sealValues(input.ring, kind, checked.value, masks),
    auditFields,
  };
}

/**
 * Validates against the template and the active tag vocabulary. Tags the record already
 * carries (`kept`) stay acceptable after they are retired or renamed, so an edit of another
 * field never fails on them.
 */
export function check(
  rules: CheckRules,
  template: FormTemplate,
  input: Record<string, unknown>,
  kept: readonly string[] = [],
): SubmissionResult {
  const result = validateSubmission(template, input, rules.locale);
  if (!result.ok) return result;
  const tags = Array.isArray(result.value['tags']) ? (result.value['tags'] as string[]) : [];
  const fresh = tags.filter((tag) => !kept.includes(tag));
  const vocabulary = validateTagsAgainst(fresh, rules.vocabulary);
  if (vocabulary.errors.length > 0) {
    return {
      ok: false as const,
      errors: vocabulary.errors.map((e) => {
        // A tag an admin retired or renamed says so, rather than that it was never known.
        const replacedBy = e.code === 'tag.unknown' ? rules.replacedTags.get(e.value) : undefined;
        if (replacedBy === undefined)
          return fieldError('tags', e.code, rules.locale, { value: e.value });
        return replacedBy === null
          ? fieldError('tags', 'tag.retiredInUse', rules.locale, { value: e.value })
          : fieldError('tags', 'tag.renamedTo', rules.locale, { value: e.value, replacedBy });
      }),
    };
  }
  // Stored as the vocabulary spells them, so that renames, merges and tag filters find them.
  // Without kept tags, the vocabulary's answer is that list already.
  const spelled =
    kept.length === 0 ? vocabulary.accepted : storedSpelling(tags, kept, rules.vocabulary);
  return sameList(spelled, tags)
    ? result
    : { ...result, value: { ...result.value, tags: spelled } };
}

/** The tags with each new one in its vocabulary spelling, once each. */
function storedSpelling(
  tags: readonly string[],
  kept: readonly string[],
  vocabulary: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const spelling = kept.includes(tag) ? tag : (vocabularySpelling(tag, vocabulary) ?? tag);
    if (!out.includes(spelling)) out.push(spelling);
  }
  return out;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** The template a row names, else the domestic one of its kind. */
export function templateFor(
  templates: ReadonlyMap<string, FormTemplate>,
  templateId: string | undefined,
  kind: unknown,
): FormTemplate {
  const chosen = templateId === undefined ? undefined : templates.get(templateId);
  if (chosen !== undefined) return chosen;
  const fallback = kind === 'individual' ? 'individual-domestic' : 'enterprise-domestic';
  const template = templates.get(fallback);
  if (template === undefined) throw new Error(`form template ${fallback} is missing`);
  return template;
}

/** The fields without those the server keeps. */
export function withoutSystem(
  fields: Record<string, unknown>,
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  // Copied key by key: building it from entries cost a few µs a row on the push path.
  const out = into;
  for (const key of Object.keys(fields)) {
    if (systemFields.has(key)) continue;
    // Assigning __proto__ would set the prototype instead of copying a value.
    if (key === '__proto__') return slowWithoutSystem({ ...into, ...fields });
    out[key] = fields[key];
  }
  return out;
}

function slowWithoutSystem(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !systemFields.has(k)));
}

/** The audit fields of a new record, from the masks its row was written with. */
function createdFields(masks: Readonly<Record<string, unknown>>): AuditField[] {
  const out: AuditField[] = [];
  for (const field in masks) {
    const mask = masks[field];
    out.push(mask === undefined ? { field } : { field, newValue: JSON.stringify(mask) });
  }
  return out;
}
