import { customerField } from '../../shared/core/fields/customer-fields';
import { locales, type Locale } from '../../shared/core/i18n/locale';
import { t } from '../../shared/core/i18n/translate';
import { sheetColumns } from '../../shared/core/sync-client/cell-codec';
import {
  defaultDropdowns,
  dropdownRefusesOthers,
  type Dropdown,
} from '../../shared/core/sync-client/dropdowns';
import {
  headerLabels,
  metaColumns,
  readHeader,
  type MetaColumn,
} from '../../shared/core/sync-client/sheet-header';
import type { Sheet, SheetValue } from './apps-script-api';
import { userLocale } from './user-locale';

/** Where each field and hidden column is, read from the header row. Columns count from 1. */
export interface SheetLayout {
  sheet: Sheet;
  /** The language of the header, which is also the language of the sheet's option labels. */
  locale: Locale;
  fields: Map<string, number>;
  meta: Record<MetaColumn, number>;
  width: number;
}

/**
 * Reads the layout from a header row; undefined when a hidden column is missing (not our sheet).
 * @example layoutFromHeader(sheet, ['客户名称', …, '同步状态（系统）'])?.locale // 'zh-CN'
 */
export function layoutFromHeader(
  sheet: Sheet,
  header: readonly SheetValue[],
): SheetLayout | undefined {
  const read = readHeader(header);
  if (read === undefined) return undefined;
  const meta = Object.fromEntries(metaColumns.map((m) => [m, read.meta[m] + 1]));
  return {
    ...read,
    sheet,
    fields: new Map([...read.fields].map(([key, i]) => [key, i + 1])),
    meta: meta as Record<MetaColumn, number>,
  };
}

/** The customers sheet of the open spreadsheet, made (header, hidden columns, dropdowns) if missing. */
export function openCustomersSheet(): SheetLayout {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  for (const locale of locales) {
    const sheet = spreadsheet.getSheetByName(t('sheets.sheetName', locale));
    if (sheet === null) continue;
    const width = sheet.getLastColumn();
    if (width === 0) return setUpSheet(sheet, userLocale());
    const layout = layoutFromHeader(sheet, sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
    if (layout !== undefined) return layout;
  }
  const locale = userLocale();
  return setUpSheet(spreadsheet.insertSheet(t('sheets.sheetName', locale)), locale);
}

function setUpSheet(sheet: Sheet, locale: Locale): SheetLayout {
  const header = headerLabels(locale);
  if (sheet.getMaxColumns() < header.length) {
    sheet.insertColumnsAfter(sheet.getMaxColumns(), header.length - sheet.getMaxColumns());
  }
  sheet.getRange(1, 1, 1, header.length).setValues([header]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  const layout = layoutFromHeader(sheet, header) as SheetLayout;
  const rows = sheet.getMaxRows() - 1;
  // Plain text, so a mobile keeps its digits, a date stays YYYY-MM-DD and a code its zeros.
  sheet.getRange(2, 1, rows, header.length).setNumberFormat('@');
  for (const key of sheetColumns()) {
    const column = layout.fields.get(key) as number;
    if (customerField(key)?.type === 'boolean') {
      sheet
        .getRange(2, column, rows, 1)
        .setNumberFormat('General')
        .setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
    } else if (key === 'totalAmount') {
      sheet.getRange(2, column, rows, 1).setNumberFormat('#,##0.00');
    }
  }
  applyDropdowns(layout, defaultDropdowns(locale));
  sheet.hideColumns(layout.meta.recordId, metaColumns.length);
  return layout;
}

/** Puts a dropdown on each named column, for every data row the sheet has. */
export function applyDropdowns(layout: SheetLayout, dropdowns: readonly Dropdown[]): void {
  const rows = Math.max(1, layout.sheet.getMaxRows() - 1);
  for (const { field, options } of dropdowns) {
    const column = layout.fields.get(field);
    if (column === undefined || options.length === 0) continue;
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList([...options], true)
      .setAllowInvalid(!dropdownRefusesOthers(field))
      .build();
    layout.sheet.getRange(2, column, rows, 1).setDataValidation(rule);
  }
}
