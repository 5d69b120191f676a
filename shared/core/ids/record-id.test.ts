import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customerIdPattern,
  formatRecordId,
  parseRecordId,
  recordIdPeriod,
  recordIdPrefix,
  recordKinds,
  type RecordDate,
} from './record-id';

const may1st: RecordDate = { year: 2024, month: 5, day: 1 };

describe('formatRecordId', () => {
  it('numbers customers per day and related records per month', () => {
    expect(formatRecordId('customer', may1st, 1)).toBe('CUS202405010001');
    expect(formatRecordId('followUp', may1st, 1)).toBe('FOL2024050001');
    expect(formatRecordId('serviceRequest', { year: 2024, month: 12, day: 31 }, 256)).toBe(
      'DEM2024120256',
    );
    expect(formatRecordId('survey', may1st, 9999)).toBe('SAT2024059999');
  });

  it('gives the 10,000th record of a period a fifth digit instead of refusing it', () => {
    expect(formatRecordId('customer', may1st, 10000)).toBe('CUS2024050110000');
    expect(formatRecordId('followUp', may1st, 123456)).toBe('FOL202405123456');
    expect(parseRecordId('CUS2024050110000')).toMatchObject({ ok: true, value: { serial: 10000 } });
  });

  it('throws a RangeError for a serial that is not a whole number from 1', () => {
    for (const serial of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => formatRecordId('customer', may1st, serial), String(serial)).toThrow(RangeError);
    }
  });

  it('throws a RangeError for a date that does not exist', () => {
    expect(() => formatRecordId('customer', { year: 2023, month: 2, day: 29 }, 1)).toThrow(
      RangeError,
    );
    expect(() => formatRecordId('followUp', { year: 2024, month: 13, day: 1 }, 1)).toThrow(
      RangeError,
    );
    expect(() => formatRecordId('survey', { year: 1899, month: 12, day: 31 }, 1)).toThrow(
      RangeError,
    );
  });
});

describe('recordIdPrefix and recordIdPeriod', () => {
  it('give the prefix and the period serials are counted in', () => {
    expect(recordKinds.map(recordIdPrefix)).toEqual(['CUS', 'FOL', 'DEM', 'SAT']);
    expect(recordIdPeriod('customer', may1st)).toBe('20240501');
    expect(recordIdPeriod('followUp', may1st)).toBe('202405');
    expect(recordIdPeriod('customer', { year: 2024, month: 2, day: 29 })).toBe('20240229');
  });
});

describe('parseRecordId', () => {
  it('reads the parts of each kind', () => {
    expect(parseRecordId('CUS202405010001')).toEqual({
      ok: true,
      value: { kind: 'customer', prefix: 'CUS', year: 2024, month: 5, day: 1, serial: 1 },
    });
    expect(parseRecordId('FOL2024050012')).toEqual({
      ok: true,
      value: { kind: 'followUp', prefix: 'FOL', year: 2024, month: 5, serial: 12 },
    });
    expect(parseRecordId('SAT2023129999', 'survey').ok).toBe(true);
  });

  it('refuses unknown prefixes, naming every prefix it knows', () => {
    expect(parseRecordId('ABC202405010001')).toEqual({
      ok: false,
      code: 'recordId.format',
      params: { value: 'ABC202405010001', prefix: 'CUS/FOL/DEM/SAT' },
    });
    expect(parseRecordId('cus202405010001').ok).toBe(false);
  });

  it('refuses another kind than the one expected, naming the expected prefix', () => {
    expect(parseRecordId('FOL2024050012', 'customer')).toEqual({
      ok: false,
      code: 'recordId.format',
      params: { value: 'FOL2024050012', prefix: 'CUS' },
    });
  });

  it('refuses dates that do not exist', () => {
    for (const id of [
      'CUS202402300001',
      'CUS202302290001',
      'CUS202413010001',
      'CUS202404310001',
      'FOL2024000001',
      'DEM2024130001',
      'CUS189912310001',
    ]) {
      expect(parseRecordId(id), id).toMatchObject({ ok: false, params: { value: id } });
    }
    expect(parseRecordId('CUS202402290001').ok).toBe(true);
  });

  it('refuses serial 0000', () => {
    expect(parseRecordId('CUS202405010000').ok).toBe(false);
    expect(parseRecordId('FOL2024050000').ok).toBe(false);
  });

  it('refuses the wrong length and stray characters', () => {
    for (const id of [
      'CUS20240501001',
      'CUS2024050100001',
      'FOL20240501',
      'FOL202405010001',
      'CUS',
      '',
      ' CUS202405010001',
      'CUS202405010001 ',
      'CUS2024O5010001',
      'CUS２０２４05010001',
    ]) {
      expect(parseRecordId(id).ok, JSON.stringify(id)).toBe(false);
    }
  });

  it('gives back what formatRecordId was given', () => {
    const date = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('9999-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
    fc.assert(
      fc.property(
        fc.constantFrom(...recordKinds),
        date,
        fc.integer({ min: 1, max: 10_000_000 }),
        (kind, d, serial) => {
          const id = formatRecordId(kind, d, serial);
          const parsed = parseRecordId(id, kind);
          const day = kind === 'customer' ? { day: d.day } : {};
          expect(parsed).toEqual({
            ok: true,
            value: {
              kind,
              prefix: recordIdPrefix(kind),
              year: d.year,
              month: d.month,
              ...day,
              serial,
            },
          });
          const digits = Math.max(4, String(serial).length);
          expect(id).toHaveLength((kind === 'customer' ? 11 : 9) + digits);
        },
      ),
    );
  });
});

describe('customerIdPattern', () => {
  it('accepts what formatRecordId writes for customers, five-digit serials included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (serial) => {
        expect(formatRecordId('customer', may1st, serial)).toMatch(customerIdPattern);
      }),
    );
    for (const id of ['CUS20240501001', 'CUS2024050100001', 'FOL2024050001', 'CUS202405010001 '])
      expect(id, id).not.toMatch(customerIdPattern);
  });
});
