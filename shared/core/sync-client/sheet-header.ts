import { locales, type Locale } from '../i18n/locale';
import { fieldLabel, t } from '../i18n/translate';
import { sheetColumns } from './cell-codec';

/**
 * The fill both add-ins give a cell whose value the server or the sidebar refused (light red);
 * its message goes beside it (a note in Sheets, the sidebar in Excel).
 */
export const invalidCellFill = '#fde2e1';

/** The hidden columns of a customers sheet, after the field columns, in this order. */
export const metaColumns = ['recordId', 'checkpoint', 'state'] as const;
export type MetaColumn = (typeof metaColumns)[number];

const metaLabel = {
  recordId: 'sheets.column.recordId',
  checkpoint: 'sheets.column.checkpoint',
  state: 'sheets.column.state',
} as const;

/** Where each field and hidden column is in a header row. Columns count from 0. */
export interface HeaderLayout {
  /** The language of the header, which is also the language of the sheet's option labels. */
  locale: Locale;
  fields: Map<string, number>;
  meta: Record<MetaColumn, number>;
  width: number;
}

// A label in either language names the same column: a sheet made by a Chinese-speaking admin
// keeps working for an English-speaking user.
const columnByLabel = new Map<string, { key: string; locale: Locale }>();
for (const locale of locales) {
  for (const key of sheetColumns()) columnByLabel.set(fieldLabel(key, locale), { key, locale });
  for (const key of metaColumns) columnByLabel.set(t(metaLabel[key], locale), { key, locale });
}

/**
 * The header row of a new customers sheet: field labels, then the hidden columns.
 * @example headerLabels('zh-CN')[0] // '客户名称'
 */
export function headerLabels(locale: Locale): string[] {
  return [
    ...sheetColumns().map((k) => fieldLabel(k, locale)),
    ...metaColumns.map((k) => t(metaLabel[k], locale)),
  ];
}

/**
 * Reads a header row of either add-in; undefined when a hidden column is missing (not our sheet).
 * @example readHeader(headerLabels('en'))?.locale // 'en'
 */
export function readHeader(header: readonly unknown[]): HeaderLayout | undefined {
  const fields = new Map<string, number>();
  const meta: Partial<Record<MetaColumn, number>> = {};
  const votes: Record<Locale, number> = { 'zh-CN': 0, en: 0 };
  header.forEach((cell, i) => {
    const found = columnByLabel.get(String(cell).trim());
    if (found === undefined) return;
    votes[found.locale] += 1;
    if ((metaColumns as readonly string[]).includes(found.key)) meta[found.key as MetaColumn] = i;
    else if (!fields.has(found.key)) fields.set(found.key, i);
  });
  if (meta.recordId === undefined || meta.checkpoint === undefined || meta.state === undefined) {
    return undefined;
  }
  return {
    locale: votes.en > votes['zh-CN'] ? 'en' : 'zh-CN',
    fields,
    meta: meta as Record<MetaColumn, number>,
    width: header.length,
  };
}
