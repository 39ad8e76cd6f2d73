import fc from 'fast-check';
import {
  addDays,
  addMonths,
  chinaDate,
  compareDates,
  DateRangeError,
  daysBetween,
  endOfChinaDayUtc,
  isBusinessDate,
  maxDate,
  minDate,
} from '../../domain/dates';

// Business dates spanning the whole supported range.
const businessDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const modernDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('isBusinessDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '1900-01-01', '9999-12-31', '2024-05-15'])('accepts %p', (s) => {
    expect(isBusinessDate(s)).toBe(true);
  });

  it.each([
    '2023-02-29', // not a leap year
    '1900-02-29', // century, not a leap year
    '2023-02-30',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-01-00',
    '2023-01-32',
    '1899-12-31',
    '10000-01-01',
    '2023-1-01',
    '2023-01-1',
    '2023/01/01',
    ' 2023-01-01',
    '2023-01-01T00:00:00Z',
    '２０２３-01-01', // full-width digits
    '',
  ])('rejects %p', (s) => {
    expect(isBusinessDate(s)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isBusinessDate(20240515)).toBe(false);
    expect(isBusinessDate(null)).toBe(false);
    expect(isBusinessDate(new Date('2024-05-15T00:00:00Z'))).toBe(false);
  });
});

describe('chinaDate', () => {
  it('switches day at 16:00 UTC', () => {
    expect(chinaDate(new Date('2024-05-14T16:00:00.000Z'))).toBe('2024-05-15');
    expect(chinaDate(new Date('2024-05-14T15:59:59.999Z'))).toBe('2024-05-14');
    expect(chinaDate(new Date('2024-05-15T00:00:00.000Z'))).toBe('2024-05-15');
  });

  it('crosses year and leap-day boundaries', () => {
    expect(chinaDate(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
    expect(chinaDate(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(chinaDate(new Date('1969-12-31T16:00:00Z'))).toBe('1970-01-01');
    expect(chinaDate(new Date('1969-12-31T15:59:59.999Z'))).toBe('1969-12-31');
  });

  it('rejects an invalid Date', () => {
    expect(() => chinaDate(new Date(NaN))).toThrow(RangeError);
  });

  it('agrees with endOfChinaDayUtc (property)', () => {
    fc.assert(
      fc.property(modernDate, (d) => {
        const end = new Date(endOfChinaDayUtc(d));
        expect(chinaDate(end)).toBe(d);
        expect(chinaDate(new Date(end.getTime() + 1))).toBe(addDays(d, 1));
      }),
    );
  });
});

describe('addDays', () => {
  it('handles month, year and leap boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-05-15', 0)).toBe('2024-05-15');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('throws outside the supported range or on bad input', () => {
    expect(() => addDays('1900-01-01', -1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('2024-05-15', 1.5)).toThrow(RangeError);
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
  });

  it('is invertible and consistent with daysBetween (property)', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -20000, max: 20000 }), (d, n) => {
        const e = addDays(d, n);
        expect(isBusinessDate(e)).toBe(true);
        expect(addDays(e, -n)).toBe(d);
        expect(daysBetween(d, e)).toBe(n);
        expect(compareDates(e, d)).toBe(Math.sign(n));
      }),
    );
  });
});

describe('addMonths', () => {
  it('clamps the day to the end of the target month', () => {
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2022-08-31', 6)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', 1)).toBe('2024-04-30');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });

  it('crosses years in both directions', () => {
    expect(addMonths('2023-09-15', 24)).toBe('2025-09-15');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2024-01-15', -1)).toBe('2023-12-15');
    expect(addMonths('2024-01-15', -13)).toBe('2022-12-15');
    expect(addMonths('2024-05-15', 0)).toBe('2024-05-15');
  });

  it('throws outside the supported range or on bad input', () => {
    expect(() => addMonths('1900-01-31', -1)).toThrow(RangeError);
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
    expect(() => addMonths('2024-05-15', 0.5)).toThrow(RangeError);
    expect(() => addMonths('2024-5-15', 1)).toThrow(RangeError);
  });

  it('always yields a valid date whose day never exceeds the original (property)', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -240, max: 240 }), (d, n) => {
        const e = addMonths(d, n);
        expect(isBusinessDate(e)).toBe(true);
        expect(Number(e.slice(8))).toBeLessThanOrEqual(Number(d.slice(8)));
        const months = (Number(e.slice(0, 4)) - Number(d.slice(0, 4))) * 12 + Number(e.slice(5, 7)) - Number(d.slice(5, 7));
        expect(months).toBe(n);
      }),
    );
  });
});

describe('daysBetween / compareDates / maxDate / minDate', () => {
  it('computes signed day differences', () => {
    expect(daysBetween('2024-05-01', '2024-05-15')).toBe(14);
    expect(daysBetween('2024-05-15', '2024-05-01')).toBe(-14);
    expect(daysBetween('2024-05-15', '2024-05-15')).toBe(0);
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('1900-01-01', '9999-12-31')).toBe(2958463);
  });

  it('compares chronologically', () => {
    expect(compareDates('2024-05-14', '2024-05-15')).toBe(-1);
    expect(compareDates('2024-05-15', '2024-05-15')).toBe(0);
    expect(compareDates('2024-12-01', '2024-02-01')).toBe(1);
    expect(maxDate('2024-05-14', '2024-05-15')).toBe('2024-05-15');
    expect(maxDate('2025-01-01', '2024-12-31')).toBe('2025-01-01');
    expect(minDate('2024-05-14', '2024-05-15')).toBe('2024-05-14');
    expect(minDate('2025-01-01', '2024-12-31')).toBe('2024-12-31');
  });

  it('rejects malformed dates', () => {
    expect(() => compareDates('2024-05-15', '2024-5-16')).toThrow(RangeError);
    expect(() => daysBetween('2023-02-29', '2023-03-01')).toThrow(RangeError);
  });

  it('dates off the calendar or past 9999 are a DateRangeError (a RangeError the decider turns into a 400)', () => {
    expect(() => compareDates('10000-01-01', '2024-01-01')).toThrow(DateRangeError);
    expect(() => compareDates('2024-01-01', '2023-02-29')).toThrow(DateRangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(DateRangeError);
    expect(() => addDays('1900-01-01', -1)).toThrow(DateRangeError);
    expect(() => addMonths('9999-12-01', 1)).toThrow(DateRangeError);
    expect(() => daysBetween('2024-13-01', '2024-01-01')).toThrow(DateRangeError);
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    const e = (() => { try { addDays('9999-12-31', 1); } catch (x) { return x; } return null; })();
    expect(e).toBeInstanceOf(RangeError);
    expect((e as Error).name).toBe('DateRangeError');
  });

  it('compareDates agrees with daysBetween (property)', () => {
    fc.assert(
      fc.property(businessDate, businessDate, (a, b) => {
        expect(compareDates(a, b)).toBe(Math.sign(daysBetween(b, a)));
        expect(compareDates(maxDate(a, b), minDate(a, b))).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('endOfChinaDayUtc', () => {
  it('is 15:59:59.999Z on the same UTC date', () => {
    expect(endOfChinaDayUtc('2024-05-15')).toBe('2024-05-15T15:59:59.999Z');
    expect(endOfChinaDayUtc('2024-02-29')).toBe('2024-02-29T15:59:59.999Z');
    expect(endOfChinaDayUtc('2023-12-31')).toBe('2023-12-31T15:59:59.999Z');
    expect(endOfChinaDayUtc('1900-01-01')).toBe('1900-01-01T15:59:59.999Z');
  });

  it('rejects malformed dates', () => {
    expect(() => endOfChinaDayUtc('2024-02-30')).toThrow(RangeError);
  });
});
