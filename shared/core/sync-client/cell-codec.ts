import { customerField, customerFields } from '../fields/customer-fields';
import { customerStatuses } from '../fields/options';
import type { Locale } from '../i18n/locale';
import { locales } from '../i18n/locale';
import { messages } from '../i18n/messages';
import { isMessageKey } from '../i18n/translate';
import { childrenOf, provinces, regionByCode, regionPath } from '../region/regions';
import { isFormulaLike } from '../sheet-safety/is-formula-like';
import type { CellValue } from './index';

/** Columns the server fills: shown, never pushed. */
export const readOnlyColumns: readonly string[] = ['status'];

/** Fields a push may only set on a new record (the server keeps them afterwards). */
export const createOnlyFields: readonly string[] = ['kind'];

// Attachments are files: the sidebar handles them, a cell cannot hold them.
const columns = [...customerFields.map((f) => f.key).filter((k) => k !== 'attachments'), 'status'];

/**
 * The customer fields the sheet shows, in column order (the header row carries their labels).
 * @example sheetColumns()[0] // 'name'
 */
export function sheetColumns(): readonly string[] {
  return columns;
}

/**
 * The option codes of a field shown as a dropdown, or undefined for free text.
 * @example columnOptions('kind') // ['enterprise', 'individual']
 */
export function columnOptions(field: string): readonly string[] | undefined {
  return field === 'status' ? customerStatuses : customerField(field)?.options;
}

/**
 * The label of an option in a language; an unknown code is shown as it is.
 * @example optionLabel('stage', 'prospect', 'zh-CN') // '潜在客户'
 */
export function optionLabel(field: string, code: string, locale: Locale): string {
  const key = `option.${field}.${code}`;
  return isMessageKey(key) ? messages[key][locale] : code;
}

const listJoin: Record<Locale, string> = { 'zh-CN': '、', en: ', ' };

/**
 * A value as the server holds it (codes, lists, numbers) shown as a cell in a language.
 * Formula-like text is not neutralised here: the engine does that as it writes.
 * @example displayValue('sources', ['tradeShow', 'referral'], 'zh-CN') // '展会推荐、客户转介绍'
 */
export function displayValue(field: string, value: unknown, locale: Locale): CellValue {
  if (value === undefined || value === null) return '';
  const def = customerField(field);
  const options = columnOptions(field);
  if (Array.isArray(value)) {
    const shown = value.map((v) =>
      options !== undefined && typeof v === 'string' ? optionLabel(field, v, locale) : String(v),
    );
    return shown.join(listJoin[locale]);
  }
  if (typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value !== 'string') return JSON.stringify(value);
  if (options !== undefined) return optionLabel(field, value, locale);
  if (def?.type === 'region') {
    const path = regionPath(value);
    return path === undefined
      ? value
      : `${path.province.name}/${path.city.name}/${path.district.name}`;
  }
  return value;
}

/**
 * A cell as the server takes it: option labels (either language) back to codes, lists split,
 * region names to their code; blank is null. A neutralised formula (`'=1+1`) loses its quote.
 * @example wireValue('stage', '潜在客户', 'zh-CN') // 'prospect'
 */
export function wireValue(field: string, cell: CellValue, _locale: Locale): unknown {
  if (typeof cell === 'number' || typeof cell === 'boolean') return cell;
  let text = cell.trim();
  if (text.startsWith("'") && isFormulaLike(text.slice(1))) text = text.slice(1);
  if (text === '') return null;
  const def = customerField(field);
  const options = columnOptions(field);
  if (def?.type === 'multi' || def?.type === 'tags') {
    const items = splitCell(text);
    return options === undefined ? items : items.map((item) => optionCode(field, item));
  }
  if (options !== undefined) return optionCode(field, text);
  if (def?.type === 'region') return regionCode(text) ?? text;
  return text;
}

/**
 * Whether two server-side values are the same for syncing: blanks (null, '', []) are equal,
 * lists compare item by item, numbers and their text compare as numbers.
 * @example sameValue(null, []) // true
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const blankA = isBlankValue(a);
  const blankB = isBlankValue(b);
  if (blankA || blankB) return blankA && blankB;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

function isBlankValue(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0)
  );
}

// The same separators the server's list fields accept.
function splitCell(text: string): string[] {
  return text
    .split(/[,，;；、\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const codeByLabel = new Map<string, string>();
for (const field of columns) {
  for (const code of columnOptions(field) ?? []) {
    for (const locale of locales) {
      codeByLabel.set(`${field}\u0000${optionLabel(field, code, locale).toLowerCase()}`, code);
    }
    codeByLabel.set(`${field}\u0000${code.toLowerCase()}`, code);
  }
}

function optionCode(field: string, text: string): string {
  return codeByLabel.get(`${field}\u0000${text.toLowerCase()}`) ?? text;
}

// Pulls and diffs of 10,000 rows look the same few regions up again and again.
const regionMemo = new Map<string, string | undefined>();

// `310115`, or the names the sheet shows: 上海市/上海市/浦东新区.
function regionCode(text: string): string | undefined {
  if (regionMemo.has(text)) return regionMemo.get(text);
  const found = findRegionCode(text);
  if (regionMemo.size > 5000) regionMemo.clear();
  regionMemo.set(text, found);
  return found;
}

function findRegionCode(text: string): string | undefined {
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (code !== undefined) return regionByCode(code) === undefined ? undefined : code;
  const names = text.split(/[/\s]+/).filter((s) => s !== '');
  if (names.length !== 3) return undefined;
  const [p, c, d] = names;
  const province = provinces().find((r) => r.name === p);
  const city = province && childrenOf(province.code).find((r) => r.name === c);
  return city && childrenOf(city.code).find((r) => r.name === d)?.code;
}
