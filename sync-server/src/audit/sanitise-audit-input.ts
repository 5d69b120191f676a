import { maskContactsInText } from '../../../shared/core/masking/mask-contacts-in-text';
import type { AuditInput } from './audit-log';

type AuditField = AuditInput['fields'][number];

/**
 * The input as it can be stored, hashed and shown to an auditor:
 * - every string made well-formed, a lone UTF-16 surrogate (and a NUL, which PostgreSQL cannot
 *   store) replaced by U+FFFD. SQLite and
 *   PostgreSQL (whose driver writes UTF-8) both store a lone surrogate as U+FFFD, so an entry
 *   hashed over the JS string would never verify again;
 * - contact data typed into free text (a review or unmask reason in `detail`, a remark among the
 *   field values) masked as its own field would be (`maskContactsInText`): the auditor sees no
 *   customer data in clear.
 * An input with nothing to change comes back as it is, its fields array too, so the canonical
 * JSON worked out for the array beforehand is reused.
 * @example sanitiseAuditInput({ ...input, detail: '手机号13987654321' }).detail // '手机号139****4321'
 */
export function sanitiseAuditInput(input: AuditInput): AuditInput {
  let out: AuditInput | undefined;
  for (const key of stringKeys) {
    const value = input[key];
    if (typeof value !== 'string') continue;
    const clean = key === 'detail' ? freeText(value) : wellFormed(value);
    if (clean === value) continue;
    out ??= { ...input };
    (out as Record<typeof key, string>)[key] = clean;
  }
  const fields = sanitisedFields(input.fields);
  if (fields !== input.fields) out = { ...(out ?? input), fields };
  return out ?? input;
}

const stringKeys = [
  'actorId',
  'actorRole',
  'ip',
  'userAgent',
  'client',
  'action',
  'recordId',
  'outcome',
  'detail',
] as const satisfies readonly (keyof AuditInput)[];

function sanitisedFields(fields: readonly AuditField[]): AuditField[] {
  let out: AuditField[] | undefined;
  fields.forEach((f, i) => {
    const clean = sanitisedField(f);
    if (clean === f) return;
    out ??= [...fields];
    out[i] = clean;
  });
  return out ?? (fields as AuditField[]);
}

function sanitisedField(f: AuditField): AuditField {
  const field = wellFormed(f.field);
  const oldValue = f.oldValue === undefined ? undefined : freeText(f.oldValue);
  const newValue = f.newValue === undefined ? undefined : freeText(f.newValue);
  if (field === f.field && oldValue === f.oldValue && newValue === f.newValue) return f;
  const out: AuditField = { field };
  if (oldValue !== undefined) out.oldValue = oldValue;
  if (newValue !== undefined) out.newValue = newValue;
  return out;
}

function freeText(text: string): string {
  return maskContactsInText(wellFormed(text));
}

// Node 20 has both (ES2024); the ES2022 lib this project compiles against does not declare them.
interface Es2024String {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

function wellFormed(text: string): string {
  const s = text as unknown as Es2024String;
  const formed = s.isWellFormed() ? text : s.toWellFormed();
  // PostgreSQL cannot store a NUL in text at all: it would fail the transaction.
  return formed.includes('\u0000') ? formed.replaceAll('\u0000', '\uFFFD') : formed;
}
