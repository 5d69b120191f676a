import { t } from '../../shared/core/i18n/translate';
import type { RowChange, SheetRow } from '../../shared/core/sync-client/index';
import type { Dropdown } from '../../shared/core/sync-client/dropdowns';
import { applyDropdowns, openCustomersSheet } from './customers-sheet';
import { firstDataRow, paintNotedCells, rowOf, sheetPort } from './sheet-port';
import { saveServerUrl, settings, signInToken, type AddonSettings } from './settings';
import { userLocale } from './user-locale';

// What the sidebar calls through google.script.run. Arguments and answers cross Apps Script's
// copying, so they are plain JSON: no Dates, no functions, no class instances.

/** Every data row of the customers sheet, hidden columns included. */
export function getSheetRows(): SheetRow[] {
  return sheetPort(openCustomersSheet()).readRows();
}

/** Applies the sidebar's changes in one write; row numbers are those of the last read. */
export function writeSheetRows(changes: RowChange[]): void {
  sheetPort(openCustomersSheet()).writeRows(changes);
}

/** The data row under the cursor, or null on the header, past the data or on another sheet. */
export function getSelection(): SheetRow | null {
  const layout = openCustomersSheet();
  const { sheet } = layout;
  const active = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  if (active.getName() !== sheet.getName()) return null;
  const range = sheet.getActiveRange();
  if (range === null) return null;
  const row = range.getRow();
  if (row < firstDataRow || row > sheet.getLastRow()) return null;
  const line = sheet.getRange(row, 1, 1, layout.width).getValues()[0] ?? [];
  const timeZone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return rowOf(layout, line, row, timeZone);
}

/** Puts a dropdown of these labels on each named column. */
export function setDropdowns(dropdowns: Dropdown[]): void {
  applyDropdowns(openCustomersSheet(), dropdowns);
}

/** A cell to mark with its message as a note and a fill; `''` clears the mark. */
export interface CellMark {
  row: number;
  field: string;
  message: string;
}

/**
 * Marks cells invalid: their messages as notes and a light red fill (one read and one write of
 * each); an empty message clears both.
 */
export function markInvalid(marks: CellMark[]): void {
  const layout = openCustomersSheet();
  const placed = marks.flatMap((m) => {
    const column = layout.fields.get(m.field);
    return column === undefined || m.row < firstDataRow ? [] : [{ ...m, column }];
  });
  if (placed.length === 0) return;
  const top = Math.min(...placed.map((m) => m.row));
  const left = Math.min(...placed.map((m) => m.column));
  const range = layout.sheet.getRange(
    top,
    left,
    Math.max(...placed.map((m) => m.row)) - top + 1,
    Math.max(...placed.map((m) => m.column)) - left + 1,
  );
  const notes = range.getNotes();
  for (const m of placed) {
    const line = notes[m.row - top];
    if (line !== undefined) line[m.column - left] = m.message;
  }
  range.setNotes(notes);
  paintNotedCells(range, notes);
}

/** The sign-in token for the sidebar's own calls to the server. */
export function getIdentityToken(): string {
  return signInToken();
}

export function getSettings(): AddonSettings {
  return settings();
}

/** The admin sets the server address for this document; answers the settings after. */
export function setServerUrl(url: string): AddonSettings {
  saveServerUrl(String(url));
  SpreadsheetApp.getActiveSpreadsheet().toast(
    t('sheets.serverUrl.saved', userLocale(), { url: String(url).trim() }),
  );
  return settings();
}
