import type { FormTemplate } from '../../core/forms/form-template';
import type { Locale } from '../../core/i18n/locale';
import type { CellValue, SheetRow } from '../../core/sync-client/index';
import { displayValue, sheetColumns, wireValue } from '../../core/sync-client/cell-codec';
import type { FormValue, FormValues } from '../components/form-value';

/**
 * The form values of a sheet row, for the template's fields: option labels back to codes,
 * region names to their code, lists split. Blank cells are left out.
 * @example valuesFromRow(row, enterpriseTemplate, 'zh-CN').stage // 'prospect' for a 潜在客户 cell
 */
export function valuesFromRow(row: SheetRow, template: FormTemplate, locale: Locale): FormValues {
  const values: Record<string, FormValue> = {};
  for (const { key } of template.fields) {
    const cell = row.cells[key];
    if (cell === undefined) continue;
    const wire = wireValue(key, cell, locale);
    if (wire === null || wire === undefined) continue;
    if (Array.isArray(wire)) values[key] = wire.map((item) => String(item as string));
    else if (typeof wire === 'boolean') values[key] = wire;
    else if (typeof wire === 'string' || typeof wire === 'number') values[key] = String(wire);
  }
  return values;
}

/**
 * The cells that show form values in a row: the template's fields the sheet has a column for,
 * blanks as `''` so a cleared field clears its cell.
 * @example cellsFromValues({ stage: 'prospect' }, enterpriseTemplate, 'zh-CN').stage // '潜在客户'
 */
export function cellsFromValues(
  values: FormValues,
  template: FormTemplate,
  locale: Locale,
): Record<string, CellValue> {
  const columns = new Set(sheetColumns());
  const cells: Record<string, CellValue> = {};
  for (const { key } of template.fields) {
    if (!columns.has(key)) continue;
    const value = values[key];
    const blank =
      value === undefined ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.length === 0);
    cells[key] = blank ? '' : displayValue(key, value, locale);
  }
  return cells;
}

/**
 * The template a row was entered with, judged by its customer kind cell.
 * @example templateForRow(row, templates)?.id // 'individual-domestic' for a 个人 row
 */
export function templateForRow(
  row: SheetRow,
  templates: readonly FormTemplate[],
  locale: Locale,
): FormTemplate | undefined {
  const kind = wireValue('kind', row.cells['kind'] ?? '', locale);
  const wanted = kind === 'individual' ? 'individual' : 'enterprise';
  return (
    templates.find((tpl) => tpl.customerKind === wanted && tpl.market === 'domestic') ??
    templates.find((tpl) => tpl.customerKind === wanted) ??
    templates[0]
  );
}

/**
 * The record status a row shows, as a code, or undefined for a row the server has not seen.
 * @example rowStatus(row, 'zh-CN') // 'pending' for a 待审核 cell
 */
export function rowStatus(row: SheetRow, locale: Locale): string | undefined {
  const wire = wireValue('status', row.cells['status'] ?? '', locale);
  return typeof wire === 'string' ? wire : undefined;
}
