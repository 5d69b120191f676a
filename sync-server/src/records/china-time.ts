const chinaOffsetMs = 8 * 60 * 60 * 1000;

/**
 * A moment as records show it (SPEC 2.1): `YYYY-MM-DD HH:MM:SS` in China time (UTC+8, no DST).
 * @example chinaDateTime(new Date('2024-05-01T02:00:00Z')) // '2024-05-01 10:00:00'
 */
export function chinaDateTime(d: Date): string {
  return new Date(d.getTime() + chinaOffsetMs).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The calendar day of a moment in China time, which is the day customer IDs count in.
 * @example chinaDate(new Date('2024-04-30T16:00:00Z')) // { year: 2024, month: 5, day: 1 }
 */
export function chinaDate(d: Date): { year: number; month: number; day: number } {
  const china = new Date(d.getTime() + chinaOffsetMs);
  return { year: china.getUTCFullYear(), month: china.getUTCMonth() + 1, day: china.getUTCDate() };
}
