// An in-memory Excel for the add-in's tests, strict where Excel is strict: objects are proxies
// whose properties throw PropertyNotLoaded until `load` and `context.sync()`; writes are queued
// and applied, in order, by `sync()`; a request or an answer over 5 MB fails with
// RequestPayloadSizeLimitExceeded (the estimate is the JSON size of values, as the add-in's).
// Only the parts of the API in addon-excel/src/excel-api.ts exist.
import type {
  DataValidation,
  DataValidationRule,
  DocumentSettings,
  ExcelRun,
  ExcelValue,
  Range,
  RangeFill,
  RequestContext,
  Workbook,
  Worksheet,
  WorksheetCollection,
} from '../../../addon-excel/src/excel-api';

export const fakePayloadLimit = 5 * 1024 * 1024;
// What each queued command adds to a request besides its values.
const commandBytes = 64;

/** An error as OfficeExtension.Error gives it: a code and a message. */
export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

interface Cell {
  value: ExcelValue;
  formula?: string;
}

interface Validation {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
  rule?: DataValidationRule;
  errorAlert?: DataValidation['errorAlert'];
}

/** One worksheet's contents. Indexes count from 0. */
export class FakeSheetData {
  readonly cells: (Cell | undefined)[][] = [];
  readonly fills = new Map<string, string>();
  readonly bold = new Set<string>();
  readonly hiddenColumns = new Set<number>();
  validations: Validation[] = [];

  constructor(readonly name: string) {}

  cell(row: number, column: number): Cell | undefined {
    return this.cells[row]?.[column];
  }

  /** A cell as the user would type it: `=…` a formula, `'…` text, else the value. */
  enter(row: number, column: number, input: ExcelValue): void {
    const line = (this.cells[row] ??= []);
    if (input === '') line[column] = undefined;
    else if (typeof input === 'string' && input.startsWith("'")) {
      line[column] = { value: input.slice(1) };
    } else if (typeof input === 'string' && input.startsWith('=')) {
      line[column] = { value: 0, formula: input };
    } else line[column] = { value: input };
  }

  /** The bounding box of non-empty cells, or null for an empty sheet. */
  usedRange(): { row: number; column: number; rowCount: number; columnCount: number } | null {
    let top = -1;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    this.cells.forEach((line, r) => {
      line.forEach((cell, c) => {
        if (cell === undefined) return;
        if (top < 0) top = r;
        bottom = r;
        left = Math.min(left, c);
        right = Math.max(right, c);
      });
    });
    if (top < 0) return null;
    return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }

  /** Values of a block, as `range.values` gives them. */
  values(row: number, column: number, rowCount: number, columnCount: number): ExcelValue[][] {
    return Array.from({ length: rowCount }, (_, i) =>
      Array.from({ length: columnCount }, (_, j) => this.cell(row + i, column + j)?.value ?? ''),
    );
  }

  formulas(row: number, column: number, rowCount: number, columnCount: number): ExcelValue[][] {
    return Array.from({ length: rowCount }, (_, i) =>
      Array.from({ length: columnCount }, (_, j) => {
        const cell = this.cell(row + i, column + j);
        return cell?.formula ?? cell?.value ?? '';
      }),
    );
  }

  /** Deletes a block and moves the cells below it up (in its columns), fills with them. */
  deleteUp(row: number, column: number, rowCount: number, columnCount: number): void {
    const height = this.cells.length;
    for (let c = column; c < column + columnCount; c += 1) {
      for (let r = row; r < height; r += 1) {
        const from = this.cells[r + rowCount]?.[c];
        const line = (this.cells[r] ??= []);
        line[c] = from;
        const fill = this.fills.get(`${r + rowCount}:${c}`);
        if (fill === undefined) this.fills.delete(`${r}:${c}`);
        else this.fills.set(`${r}:${c}`, fill);
      }
    }
  }
}

type Geometry = {
  sheet: FakeSheetData;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
};

type Entry =
  { kind: 'command'; bytes: number; run: () => void } | { kind: 'load'; run: () => number };

/** The workbook, its counters and `run` (Excel.run). */
export class FakeExcel {
  readonly sheets = new Map<string, FakeSheetData>();
  selection = { sheet: '', row: 0, column: 0 };
  syncs = 0;
  runs = 0;
  /** Estimated bytes of every request and every answer, in order. */
  readonly requestBytes: number[] = [];
  readonly answerBytes: number[] = [];

  readonly run: ExcelRun = async (batch) => {
    this.runs += 1;
    const context = new FakeContext(this);
    const result = await batch(context);
    // Excel.run sends what the batch left queued.
    if (context.pending()) await context.sync();
    return result;
  };

  sheet(name: string): FakeSheetData {
    const sheet = this.sheets.get(name);
    if (sheet === undefined) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  addSheet(name: string): FakeSheetData {
    const sheet = new FakeSheetData(name);
    this.sheets.set(name, sheet);
    return sheet;
  }

  get largestRequest(): number {
    return Math.max(0, ...this.requestBytes);
  }

  get largestAnswer(): number {
    return Math.max(0, ...this.answerBytes);
  }
}

const notLoaded = (property: string) =>
  new FakeExcelError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

export class FakeContext implements RequestContext {
  readonly workbook: Workbook;
  private queue: Entry[] = [];

  constructor(readonly excel: FakeExcel) {
    const worksheets: WorksheetCollection = {
      getItem: (name) => new FakeWorksheet(this, () => this.sheetOrThrow(name)),
      getItemOrNullObject: (name) => new FakeWorksheet(this, () => excel.sheets.get(name) ?? null),
      add: (name) => {
        let added: FakeSheetData | undefined;
        this.command(0, () => {
          if (excel.sheets.has(name)) throw new FakeExcelError('ItemAlreadyExists', name);
          added = excel.addSheet(name);
        });
        return new FakeWorksheet(this, () => added ?? this.sheetOrThrow(name));
      },
    };
    this.workbook = {
      worksheets,
      getSelectedRange: () => {
        const at = () => {
          const { sheet, row, column } = excel.selection;
          return { sheet: this.sheetOrThrow(sheet), row, column, rowCount: 1, columnCount: 1 };
        };
        return new FakeRange(this, at, new FakeWorksheet(this, () => at().sheet));
      },
    };
  }

  pending(): boolean {
    return this.queue.length > 0;
  }

  command(bytes: number, run: () => void): void {
    this.queue.push({ kind: 'command', bytes: bytes + commandBytes, run });
  }

  loadEntry(run: () => number): void {
    this.queue.push({ kind: 'load', run });
  }

  sheetOrThrow(name: string): FakeSheetData {
    const sheet = this.excel.sheets.get(name);
    if (sheet === undefined) {
      throw new FakeExcelError('ItemNotFound', `The requested resource doesn't exist: ${name}`);
    }
    return sheet;
  }

  sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.excel.syncs += 1;
    const request = queue.reduce(
      (sum, e) => sum + (e.kind === 'command' ? e.bytes : commandBytes),
      0,
    );
    this.excel.requestBytes.push(request);
    if (request > fakePayloadLimit) return Promise.reject(payloadError());
    let answer = 0;
    try {
      for (const entry of queue) {
        if (entry.kind === 'command') entry.run();
        else answer += entry.run();
      }
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.excel.answerBytes.push(answer);
    if (answer > fakePayloadLimit) return Promise.reject(payloadError());
    return Promise.resolve();
  }
}

const payloadError = () =>
  new FakeExcelError(
    'RequestPayloadSizeLimitExceeded',
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  );

/** Properties read only after `load` + `sync`: the loaded values, set by the sync. */
class Loadable {
  protected loaded = new Map<string, unknown>();

  protected read<T>(property: string): T {
    if (!this.loaded.has(property)) throw notLoaded(property);
    return this.loaded.get(property) as T;
  }
}

class FakeWorksheet extends Loadable implements Worksheet {
  constructor(
    private readonly context: FakeContext,
    private readonly resolve: () => FakeSheetData | null,
  ) {
    super();
  }

  get name(): string {
    return this.read('name');
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  load(properties: string): Worksheet {
    const names = splitProperties(properties, ['name', 'isNullObject']);
    this.context.loadEntry(() => {
      const sheet = this.resolve();
      this.loaded.set('isNullObject', sheet === null);
      if (sheet !== null && names.includes('name')) this.loaded.set('name', sheet.name);
      return commandBytes;
    });
    return this;
  }

  private sheet(): FakeSheetData {
    const sheet = this.resolve();
    if (sheet === null) throw new FakeExcelError('InvalidObjectPath', 'null object');
    return sheet;
  }

  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): Range {
    if (rowCount < 1 || columnCount < 1) throw new FakeExcelError('InvalidArgument', 'empty range');
    return new FakeRange(
      this.context,
      () => ({ sheet: this.sheet(), row, column, rowCount, columnCount }),
      this,
    );
  }

  getUsedRangeOrNullObject(): Range {
    return new FakeRange(
      this.context,
      () => {
        const sheet = this.sheet();
        const used = sheet.usedRange();
        return used === null ? null : { sheet, ...used };
      },
      this,
    );
  }
}

const rangeProperties = [
  'isNullObject',
  'rowIndex',
  'columnIndex',
  'rowCount',
  'columnCount',
  'values',
  'formulas',
];

class FakeRange extends Loadable implements Range {
  readonly format: Range['format'];
  readonly dataValidation: DataValidation;

  constructor(
    private readonly context: FakeContext,
    private readonly resolve: () => Geometry | null,
    readonly worksheet: Worksheet,
  ) {
    super();
    const at = () => {
      const g = this.resolve();
      if (g === null) throw new FakeExcelError('InvalidObjectPath', 'null object');
      return g;
    };
    const eachCell = (f: (sheet: FakeSheetData, key: string) => void) => {
      const g = at();
      for (let r = g.row; r < g.row + g.rowCount; r += 1) {
        for (let c = g.column; c < g.column + g.columnCount; c += 1) f(g.sheet, `${r}:${c}`);
      }
    };
    const fill: RangeFill = {
      get color(): string {
        throw notLoaded('color');
      },
      set color(color: string) {
        context.command(bytesOf(color), () =>
          eachCell((sheet, key) => sheet.fills.set(key, color)),
        );
      },
      clear: () => context.command(0, () => eachCell((sheet, key) => sheet.fills.delete(key))),
    };
    const font = {
      get bold(): boolean {
        throw notLoaded('bold');
      },
      set bold(bold: boolean) {
        context.command(0, () =>
          eachCell((sheet, key) => (bold ? sheet.bold.add(key) : sheet.bold.delete(key))),
        );
      },
    };
    this.format = { fill, font };
    const sameRange = (v: Validation, g: Geometry) =>
      v.row === g.row &&
      v.column === g.column &&
      v.rowCount === g.rowCount &&
      v.columnCount === g.columnCount;
    this.dataValidation = {
      get rule(): DataValidationRule {
        throw notLoaded('rule');
      },
      set rule(rule: DataValidationRule) {
        context.command(bytesOf(rule), () => {
          const g = at();
          const found = g.sheet.validations.find((v) => sameRange(v, g));
          if (found !== undefined) found.rule = rule;
          else
            g.sheet.validations.push({
              row: g.row,
              column: g.column,
              rowCount: g.rowCount,
              columnCount: g.columnCount,
              rule,
            });
        });
      },
      get errorAlert(): DataValidation['errorAlert'] {
        throw notLoaded('errorAlert');
      },
      set errorAlert(errorAlert: DataValidation['errorAlert']) {
        context.command(bytesOf(errorAlert), () => {
          const g = at();
          const found = g.sheet.validations.find((v) => sameRange(v, g));
          if (found !== undefined) found.errorAlert = errorAlert;
        });
      },
      clear: () =>
        context.command(0, () => {
          const g = at();
          // Any rule overlapping the range goes (the fake keeps rules whole).
          g.sheet.validations = g.sheet.validations.filter(
            (v) =>
              v.column + v.columnCount <= g.column ||
              v.column >= g.column + g.columnCount ||
              v.row + v.rowCount <= g.row ||
              v.row >= g.row + g.rowCount,
          );
        }),
    };
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get values(): ExcelValue[][] {
    return this.read('values');
  }
  set values(values: ExcelValue[][]) {
    const copy = values.map((line) => [...line]);
    this.context.command(bytesOf(copy), () => {
      const g = this.geometry();
      if (copy.length !== g.rowCount || copy.some((line) => line.length !== g.columnCount)) {
        throw new FakeExcelError(
          'InvalidArgument',
          'The number of rows or columns in the input array does not match the size or dimensions of the range.',
        );
      }
      copy.forEach((line, i) => line.forEach((v, j) => g.sheet.enter(g.row + i, g.column + j, v)));
    });
  }
  get formulas(): ExcelValue[][] {
    return this.read('formulas');
  }
  set formulas(_: ExcelValue[][]) {
    throw new Error('fake-excel: writing formulas is not faked');
  }
  get columnHidden(): boolean {
    return this.read('columnHidden');
  }
  set columnHidden(hidden: boolean) {
    this.context.command(0, () => {
      const g = this.geometry();
      for (let c = g.column; c < g.column + g.columnCount; c += 1) {
        if (hidden) g.sheet.hiddenColumns.add(c);
        else g.sheet.hiddenColumns.delete(c);
      }
    });
  }

  load(properties: string): Range {
    const names = splitProperties(properties, rangeProperties);
    this.context.loadEntry(() => {
      const g = this.resolve();
      this.loaded.set('isNullObject', g === null);
      if (g === null) return commandBytes;
      let bytes = commandBytes;
      for (const name of names) {
        const value = this.snapshot(g, name);
        if (value !== undefined) {
          this.loaded.set(name, value);
          bytes += bytesOf(value);
        }
      }
      return bytes;
    });
    return this;
  }

  delete(shift: 'Up' | 'Left'): void {
    if (shift !== 'Up') throw new Error('fake-excel: only delete Up is faked');
    this.context.command(0, () => {
      const g = this.geometry();
      g.sheet.deleteUp(g.row, g.column, g.rowCount, g.columnCount);
    });
  }

  clear(): void {
    this.context.command(0, () => {
      const g = this.geometry();
      for (let r = g.row; r < g.row + g.rowCount; r += 1) {
        for (let c = g.column; c < g.column + g.columnCount; c += 1) g.sheet.enter(r, c, '');
      }
    });
  }

  private geometry(): Geometry {
    const g = this.resolve();
    if (g === null) throw new FakeExcelError('InvalidObjectPath', 'null object');
    return g;
  }

  private snapshot(g: Geometry, name: string): unknown {
    switch (name) {
      case 'rowIndex':
        return g.row;
      case 'columnIndex':
        return g.column;
      case 'rowCount':
        return g.rowCount;
      case 'columnCount':
        return g.columnCount;
      case 'values':
        return g.sheet.values(g.row, g.column, g.rowCount, g.columnCount);
      case 'formulas':
        return g.sheet.formulas(g.row, g.column, g.rowCount, g.columnCount);
      default:
        return undefined;
    }
  }
}

function splitProperties(properties: string, known: readonly string[]): string[] {
  const names = properties
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const name of names) {
    if (!known.includes(name)) throw new Error(`fake-excel: loading '${name}' is not faked`);
  }
  return names;
}

/** Office.context.document.settings, in memory; `saves` counts saveAsync calls. */
export class FakeSettings implements DocumentSettings {
  readonly values = new Map<string, unknown>();
  saves = 0;

  get(name: string): unknown {
    return this.values.get(name) ?? null;
  }
  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }
  remove(name: string): void {
    this.values.delete(name);
  }
  saveAsync(callback?: (result: { status: string }) => void): void {
    this.saves += 1;
    queueMicrotask(() => callback?.({ status: 'succeeded' }));
  }
}
