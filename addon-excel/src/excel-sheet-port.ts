import { customerField } from '../../shared/core/fields/customer-fields';
import { locales, type Locale } from '../../shared/core/i18n/locale';
import { t } from '../../shared/core/i18n/translate';
import { neutraliseFormula } from '../../shared/core/sheet-safety/neutralise-formula';
import {
  type CellValue,
  type RowChange,
  type RowMeta,
  type SheetPort,
  type SheetRow,
} from '../../shared/core/sync-client/index';
import {
  defaultDropdowns,
  dropdownRefusesOthers,
  type Dropdown,
} from '../../shared/core/sync-client/dropdowns';
import {
  headerLabels,
  invalidCellFill,
  metaColumns,
  readHeader,
  type MetaColumn,
} from '../../shared/core/sync-client/sheet-header';
import type { ExcelRun, ExcelValue, RequestContext, Worksheet } from './excel-api';
import { opsPerSync, readBlock, writeBlock } from './excel-chunks';

/** The first data row (sheet row number), under the header, as in Sheets. */
export const firstDataRow = 2;

/** The fill of a cell the server or the sidebar found invalid. */
export const invalidFill = invalidCellFill.toUpperCase();

/** Where each column is, read from the header row. Columns count from 0, as in Excel's API. */
export interface ExcelLayout {
  sheetName: string;
  locale: Locale;
  fields: Map<string, number>;
  meta: Record<MetaColumn, number>;
  width: number;
}

/**
 * Reads the layout from a header row; undefined when a hidden column is missing (not our sheet).
 * @example layoutFromHeader('客户', ['客户名称', …, '同步状态（系统）'])?.locale // 'zh-CN'
 */
export function layoutFromHeader(
  sheetName: string,
  header: readonly ExcelValue[],
): ExcelLayout | undefined {
  const read = readHeader(header);
  return read === undefined ? undefined : { ...read, sheetName };
}

/** Rows a dropdown covers: the data rows of a default sheet, and more than any sync writes. */
export const dropdownRows = 100_000;

/** Puts a list validation on each named column, in the caller's batch (no sync). */
export function queueDropdowns(
  sheet: Worksheet,
  layout: ExcelLayout,
  dropdowns: readonly Dropdown[],
): void {
  for (const { field, options } of dropdowns) {
    const column = layout.fields.get(field);
    if (column === undefined || options.length === 0) continue;
    const range = sheet.getRangeByIndexes(firstDataRow - 1, column, dropdownRows, 1);
    range.dataValidation.clear();
    // Excel's list source is comma-separated: a label's own commas become full-width ones.
    range.dataValidation.rule = {
      list: { inCellDropDown: true, source: options.map((o) => o.replace(/,/g, '，')).join(',') },
    };
    range.dataValidation.errorAlert = {
      showAlert: true,
      style: dropdownRefusesOthers(field) ? 'Stop' : 'Warning',
    };
  }
}

/**
 * The customers sheet of the workbook (in either language), made with its header, hidden
 * columns and dropdowns when missing. One `Excel.run`, at most three syncs.
 */
export function openCustomersSheet(run: ExcelRun, locale: Locale): Promise<ExcelLayout> {
  return run(async (context) => {
    const sheets = locales.map((l) => {
      const name = t('sheets.sheetName', l);
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      sheet.load('isNullObject');
      return { name, sheet };
    });
    await context.sync();
    for (const { name, sheet } of sheets) {
      if (sheet.isNullObject) continue;
      const used = sheet.getUsedRangeOrNullObject(true).load('isNullObject,columnCount');
      await context.sync();
      if (used.isNullObject) return setUpSheet(context, sheet, name, locale);
      const header = sheet.getRangeByIndexes(0, 0, 1, used.columnCount).load('values');
      await context.sync();
      const layout = layoutFromHeader(name, header.values[0] ?? []);
      if (layout !== undefined) return layout;
    }
    const name = t('sheets.sheetName', locale);
    return setUpSheet(context, context.workbook.worksheets.add(name), name, locale);
  });
}

async function setUpSheet(
  context: RequestContext,
  sheet: Worksheet,
  name: string,
  locale: Locale,
): Promise<ExcelLayout> {
  const header = headerLabels(locale);
  const layout = layoutFromHeader(name, header) as ExcelLayout;
  const top = sheet.getRangeByIndexes(0, 0, 1, header.length);
  top.values = [header];
  top.format.font.bold = true;
  sheet.getRangeByIndexes(0, layout.meta.recordId, 1, metaColumns.length).columnHidden = true;
  queueDropdowns(sheet, layout, defaultDropdowns(locale));
  await context.sync();
  return layout;
}

/**
 * Cell marks (invalid cells, conflicts) the sidebar shows: Excel has no cell notes on every
 * platform, so the cell gets a fill and the message stays here, keyed by `row:field`.
 */
export class CellMessages {
  private readonly messages = new Map<string, string>();

  get(row: number, field: string): string | undefined {
    return this.messages.get(`${row}:${field}`);
  }

  set(row: number, field: string, message: string): void {
    if (message === '') this.messages.delete(`${row}:${field}`);
    else this.messages.set(`${row}:${field}`, message);
  }

  /** All marks, as `[row, field, message]`. */
  entries(): [number, string, string][] {
    return [...this.messages].map(([key, message]) => {
      const at = key.indexOf(':');
      return [Number(key.slice(0, at)), key.slice(at + 1), message];
    });
  }

  /** Rows removed: the marks of the rows below move up with them. */
  removeRows(removed: ReadonlySet<number>): void {
    const sorted = [...removed].sort((a, b) => a - b);
    const moved = this.entries().flatMap(([row, field, message]) => {
      if (removed.has(row)) return [];
      const above = sorted.filter((r) => r < row).length;
      return [[row - above, field, message] as const];
    });
    this.messages.clear();
    for (const [row, field, message] of moved) this.set(row, field, message);
  }
}

/** Queues the fill of marked cells (or its removal) and keeps their messages. */
export async function applyMarks(
  context: RequestContext,
  sheet: Worksheet,
  layout: ExcelLayout,
  messages: CellMessages,
  marks: readonly { row: number; field: string; message: string }[],
): Promise<void> {
  let queued = 0;
  for (const mark of marks) {
    const column = layout.fields.get(mark.field);
    if (column === undefined || mark.row < firstDataRow) continue;
    messages.set(mark.row, mark.field, mark.message);
    const fill = sheet.getRangeByIndexes(mark.row - 1, column, 1, 1).format.fill;
    if (mark.message === '') fill.clear();
    else fill.color = invalidFill;
    queued += 1;
    if (queued % opsPerSync === 0) await context.sync();
  }
  if (queued % opsPerSync !== 0) await context.sync();
}

// Excel counts days from 1899-12-30.
const excelEpochMs = Date.UTC(1899, 11, 30);

function cellOf(field: string, value: ExcelValue): CellValue {
  const type = customerField(field)?.type;
  if (typeof value === 'number' && type === 'date') {
    return new Date(excelEpochMs + Math.round(value * 86_400_000)).toISOString().slice(0, 10);
  }
  if (typeof value === 'number' && type !== 'number') return String(value);
  if (typeof value === 'boolean' && type !== 'boolean') return String(value);
  return value;
}

/** One sheet row as the engine reads it; `row` is the sheet row number. */
export function rowOf(layout: ExcelLayout, line: readonly ExcelValue[], row: number): SheetRow {
  const cells: Record<string, CellValue> = {};
  for (const [field, column] of layout.fields) cells[field] = cellOf(field, line[column] ?? '');
  const text = (column: number) => String(line[column] ?? '');
  const meta: RowMeta = {
    recordId: text(layout.meta.recordId),
    checkpoint: text(layout.meta.checkpoint),
    state: text(layout.meta.state),
  };
  return { row, cells, meta };
}

function safe(value: CellValue): ExcelValue {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}

// A cell written back as it was: a formula as a formula, text neutralised.
function kept(value: ExcelValue | undefined, formula: ExcelValue | undefined): ExcelValue {
  if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) return formula;
  return typeof value === 'string' ? neutraliseFormula(value) : (value ?? '');
}

/**
 * The customers sheet as the sync engine sees it over the Excel API: every read and write one
 * `Excel.run`, large blocks in chunks under Excel's 5 MB request limit.
 */
export function excelSheetPort(
  run: ExcelRun,
  start: ExcelLayout,
  messages: CellMessages = new CellMessages(),
): SheetPort & { layout(): ExcelLayout } {
  let layout = start;
  return {
    firstRow: firstDataRow,
    layout: () => layout,
    readRows() {
      return run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(layout.sheetName);
        const used = sheet
          .getUsedRangeOrNullObject(true)
          .load('isNullObject,rowIndex,rowCount,columnIndex,columnCount');
        await context.sync();
        if (used.isNullObject) return [];
        const height = used.rowIndex + used.rowCount;
        const width = Math.max(layout.width, used.columnIndex + used.columnCount);
        // The header comes in the first chunk: a column moved by the user is followed.
        const { values } = await readBlock(context, sheet, 0, 0, height, width, false);
        layout = layoutFromHeader(layout.sheetName, values[0] ?? []) ?? layout;
        return values.slice(1).map((line, i) => rowOf(layout, line, firstDataRow + i));
      });
    },
    writeRows(changes) {
      return run((context) => writeChanges(context, layout, messages, changes));
    },
  };
}

type Update = Extract<RowChange, { kind: 'update' }>;

/** Updates, then removals (the rows below move up), then appends after the last row. */
export async function writeChanges(
  context: RequestContext,
  layout: ExcelLayout,
  messages: CellMessages,
  changes: readonly RowChange[],
): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(layout.sheetName);
  const updates = changes.flatMap((c) => (c.kind === 'update' ? [c] : []));
  const removed = new Set(changes.flatMap((c) => (c.kind === 'remove' ? [c.row] : [])));
  const appends = changes.flatMap((c) => (c.kind === 'append' ? [c] : []));

  if (updates.length > 0) await writeUpdates(context, sheet, layout, updates);
  const marks = updates.flatMap((u) =>
    Object.entries(u.notes ?? {}).map(([field, message]) => ({ row: u.row, field, message })),
  );
  if (marks.length > 0) await applyMarks(context, sheet, layout, messages, marks);

  if (removed.size > 0) {
    // Bottom up, a run of neighbouring rows in one deletion, so row numbers stay valid.
    const rows = [...removed].sort((a, b) => b - a);
    let queued = 0;
    for (let i = 0; i < rows.length;) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === (rows[j] as number) - 1) j += 1;
      const topRow = rows[j] as number;
      const count = j - i + 1;
      sheet.getRangeByIndexes(topRow - 1, 0, count, layout.width).delete('Up');
      queued += 1;
      if (queued % opsPerSync === 0) await context.sync();
      i = j + 1;
    }
    if (queued % opsPerSync !== 0) await context.sync();
    messages.removeRows(removed);
  }

  if (appends.length > 0) {
    const used = sheet.getUsedRangeOrNullObject(true).load('isNullObject,rowIndex,rowCount');
    await context.sync();
    const next = used.isNullObject ? 1 : used.rowIndex + used.rowCount;
    const lines = appends.map((append) => {
      const line = new Array<ExcelValue>(layout.width).fill('');
      for (const [field, value] of Object.entries(append.cells)) {
        const column = layout.fields.get(field);
        if (column !== undefined) line[column] = safe(value);
      }
      for (const key of metaColumns) line[layout.meta[key]] = append.meta[key];
      return line;
    });
    await writeBlock(context, sheet, Math.max(next, firstDataRow - 1), 0, lines, layout.width);
  }
}

// The smallest block of rows and columns that holds every changed cell, read and written back.
async function writeUpdates(
  context: RequestContext,
  sheet: Worksheet,
  layout: ExcelLayout,
  updates: readonly Update[],
): Promise<void> {
  const columns = updates.flatMap((u) => [
    ...Object.keys(u.cells ?? {}).flatMap((f) => layout.fields.get(f) ?? []),
    ...Object.entries(u.meta ?? {}).flatMap(([k, v]) =>
      v === undefined ? [] : [layout.meta[k as MetaColumn]],
    ),
  ]);
  if (columns.length === 0) return;
  const rows = updates.map((u) => u.row);
  const top = Math.min(...rows) - 1;
  const height = Math.max(...rows) - top;
  const left = Math.min(...columns);
  const width = Math.max(...columns) - left + 1;
  const block = await readBlock(context, sheet, top, left, height, width, true);
  const lines = block.values.map((line, i) =>
    Array.from({ length: width }, (_, j) => kept(line[j], block.formulas[i]?.[j])),
  );
  for (const u of updates) {
    const line = lines[u.row - 1 - top];
    if (line === undefined) continue;
    for (const [field, value] of Object.entries(u.cells ?? {})) {
      const column = layout.fields.get(field);
      if (column !== undefined && column >= left) line[column - left] = safe(value);
    }
    for (const [key, value] of Object.entries(u.meta ?? {})) {
      const column = layout.meta[key as MetaColumn];
      if (value !== undefined && column >= left) line[column - left] = value;
    }
  }
  await writeBlock(context, sheet, top, left, lines, width);
}
