import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDateTime } from './china-time';

describe('China time', () => {
  it('shows moments at UTC+8 and counts the day from Beijing midnight', () => {
    expect(chinaDateTime(new Date('2024-05-01T02:00:00Z'))).toBe('2024-05-01 10:00:00');
    expect(chinaDate(new Date('2024-04-30T15:59:59Z'))).toEqual({ year: 2024, month: 4, day: 30 });
    expect(chinaDate(new Date('2024-04-30T16:00:00Z'))).toEqual({ year: 2024, month: 5, day: 1 });
  });
});
