import type { Locale } from '../i18n/locale';
import { t as translate } from '../i18n/translate';
import { neutraliseFormula } from '../sheet-safety/neutralise-formula';
import type { SyncedRecord } from '../sync/pull-response';
import { displayValue, sameValue, wireValue } from './cell-codec';
import type { CellValue, RowChange } from './index';
import { isEditable, isRowDirty } from './plan-push';
import type { RowLedger, TrackedRow } from './row-ledger';
import { formatRowState, type RowState } from './row-state';

/** The sheet changes one pull page makes, and the rows it appends. */
export interface PulledChanges {
  changes: RowChange[];
  appended: TrackedRow[];
  pulled: number;
  removed: number;
}

/**
 * A cell as written into the sheet: its display, neutralised if it would run as a formula.
 * @example toCell('remarks', '=1+1', 'zh-CN') // "'=1+1"
 */
export function toCell(field: string, value: unknown, locale: Locale): CellValue {
  const shown = displayValue(field, value, locale);
  return typeof shown === 'string' ? neutraliseFormula(shown) : shown;
}

/**
 * Merges pulled records into the sheet, three ways per cell: a cell that still shows the base
 * takes the server's value; a cell the user changed (before or during the run) is never
 * overwritten, and if the server changed that field too, the row keeps its old checkpoint so
 * the next push meets the conflict instead of hiding it. Records the sheet lacks are appended.
 * @example applyPulled(ledger, page.records, undefined, 'zh-CN').appended.length // new rows
 */
export function applyPulled(
  ledger: RowLedger,
  records: readonly SyncedRecord[],
  resetMark: string | undefined,
  locale: Locale,
): PulledChanges {
  const out: PulledChanges = { changes: [], appended: [], pulled: 0, removed: 0 };
  const byId = new Map<string, TrackedRow>();
  for (const t of ledger.live())
    if (t.recordId !== '' && !byId.has(t.recordId)) byId.set(t.recordId, t);

  for (const record of records) {
    const t = byId.get(record.id);
    if (t === undefined) {
      const cells: Record<string, CellValue> = {};
      const base: Record<string, unknown> = {};
      for (const column of ledger.columns) {
        cells[column] = toCell(column, record.values[column], locale);
        if (isBaseField(column) && !isBlank(record.values[column]))
          base[column] = record.values[column];
      }
      const state: RowState = { b: base, s: 'synced', ...maskedOf(record), ...mark(resetMark) };
      const meta = {
        recordId: record.id,
        checkpoint: String(record.checkpoint),
        state: formatRowState(state),
      };
      const added = ledger.newRow({ ...cells }, meta, state);
      out.changes.push({ kind: 'append', cells, meta });
      out.appended.push(added);
      byId.set(record.id, added);
      out.pulled += 1;
      continue;
    }
    const change = mergeRecord(t, record, ledger.columns, resetMark, locale);
    if (change === undefined) continue;
    out.changes.push(change.change);
    if (change.wroteCells) out.pulled += 1;
  }
  return out;
}

function mergeRecord(
  t: TrackedRow,
  record: SyncedRecord,
  columns: readonly string[],
  resetMark: string | undefined,
  locale: Locale,
): { change: RowChange; wroteCells: boolean } | undefined {
  const before = formatRowState(t.state);
  const beforeCheckpoint = t.checkpoint;
  const base = { ...t.state.b };
  const cells: Record<string, CellValue> = {};
  let theyChangedOurs = false;
  for (const column of columns) {
    const pulled = record.values[column] ?? null;
    const current = t.cells[column] ?? '';
    if (!isEditable(column, false)) {
      // Shown from the server, never pushed: the server's value unless the user is typing there.
      const shown = toCell(column, pulled, locale);
      if (!t.edited.has(column) && String(shown) !== String(current)) cells[column] = shown;
      continue;
    }
    const mine = wireValue(column, current, locale);
    const baseValue = base[column] ?? null;
    const pendingHere = t.state.p !== undefined && column in t.state.p.f;
    const changedHere = t.edited.has(column) || pendingHere || !sameValue(mine, baseValue);
    if (!changedHere) {
      const shown = toCell(column, pulled, locale);
      if (String(shown) !== String(current)) cells[column] = shown;
      setBase(base, column, pulled);
    } else if (!pendingHere && sameValue(mine, pulled)) {
      // Both sides made the same change.
      setBase(base, column, pulled);
    } else if (!sameValue(pulled, baseValue)) {
      theyChangedOurs = true;
    }
  }
  const state: RowState = { ...t.state, b: base, ...maskedOf(record), ...mark(resetMark) };
  if (record.masked.length === 0) delete state.k;
  if (!theyChangedOurs) {
    t.checkpoint = String(record.checkpoint);
    delete state.o;
  }
  t.state = state;
  for (const [column, cell] of Object.entries(cells)) t.cells[column] = cell;

  const notes: Record<string, string> = {};
  if (!isRowDirty(t, columns, locale)) {
    // Nothing of the user's is left in the row: whatever was wrong with it is past.
    for (const field of state.e ?? []) notes[field] = '';
    delete state.e;
    delete state.m;
    delete state.x;
    state.s = 'synced';
  }
  const after = formatRowState(state);
  const wroteCells = Object.keys(cells).length > 0;
  if (!wroteCells && after === before && t.checkpoint === beforeCheckpoint) return undefined;
  return {
    change: {
      kind: 'update',
      row: t.row,
      ...(wroteCells ? { cells } : {}),
      meta: { checkpoint: t.checkpoint, state: after },
      ...(Object.keys(notes).length > 0 ? { notes } : {}),
    },
    wroteCells,
  };
}

/**
 * Rows whose record the caller may no longer see: a clean row goes; a row holding the user's
 * unsynced changes stays, marked, so nothing typed is lost.
 * @example removeRecords(rowsOfRemovedIds, columns, 'zh-CN').removed // clean rows removed
 */
export function removeRecords(
  rows: readonly TrackedRow[],
  columns: readonly string[],
  locale: Locale,
): { changes: RowChange[]; removed: number } {
  const changes: RowChange[] = [];
  let removed = 0;
  for (const t of rows) {
    if (!isRowDirty(t, columns, locale)) {
      changes.push({ kind: 'remove', row: t.row });
      removed += 1;
      continue;
    }
    if (t.state.s === 'gone') continue;
    const message = translate('syncClient.gone', locale);
    const first = columns[0] ?? 'name';
    t.state = { ...t.state, s: 'gone', m: message, e: [...new Set([...(t.state.e ?? []), first])] };
    changes.push({
      kind: 'update',
      row: t.row,
      meta: { state: formatRowState(t.state) },
      notes: { [first]: message },
    });
  }
  return { changes, removed };
}

function setBase(base: Record<string, unknown>, column: string, value: unknown): void {
  if (isBlank(value)) delete base[column];
  else base[column] = value;
}

function isBaseField(column: string): boolean {
  return isEditable(column, true);
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function maskedOf(record: SyncedRecord): Partial<RowState> {
  return record.masked.length === 0 ? {} : { k: record.masked };
}

function mark(resetMark: string | undefined): Partial<RowState> {
  return resetMark === undefined ? {} : { g: resetMark };
}
