import type { DataValidation, Range, SheetValue } from '../../../addon-sheets/src/apps-script-api';
import { count, exception, type FakeContext } from './fake-context';
import type { Cells, FakeRule, FakeSheet, Rect } from './fake-sheet';
import { limits } from './limits';

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A range of a fake sheet: reads and writes cost virtual time and are counted. */
export class FakeRange implements Range {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}

  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }

  private read<T>(name: string, pick: (cells: Cells | undefined, j: number) => T): T[][] {
    count(this.ctx, name);
    this.ctx.clock.charge(
      this.ctx.costs.readMs + this.numRows * this.numColumns * this.ctx.costs.readPerCellMs,
    );
    const out: T[][] = [];
    for (let i = 0; i < this.numRows; i++) {
      const cells = this.sheet.cellsOf(this.row + i, false);
      const line: T[] = [];
      for (let j = 0; j < this.numColumns; j++) line.push(pick(cells, this.column - 1 + j));
      out.push(line);
    }
    return out;
  }

  getValues(): SheetValue[][] {
    return this.read('getValues', (cells, j) => {
      const value = cells?.values[j] ?? '';
      return value instanceof Date ? new this.ctx.DateClass(value.getTime()) : value;
    });
  }

  getFormulas(): string[][] {
    return this.read('getFormulas', (cells, j) => cells?.formulas[j] ?? '');
  }

  getNotes(): string[][] {
    return this.read('getNotes', (cells, j) => cells?.notes[j] ?? '');
  }

  getBackgrounds(): string[][] {
    return this.read('getBackgrounds', (cells, j) => cells?.backgrounds[j] || '#ffffff');
  }

  private checkShape(values: readonly (readonly unknown[])[]): void {
    if (values.length !== this.numRows) {
      throw exception(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`,
      );
    }
    for (const line of values) {
      if (line.length !== this.numColumns) {
        throw exception(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.numColumns}.`,
        );
      }
    }
  }

  private charged(name: string): void {
    count(this.ctx, name);
    this.ctx.clock.charge(
      this.ctx.costs.writeMs + this.numRows * this.numColumns * this.ctx.costs.writePerCellMs,
    );
  }

  setValues(values: readonly (readonly SheetValue[])[]): Range {
    this.checkShape(values);
    this.charged('setValues');
    values.forEach((line, i) => {
      const row = this.row + i;
      const cells = this.sheet.cellsOf(row, true) as Cells;
      line.forEach((input, j) => {
        const column = this.column + j;
        const { value, formula } = this.interpret(input, row, column);
        cells.values[column - 1] = value;
        cells.formulas[column - 1] = formula;
      });
    });
    return this;
  }

  private interpret(input: SheetValue | null | undefined, row: number, column: number) {
    if (input === null || input === undefined) return { value: '' as SheetValue, formula: '' };
    if (typeof input !== 'string') {
      this.validate(input, row, column);
      return { value: input, formula: '' };
    }
    if (input.length > limits.charactersPerCell) {
      throw exception(
        `Your input contains more than the maximum of ${limits.charactersPerCell} characters in a single cell.`,
      );
    }
    if (input.startsWith("'")) {
      const text = input.slice(1);
      this.validate(text, row, column);
      return { value: text as SheetValue, formula: '' };
    }
    if (/^[=+\-@]/.test(input) && !PLAIN_NUMBER.test(input)) {
      return { value: '#ERROR!' as SheetValue, formula: input };
    }
    let value: SheetValue = input;
    if (this.sheet.formatAt(row, column) !== '@') {
      if (PLAIN_NUMBER.test(input)) value = Number(input);
      else if (/^(true|false)$/i.test(input)) value = input.toLowerCase() === 'true';
    }
    this.validate(value, row, column);
    return { value, formula: '' };
  }

  // Sheets refuses a script's write that breaks a rejecting rule, as it refuses a user's.
  private validate(value: SheetValue, row: number, column: number): void {
    const rule = this.sheet.validationAt(row, column);
    if (rule === null || rule.allowInvalid || value === '') return;
    const ok =
      rule.kind === 'list' ? rule.values.includes(String(value)) : typeof value === 'boolean';
    if (!ok) {
      throw exception(
        `The data you entered in cell R${row}C${column} violates the data validation rules set on this cell.`,
      );
    }
  }

  setNotes(notes: readonly (readonly string[])[]): Range {
    this.checkShape(notes);
    this.charged('setNotes');
    notes.forEach((line, i) => {
      const cells = this.sheet.cellsOf(this.row + i, true) as Cells;
      line.forEach((note, j) => (cells.notes[this.column - 1 + j] = note));
    });
    return this;
  }

  /** Sheets takes CSS colours; null resets a cell to no fill. */
  setBackgrounds(colors: readonly (readonly (string | null)[])[]): Range {
    this.checkShape(colors);
    this.charged('setBackgrounds');
    colors.forEach((line, i) => {
      const cells = this.sheet.cellsOf(this.row + i, true) as Cells;
      line.forEach((color, j) => {
        if (color !== null && !/^#[0-9a-f]{6}$/i.test(color)) {
          throw exception(`Invalid color "${color}".`);
        }
        cells.backgrounds[this.column - 1 + j] = color === null ? '' : color.toLowerCase();
      });
    });
    return this;
  }

  clearContent(): Range {
    this.charged('clearContent');
    this.each((cells, j) => {
      cells.values[j] = '';
      cells.formulas[j] = '';
    });
    return this;
  }

  clearNote(): Range {
    this.charged('clearNote');
    this.each((cells, j) => (cells.notes[j] = ''));
    return this;
  }

  private each(f: (cells: Cells, j: number) => void): void {
    for (let i = 0; i < this.numRows; i++) {
      const cells = this.sheet.cellsOf(this.row + i, false);
      if (cells === undefined) continue;
      for (let j = 0; j < this.numColumns; j++) f(cells, this.column - 1 + j);
    }
  }

  private rect<T>(value: T): Rect<T> {
    return {
      row: this.row,
      column: this.column,
      rows: this.numRows,
      columns: this.numColumns,
      value,
    };
  }

  setDataValidation(rule: DataValidation | null): Range {
    count(this.ctx, 'setDataValidation');
    this.ctx.clock.charge(this.ctx.costs.writeMs);
    this.sheet.validations.push(this.rect(rule as FakeRule | null));
    return this;
  }

  setNumberFormat(format: string): Range {
    count(this.ctx, 'setNumberFormat');
    this.ctx.clock.charge(this.ctx.costs.writeMs);
    this.sheet.formats.push(this.rect(format));
    return this;
  }

  setFontWeight(_weight: 'bold' | 'normal' | null): Range {
    return this;
  }
}
