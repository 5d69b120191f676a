import type { AuditInput } from './audit-log';

type AuditField = AuditInput['fields'][number];

/**
 * The input as it can be stored and hashed alike: every string made well-formed, a lone UTF-16
 * surrogate replaced by U+FFFD. SQLite and PostgreSQL (whose driver writes UTF-8) both store a
 * lone surrogate as U+FFFD, so an entry hashed over the JS string would never verify again.
 * An input with nothing to change comes back as it is, its fields array too, so the canonical
 * JSON worked out for the array beforehand is reused.
 * @example sanitiseAuditInput({ ...input, detail: 'x\ud800y' }).detail // 'x\ufffdy'
 */
export function sanitiseAuditInput(input: AuditInput): AuditInput {
  let out: AuditInput | undefined;
  for (const key of stringKeys) {
    const value = input[key];
    if (typeof value !== 'string' || isWellFormed(value)) continue;
    out ??= { ...input };
    (out as Record<typeof key, string>)[key] = toWellFormed(value);
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
  if (
    isWellFormed(f.field) &&
    (f.oldValue === undefined || isWellFormed(f.oldValue)) &&
    (f.newValue === undefined || isWellFormed(f.newValue))
  ) {
    return f;
  }
  const out: AuditField = { field: toWellFormed(f.field) };
  if (f.oldValue !== undefined) out.oldValue = toWellFormed(f.oldValue);
  if (f.newValue !== undefined) out.newValue = toWellFormed(f.newValue);
  return out;
}

// Node 20 has both (ES2024); the ES2022 lib this project compiles against does not declare them.
interface Es2024String {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

function isWellFormed(text: string): boolean {
  return (text as unknown as Es2024String).isWellFormed();
}

function toWellFormed(text: string): string {
  return (text as unknown as Es2024String).toWellFormed();
}
