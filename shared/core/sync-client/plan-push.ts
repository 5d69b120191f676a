import type { Locale } from '../i18n/locale';
import { mutationSchema, type Mutation } from '../sync/push-request';
import { createOnlyFields, readOnlyColumns, sameValue, wireValue } from './cell-codec';
import type { TrackedRow } from './row-ledger';

/** A row's change as it will be sent, before it has a mutation ID. */
export interface RowChangeToSend {
  t: TrackedRow;
  fields: Record<string, unknown>;
  baseCheckpoint?: number;
}

/**
 * The fields of a row that differ from what the server last held, as the server takes them.
 * A new row sends its filled cells; a known one sends changed cells, a cleared cell as `''`.
 * @example changedFields(row, ['name', 'mobile'], 'zh-CN') // { mobile: '13912345678' }
 */
export function changedFields(
  t: TrackedRow,
  columns: readonly string[],
  locale: Locale,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const isNew = t.recordId === '';
  for (const column of columns) {
    if (!isEditable(column, isNew)) continue;
    const value = wireValue(column, t.cells[column] ?? '', locale);
    if (isNew) {
      if (value !== null) fields[column] = value;
    } else if (!sameValue(value, t.state.b[column])) {
      fields[column] = value ?? '';
    }
  }
  return fields;
}

/**
 * Whether a column is one the user may change through the sheet for this row.
 * @example isEditable('kind', false) // false: the kind of a record is set when it is made
 */
export function isEditable(column: string, isNew: boolean): boolean {
  if (readOnlyColumns.includes(column)) return false;
  return isNew || !createOnlyFields.includes(column);
}

/**
 * Whether a row holds anything the server does not have yet: a pending mutation, a change
 * against its base, or an edit made during the run.
 * @example isRowDirty(row, columns, 'zh-CN') // false right after a pull
 */
export function isRowDirty(t: TrackedRow, columns: readonly string[], locale: Locale): boolean {
  if (t.state.p !== undefined || t.edited.size > 0) return true;
  return Object.keys(changedFields(t, columns, locale)).length > 0;
}

/**
 * The rows to push: those with a pending mutation are resent exactly as first sent (same ID,
 * same fields), the others get a fresh change if they differ from their base.
 * @example planPush(ledger.live(), ledger.columns, 'zh-CN').fresh.length // rows to give new IDs
 */
export function planPush(
  rows: readonly TrackedRow[],
  columns: readonly string[],
  locale: Locale,
): {
  resend: { t: TrackedRow; mutation: Mutation }[];
  fresh: RowChangeToSend[];
  unsendable: TrackedRow[];
} {
  const resend: { t: TrackedRow; mutation: Mutation }[] = [];
  const fresh: RowChangeToSend[] = [];
  const unsendable: TrackedRow[] = [];
  for (const t of rows) {
    // A record ID the push would refuse (typed over, or not one of ours) would fail the whole
    // batch: the row stays out of it and is reported instead.
    if (t.recordId !== '' && !recordIdSchema.safeParse(t.recordId).success) {
      if (isRowDirty(t, columns, locale)) unsendable.push(t);
      continue;
    }
    const pending = t.state.p;
    if (pending !== undefined) {
      resend.push({ t, mutation: toMutation(t, pending.id, pending.f, pending.c) });
      continue;
    }
    const fields = changedFields(t, columns, locale);
    if (Object.keys(fields).length === 0) continue;
    if (t.recordId === '') {
      fresh.push({ t, fields });
      continue;
    }
    // A field someone else changed that this sheet has not pulled yet: send the checkpoint from
    // before their change, so the server sees the conflict instead of overwriting theirs.
    const outdated = t.state.o;
    const touchesOutdated = outdated?.f.some((f) => f in fields) === true;
    const base = touchesOutdated && outdated !== undefined ? outdated.c : Number(t.checkpoint);
    fresh.push({ t, fields, ...(Number.isFinite(base) ? { baseCheckpoint: base } : {}) });
  }
  return { resend, fresh, unsendable };
}

const recordIdSchema = mutationSchema.shape.recordId;

/**
 * The mutation for a row, as the push request carries it.
 * @example toMutation(row, 'abc-1', { mobile: '13912345678' }, 7).baseCheckpoint // 7
 */
export function toMutation(
  t: TrackedRow,
  mutationId: string,
  fields: Record<string, unknown>,
  baseCheckpoint: number | undefined,
): Mutation {
  return {
    mutationId,
    ...(t.recordId === '' ? {} : { recordId: t.recordId }),
    ...(baseCheckpoint === undefined ? {} : { baseCheckpoint }),
    fields,
  };
}
