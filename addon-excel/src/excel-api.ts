// The few parts of the Excel JavaScript API (Office.js) the add-in uses, typed here because
// @types/office-js is not a dependency. Names and shapes follow Microsoft's reference, so the
// real `Excel.run` satisfies `ExcelRun`; tests pass test/fakes/excel instead.

/** A cell's value as `range.values` gives it (dates arrive as serial numbers). */
export type ExcelValue = string | number | boolean;

export interface RequestContext {
  readonly workbook: Workbook;
  /** Sends the queued commands and fills in what was `load`ed. */
  sync(): Promise<void>;
}

/** `Excel.run`: a batch with its own request context. */
export type ExcelRun = <T>(batch: (context: RequestContext) => Promise<T>) => Promise<T>;

export interface Workbook {
  readonly worksheets: WorksheetCollection;
  getSelectedRange(): Range;
}

export interface WorksheetCollection {
  getItem(name: string): Worksheet;
  getItemOrNullObject(name: string): Worksheet;
  add(name: string): Worksheet;
}

export interface Worksheet {
  readonly name: string;
  readonly isNullObject: boolean;
  load(properties: string): Worksheet;
  getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number): Range;
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range;
}

export interface DataValidationRule {
  list: { inCellDropDown: boolean; source: string };
}

export interface DataValidation {
  rule: DataValidationRule;
  errorAlert: { showAlert: boolean; style: 'Stop' | 'Warning' | 'Information' };
  clear(): void;
}

export interface RangeFill {
  color: string;
  clear(): void;
}

export interface Range {
  readonly isNullObject: boolean;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly worksheet: Worksheet;
  values: ExcelValue[][];
  /** Formulas, or the constant as entered for a cell without one. */
  formulas: ExcelValue[][];
  columnHidden: boolean;
  readonly format: { readonly fill: RangeFill; font: { bold: boolean } };
  readonly dataValidation: DataValidation;
  load(properties: string): Range;
  delete(shift: 'Up' | 'Left'): void;
  clear(applyTo?: 'All' | 'Contents' | 'Formats'): void;
}

/** Office.context.document.settings: strings saved in the document. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
}
