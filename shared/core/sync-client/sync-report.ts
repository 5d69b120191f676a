import type { Locale } from '../i18n/locale';
import { t as translate } from '../i18n/translate';
import type { OutcomeEntry } from './apply-outcome';
import type { SyncFailure, SyncReport } from './index';
import type { TrackedRow } from './row-ledger';

/** Report entries that name a row, with the row they follow, numbered when the run ends. */
export type PlacedEntries = { t: TrackedRow; entry: { row: number } }[];

/**
 * A report of a run that has done nothing yet.
 * @example emptyReport(0).complete // false
 */
export function emptyReport(checkpoint: number): SyncReport {
  return {
    applied: 0,
    merged: 0,
    conflicts: [],
    invalid: [],
    duplicates: [],
    pendingReview: 0,
    forbidden: [],
    pulled: 0,
    removed: 0,
    checkpoint,
    complete: false,
    editedDuringSync: [],
  };
}

/**
 * The failure of an answer the engine could not read.
 * @example protocolFailure(200, 'en').code // 'protocol'
 */
export function protocolFailure(status: number, locale: Locale): SyncFailure {
  return {
    code: 'protocol',
    status,
    message: translate('syncClient.failure.protocol', locale, { status }),
  };
}

/**
 * Counts one row's outcome into the report.
 * @example recordOutcome(report, placed, row, { kind: 'applied' }) // report.applied + 1
 */
export function recordOutcome(
  report: SyncReport,
  placed: PlacedEntries,
  t: TrackedRow,
  entry: OutcomeEntry,
): void {
  switch (entry.kind) {
    case 'applied':
      report.applied += 1;
      return;
    case 'merged':
      report.merged += 1;
      return;
    case 'pendingReview':
      report.pendingReview += 1;
      return;
    case 'conflict': {
      const item = { row: t.row, recordId: entry.recordId, conflicts: entry.conflicts };
      report.conflicts.push(item);
      placed.push({ t, entry: item });
      return;
    }
    case 'invalid': {
      const item = { row: t.row, errors: entry.errors };
      report.invalid.push(item);
      placed.push({ t, entry: item });
      return;
    }
    case 'duplicate': {
      const item = { row: t.row, existingId: entry.existingId, message: entry.message };
      report.duplicates.push(item);
      placed.push({ t, entry: item });
      return;
    }
    case 'forbidden': {
      const item = {
        row: t.row,
        message: entry.message,
        ...(entry.recordId === undefined ? {} : { recordId: entry.recordId }),
      };
      report.forbidden.push(item);
      placed.push({ t, entry: item });
      return;
    }
  }
}
