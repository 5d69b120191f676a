import { isFormulaLike } from '../../shared/core/sheet-safety/is-formula-like';
import { sheetColumns } from '../../shared/core/sync-client/cell-codec';
import type {
  CellValue,
  RowChange,
  RowMeta,
  SheetPort,
  SheetRow,
} from '../../shared/core/sync-client/index';

interface Line {
  cells: Record<string, CellValue>;
  meta: RowMeta;
  notes: Record<string, string>;
}

/**
 * A customers sheet in memory, with Sheets' habits: rows from 2, a leading quote makes the rest
 * plain text (and is not part of the value), a formula-like value written without one would
 * become a formula, which this sheet refuses so a test sees it.
 */
export class MemorySheet implements SheetPort {
  readonly firstRow = 2;
  lines: Line[] = [];
  reads = 0;
  writes = 0;
  /** Called before each read with its number: a test's user typing while a sync runs. */
  beforeRead: ((read: number, sheet: MemorySheet) => void) | undefined = undefined;

  readRows(): SheetRow[] {
    this.reads += 1;
    this.beforeRead?.(this.reads, this);
    // Every column is there, as in a sheet; an empty cell reads as ''.
    const empty = Object.fromEntries(sheetColumns().map((c) => [c, '']));
    return this.lines.map((line, i) => ({
      row: i + this.firstRow,
      cells: { ...empty, ...line.cells },
      meta: { ...line.meta },
    }));
  }

  writeRows(changes: readonly RowChange[]): void {
    this.writes += 1;
    for (const change of changes) {
      if (change.kind !== 'update') continue;
      const line = this.at(change.row);
      for (const [field, value] of Object.entries(change.cells ?? {})) {
        line.cells[field] = stored(value);
      }
      Object.assign(line.meta, change.meta ?? {});
      for (const [field, note] of Object.entries(change.notes ?? {})) {
        if (note === '') delete line.notes[field];
        else line.notes[field] = note;
      }
    }
    const removed = changes
      .flatMap((c) => (c.kind === 'remove' ? [c.row] : []))
      .sort((a, b) => b - a);
    for (const row of removed) this.lines.splice(row - this.firstRow, 1);
    for (const change of changes) {
      if (change.kind !== 'append') continue;
      const cells = Object.fromEntries(
        Object.entries(change.cells).map(([f, v]) => [f, stored(v)]),
      );
      this.lines.push({ cells, meta: { ...change.meta }, notes: {} });
    }
  }

  /** A row the user types in. */
  addRow(cells: Record<string, CellValue>): number {
    this.lines.push({
      cells: { ...cells },
      meta: { recordId: '', checkpoint: '', state: '' },
      notes: {},
    });
    return this.lines.length - 1 + this.firstRow;
  }

  at(row: number): Line {
    const line = this.lines[row - this.firstRow];
    if (line === undefined) throw new Error(`no row ${row}`);
    return line;
  }
}

function stored(value: CellValue): CellValue {
  if (typeof value !== 'string') return value;
  if (value.startsWith("'")) return value.slice(1);
  if (isFormulaLike(value)) throw new Error(`a formula was written into the sheet: ${value}`);
  return value;
}
