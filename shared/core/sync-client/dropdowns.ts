import type { Locale } from '../i18n/locale';
import { columnOptions, optionLabel, readOnlyColumns, sheetColumns } from './cell-codec';

/** One option list for a column's dropdown (data validation): the labels the cells show. */
export interface Dropdown {
  field: string;
  options: readonly string[];
}

/**
 * The dropdowns of the customers sheet's built-in option lists, in a language: every column
 * with options except the read-only ones.
 * @example defaultDropdowns('zh-CN').find((d) => d.field === 'stage')?.options[0] // '潜在客户'
 */
export function defaultDropdowns(locale: Locale): Dropdown[] {
  return sheetColumns().flatMap((field) => {
    const options = columnOptions(field);
    if (options === undefined || readOnlyColumns.includes(field)) return [];
    return [{ field, options: options.map((code) => optionLabel(field, code, locale)) }];
  });
}

// Fixed lists refuse other values; lists an admin may extend (industry, level) and lists of
// several choices (sources: 展会推荐、客户转介绍) only warn, and the server has the last word.
const fixedLists = new Set(['kind', 'stage', 'budget']);

/**
 * Whether a column's dropdown refuses values outside its list, or only warns.
 * @example dropdownRefusesOthers('stage') // true
 */
export function dropdownRefusesOthers(field: string): boolean {
  return fixedLists.has(field);
}
