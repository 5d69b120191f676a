const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Whether year, month (1–12) and day name a real day of the proleptic Gregorian calendar.
 * @example isCalendarDate(2024, 2, 29) // true
 */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  // Computed rather than via Date: Date.UTC reads years 0–99 as 1900–1999.
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  const days = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/**
 * Whether a year has a 29 February.
 * @example isLeapYear(1900) // false
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
