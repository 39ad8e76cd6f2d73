/** The execution report's figures: time progress, behind, the gap, the ranking, rollup buckets and rows. */
import {
  bucketChanges, compareFractions, dayBucketsOfLegacyDays, executionRows, executionTotal, figuresOfMonth, isBehind, rankByProgress, shortOfTimeFen, timeProgress,
  type ExecutionCell,
} from '../../../domain/budget/execution';

describe('timeProgress', () => {
  it('counts the days of the year through asOf, 1 January being the first', () => {
    expect(timeProgress(2026, '2026-01-01')).toEqual({ numerator: 1, denominator: 365 });
    expect(timeProgress(2026, '2026-07-02')).toEqual({ numerator: 183, denominator: 365 });
    expect(timeProgress(2026, '2026-12-30')).toEqual({ numerator: 364, denominator: 365 });
    expect(timeProgress(2024, '2024-12-31')).toEqual({ numerator: 366, denominator: 366 });
    expect(timeProgress(2024, '2024-03-01')).toEqual({ numerator: 61, denominator: 366 });
  });

  it('is nothing before the year and all of it after', () => {
    expect(timeProgress(2026, '2025-12-31')).toEqual({ numerator: 0, denominator: 365 });
    expect(timeProgress(2026, '2027-05-01')).toEqual({ numerator: 365, denominator: 365 });
  });
});

describe('isBehind', () => {
  // Half the year (2026-07-02: 183/365) against 1,000,000 fen allocated.
  const half = timeProgress(2026, '2026-07-02');
  it('exactly tolerance basis points below time progress is not behind; one fen less paid is', () => {
    // progress = time − 10%: paid = 1,000,000 × (183/365 − 0.1), not a whole fen: 401,369.86…
    expect(isBehind({ numerator: 401_370, denominator: 1_000_000 }, half)).toBe(false);
    expect(isBehind({ numerator: 401_369, denominator: 1_000_000 }, half)).toBe(true);
    // With whole fractions: 3/4 of the year, 65% paid is exactly 1000 bps below.
    expect(isBehind({ numerator: 65, denominator: 100 }, { numerator: 3, denominator: 4 })).toBe(false);
    expect(isBehind({ numerator: 6_499, denominator: 10_000 }, { numerator: 3, denominator: 4 })).toBe(true);
  });

  it('takes the tolerance asked for, 0 included, and never floats', () => {
    expect(isBehind({ numerator: 74, denominator: 100 }, { numerator: 3, denominator: 4 }, 0)).toBe(true);
    expect(isBehind({ numerator: 75, denominator: 100 }, { numerator: 3, denominator: 4 }, 0)).toBe(false);
    expect(isBehind({ numerator: 0, denominator: 100 }, { numerator: 3, denominator: 4 }, 7500)).toBe(false);
    expect(isBehind({ numerator: 0, denominator: 100 }, { numerator: 3, denominator: 4 }, 7499)).toBe(true);
    // Amounts near 2^53 fen stay exact.
    const big = Number.MAX_SAFE_INTEGER;
    expect(isBehind({ numerator: big - 1, denominator: big }, { numerator: 1, denominator: 1 }, 0)).toBe(true);
    expect(isBehind({ numerator: big, denominator: big }, { numerator: 1, denominator: 1 }, 0)).toBe(false);
    expect(() => isBehind({ numerator: 1, denominator: 1 }, { numerator: 1, denominator: 1 }, -1)).toThrow(RangeError);
  });

  it('nothing allocated is never behind', () => {
    expect(isBehind({ numerator: 0, denominator: 0 }, { numerator: 365, denominator: 365 })).toBe(false);
  });
});

describe('shortOfTimeFen', () => {
  it('is time progress × allocated less paid, rounded up to the fen', () => {
    // 1,000,000 × 183/365 = 501,369.86… → 501,370 due.
    expect(shortOfTimeFen({ allocatedFen: 1_000_000, transferredFen: 0, paidFen: 1 }, { numerator: 183, denominator: 365 })).toBe(501_369);
    expect(shortOfTimeFen({ allocatedFen: 1_000_000, transferredFen: 0, paidFen: 501_370 }, { numerator: 183, denominator: 365 })).toBe(0);
    expect(shortOfTimeFen({ allocatedFen: 1_000_000, transferredFen: 0, paidFen: 501_369 }, { numerator: 183, denominator: 365 })).toBe(1);
    expect(shortOfTimeFen({ allocatedFen: 0, transferredFen: 0, paidFen: 0 }, { numerator: 183, denominator: 365 })).toBe(0);
  });
});

describe('compareFractions', () => {
  it('compares exactly, a zero denominator below every real fraction', () => {
    expect(compareFractions({ numerator: 1, denominator: 3 }, { numerator: 333_333_333, denominator: 1_000_000_000 })).toBe(1);
    expect(compareFractions({ numerator: 2, denominator: 6 }, { numerator: 1, denominator: 3 })).toBe(0);
    expect(compareFractions({ numerator: 0, denominator: 0 }, { numerator: 0, denominator: 5 })).toBe(-1);
    expect(compareFractions({ numerator: 0, denominator: 0 }, { numerator: 0, denominator: 0 })).toBe(0);
  });
});

describe('rollup buckets', () => {
  it('a change adds to its own day, once a field, whatever the day', () => {
    expect(bucketChanges({ on: '2026-11-28', allocatedFen: 100, transferredFen: 0, paidFen: -7 })).toEqual({ da28: 100, dp28: -7 });
    expect(bucketChanges({ on: '2026-01-01', allocatedFen: 0, transferredFen: 3, paidFen: 0 })).toEqual({ dt01: 3 });
    expect(bucketChanges({ on: '2026-01-01', allocatedFen: 0, transferredFen: 0, paidFen: 0 })).toEqual({});
  });

  it('as of a day, a month\'s item counts whole before its month, through the day in it, and not after it', () => {
    // March 2026: 40 allocated on the 4th, 1 paid on the 31st; 5 transferred on 2026-02-03.
    const march = { da04: 40, dp31: 1, month: '2026-03', zoneId: 'Z1' };
    const february = { dt03: 5 };
    expect(figuresOfMonth('2026-03', march, '2026-03-03')).toEqual({ allocatedFen: 0, transferredFen: 0, paidFen: 0 });
    expect(figuresOfMonth('2026-03', march, '2026-03-04')).toEqual({ allocatedFen: 40, transferredFen: 0, paidFen: 0 });
    expect(figuresOfMonth('2026-03', march, '2026-03-05')).toEqual({ allocatedFen: 40, transferredFen: 0, paidFen: 0 });
    expect(figuresOfMonth('2026-03', march, '2026-03-30')).toEqual({ allocatedFen: 40, transferredFen: 0, paidFen: 0 });
    expect(figuresOfMonth('2026-03', march, '2026-03-31')).toEqual({ allocatedFen: 40, transferredFen: 0, paidFen: 1 });
    expect(figuresOfMonth('2026-03', march, '2026-04-01')).toEqual({ allocatedFen: 40, transferredFen: 0, paidFen: 1 });
    expect(figuresOfMonth('2026-03', march, '2027-01-01')).toEqual({ allocatedFen: 40, transferredFen: 0, paidFen: 1 });
    expect(figuresOfMonth('2026-03', march, '2026-02-28')).toEqual({ allocatedFen: 0, transferredFen: 0, paidFen: 0 });
    expect(figuresOfMonth('2026-02', february, '2026-03-01')).toEqual({ allocatedFen: 0, transferredFen: 5, paidFen: 0 });
    expect(figuresOfMonth('2026-02', february, '2026-02-02')).toEqual({ allocatedFen: 0, transferredFen: 0, paidFen: 0 });
    expect(figuresOfMonth('2026-02', {}, '2026-03-01')).toEqual({ allocatedFen: 0, transferredFen: 0, paidFen: 0 });
  });

  it('the same day\'s changes sum in its bucket; several days sum as of a later one', () => {
    const item: Record<string, number> = {};
    const add = (on: string, a: number, p = 0) => { for (const [k, x] of Object.entries(bucketChanges({ on, allocatedFen: a, transferredFen: 0, paidFen: p }))) item[k] = (item[k] ?? 0) + x; };
    add('2026-05-09', 100);
    add('2026-05-09', -30, 4);
    add('2026-05-20', 7);
    expect(item).toEqual({ da09: 70, dp09: 4, da20: 7 });
    expect(figuresOfMonth('2026-05', item, '2026-05-19')).toEqual({ allocatedFen: 70, transferredFen: 0, paidFen: 4 });
    expect(figuresOfMonth('2026-05', item, '2026-05-20')).toEqual({ allocatedFen: 77, transferredFen: 0, paidFen: 4 });
  });

  it('the running totals of the release before are read as they are, beside the day buckets written since', () => {
    // Running totals of 40 allocated on the 4th (a04–a31); then, today's layout, 5 allocated on the 10th.
    const runningFrom = (day: number, v: number) => Object.fromEntries(Array.from({ length: 31 - day + 1 }, (_, i) => [`a${String(day + i).padStart(2, '0')}`, v]));
    const march = { ...runningFrom(4, 40), da10: 5, month: '2026-03' };
    expect(figuresOfMonth('2026-03', march, '2026-03-03').allocatedFen).toBe(0);
    expect(figuresOfMonth('2026-03', march, '2026-03-04').allocatedFen).toBe(40);
    expect(figuresOfMonth('2026-03', march, '2026-03-10').allocatedFen).toBe(45);
    expect(figuresOfMonth('2026-03', march, '2026-04-01').allocatedFen).toBe(45);
    // A month of 30 days counts whole through its 30th: running totals end there.
    const april = { ...Object.fromEntries(Object.entries(runningFrom(10, 5)).filter(([k]) => k !== 'a31')), da30: 2 };
    expect(figuresOfMonth('2026-04', april, '2026-05-01').allocatedFen).toBe(7);
    expect(figuresOfMonth('2026-04', april, '2026-04-29').allocatedFen).toBe(5);
  });

  it('a whole month is through its own last day: the 29th of a leap February, the 28th of another', () => {
    // A running total of 5 from the 27th (the release before), and 7 on the 29th in leap years; read as of the next month.
    const whole = (year: number) => {
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const item: Record<string, number> = { a27: 5, a28: 5, ...(leap ? { a29: 5, da29: 7 } : {}) };
      return figuresOfMonth(`${year}-02`, item, `${year}-03-01`).allocatedFen;
    };
    expect([whole(2024), whole(2026), whole(2000), whole(2100)]).toEqual([12, 5, 12, 5]);
    // As of the 28th of a leap February, the 29th's money is not yet counted.
    expect(figuresOfMonth('2024-02', { a27: 5, a28: 5, a29: 5, da29: 7 }, '2024-02-28').allocatedFen).toBe(5);
  });
});

describe('dayBucketsOfLegacyDays (the fold of the first layout)', () => {
  it('a bucket per day of what moved on it keeps its amounts under today\'s names', () => {
    expect(dayBucketsOfLegacyDays({ a28: 100, a30: 5, t29: 0, month: '2026-11', zoneId: 'Z1', shard: 3 })).toEqual({ da28: 100, da30: 5 });
    expect(dayBucketsOfLegacyDays({ p27: 1 })).toEqual({ dp27: 1 });
    expect(dayBucketsOfLegacyDays({ zoneId: 'Z1' })).toEqual({});
  });
});

describe('rows', () => {
  const cell = (zoneId: string, city: string | null, programCode: string, a: number, t: number, p: number): ExecutionCell =>
    ({ zoneId, city, programCode, figures: { allocatedFen: a, transferredFen: t, paidFen: p } });
  const cells = [
    cell('Z1', '南京市', 'PA', 100, 80, 60), cell('Z1', '南京市', 'PA', 100, 20, 0), cell('Z1', '南京市', 'PB', 50, 50, 50),
    cell('Z2', '南京市', 'PA', 200, 0, 0), cell('Z3', '苏州市', 'PB', 10, 10, 5), cell('Z4', null, 'PA', 7, 0, 0), cell('Z5', '苏州市', 'PA', 0, 0, 0),
  ];
  const o = { fiscalYear: 2026, asOf: '2026-07-02' };

  it('sums cells per group, each group with its place, leaving out groups with no money', () => {
    expect(executionRows('zone', cells, {}, o).map((r) => [r.group, r.attributes, r.allocatedFen, r.transferredFen, r.paidFen])).toEqual([
      ['Z1', { zoneId: 'Z1', city: '南京市' }, 250, 150, 110],
      ['Z2', { zoneId: 'Z2', city: '南京市' }, 200, 0, 0],
      ['Z3', { zoneId: 'Z3', city: '苏州市' }, 10, 10, 5],
      ['Z4', { zoneId: 'Z4' }, 7, 0, 0],
    ]);
    expect(executionRows('city', cells, {}, o).map((r) => [r.group, r.allocatedFen, r.paidFen])).toEqual([['南京市', 450, 110], ['苏州市', 10, 5]]);
    expect(executionRows('program', cells, {}, o).map((r) => [r.group, r.allocatedFen, r.paidFen])).toEqual([['PA', 407, 60], ['PB', 60, 55]]);
  });

  it('a scope or filter keeps only its own money, in every grouping', () => {
    expect(executionRows('program', cells, { zoneId: 'Z1' }, o).map((r) => [r.group, r.allocatedFen])).toEqual([['PA', 200], ['PB', 50]]);
    expect(executionRows('zone', cells, { city: '苏州市' }, o).map((r) => r.group)).toEqual(['Z3']);
    expect(executionRows('city', cells, { zoneId: 'Z3' }, o).map((r) => [r.group, r.allocatedFen])).toEqual([['苏州市', 10]]);
    expect(executionRows('zone', cells, { programCode: 'PB', city: '南京市' }, o).map((r) => [r.group, r.allocatedFen])).toEqual([['Z1', 50]]);
  });

  it('each row has its progress, the year\'s time progress and whether it is behind', () => {
    const [z1, z2, z3] = executionRows('zone', cells, {}, o);
    expect(z1).toMatchObject({ progress: { numerator: 110, denominator: 250 }, timeProgress: { numerator: 183, denominator: 365 }, behind: false });
    expect(z2).toMatchObject({ progress: { numerator: 0, denominator: 200 }, behind: true });
    expect(z3).toMatchObject({ progress: { numerator: 5, denominator: 10 }, behind: false });
    expect(executionRows('zone', cells, {}, { ...o, toleranceBps: 0 })[0]!.behind).toBe(true);
  });

  it('the totals row sums fen and has its own progress', () => {
    const rows = executionRows('zone', cells, {}, o);
    expect(executionTotal(rows, o)).toMatchObject({ group: '合计', allocatedFen: 467, transferredFen: 160, paidFen: 115, progress: { numerator: 115, denominator: 467 }, behind: true });
  });

  it('ranks by progress, highest first; equal progress shares a rank, more paid first, then by group', () => {
    const mk = (group: string, a: number, p: number) => ({ ...executionRows('zone', [cell(group, 'X', 'P', a, 0, p)], {}, o)[0]! });
    const ranked = rankByProgress([mk('Z9', 200, 100), mk('Z1', 100, 50), mk('Z2', 100, 50), mk('Z3', 3, 2), mk('Z4', 10, 0)]);
    expect(ranked.map((r) => [r.group, r.rank])).toEqual([['Z3', 1], ['Z9', 2], ['Z1', 2], ['Z2', 2], ['Z4', 5]]);
  });
});
