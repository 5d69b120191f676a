import { customerField } from '../../shared/core/fields/customer-fields';
import { neutraliseFormula } from '../../shared/core/sheet-safety/neutralise-formula';
import type {
  BlockingSyncPorts,
  CellValue,
  RowChange,
  RowMeta,
  SheetRow,
} from '../../shared/core/sync-client/index';
import type { Range, SheetValue } from './apps-script-api';
import { invalidCellFill, metaColumns } from '../../shared/core/sync-client/sheet-header';
import { layoutFromHeader, type SheetLayout } from './customers-sheet';

/** The first data row, under the header. */
export const firstDataRow = 2;

/** How Sheets reads back a cell without fill. */
const noFill = '#ffffff';

/**
 * Colours the cells of `range` that carry a note (an invalid value's message) light red, and
 * takes the colour off cells whose note is gone, leaving every other fill as the user set it.
 * One read and, when something changes, one write of the range's fills.
 */
export function paintNotedCells(range: Range, notes: readonly (readonly string[])[]): void {
  const before = range.getBackgrounds();
  let changed = false;
  const after = before.map((line, i) =>
    line.map((color, j): string | null => {
      const noted = (notes[i]?.[j] ?? '') !== '';
      const ours = color.toLowerCase() === invalidCellFill;
      if (noted !== ours) changed = true;
      if (noted) return invalidCellFill;
      return ours || color.toLowerCase() === noFill ? null : color;
    }),
  );
  if (changed) range.setBackgrounds(after);
}

/**
 * The customers sheet as the sync engine and the sidebar see it: all rows in one `getValues`,
 * changes in one `setValues` (and one `setNotes` when notes change).
 */
export function sheetPort(start: SheetLayout): BlockingSyncPorts['sheet'] {
  let layout = start;
  return {
    firstRow: firstDataRow,
    readRows() {
      const { sheet } = layout;
      const lastRow = sheet.getLastRow();
      const width = Math.max(layout.width, sheet.getLastColumn());
      // The header comes in the same call: a column moved by the user is followed.
      const values = sheet.getRange(1, 1, Math.max(1, lastRow), width).getValues();
      layout = layoutFromHeader(sheet, values[0] ?? []) ?? layout;
      const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
      return values.slice(1).map((line, i) => rowOf(layout, line, firstDataRow + i, timeZone));
    },
    writeRows(changes) {
      writeChanges(layout, changes);
    },
  };
}

/**
 * One sheet row as the engine reads it: field cells keyed by field, dates as YYYY-MM-DD, numbers
 * in text columns as text, the hidden columns as strings.
 */
export function rowOf(
  layout: SheetLayout,
  line: readonly SheetValue[],
  row: number,
  timeZone: string,
): SheetRow {
  const cells: Record<string, CellValue> = {};
  for (const [field, column] of layout.fields) {
    cells[field] = cellOf(field, line[column - 1] ?? '', timeZone);
  }
  const text = (column: number) => {
    const value = line[column - 1];
    return value === undefined || value instanceof Date ? '' : String(value);
  };
  const meta: RowMeta = {
    recordId: text(layout.meta.recordId),
    checkpoint: text(layout.meta.checkpoint),
    state: text(layout.meta.state),
  };
  return { row, cells, meta };
}

function cellOf(field: string, value: SheetValue, timeZone: string): CellValue {
  if (value instanceof Date) return Utilities.formatDate(value, timeZone, 'yyyy-MM-dd');
  const type = customerField(field)?.type;
  if (typeof value === 'number' && type !== 'number') return String(value);
  if (typeof value === 'boolean' && type !== 'boolean') return String(value);
  return value;
}

/** Any string written goes in neutralised: a value from the sidebar is as untrusted as a pull. */
function safe(value: CellValue): SheetValue {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}

/**
 * Applies the engine's changes: updates, then removals (the rows below move up), then appends.
 * Cells of the rewritten block that no change names are written back as they were: formulas
 * as formulas, text as text (neutralised, as getValues gives it without its quote).
 */
export function writeChanges(layout: SheetLayout, changes: readonly RowChange[]): void {
  const { sheet } = layout;
  const updates = changes.flatMap((c) => (c.kind === 'update' ? [c] : []));
  const removed = new Set(changes.flatMap((c) => (c.kind === 'remove' ? [c.row] : [])));
  const appends = changes.flatMap((c) => (c.kind === 'append' ? [c] : []));
  const lastRow = Math.max(sheet.getLastRow(), firstDataRow - 1);
  if (removed.size === 0 && appends.length === 0) {
    if (updates.length > 0) writeUpdates(layout, updates);
    return;
  }

  const touched = [...updates.map((u) => u.row), ...removed];
  const top = touched.length === 0 ? lastRow + 1 : Math.min(...touched);
  const width = layout.width;
  const height = lastRow - top + 1;
  const block = height > 0 ? readBlock(layout, top, 1, height, width, true) : emptyBlock();
  for (const update of updates) patchRow(layout, block, update.row - top, 0, update);
  const keep = block.values.map((_, i) => !removed.has(top + i));
  const values = block.values.filter((_, i) => keep[i]);
  const notes = block.notes.filter((_, i) => keep[i]);
  for (const append of appends) {
    const line: SheetValue[] = new Array<SheetValue>(width).fill('');
    for (const [field, value] of Object.entries(append.cells)) {
      const column = layout.fields.get(field);
      if (column !== undefined) line[column - 1] = safe(value);
    }
    for (const key of metaColumns) line[layout.meta[key] - 1] = append.meta[key];
    values.push(line);
    notes.push(new Array<string>(width).fill(''));
  }
  const newLast = top + values.length - 1;
  if (newLast > sheet.getMaxRows())
    sheet.insertRowsAfter(sheet.getMaxRows(), newLast - sheet.getMaxRows());
  if (values.length > 0) {
    sheet.getRange(top, 1, values.length, width).setValues(values);
    if (block.hadNotes || appends.length > 0 || updates.some((u) => u.notes !== undefined)) {
      const range = sheet.getRange(top, 1, notes.length, width);
      range.setNotes(notes);
      paintNotedCells(range, notes);
    }
  }
  if (newLast < lastRow) {
    const tail = sheet.getRange(newLast + 1, 1, lastRow - newLast, width);
    tail.clearContent().clearNote();
    if (block.hadNotes) paintNotedCells(tail, []);
  }
}

// Updates only: the smallest block of rows and columns that holds every changed cell.
function writeUpdates(
  layout: SheetLayout,
  updates: readonly Extract<RowChange, { kind: 'update' }>[],
): void {
  const rows = updates.map((u) => u.row);
  const valueColumns = updates.flatMap((u) => [
    ...Object.keys(u.cells ?? {}).flatMap((f) => layout.fields.get(f) ?? []),
    ...Object.keys(u.meta ?? {}).map((k) => layout.meta[k as keyof RowMeta]),
  ]);
  const top = Math.min(...rows);
  const height = Math.max(...rows) - top + 1;
  if (valueColumns.length > 0) {
    const left = Math.min(...valueColumns);
    const width = Math.max(...valueColumns) - left + 1;
    const block = readBlock(layout, top, left, height, width, false);
    for (const u of updates) patchRow(layout, block, u.row - top, left - 1, { ...u, notes: {} });
    layout.sheet.getRange(top, left, height, width).setValues(block.values);
  }
  const noteColumns = updates.flatMap((u) =>
    Object.keys(u.notes ?? {}).flatMap((f) => layout.fields.get(f) ?? []),
  );
  if (noteColumns.length === 0) return;
  const noted = updates.filter((u) => u.notes !== undefined && Object.keys(u.notes).length > 0);
  const noteTop = Math.min(...noted.map((u) => u.row));
  const noteHeight = Math.max(...noted.map((u) => u.row)) - noteTop + 1;
  const left = Math.min(...noteColumns);
  const width = Math.max(...noteColumns) - left + 1;
  const range = layout.sheet.getRange(noteTop, left, noteHeight, width);
  const notes = range.getNotes();
  for (const u of noted) {
    for (const [field, note] of Object.entries(u.notes ?? {})) {
      const column = layout.fields.get(field);
      const line = notes[u.row - noteTop];
      if (column !== undefined && line !== undefined) line[column - left] = note;
    }
  }
  range.setNotes(notes);
  paintNotedCells(range, notes);
}

interface Block {
  values: SheetValue[][];
  notes: string[][];
  hadNotes: boolean;
}

function emptyBlock(): Block {
  return { values: [], notes: [], hadNotes: false };
}

// What the block holds now, ready to be written back unchanged.
function readBlock(
  layout: SheetLayout,
  top: number,
  left: number,
  height: number,
  width: number,
  withNotes: boolean,
): Block {
  const range = layout.sheet.getRange(top, left, height, width);
  const values = range.getValues();
  const formulas = range.getFormulas();
  const kept = values.map((line, i) =>
    line.map((value, j) => {
      const formula = formulas[i]?.[j] ?? '';
      if (formula !== '') return formula;
      return typeof value === 'string' ? neutraliseFormula(value) : value;
    }),
  );
  if (!withNotes) return { values: kept, notes: [], hadNotes: false };
  const notes = range.getNotes();
  return { values: kept, notes, hadNotes: notes.some((line) => line.some((n) => n !== '')) };
}

function patchRow(
  layout: SheetLayout,
  block: Block,
  index: number,
  offset: number,
  update: Extract<RowChange, { kind: 'update' }>,
): void {
  const line = block.values[index];
  if (line === undefined) return;
  for (const [field, value] of Object.entries(update.cells ?? {})) {
    const column = layout.fields.get(field);
    if (column !== undefined && column - 1 - offset >= 0) line[column - 1 - offset] = safe(value);
  }
  for (const [key, value] of Object.entries(update.meta ?? {})) {
    const column = layout.meta[key as keyof RowMeta];
    if (value !== undefined && column - 1 - offset >= 0) line[column - 1 - offset] = value;
  }
  const notes = block.notes[index];
  if (notes === undefined) return;
  for (const [field, note] of Object.entries(update.notes ?? {})) {
    const column = layout.fields.get(field);
    if (column !== undefined) notes[column - 1 - offset] = note;
  }
}
