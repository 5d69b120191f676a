import { fail, ok, type Result } from '../result';
import type { ErrorCode } from '../validation/field-error';
import { isCalendarDate } from '../validation/calendar-date';

/** The kinds of record that carry an ID of the form prefix + date + serial (SPEC 2). */
export const recordKinds = ['customer', 'followUp', 'serviceRequest', 'survey'] as const;

export type RecordKind = (typeof recordKinds)[number];

/** The calendar day a record was created on; month and day count from 1. */
export interface RecordDate {
  year: number;
  month: number;
  day: number;
}

/** What a record ID is made of; `day` only for customers, whose serials run per day. */
export interface RecordIdParts {
  kind: RecordKind;
  prefix: string;
  year: number;
  month: number;
  day?: number;
  serial: number;
}

const prefixes: Readonly<Record<RecordKind, string>> = {
  customer: 'CUS',
  followUp: 'FOL',
  serviceRequest: 'DEM',
  survey: 'SAT',
};

// Customers are numbered per day (CUS202405010001), the related records per month
// (FOL2024050001). Serials have four digits; the 10,000th record of a period gets five
// (CUS2024050110000) rather than being refused, since a bulk import may exceed 9,999 customers
// in a day. IDs stay unique, never wrap, and a longer serial never collides with a shorter one.
const daily: Readonly<Record<RecordKind, boolean>> = {
  customer: true,
  followUp: false,
  serviceRequest: false,
  survey: false,
};

const SERIAL_DIGITS = 4;

/**
 * The shape of a customer ID, for schemas: `CUS`, the date and a serial of four digits, or
 * more from the 10,000th of a day. The date itself is checked by `parseRecordId`.
 * @example customerIdPattern.test('CUS2024050110000') // true
 */
export const customerIdPattern = /^CUS\d{8}(?:\d{4}|[1-9]\d{4,})$/;
// No record of this system, nor any it imports, was created before 1900.
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

/**
 * The three-letter prefix of a kind's IDs.
 * @example recordIdPrefix('serviceRequest') // 'DEM'
 */
export function recordIdPrefix(kind: RecordKind): string {
  return prefixes[kind];
}

/**
 * The date part of an ID, which is also the period within which the server counts serials:
 * `YYYYMMDD` for customers, `YYYYMM` for the others. Throws a RangeError for a date that does
 * not exist, which is a programming error.
 * @example recordIdPeriod('followUp', { year: 2024, month: 5, day: 1 }) // '202405'
 */
export function recordIdPeriod(kind: RecordKind, date: RecordDate): string {
  const { year, month, day } = date;
  if (!isRecordDate(year, month, day)) {
    throw new RangeError(
      `recordIdPeriod: ${year}-${month}-${day} is not a date from ${MIN_YEAR} to ${MAX_YEAR}`,
    );
  }
  const yearMonth = `${year}${pad(month, 2)}`;
  return daily[kind] ? `${yearMonth}${pad(day, 2)}` : yearMonth;
}

/**
 * Builds a record ID. Throws a RangeError for a serial below 1 or a date that does not
 * exist: the server picks both, so either is a programming error, not a user's.
 * @example formatRecordId('customer', { year: 2024, month: 5, day: 1 }, 1) // 'CUS202405010001'
 */
export function formatRecordId(kind: RecordKind, date: RecordDate, serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1) {
    throw new RangeError(`formatRecordId: serial ${serial} is not a whole number from 1`);
  }
  return `${prefixes[kind]}${recordIdPeriod(kind, date)}${pad(serial, SERIAL_DIGITS)}`;
}

/**
 * Reads a record ID into its parts, checking that its date exists and its serial is not 0000.
 * Given a kind, IDs of other kinds are refused. IDs are matched exactly: no trimming and no
 * lower case, since they are never typed but copied from where the server wrote them.
 * @example parseRecordId('FOL2024050012') // { ok: true, value: { kind: 'followUp', prefix: 'FOL', year: 2024, month: 5, serial: 12 } }
 */
export function parseRecordId(
  id: string,
  expected?: RecordKind,
): Result<RecordIdParts, Extract<ErrorCode, 'recordId.format'>> {
  const kind = recordKinds.find((k) => id.startsWith(prefixes[k]));
  const wanted = expected ?? kind;
  const refuse = () =>
    fail('recordId.format', {
      value: id,
      prefix:
        wanted === undefined ? recordKinds.map((k) => prefixes[k]).join('/') : prefixes[wanted],
    });
  if (kind === undefined || (expected !== undefined && kind !== expected)) return refuse();

  const shape = daily[kind]
    ? /^[A-Z]{3}(\d{4})(\d{2})(\d{2})(\d{4}|[1-9]\d{4,})$/
    : /^[A-Z]{3}(\d{4})(\d{2})()(\d{4}|[1-9]\d{4,})$/;
  const [, yyyy = '', mm = '', dd = '', nnnn = ''] = shape.exec(id) ?? [];
  const [year, month, serial] = [Number(yyyy), Number(mm), Number(nnnn)];
  const day = daily[kind] ? Number(dd) : 1;
  if (yyyy === '' || serial < 1 || !isRecordDate(year, month, day)) return refuse();

  const parts = { kind, prefix: prefixes[kind], year, month, serial };
  return ok(daily[kind] ? { ...parts, day } : parts);
}

function isRecordDate(year: number, month: number, day: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR && isCalendarDate(year, month, day);
}

function pad(n: number, digits: number): string {
  return String(n).padStart(digits, '0');
}
