import { customerField } from '../core/fields/customer-fields';
import type { Locale } from '../core/i18n/locale';
import { defaultDropdowns, type Dropdown } from '../core/sync-client/dropdowns';

/**
 * The dropdowns the sidebar sets on the customers sheet in a language: every single-choice
 * column, with the labels its cells show. Multi-choice columns hold several labels in one
 * cell, which a dropdown would refuse, so they get none; read-only columns neither.
 * @example sheetDropdowns('zh-CN').find((d) => d.field === 'stage')?.options[0] // '潜在客户'
 */
export function sheetDropdowns(locale: Locale): Dropdown[] {
  return defaultDropdowns(locale).filter((d) => customerField(d.field)?.type === 'single');
}
