import { sheetColumns } from './cell-codec';
import type { CellValue, RowChange, RowMeta, SheetRow } from './index';
import { parseRowState, pendingIdOf, type RowState } from './row-state';

/** A row the run is working on, followed across the sheet's reads and the run's writes. */
export interface TrackedRow {
  /** The run's own handle on the row, stable while row numbers move. */
  key: number;
  /** Its row number as of the latest read or write. */
  row: number;
  recordId: string;
  checkpoint: string;
  state: RowState;
  /** Its cells as the sheet holds them, by the latest read or the run's own writes. */
  cells: Record<string, CellValue>;
  /** Cells the user changed while the run was under way: the run never writes over them. */
  edited: Set<string>;
  /** A copy of another row with the same record ID: it is a new row now. */
  adopted: boolean;
  /** Deleted by the user during the run, or removed by the run. */
  gone: boolean;
}

/**
 * The rows of one run. Before each write the engine reads the sheet again and `refresh` finds
 * every tracked row where it now is (by record ID, pending mutation ID, or position and content)
 * and notes cells the user changed meanwhile, compared with what the run last saw or wrote.
 */
export class RowLedger {
  readonly rows: TrackedRow[] = [];
  /** The field columns the sheet has. */
  readonly columns: readonly string[];
  private nextKey = 0;
  private rowNumbers: number[] = [];

  constructor(
    start: readonly SheetRow[],
    private readonly firstRow: number,
  ) {
    const first = start[0];
    this.columns =
      first === undefined ? sheetColumns() : sheetColumns().filter((c) => c in first.cells);
    const seen = new Set<string>();
    for (const sheetRow of start) {
      const tracked = this.add(sheetRow);
      const pending = tracked.state.p?.id;
      const id = tracked.recordId !== '' ? tracked.recordId : pending;
      // A copied row carries the original's hidden columns: treat the copy as a new row.
      if (id !== undefined && seen.has(id)) {
        tracked.adopted = true;
        tracked.recordId = '';
        tracked.checkpoint = '';
        tracked.state = { b: {} };
      } else if (id !== undefined) seen.add(id);
    }
    this.rowNumbers = start.map((r) => r.row);
  }

  /** Finds every tracked row in a fresh read and notes the user's changes since the last look. */
  refresh(now: readonly SheetRow[]): void {
    const claimed = new Set<number>();
    const byRecord = new Map<string, number[]>();
    const byPending = new Map<string, number[]>();
    now.forEach((r, i) => {
      if (r.meta.recordId !== '') push(byRecord, r.meta.recordId, i);
      const pending = pendingIdOf(r.meta.state);
      if (pending !== undefined) push(byPending, pending, i);
    });
    const sameCount = now.length === this.rowNumbers.length;
    const byRow = new Map(now.map((r, i) => [r.row, i]));

    for (const t of this.rows) {
      if (t.gone) continue;
      let at: number | undefined;
      if (t.recordId !== '') at = pick(byRecord.get(t.recordId), now, claimed, t.row);
      else if (t.state.p !== undefined) at = pick(byPending.get(t.state.p.id), now, claimed, t.row);
      else at = this.byPosition(t, now, byRow, claimed, sameCount);
      // A pending mutation is written beside its row before it is sent, so a row found by
      // neither its record ID nor its mutation ID is one the user deleted.
      if (at === undefined) {
        t.gone = true;
        continue;
      }
      claimed.add(at);
      const found = now[at] as SheetRow;
      t.row = found.row;
      for (const column of this.columns) {
        const cell = found.cells[column] ?? '';
        if (String(cell) !== String(t.cells[column] ?? '')) {
          t.edited.add(column);
          t.cells[column] = cell;
        }
      }
    }
    this.rowNumbers = now.map((r) => r.row);
  }

  /** Rows the run still follows, in sheet order. */
  live(): TrackedRow[] {
    return this.rows.filter((r) => !r.gone).sort((a, b) => a.row - b.row);
  }

  /** Follows the rows through a write the host has just applied. */
  afterWrite(changes: readonly RowChange[], appended: readonly TrackedRow[]): void {
    const removedRows = changes.flatMap((c) => (c.kind === 'remove' ? [c.row] : []));
    const removed = new Set(removedRows);
    const shift = (row: number) => row - removedRows.filter((r) => r < row).length;
    for (const t of this.rows) {
      if (t.gone) continue;
      if (removed.has(t.row)) t.gone = true;
      else t.row = shift(t.row);
    }
    const kept = this.rowNumbers.filter((r) => !removed.has(r)).map(shift);
    let last = kept.length === 0 ? this.firstRow - 1 : Math.max(...kept);
    for (const t of appended) {
      last += 1;
      t.row = last;
      kept.push(last);
      this.rows.push(t);
    }
    this.rowNumbers = kept;
  }

  /** A tracked row for a record the pull brings that the sheet lacks; `afterWrite` places it. */
  newRow(cells: Record<string, CellValue>, meta: RowMeta, state: RowState): TrackedRow {
    return {
      key: this.nextKey++,
      row: 0,
      recordId: meta.recordId,
      checkpoint: meta.checkpoint,
      state,
      cells,
      edited: new Set(),
      adopted: false,
      gone: false,
    };
  }

  private add(r: SheetRow): TrackedRow {
    const tracked: TrackedRow = {
      key: this.nextKey++,
      row: r.row,
      recordId: r.meta.recordId,
      checkpoint: r.meta.checkpoint,
      state: parseRowState(r.meta.state),
      cells: { ...r.cells },
      edited: new Set(),
      adopted: false,
      gone: false,
    };
    this.rows.push(tracked);
    return tracked;
  }

  // A row the server has not seen yet: where it was, if it is still a new row there and still
  // holds what it held (or nothing was inserted or deleted); else wherever that content is now.
  private byPosition(
    t: TrackedRow,
    now: readonly SheetRow[],
    byRow: ReadonlyMap<number, number>,
    claimed: ReadonlySet<number>,
    sameCount: boolean,
  ): number | undefined {
    const isNewThere = (i: number) => {
      const r = now[i] as SheetRow;
      if (claimed.has(i)) return false;
      // A copy still carries its original's hidden columns until the run rewrites them.
      return t.adopted || (r.meta.recordId === '' && pendingIdOf(r.meta.state) === undefined);
    };
    const there = byRow.get(t.row);
    if (there !== undefined && isNewThere(there)) {
      if (sameCount || this.sameCells(t, now[there] as SheetRow)) return there;
    }
    for (let i = 0; i < now.length; i++) {
      if (isNewThere(i) && this.sameCells(t, now[i] as SheetRow)) return i;
    }
    return undefined;
  }

  private sameCells(t: TrackedRow, r: SheetRow): boolean {
    return this.columns.every((c) => String(r.cells[c] ?? '') === String(t.cells[c] ?? ''));
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

// The first unclaimed candidate, preferring the one still at the row's last known number.
function pick(
  candidates: readonly number[] | undefined,
  now: readonly SheetRow[],
  claimed: ReadonlySet<number>,
  row: number,
): number | undefined {
  if (candidates === undefined) return undefined;
  const free = candidates.filter((i) => !claimed.has(i));
  return free.find((i) => now[i]?.row === row) ?? free[0];
}
