import type {
  DataValidation,
  DataValidationBuilder,
  Sheet,
  Spreadsheet,
  SpreadsheetAppApi,
} from '../../../addon-sheets/src/apps-script-api';
import { count, exception, type FakeContext } from './fake-context';
import { FakeSheet, type FakeRule } from './fake-sheet';
import type { FakeUi } from './fake-ui';
import { limits } from './limits';

export type { FakeContext } from './fake-context';
export { FakeSheet, type FakeRule } from './fake-sheet';
export { FakeUi } from './fake-ui';

class FakeValidationBuilder implements DataValidationBuilder {
  private rule: FakeRule = { kind: 'checkbox', allowInvalid: true, help: '' };

  requireValueInList(values: readonly string[], showDropdown = true): DataValidationBuilder {
    if (values.length > 500) throw exception('A list of options may hold at most 500 items.');
    this.rule = {
      kind: 'list',
      values: [...values],
      showDropdown,
      allowInvalid: this.rule.allowInvalid,
      help: this.rule.help,
    };
    return this;
  }

  requireCheckbox(): DataValidationBuilder {
    this.rule = { kind: 'checkbox', allowInvalid: this.rule.allowInvalid, help: this.rule.help };
    return this;
  }

  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder {
    this.rule = { ...this.rule, allowInvalid: allowInvalidData };
    return this;
  }

  setHelpText(helpText: string): DataValidationBuilder {
    this.rule = { ...this.rule, help: helpText };
    return this;
  }

  build(): DataValidation {
    return { ...this.rule };
  }
}

/** A spreadsheet of fake sheets, within Sheets' 10 million cells. */
export class FakeSpreadsheet implements Spreadsheet {
  readonly sheets: FakeSheet[] = [];
  readonly toasts: string[] = [];
  active: FakeSheet;

  constructor(private readonly ctx: FakeContext) {
    this.active = this.insertSheet('Sheet1') as FakeSheet;
  }

  getId(): string {
    return 'fake-spreadsheet';
  }

  getSheetByName(name: string): Sheet | null {
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }

  insertSheet(name: string): Sheet {
    if (this.getSheetByName(name) !== null) {
      throw exception(`A sheet with the name "${name}" already exists.`);
    }
    this.ensureRoom(1000 * 26);
    const sheet = new FakeSheet(this.ctx, this, name);
    this.sheets.push(sheet);
    this.active = sheet;
    return sheet;
  }

  getActiveSheet(): Sheet {
    return this.active;
  }

  getSpreadsheetTimeZone(): string {
    return 'Asia/Shanghai';
  }

  toast(message: string): void {
    this.toasts.push(message);
  }

  cellCount(): number {
    return this.sheets.reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
  }

  ensureRoom(more: number): void {
    if (this.cellCount() + more > limits.cellsPerSpreadsheet) {
      throw exception(
        `This action would increase the number of cells in the workbook above the limit of ${limits.cellsPerSpreadsheet} cells.`,
      );
    }
  }
}

/** SpreadsheetApp over one fake spreadsheet. */
export function fakeSpreadsheetApp(
  ctx: FakeContext,
  book: FakeSpreadsheet,
  ui: FakeUi,
): SpreadsheetAppApi {
  return {
    getActiveSpreadsheet: () => book,
    getUi: () => ui,
    newDataValidation: () => new FakeValidationBuilder(),
    flush: () => count(ctx, 'flush'),
  };
}
