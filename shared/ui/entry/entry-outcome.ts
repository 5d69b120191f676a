import type { MutationOutcome } from '../../core/sync/mutation-outcome';
import type { SheetRow, SyncReport } from '../../core/sync-client/index';
import type { FieldError } from '../../core/validation/field-error';

/** What became of a submitted form, as the entry panel shows it. */
export type EntryOutcome =
  | { kind: 'pending'; id: string; possibleDuplicates: readonly string[] }
  | { kind: 'saved'; id: string; status?: string }
  | { kind: 'duplicate'; existingId: string; message: string }
  | { kind: 'invalid'; errors: readonly FieldError[] }
  | { kind: 'conflict'; id: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'failed'; message: string };

/**
 * The outcome of a form pushed as one mutation.
 * @example entryOutcome({ status: 'duplicate', existingId: 'CUS202405010001', … }).kind // 'duplicate'
 */
export function entryOutcome(outcome: MutationOutcome): EntryOutcome {
  switch (outcome.status) {
    case 'pending_review':
      return {
        kind: 'pending',
        id: outcome.recordId,
        possibleDuplicates: outcome.possibleDuplicates,
      };
    case 'applied':
    case 'merged':
      return { kind: 'saved', id: outcome.recordId };
    case 'duplicate':
      return { kind: 'duplicate', existingId: outcome.existingId, message: outcome.message };
    case 'invalid':
      return { kind: 'invalid', errors: outcome.errors };
    case 'conflict':
      return { kind: 'conflict', id: outcome.recordId };
    case 'forbidden':
      return { kind: 'forbidden', message: outcome.message };
  }
}

/**
 * The outcome for one sheet row after the host synced it: the report's word on the row if it
 * has one, else where the row now stands (its record ID and status after the pull).
 * @example rowOutcome(report, 7, rowsAfter, 'pending').kind // 'pending'
 */
export function rowOutcome(
  report: SyncReport,
  row: number,
  after: SheetRow | undefined,
  status: string | undefined,
): EntryOutcome {
  const invalid = report.invalid.find((r) => r.row === row);
  if (invalid !== undefined) return { kind: 'invalid', errors: invalid.errors };
  const duplicate = report.duplicates.find((r) => r.row === row);
  if (duplicate !== undefined) {
    return { kind: 'duplicate', existingId: duplicate.existingId, message: duplicate.message };
  }
  const forbidden = report.forbidden.find((r) => r.row === row);
  if (forbidden !== undefined) return { kind: 'forbidden', message: forbidden.message };
  const conflict = report.conflicts.find((r) => r.row === row);
  if (conflict !== undefined) return { kind: 'conflict', id: conflict.recordId };
  if (report.failure !== undefined) return { kind: 'failed', message: report.failure.message };
  const id = after?.meta.recordId ?? '';
  if (id === '') return { kind: 'failed', message: '' };
  if (status === 'pending') return { kind: 'pending', id, possibleDuplicates: [] };
  return { kind: 'saved', id, ...(status === undefined ? {} : { status }) };
}
