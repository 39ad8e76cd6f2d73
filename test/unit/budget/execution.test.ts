/** The execution report's figures: time progress, behind, the gap, the ranking, rollup buckets and rows. */
import {
  bucketChanges, compareFractions, runningTotalsOf, executionRows, executionTotal, figuresFromBuckets, isBehind, rankByProgress, shortOfTimeFen, timeProgress,
  type ExecutionShard,
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
  it('a change adds to its month and every later month of its year, and to its day and every later day of its month', () => {
    const b = bucketChanges({ on: '2026-11-28', allocatedFen: 100, transferredFen: 0, paidFen: -7 });
    expect(b.month).toEqual({ a202611: 100, a202612: 100, p202611: -7, p202612: -7 });
    expect(b.day).toEqual({ a28: 100, a29: 100, a30: 100, p28: -7, p29: -7, p30: -7 });
  });

  it('a month ends on its own last day: 31, 30, 28 or 29 in February', () => {
    const lastDay = (on: string) => Object.keys(bucketChanges({ on, allocatedFen: 1, transferredFen: 0, paidFen: 0 }).day).sort().at(-1);
    expect(lastDay('2026-01-31')).toBe('a31');
    expect(lastDay('2026-04-01')).toBe('a30');
    expect(lastDay('2026-02-10')).toBe('a28');
    expect(lastDay('2024-02-10')).toBe('a29');
    expect(lastDay('2000-02-10')).toBe('a29');
    expect(lastDay('2100-02-10')).toBe('a28');
    expect(bucketChanges({ on: '2026-12-31', allocatedFen: 1, transferredFen: 0, paidFen: 0 })).toEqual({ month: { a202612: 1 }, day: { a31: 1 } });
  });

  it('as of a day: December of the years before, the month before in its year, and its own day in its month', () => {
    // Running totals of: 10 on 2025-06-02, 20 on 2026-01-15, 5 transferred on 2026-02-03, 40 on 2026-03-04, 1 paid on 2026-03-31, 1000 on 2027-01-01.
    const run = (letter: string, year: string, first: number, v: number) =>
      Object.fromEntries(Array.from({ length: 13 - first }, (_, i) => [`${letter}${year}${String(first + i).padStart(2, '0')}`, v]));
    const months = {
      ...run('a', '2025', 6, 10), ...run('a', '2026', 1, 20), ...run('a', '2026', 3, 60), ...run('t', '2026', 2, 5), ...run('p', '2026', 3, 1),
      ...run('a', '2027', 1, 1000), zoneId: 'Z1', shard: 3,
    };
    const march = { a04: 40, a05: 40, a31: 40, p31: 1 };
    expect(figuresFromBuckets(months, march, '2026-03-03')).toEqual({ allocatedFen: 30, transferredFen: 5, paidFen: 0 });
    expect(figuresFromBuckets(months, march, '2026-03-04')).toEqual({ allocatedFen: 70, transferredFen: 5, paidFen: 0 });
    expect(figuresFromBuckets(months, march, '2026-03-31')).toEqual({ allocatedFen: 70, transferredFen: 5, paidFen: 1 });
    expect(figuresFromBuckets(months, {}, '2026-04-01')).toEqual({ allocatedFen: 70, transferredFen: 5, paidFen: 1 });
    expect(figuresFromBuckets(months, {}, '2026-01-01')).toEqual({ allocatedFen: 10, transferredFen: 0, paidFen: 0 });
    expect(figuresFromBuckets(months, {}, '2025-12-31')).toEqual({ allocatedFen: 10, transferredFen: 0, paidFen: 0 });
    expect(figuresFromBuckets(months, { a02: 10, a30: 10 }, '2025-06-30')).toEqual({ allocatedFen: 10, transferredFen: 0, paidFen: 0 });
    expect(figuresFromBuckets(months, { a02: 10, a30: 10 }, '2025-06-01')).toEqual({ allocatedFen: 0, transferredFen: 0, paidFen: 0 });
    expect(figuresFromBuckets(months, {}, '2028-05-01')).toEqual({ allocatedFen: 1070, transferredFen: 5, paidFen: 1 });
    expect(figuresFromBuckets({}, {}, '2030-01-01')).toEqual({ allocatedFen: 0, transferredFen: 0, paidFen: 0 });
  });
});

describe('runningTotalsOf (the fold of the layout before running totals)', () => {
  it('a bucket per month, or per day of a month, becomes the running totals its changes would have written', () => {
    expect(runningTotalsOf({ a202611: 100, p202612: -7, t202611: 0, zoneId: 'Z1', shard: 3 }, null)).toEqual({ a202611: 100, a202612: 100, p202612: -7 });
    expect(runningTotalsOf({ a28: 100, a30: 5, month: '2026-11' }, '2026-11')).toEqual({ a28: 100, a29: 100, a30: 105 });
    expect(runningTotalsOf({ p27: 1 }, '2026-02')).toEqual({ p27: 1, p28: 1 });
    expect(runningTotalsOf({ zoneId: 'Z1' }, null)).toEqual({});
  });
});

describe('rows', () => {
  const shard = (zoneId: string, city: string | null, programCode: string, a: number, t: number, p: number): ExecutionShard =>
    ({ zoneId, city, programCode, figures: { allocatedFen: a, transferredFen: t, paidFen: p } });
  const shards = [
    shard('Z1', '南京市', 'PA', 100, 80, 60), shard('Z1', '南京市', 'PA', 100, 20, 0), shard('Z1', '南京市', 'PB', 50, 50, 50),
    shard('Z2', '南京市', 'PA', 200, 0, 0), shard('Z3', '苏州市', 'PB', 10, 10, 5), shard('Z4', null, 'PA', 7, 0, 0), shard('Z5', '苏州市', 'PA', 0, 0, 0),
  ];
  const o = { fiscalYear: 2026, asOf: '2026-07-02' };

  it('sums shards per group, each group with its place, leaving out groups with no money', () => {
    expect(executionRows('zone', shards, {}, o).map((r) => [r.group, r.attributes, r.allocatedFen, r.transferredFen, r.paidFen])).toEqual([
      ['Z1', { zoneId: 'Z1', city: '南京市' }, 250, 150, 110],
      ['Z2', { zoneId: 'Z2', city: '南京市' }, 200, 0, 0],
      ['Z3', { zoneId: 'Z3', city: '苏州市' }, 10, 10, 5],
      ['Z4', { zoneId: 'Z4' }, 7, 0, 0],
    ]);
    expect(executionRows('city', shards, {}, o).map((r) => [r.group, r.allocatedFen, r.paidFen])).toEqual([['南京市', 450, 110], ['苏州市', 10, 5]]);
    expect(executionRows('program', shards, {}, o).map((r) => [r.group, r.allocatedFen, r.paidFen])).toEqual([['PA', 407, 60], ['PB', 60, 55]]);
  });

  it('a scope or filter keeps only its own money, in every grouping', () => {
    expect(executionRows('program', shards, { zoneId: 'Z1' }, o).map((r) => [r.group, r.allocatedFen])).toEqual([['PA', 200], ['PB', 50]]);
    expect(executionRows('zone', shards, { city: '苏州市' }, o).map((r) => r.group)).toEqual(['Z3']);
    expect(executionRows('city', shards, { zoneId: 'Z3' }, o).map((r) => [r.group, r.allocatedFen])).toEqual([['苏州市', 10]]);
    expect(executionRows('zone', shards, { programCode: 'PB', city: '南京市' }, o).map((r) => [r.group, r.allocatedFen])).toEqual([['Z1', 50]]);
  });

  it('each row has its progress, the year\'s time progress and whether it is behind', () => {
    const [z1, z2, z3] = executionRows('zone', shards, {}, o);
    expect(z1).toMatchObject({ progress: { numerator: 110, denominator: 250 }, timeProgress: { numerator: 183, denominator: 365 }, behind: false });
    expect(z2).toMatchObject({ progress: { numerator: 0, denominator: 200 }, behind: true });
    expect(z3).toMatchObject({ progress: { numerator: 5, denominator: 10 }, behind: false });
    expect(executionRows('zone', shards, {}, { ...o, toleranceBps: 0 })[0]!.behind).toBe(true);
  });

  it('the totals row sums fen and has its own progress', () => {
    const rows = executionRows('zone', shards, {}, o);
    expect(executionTotal(rows, o)).toMatchObject({ group: '合计', allocatedFen: 467, transferredFen: 160, paidFen: 115, progress: { numerator: 115, denominator: 467 }, behind: true });
  });

  it('ranks by progress, highest first; equal progress shares a rank, more paid first, then by group', () => {
    const mk = (group: string, a: number, p: number) => ({ ...executionRows('zone', [shard(group, 'X', 'P', a, 0, p)], {}, o)[0]! });
    const ranked = rankByProgress([mk('Z9', 200, 100), mk('Z1', 100, 50), mk('Z2', 100, 50), mk('Z3', 3, 2), mk('Z4', 10, 0)]);
    expect(ranked.map((r) => [r.group, r.rank])).toEqual([['Z3', 1], ['Z9', 2], ['Z1', 2], ['Z2', 2], ['Z4', 5]]);
  });
});
