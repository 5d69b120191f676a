import { fail, ok, type Result } from '../result';
import { isCalendarDate } from './calendar-date';
import type { ErrorCode } from './field-error';
import { toHalfWidth } from './to-half-width';

interface DateParts {
  year: string;
  month: string;
  day: string;
}

// The spellings Sheets, Excel and Chinese users produce for the same day.
const DATE_SHAPES = [
  /^(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})$/,
  /^(?<year>\d{4})\/(?<month>\d{1,2})\/(?<day>\d{1,2})$/,
  /^(?<year>\d{4})\.(?<month>\d{1,2})\.(?<day>\d{1,2})$/,
  /^(?<year>\d{4})\s*年\s*(?<month>\d{1,2})\s*月\s*(?<day>\d{1,2})\s*[日号]$/,
] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME =
  /^(?<date>.+?)(?:\s*T\s*|\s+|(?<=[日号]))(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?$/;

/**
 * Parses a calendar date written as YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日 (full-width
 * digits too) and returns it as zero-padded `YYYY-MM-DD`.
 * @example parseDate('2024年5月1日') // { ok: true, value: '2024-05-01' }
 */
export function parseDate(input: string): Result<string, ErrorCode> {
  // Already in the stored form, as most rows of a push are: nothing to reshape.
  if (ISO_DATE.test(input) && isRealDate(isoParts(input))) return ok(input);
  const parts = dateParts(toHalfWidth(input).trim());
  if (parts === undefined) return fail('date.format');
  return isRealDate(parts) ? ok(formatDate(parts)) : fail('date.invalid', { value: input.trim() });
}

/**
 * Parses a date and time, `YYYY-MM-DD HH:MM:SS` or any accepted date shape followed by H:MM
 * or H:MM:SS, and returns it as `YYYY-MM-DD HH:MM:SS`.
 * @example parseDateTime('2024/5/1 9:05') // { ok: true, value: '2024-05-01 09:05:00' }
 */
export function parseDateTime(input: string): Result<string, ErrorCode> {
  const match = DATE_TIME.exec(toHalfWidth(input).trim())?.groups;
  const parts = match?.date === undefined ? undefined : dateParts(match.date.trim());
  if (match === undefined || parts === undefined) return fail('dateTime.format');
  const hour = Number(match.hour);
  const minute = Number(match.minute);
  const second = Number(match.second ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return fail('dateTime.format');
  if (!isRealDate(parts)) return fail('date.invalid', { value: input.trim() });
  return ok(`${formatDate(parts)} ${pad2(hour)}:${pad2(minute)}:${pad2(second)}`);
}

function dateParts(text: string): DateParts | undefined {
  for (const shape of DATE_SHAPES) {
    const groups = shape.exec(text)?.groups;
    const { year, month, day } = groups ?? {};
    if (year !== undefined && month !== undefined && day !== undefined) return { year, month, day };
  }
  return undefined;
}

function isoParts(date: string): DateParts {
  return { year: date.slice(0, 4), month: date.slice(5, 7), day: date.slice(8, 10) };
}

function isRealDate({ year, month, day }: DateParts): boolean {
  return isCalendarDate(Number(year), Number(month), Number(day));
}

function formatDate({ year, month, day }: DateParts): string {
  return `${year}-${pad2(Number(month))}-${pad2(Number(day))}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
