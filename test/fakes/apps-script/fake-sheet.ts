import type { Range, Sheet, SheetValue } from '../../../addon-sheets/src/apps-script-api';
import { exception, type FakeContext } from './fake-context';
import { FakeRange } from './fake-range';
import type { FakeSpreadsheet } from './fake-spreadsheet';

/** A data validation rule as the fake keeps it. */
export type FakeRule =
  | { kind: 'list'; values: string[]; showDropdown: boolean; allowInvalid: boolean; help: string }
  | { kind: 'checkbox'; allowInvalid: boolean; help: string };

export interface Cells {
  values: SheetValue[];
  formulas: string[];
  notes: string[];
  /** Fill colours; `''` is no fill (read back as #ffffff, as Sheets does). */
  backgrounds: string[];
}

export interface Rect<T> {
  row: number;
  column: number;
  rows: number;
  columns: number;
  value: T;
}

/**
 * A sheet: cells with values, formulas and notes; number formats, data validation, hidden
 * columns. Written strings are read the way Sheets reads typed input: a leading quote makes the
 * rest plain text (the quote is not kept), `=`, `+`, `-` or `@` first makes a formula (which this
 * fake does not compute: it shows #ERROR!), and in a cell not formatted as plain text a number
 * or TRUE/FALSE becomes one.
 */
export class FakeSheet implements Sheet {
  private readonly rows: (Cells | undefined)[] = [];
  private maxRows = 1000;
  private maxColumns = 26;
  readonly formats: Rect<string>[] = [];
  readonly validations: Rect<FakeRule | null>[] = [];
  readonly hidden = new Set<number>();
  frozenRows = 0;
  activeCell: { row: number; column: number } | null = null;

  constructor(
    private readonly ctx: FakeContext,
    private readonly book: FakeSpreadsheet,
    private name: string,
  ) {}

  getName(): string {
    return this.name;
  }

  getMaxRows(): number {
    return this.maxRows;
  }

  getMaxColumns(): number {
    return this.maxColumns;
  }

  getLastRow(): number {
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const cells = this.rows[i];
      if (
        cells !== undefined &&
        cells.values.some((v, j) => v !== '' || cells.formulas[j] !== '')
      ) {
        return i + 1;
      }
    }
    return 0;
  }

  getLastColumn(): number {
    let last = 0;
    for (const cells of this.rows) {
      if (cells === undefined) continue;
      for (let j = cells.values.length - 1; j >= last; j--) {
        if (cells.values[j] !== '' || cells.formulas[j] !== '') {
          last = j + 1;
          break;
        }
      }
    }
    return last;
  }

  getRange(row: number, column: number, numRows = 1, numColumns = 1): Range {
    if (!Number.isInteger(row) || !Number.isInteger(column) || row < 1 || column < 1) {
      throw exception(`Range not found: row ${row}, column ${column}`);
    }
    if (numRows < 1) throw exception('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw exception('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw exception('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this.ctx, this, row, column, numRows, numColumns);
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.book.ensureRoom(
      (this.maxRows + howMany) * this.maxColumns - this.maxRows * this.maxColumns,
    );
    this.rows.splice(afterPosition, 0, ...new Array<Cells | undefined>(howMany).fill(undefined));
    this.maxRows += howMany;
    // New rows take the formatting and validation of the row above, as in Sheets.
    for (const rect of [...this.formats, ...this.validations]) {
      if (rect.row <= afterPosition && afterPosition < rect.row + rect.rows) rect.rows += howMany;
      else if (rect.row > afterPosition) rect.row += howMany;
    }
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.book.ensureRoom(this.maxRows * howMany);
    for (const cells of this.rows) {
      if (cells === undefined) continue;
      for (const list of [cells.values, cells.formulas, cells.notes, cells.backgrounds]) {
        list.splice(afterPosition, 0, ...new Array<never>(howMany).fill('' as never));
      }
    }
    this.maxColumns += howMany;
    return this;
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hidden.add(c);
  }

  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
  }

  getActiveRange(): Range | null {
    return this.activeCell === null
      ? null
      : this.getRange(this.activeCell.row, this.activeCell.column);
  }

  /** Cells of one row, made when first written. */
  cellsOf(row: number, create: boolean): Cells | undefined {
    let cells = this.rows[row - 1];
    if (cells === undefined && create) {
      const blank = () => new Array<never>(this.maxColumns).fill('' as never);
      cells = { values: blank(), formulas: blank(), notes: blank(), backgrounds: blank() };
      while (this.rows.length < row - 1) this.rows.push(undefined);
      this.rows[row - 1] = cells;
    }
    return cells;
  }

  formatAt(row: number, column: number): string {
    return lastCovering(this.formats, row, column) ?? 'General';
  }

  validationAt(row: number, column: number): FakeRule | null {
    return lastCovering(this.validations, row, column) ?? null;
  }

  /** What a user typing into a cell does (test helper): the value as typed, no cost. */
  type(row: number, column: number, value: SheetValue): void {
    const cells = this.cellsOf(row, true) as Cells;
    cells.values[column - 1] = value;
    cells.formulas[column - 1] = '';
  }

  /** A formula a user types into a cell (test helper); this fake does not compute it. */
  typeFormula(row: number, column: number, formula: string): void {
    const cells = this.cellsOf(row, true) as Cells;
    cells.values[column - 1] = 2;
    cells.formulas[column - 1] = formula;
  }

  /** A cell's value, formula, note and fill (test helper; `''` for no fill). */
  cell(
    row: number,
    column: number,
  ): { value: SheetValue; formula: string; note: string; background: string } {
    const cells = this.cellsOf(row, false);
    return {
      value: cells?.values[column - 1] ?? '',
      formula: cells?.formulas[column - 1] ?? '',
      note: cells?.notes[column - 1] ?? '',
      background: cells?.backgrounds[column - 1] ?? '',
    };
  }

  /** A fill a user gives a cell (test helper). */
  paint(row: number, column: number, color: string): void {
    (this.cellsOf(row, true) as Cells).backgrounds[column - 1] = color;
  }
}

export function lastCovering<T>(
  rects: readonly Rect<T>[],
  row: number,
  column: number,
): T | undefined {
  for (let i = rects.length - 1; i >= 0; i--) {
    const r = rects[i] as Rect<T>;
    if (
      row >= r.row &&
      row < r.row + r.rows &&
      column >= r.column &&
      column < r.column + r.columns
    ) {
      return r.value;
    }
  }
  return undefined;
}
