import { customerField } from '../core/fields/customer-fields';
import type { Locale } from '../core/i18n/locale';
import {
  columnOptions,
  optionLabel,
  readOnlyColumns,
  sheetColumns,
} from '../core/sync-client/cell-codec';
import type { Dropdown } from './host';

/**
 * The dropdowns of the customers sheet in a language: every single-choice column, with the
 * labels its cells show. Multi-choice columns hold several labels in one cell, which a
 * dropdown would refuse, so they get none; read-only columns neither.
 * @example sheetDropdowns('zh-CN').find((d) => d.field === 'stage')?.options[0] // '潜在客户'
 */
export function sheetDropdowns(locale: Locale): Dropdown[] {
  return sheetColumns()
    .filter((field) => !readOnlyColumns.includes(field))
    .filter((field) => customerField(field)?.type === 'single')
    .flatMap((field) => {
      const options = columnOptions(field);
      return options === undefined
        ? []
        : [{ field, options: options.map((code) => optionLabel(field, code, locale)) }];
    });
}
