import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { parseDate, parseDateTime } from './date';

describe('parseDate', () => {
  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024-5-1', '2024-05-01'],
    ['2024/5/1', '2024-05-01'],
    ['2024/05/01', '2024-05-01'],
    ['2024.5.1', '2024-05-01'],
    ['2024年5月1日', '2024-05-01'],
    ['2024 年 5 月 1 日', '2024-05-01'],
    ['2024年12月31号', '2024-12-31'],
    ['２０２４年１０月１日', '2024-10-01'],
    ['２０２４－０５－０１', '2024-05-01'],
    ['  2024-05-01  ', '2024-05-01'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseDate(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2024-02-30'],
    ['2023-02-29'],
    ['1900-02-29'],
    ['2024-04-31'],
    ['2024-13-01'],
    ['2024-00-10'],
    ['2024/6/0'],
    ['2024年2月30日'],
  ])('rejects %j as not a real date, quoting it', (input) => {
    expect(parseDate(input)).toEqual({ ok: false, code: 'date.invalid', params: { value: input } });
  });

  it.each([
    ['', 'empty'],
    ['20240501', 'no separators'],
    ['24-05-01', 'a two-digit year'],
    ['01/05/2024', 'day first'],
    ['2024-05/01', 'mixed separators'],
    ['2024-005-01', 'a three-digit month'],
    ['2024年5月', 'no day'],
    ['2024-05-01 10:00:00', 'a time'],
    ['May 1, 2024', 'English words'],
    ['45413', 'an Excel serial number'],
  ])('rejects %j as the wrong shape (%s)', (input) => {
    expect(parseDate(input)).toEqual({ ok: false, code: 'date.format' });
  });
});

describe('parseDateTime', () => {
  it.each([
    ['2024-05-01 10:30:00', '2024-05-01 10:30:00'],
    ['2024-05-01 00:00:00', '2024-05-01 00:00:00'],
    ['2024-05-01 23:59:59', '2024-05-01 23:59:59'],
    ['2024/5/1 9:05', '2024-05-01 09:05:00'],
    ['2024/5/1 9:05:07', '2024-05-01 09:05:07'],
    ['2024-05-01T10:30:00', '2024-05-01 10:30:00'],
    ['2024年5月1日 14:00', '2024-05-01 14:00:00'],
    ['2024年5月1日14:00', '2024-05-01 14:00:00'],
    ['２０２４－０５－０１　１０：３０：００', '2024-05-01 10:30:00'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseDateTime(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['2024-05-01', 'no time'],
    ['10:30:00', 'no date'],
    ['2024-05-01 24:00:00', 'hour 24'],
    ['2024-05-01 10:60:00', 'minute 60'],
    ['2024-05-01 10:30:60', 'second 60'],
    ['2024-05-01 10', 'an hour alone'],
    ['2024-05-01T10:30:00Z', 'a time zone'],
    ['2024-05-01 10:30:00.123', 'milliseconds'],
    ['2024-05-01 上午10:30', 'a Chinese half-day marker'],
  ])('rejects %j (%s)', (input) => {
    expect(parseDateTime(input)).toEqual({ ok: false, code: 'dateTime.format' });
  });

  it('quotes an impossible day', () => {
    expect(parseDateTime('2023-02-29 10:00:00')).toEqual({
      ok: false,
      code: 'date.invalid',
      params: { value: '2023-02-29 10:00:00' },
    });
  });
});

const pad2 = (n: number): string => String(n).padStart(2, '0');
const fullWidth = (s: string): string =>
  s.replace(/[0-9\-/.]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const shapes: ((y: number, m: number, d: number) => string)[] = [
  (y, m, d) => `${y}-${pad2(m)}-${pad2(d)}`,
  (y, m, d) => `${y}-${m}-${d}`,
  (y, m, d) => `${y}/${m}/${d}`,
  (y, m, d) => `${y}/${pad2(m)}/${pad2(d)}`,
  (y, m, d) => `${y}.${m}.${d}`,
  (y, m, d) => `${y}年${m}月${d}日`,
  (y, m, d) => fullWidth(`${y}-${pad2(m)}-${pad2(d)}`),
  (y, m, d) => fullWidth(`${y}年${m}月${d}日`),
];

describe('parseDate properties', () => {
  it('every accepted spelling of a real date parses back to the same YYYY-MM-DD', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(1000, 0, 1)),
          max: new Date(Date.UTC(9999, 11, 31)),
          noInvalidDate: true,
        }),
        fc.constantFrom(...shapes),
        (date, shape) => {
          const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
          const expected = `${y}-${pad2(m)}-${pad2(d)}`;
          expect(parseDate(shape(y, m, d))).toEqual({ ok: true, value: expected });
          expect(parseDate(expected)).toEqual({ ok: true, value: expected });
        },
      ),
    );
  });

  it('answers YYYY-MM-DD, real day or not, as the general path does', () => {
    // A leading space is trimmed, so it sends the same date down the general path.
    fc.assert(
      fc.property(fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/), (date) => {
        expect(parseDate(date)).toEqual(parseDate(` ${date}`));
      }),
    );
  });
});
