import { z } from 'zod';
import { normaliseText } from '../normalise/normalise-text';
import { regionPath } from '../region/regions';
import { fail, ok } from '../result';
import { validateTag } from '../tags/tag-rules';
import { parseDate, parseDateTime } from '../validation/date';
import { zodFromParser } from './zod-from-parser';

/**
 * Building blocks for field schemas. Text is normalised (NFKC, trimmed, inner spaces collapsed)
 * before its length is checked, so what is stored is what is compared.
 */

/**
 * A single-line text field of at most `max` characters after normalisation.
 * @example textField(10).parse(' 上海  华信 ') // '上海 华信'
 */
export function textField(max: number) {
  return z.string().transform(normaliseText).pipe(storedText(max));
}

// C0 control characters other than tab and line breaks, and DEL: never meant in a cell (a NUL
// cannot even be stored by PostgreSQL), so refused with a message rather than kept or dropped.
/**
 * Whether text holds a C0 control character other than tab and line breaks, or DEL.
 * @example hasControlCharacter('上海\u0000华信') // true
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f)
      return true;
  }
  return false;
}

// Half of a surrogate pair, e.g. an emoji cut in two by a cell trimmed to a fixed length: not a
// character at all, and stored JSON holding one is refused by PostgreSQL's JSON functions.
// Note: a loop rather than String.prototype.isWellFormed, which Apps Script's V8 may lack.
/**
 * Whether text holds half of a UTF-16 surrogate pair without its other half.
 * @example hasLoneSurrogate('机器人\uD83D') // true
 */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return true;
    i += 1;
  }
  return false;
}

/**
 * The text without the control characters `hasControlCharacter` finds and the lone surrogates
 * `hasLoneSurrogate` finds.
 * @example withoutRefusedCharacters('备\u0001注\uD83D') // '备注'
 */
export function withoutRefusedCharacters(text: string): string {
  let out = '';
  // A string's iterator yields a pair as one character and a lone surrogate on its own.
  for (const ch of text) if (!hasControlCharacter(ch) && !hasLoneSurrogate(ch)) out += ch;
  return out;
}

const visible = [
  (text: string) => !hasControlCharacter(text),
  { message: 'text.control', params: { code: 'text.control' } },
] as const;

const wellFormed = [
  (text: string) => !hasLoneSurrogate(text),
  { message: 'text.brokenCharacter', params: { code: 'text.brokenCharacter' } },
] as const;

/**
 * A long text field: keeps line breaks, trims the ends, at most `max` characters.
 * @example longTextField(2000).parse(' 需要采购10台工业机器人 ') // '需要采购10台工业机器人'
 */
export function longTextField(max: number) {
  return z
    .string()
    .transform((s) => s.normalize('NFKC').trim())
    .pipe(storedText(max));
}

/** Text as stored once normalised: 1 to `max` characters, nothing invisible or broken. */
function storedText(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .refine(...visible)
    .refine(...wellFormed);
}

/** A calendar date, normalised to `YYYY-MM-DD`. */
export const dateField = zodFromParser(parseDate);

/** A date and time, normalised to `YYYY-MM-DD HH:MM:SS`. */
export const dateTimeField = zodFromParser(parseDateTime);

/** A district code of the three-level region cascade (GB/T 2260). */
export const regionField = zodFromParser((input) => {
  const code = normaliseText(input);
  if (regionPath(code) !== undefined) return ok(code);
  if (/^\d{6}$/.test(code) && code.endsWith('00')) return fail('region.incomplete');
  return fail('region.unknown', { value: input });
});

/** A governed tag of the form `维度-值`. */
export const tagField = zodFromParser(validateTag);

/**
 * An amount in yuan with at most two decimals; spreadsheets may send it as a string.
 * @example amountField.parse('12,345.50') // 12345.5
 */
export const amountField = z
  .union([z.number(), z.string()])
  .transform((v, ctx) => {
    const n = typeof v === 'number' ? v : Number(normaliseText(v).replace(/[,，¥￥元\s]/g, ''));
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: 'number', params: { code: 'number' } });
      return z.NEVER;
    }
    return Math.round(n * 100) / 100;
  })
  .pipe(z.number().min(0));

/**
 * A yes/no flag; sheets send TRUE/FALSE, 是/否 or checkbox booleans.
 * @example booleanField.parse('是') // true
 */
export const booleanField = z.union([z.boolean(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'boolean') return v;
  const s = normaliseText(v).toLowerCase();
  if (['true', 'yes', 'y', '1', '是', '同意', '✓'].includes(s)) return true;
  if (['false', 'no', 'n', '0', '否', '不同意', ''].includes(s)) return false;
  ctx.addIssue({ code: 'custom', message: 'type', params: { code: 'type' } });
  return z.NEVER;
});

/**
 * One value from a fixed list of option codes.
 * @example optionField(['a', 'b']).parse('a') // 'a'
 */
export function optionField<const T extends readonly [string, ...string[]]>(options: T) {
  return z.enum(options);
}

/**
 * Several values from a list of option codes; a sheet cell may hold them comma-separated.
 * @example multiOptionField(['a', 'b']).parse('a, b') // ['a', 'b']
 */
export function multiOptionField<const T extends readonly [string, ...string[]]>(options: T) {
  return z
    .union([z.array(z.string()), z.string()])
    .transform((v) =>
      typeof v === 'string' ? splitList(v) : v.map((s) => s.trim()).filter((s) => s !== ''),
    )
    .pipe(z.array(optionField(options)).min(1));
}

/**
 * Splits a list typed into one cell on commas (half- and full-width), semicolons or line breaks.
 * @example splitList('区域-华东，来源-展会') // ['区域-华东', '来源-展会']
 */
export function splitList(cell: string): string[] {
  return cell
    .split(/[,，;；、\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
