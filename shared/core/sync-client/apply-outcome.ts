import type { Locale } from '../i18n/locale';
import { t as translate } from '../i18n/translate';
import type { MutationOutcome } from '../sync/mutation-outcome';
import type { FieldError } from '../validation/field-error';
import { displayValue } from './cell-codec';
import type { RowChange } from './index';
import type { TrackedRow } from './row-ledger';
import { formatRowState, type PendingMutation, type RowState } from './row-state';

/** What one outcome adds to the report, with the tracked row it is about. */
export type OutcomeEntry =
  | { kind: 'applied' | 'merged' | 'pendingReview' }
  | {
      kind: 'conflict';
      recordId: string;
      conflicts: { field: string; yours: unknown; theirs: unknown }[];
    }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'duplicate'; existingId: string; message: string }
  | { kind: 'forbidden'; recordId?: string; message: string };

/**
 * Takes the server's answer to a row's mutation into the row: its record ID, checkpoint, base
 * values and status in the hidden columns, and notes on the cells an error is about. Never a
 * visible cell: what the user typed stays, and a row edited meanwhile stays dirty.
 * @example applyOutcome(row, sent, { status: 'applied', … }, columns, 'zh-CN').entry.kind // 'applied'
 */
export function applyOutcome(
  t: TrackedRow,
  sent: PendingMutation,
  outcome: MutationOutcome,
  columns: readonly string[],
  locale: Locale,
): { change: RowChange; entry: OutcomeEntry } {
  const { p: _answered, x: _conflict, m: _message, ...kept } = t.state;
  const state: RowState = { ...kept };
  const notes: Record<string, string> = {};
  const noteOn = (field: string, message: string) => {
    const column = columns.includes(field) ? field : (columns[0] ?? field);
    notes[column] = notes[column] === undefined ? message : `${notes[column]}\n${message}`;
  };
  let entry: OutcomeEntry;

  switch (outcome.status) {
    case 'applied':
    case 'merged':
    case 'pending_review': {
      state.b = rebased(state.b, sent.f);
      state.s = outcome.status === 'pending_review' ? 'pending_review' : 'synced';
      t.recordId = outcome.recordId;
      t.checkpoint = String(outcome.checkpoint);
      if (outcome.status === 'merged') {
        // Their fields are not in this sheet yet: until a pull brings them, a push touching
        // them must say it started from before their change.
        state.o = { c: sent.c ?? 0, f: [...(state.o?.f ?? []), ...outcome.mergedFields] };
      }
      entry = {
        kind:
          outcome.status === 'pending_review'
            ? 'pendingReview'
            : outcome.status === 'merged'
              ? 'merged'
              : 'applied',
      };
      break;
    }
    case 'conflict': {
      // Nothing was written on the server: the base stays, the theirs values wait for the user.
      state.s = 'conflict';
      state.x = {
        c: outcome.checkpoint,
        t: Object.fromEntries(outcome.conflicts.map((c) => [c.field, c.theirs])),
      };
      for (const c of outcome.conflicts) {
        const theirs = displayValue(c.field, c.theirs, locale);
        noteOn(c.field, translate('syncClient.conflictNote', locale, { theirs: String(theirs) }));
      }
      entry = { kind: 'conflict', recordId: outcome.recordId, conflicts: outcome.conflicts };
      break;
    }
    case 'invalid': {
      state.s = 'invalid';
      state.m = outcome.errors.map((e) => e.message).join('\n');
      for (const error of outcome.errors) noteOn(error.field, error.message);
      entry = { kind: 'invalid', errors: outcome.errors };
      break;
    }
    case 'duplicate': {
      state.s = 'duplicate';
      state.m = outcome.message;
      for (const field of outcome.matchedOn) noteOn(field, outcome.message);
      entry = { kind: 'duplicate', existingId: outcome.existingId, message: outcome.message };
      break;
    }
    case 'forbidden': {
      state.s = 'forbidden';
      state.m = outcome.message;
      noteOn(columns[0] ?? 'name', outcome.message);
      entry = {
        kind: 'forbidden',
        ...(t.recordId === '' ? {} : { recordId: t.recordId }),
        message: outcome.message,
      };
      break;
    }
  }

  // Notes this run does not renew are cleared: the row is past what they said.
  for (const field of state.e ?? []) if (notes[field] === undefined) notes[field] = '';
  const marked = Object.keys(notes).filter((f) => notes[f] !== '');
  if (marked.length > 0) state.e = marked;
  else delete state.e;

  t.state = state;
  const change: RowChange = {
    kind: 'update',
    row: t.row,
    meta: { recordId: t.recordId, checkpoint: t.checkpoint, state: formatRowState(state) },
    ...(Object.keys(notes).length > 0 ? { notes } : {}),
  };
  return { change, entry };
}

/**
 * The base after the server took a change: the sent values over the old base, a cleared field
 * gone.
 * @example rebased({ name: 'a', email: 'x@y.z' }, { email: '' }) // { name: 'a' }
 */
export function rebased(
  base: Readonly<Record<string, unknown>>,
  sent: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const next = { ...base };
  for (const [field, value] of Object.entries(sent)) {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      delete next[field];
    } else next[field] = value;
  }
  return next;
}
