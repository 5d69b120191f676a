// The part of Apps Script's services this add-on uses, as types. No package of Apps Script types
// is installed; these follow developers.google.com/apps-script/reference and are what the
// in-memory fakes of test/fakes/apps-script implement, so the two cannot drift apart.

/** A value `getValues()` returns: text, number, boolean, or a Date for a date cell. */
export type SheetValue = string | number | boolean | Date;

export interface Range {
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getValues(): SheetValue[][];
  /** Each value replaces one cell; the array must have exactly the range's dimensions. */
  setValues(values: readonly (readonly SheetValue[])[]): Range;
  getFormulas(): string[][];
  getNotes(): string[][];
  setNotes(notes: readonly (readonly string[])[]): Range;
  /** Fill colours as CSS hex; a cell without fill reads #ffffff. */
  getBackgrounds(): string[][];
  /** null resets a cell to no fill. */
  setBackgrounds(colors: readonly (readonly (string | null)[])[]): Range;
  clearContent(): Range;
  clearNote(): Range;
  setDataValidation(rule: DataValidation | null): Range;
  setNumberFormat(format: string): Range;
  setFontWeight(weight: 'bold' | 'normal' | null): Range;
}

export interface Sheet {
  getName(): string;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): Range;
  insertRowsAfter(afterPosition: number, howMany: number): Sheet;
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet;
  hideColumns(columnIndex: number, numColumns?: number): void;
  setFrozenRows(rows: number): void;
  getActiveRange(): Range | null;
}

export interface Spreadsheet {
  getId(): string;
  getSheetByName(name: string): Sheet | null;
  insertSheet(name: string): Sheet;
  getActiveSheet(): Sheet;
  getSpreadsheetTimeZone(): string;
  toast(message: string, title?: string, timeoutSeconds?: number): void;
}

export type DataValidation = object;

export interface DataValidationBuilder {
  requireValueInList(values: readonly string[], showDropdown?: boolean): DataValidationBuilder;
  requireCheckbox(): DataValidationBuilder;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder;
  setHelpText(helpText: string): DataValidationBuilder;
  build(): DataValidation;
}

export interface Menu {
  addItem(caption: string, functionName: string): Menu;
  addSeparator(): Menu;
  addToUi(): void;
}

export interface PromptResponse {
  getResponseText(): string;
  getSelectedButton(): unknown;
}

export interface Ui {
  createAddonMenu(): Menu;
  showSidebar(userInterface: HtmlOutput): void;
  prompt(title: string, prompt: string, buttons: unknown): PromptResponse;
  alert(prompt: string): unknown;
  readonly Button: { OK: unknown; CANCEL: unknown };
  readonly ButtonSet: { OK_CANCEL: unknown };
}

export interface SpreadsheetAppApi {
  getActiveSpreadsheet(): Spreadsheet;
  getUi(): Ui;
  newDataValidation(): DataValidationBuilder;
  flush(): void;
}

export interface Properties {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): Properties;
  deleteProperty(key: string): Properties;
}

export interface PropertiesServiceApi {
  getDocumentProperties(): Properties;
  getUserProperties(): Properties;
}

export interface Lock {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
  hasLock(): boolean;
}

export interface LockServiceApi {
  getDocumentLock(): Lock;
}

export interface HttpResponse {
  getResponseCode(): number;
  getContentText(): string;
  /** Header names as the server sent them; a repeated header comes as an array. */
  getHeaders(): Record<string, unknown>;
}

export interface UrlFetchParams {
  method: 'get' | 'post';
  contentType?: string;
  payload?: string;
  headers?: Record<string, string>;
  muteHttpExceptions: boolean;
  followRedirects?: boolean;
}

export interface UrlFetchAppApi {
  fetch(url: string, params: UrlFetchParams): HttpResponse;
}

export interface HtmlOutput {
  setTitle(title: string): HtmlOutput;
  getContent(): string;
}

export interface HtmlServiceApi {
  createHtmlOutputFromFile(filename: string): HtmlOutput;
  createHtmlOutput(html: string): HtmlOutput;
}

export interface ScriptAppApi {
  getIdentityToken(): string;
}

export interface SessionApi {
  getActiveUserLocale(): string;
  getEffectiveUser(): { getEmail(): string };
}

export interface UtilitiesApi {
  formatDate(date: Date, timeZone: string, format: string): string;
  sleep(milliseconds: number): void;
}

/** An `onOpen` / `onInstall` event; `authMode` tells what the script may touch. */
export interface OpenEvent {
  authMode?: unknown;
}
