import { describe, it, expect } from 'vitest';
import { isCalendarDate, isLeapYear } from './calendar-date';

describe('isLeapYear', () => {
  it('follows the Gregorian century rule', () => {
    expect([2024, 2000, 1600, 1904].map(isLeapYear)).toEqual([true, true, true, true]);
    expect([2023, 1900, 2100, 1800].map(isLeapYear)).toEqual([false, false, false, false]);
  });
});

describe('isCalendarDate', () => {
  it('accepts real days, including 29 February of leap years', () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(2000, 2, 29)).toBe(true);
    expect(isCalendarDate(1949, 10, 1)).toBe(true);
    expect(isCalendarDate(2023, 12, 31)).toBe(true);
    expect(isCalendarDate(50, 1, 1)).toBe(true);
  });

  it('rejects days that do not exist', () => {
    expect(isCalendarDate(2023, 2, 29)).toBe(false);
    expect(isCalendarDate(1900, 2, 29)).toBe(false);
    expect(isCalendarDate(2024, 2, 30)).toBe(false);
    expect(isCalendarDate(2024, 4, 31)).toBe(false);
    expect(isCalendarDate(2024, 13, 1)).toBe(false);
    expect(isCalendarDate(2024, 0, 10)).toBe(false);
    expect(isCalendarDate(2024, 1, 0)).toBe(false);
    expect(isCalendarDate(2024, 1.5, 1)).toBe(false);
  });
});
