import { compareDates, daysBetween, daysInMonth, type BusinessDate } from '../dates';
import { addFen, mulDivCeil, subFen, type Fen } from '../money';
import { addFigures, zeroFigures, type BudgetFigures } from './attribution';
import { lastDayOf } from './indicator';
import type { ExecutionChange } from './changes';

/**
 * The execution report (支出进度): per group, the province money of one fiscal year's indicators
 * allocated, transferred and paid as of a day, paid against allocated (progress) beside the share
 * of the year gone by (time progress). Fractions are integer pairs, compared exactly.
 */
export interface Fraction {
  numerator: number;
  denominator: number;
}

export const DEFAULT_TOLERANCE_BPS = 1000;
const BPS = 10_000n;

/** Days of the fiscal year through `asOf` (0 before it starts, all of them once it has ended) over its days. */
export function timeProgress(fiscalYear: number, asOf: BusinessDate): Fraction {
  const last = lastDayOf(fiscalYear);
  const first = `${String(fiscalYear).padStart(4, '0')}-01-01`;
  const days = daysBetween(first, last) + 1;
  if (compareDates(asOf, first) < 0) return { numerator: 0, denominator: days };
  if (compareDates(asOf, last) >= 0) return { numerator: days, denominator: days };
  return { numerator: daysBetween(first, asOf) + 1, denominator: days };
}

export const progressOf = (f: BudgetFigures): Fraction => ({ numerator: f.paidFen, denominator: f.allocatedFen });

/**
 * Behind when progress is more than `toleranceBps` basis points below time progress:
 * t/T − p/a > tol/10000 ⇔ 10000·(t·a − p·T) > tol·T·a, in BigInt. Nothing allocated is never behind.
 */
export function isBehind(progress: Fraction, time: Fraction, toleranceBps: number = DEFAULT_TOLERANCE_BPS): boolean {
  if (!Number.isSafeInteger(toleranceBps) || toleranceBps < 0) throw new RangeError(`toleranceBps must be a whole number ≥ 0, got ${toleranceBps}`);
  if (progress.denominator <= 0) return false;
  const p = BigInt(progress.numerator);
  const a = BigInt(progress.denominator);
  const t = BigInt(time.numerator);
  const T = BigInt(time.denominator);
  return BPS * (t * a - p * T) > BigInt(toleranceBps) * T * a;
}

/**
 * What is paid short of time progress × allocated, in fen, rounded up: the least whole-fen payment
 * that brings progress level with time progress. 0 when not short.
 */
export function shortOfTimeFen(figures: BudgetFigures, time: Fraction): Fen {
  if (figures.allocatedFen <= 0) return 0;
  const due = mulDivCeil(figures.allocatedFen, time.numerator, time.denominator);
  return Math.max(0, subFen(due, figures.paidFen));
}

/** Exact order of two fractions (a/b vs c/d by cross products); a zero denominator sorts below every real fraction. */
export function compareFractions(x: Fraction, y: Fraction): number {
  if (x.denominator <= 0 || y.denominator <= 0) return (x.denominator > 0 ? 1 : 0) - (y.denominator > 0 ? 1 : 0);
  const l = BigInt(x.numerator) * BigInt(y.denominator);
  const r = BigInt(y.numerator) * BigInt(x.denominator);
  return l < r ? -1 : l > r ? 1 : 0;
}

// --- rollup buckets --------------------------------------------------------------------------

/**
 * Rollups are stored by value date so that any day can be read, as running totals (prefix sums):
 * per (fiscal year, zone, program, shard) one item of month buckets and, per month, one item of
 * day buckets. A month bucket holds what moved in its calendar year up to the end of that month; a
 * day bucket what moved in its month up to the end of that day. So a change ADDs to its month and
 * every later month of its year (at most 12 buckets a field) and to its day and every later day of
 * its month (at most 31). As of a day D the figure is the December buckets of the years before D's,
 * the bucket of the month before D's month, and D's own bucket in the days item of D's month:
 * a fixed number of buckets per shard whatever the history, and items whose size depends on the
 * first day with money in them, not on how many changes they hold.
 */
export const FIELD_LETTER = { allocatedFen: 'a', transferredFen: 't', paidFen: 'p' } as const;
const FIELDS = Object.keys(FIELD_LETTER) as (keyof BudgetFigures)[];

/** `2026-03` */
export const monthOf = (d: BusinessDate): string => d.slice(0, 7);
const pad2 = (n: number) => String(n).padStart(2, '0');
/** Bucket attribute of a year's month (`01`–`12`) in the months item: `a202603`. */
const monthBucket = (field: keyof BudgetFigures, year: string, month: number): string => `${FIELD_LETTER[field]}${year}${pad2(month)}`;
/** Bucket attribute of a day (`01`–`31`) in its month's days item: `a05`. */
const dayBucket = (field: keyof BudgetFigures, day: number): string => `${FIELD_LETTER[field]}${pad2(day)}`;
const FIELD_OF: Record<string, keyof BudgetFigures> = { a: 'allocatedFen', t: 'transferredFen', p: 'paidFen' };

/** The bucket changes a dated change makes: ADD these to the months item and to that month's days item. */
export function bucketChanges(change: BudgetFigures & { on: BusinessDate }): { month: Record<string, Fen>; day: Record<string, Fen> } {
  const month: Record<string, Fen> = {};
  const day: Record<string, Fen> = {};
  const year = change.on.slice(0, 4);
  const m = Number(change.on.slice(5, 7));
  const d = Number(change.on.slice(8, 10));
  const last = daysInMonth(Number(year), m);
  for (const f of FIELDS) {
    if (change[f] === 0) continue;
    for (let k = m; k <= 12; k++) month[monthBucket(f, year, k)] = change[f];
    for (let k = d; k <= last; k++) day[dayBucket(f, k)] = change[f];
  }
  return { month, day };
}

/**
 * The day's own buckets, one per field in FIELDS' order: all that is read of the days item of
 * `asOf`'s month (a ProjectionExpression names them).
 */
export const dayBucketsAsOf = (asOf: BusinessDate): string[] => FIELDS.map((f) => dayBucket(f, Number(asOf.slice(8, 10))));

const MONTH_BUCKET = /^([atp])([0-9]{4})([0-9]{2})$/;

/**
 * The figures as of `asOf` from a shard's months item and its days item of `asOf`'s month
 * (attributes that are not buckets are ignored; a missing item is `{}`).
 */
export function figuresFromBuckets(months: Record<string, unknown>, days: Record<string, unknown>, asOf: BusinessDate): BudgetFigures {
  const out = zeroFigures();
  const year = asOf.slice(0, 4);
  const before = pad2(Number(asOf.slice(5, 7)) - 1);
  for (const [name, value] of Object.entries(months)) {
    const m = MONTH_BUCKET.exec(name);
    if (!m || typeof value !== 'number') continue;
    const counts = (m[2]! < year && m[3] === '12') || (m[2] === year && m[3] === before);
    if (!counts) continue;
    const f = FIELD_OF[m[1]!]!;
    out[f] = addFen(out[f], value);
  }
  dayBucketsAsOf(asOf).forEach((name, i) => {
    const value = days[name];
    const f = FIELDS[i]!;
    if (typeof value === 'number') out[f] = addFen(out[f], value);
  });
  return out;
}

const DAY_BUCKET = /^([atp])([0-9]{2})$/;

/**
 * Running totals equal to an item of the layout before them (a bucket per month, or per day of
 * `month` for a days item, holding what moved on it): each bucket ADDed as the change it sums
 * would ADD it (bucketChanges). For the fold of such items (functions/lib/storage/execution-fold.ts).
 */
export function runningTotalsOf(deltaBuckets: Record<string, unknown>, month: string | null): Record<string, Fen> {
  const total: Record<string, Fen> = {};
  for (const [name, value] of Object.entries(deltaBuckets)) {
    const m = (month === null ? MONTH_BUCKET : DAY_BUCKET).exec(name);
    if (!m || typeof value !== 'number' || value === 0) continue;
    const on = month === null ? `${m[2]}-${m[3]}-01` : `${month}-${m[2]}`;
    const b = bucketChanges({ ...zeroFigures(), [FIELD_OF[m[1]!]!]: value, on });
    for (const [k, v] of Object.entries(month === null ? b.month : b.day)) total[k] = addFen(total[k] ?? 0, v);
  }
  return total;
}

/**
 * What one ledger event adds to its project's shard of the execution rollups: per fiscal year, the
 * buckets of its months item; per month touched, the buckets of that month's days item. Buckets
 * that come to zero are left out, and so is an item with none left.
 */
export interface RollupDeltas {
  months: { fiscalYear: number; buckets: Record<string, Fen> }[];
  days: { fiscalYear: number; month: string; buckets: Record<string, Fen> }[];
}

export function rollupDeltas(changes: readonly ExecutionChange[]): RollupDeltas {
  const months = new Map<number, Record<string, Fen>>();
  const days = new Map<string, { fiscalYear: number; month: string; buckets: Record<string, Fen> }>();
  const addAll = (into: Record<string, Fen>, buckets: Record<string, Fen>) => {
    for (const [k, v] of Object.entries(buckets)) into[k] = addFen(into[k] ?? 0, v);
  };
  for (const c of changes) {
    const b = bucketChanges(c);
    const m = months.get(c.fiscalYear) ?? {};
    addAll(m, b.month);
    months.set(c.fiscalYear, m);
    const month = monthOf(c.on);
    const key = `${c.fiscalYear}|${month}`;
    const d = days.get(key) ?? { fiscalYear: c.fiscalYear, month, buckets: {} };
    addAll(d.buckets, b.day);
    days.set(key, d);
  }
  const moved = (buckets: Record<string, Fen>) => Object.fromEntries(Object.entries(buckets).filter(([, v]) => v !== 0));
  return {
    months: [...months].map(([fiscalYear, buckets]) => ({ fiscalYear, buckets: moved(buckets) })).filter((m) => Object.keys(m.buckets).length > 0),
    days: [...days.values()].map((d) => ({ ...d, buckets: moved(d.buckets) })).filter((d) => Object.keys(d.buckets).length > 0),
  };
}

// --- rows ------------------------------------------------------------------------------------

export type ExecutionGroupBy = 'zone' | 'city' | 'program';
export const EXECUTION_GROUP_BYS: readonly ExecutionGroupBy[] = ['zone', 'city', 'program'];

/** One rollup shard's figures as of the report's day, with the place it sums. */
export interface ExecutionShard {
  zoneId: string;
  city: string | null;
  programCode: string;
  figures: BudgetFigures;
}

/** Scope and filters: a zone committee's zone, a city bureau's city, a program asked for. */
export interface ExecutionFilter {
  zoneId?: string;
  city?: string;
  programCode?: string;
}

export interface ExecutionRow extends BudgetFigures {
  group: string;
  attributes: { zoneId?: string; city?: string; programCode?: string };
  progress: Fraction;
  timeProgress: Fraction;
  behind: boolean;
}

export interface ExecutionOptions {
  fiscalYear: number;
  asOf: BusinessDate;
  toleranceBps?: number;
}

function groupOf(groupBy: ExecutionGroupBy, s: ExecutionShard): { group: string; attributes: ExecutionRow['attributes'] } | null {
  if (groupBy === 'program') return { group: s.programCode, attributes: { programCode: s.programCode } };
  if (groupBy === 'zone') return { group: s.zoneId, attributes: { zoneId: s.zoneId, ...(s.city !== null ? { city: s.city } : {}) } };
  return s.city === null ? null : { group: s.city, attributes: { city: s.city } };
}

export function rowOf(group: string, attributes: ExecutionRow['attributes'], figures: BudgetFigures, o: ExecutionOptions): ExecutionRow {
  const time = timeProgress(o.fiscalYear, o.asOf);
  const progress = progressOf(figures);
  return { group, attributes, ...figures, progress, timeProgress: time, behind: isBehind(progress, time, o.toleranceBps ?? DEFAULT_TOLERANCE_BPS) };
}

/**
 * One row per group with money of the fiscal year as of the day, in group order. The shards are
 * of the finest place (zone × program), so every grouping and every scope is summed from the
 * same items; a shard outside the filter is left out whole.
 */
export function executionRows(groupBy: ExecutionGroupBy, shards: readonly ExecutionShard[], filter: ExecutionFilter, o: ExecutionOptions): ExecutionRow[] {
  const sums = new Map<string, { attributes: ExecutionRow['attributes']; figures: BudgetFigures }>();
  for (const s of shards) {
    if ((filter.zoneId !== undefined && s.zoneId !== filter.zoneId) || (filter.city !== undefined && s.city !== filter.city) || (filter.programCode !== undefined && s.programCode !== filter.programCode)) continue;
    const g = groupOf(groupBy, s);
    if (!g) continue;
    const row = sums.get(g.group) ?? { attributes: g.attributes, figures: zeroFigures() };
    row.figures = addFigures(row.figures, s.figures);
    sums.set(g.group, row);
  }
  return [...sums].filter(([, r]) => r.figures.allocatedFen !== 0 || r.figures.transferredFen !== 0 || r.figures.paidFen !== 0)
    .map(([group, r]) => rowOf(group, r.attributes, r.figures, o))
    .sort((x, y) => (x.group < y.group ? -1 : x.group > y.group ? 1 : 0));
}

/** The totals row: figures summed in fen, its own progress and lag. */
export const executionTotal = (rows: readonly ExecutionRow[], o: ExecutionOptions): ExecutionRow =>
  rowOf('合计', {}, rows.reduce<BudgetFigures>((t, r) => addFigures(t, r), zeroFigures()), o);

/**
 * The ranking (支出进度排名): highest progress first, compared exactly; equal progress shares a
 * rank (1, 2, 2, 4) and is listed by more money paid, then by group; groups with nothing
 * allocated come last, without a rank.
 */
export function rankByProgress(rows: readonly ExecutionRow[]): (ExecutionRow & { rank: number | null })[] {
  const sorted = [...rows].sort((x, y) => compareFractions(y.progress, x.progress) || y.paidFen - x.paidFen || (x.group < y.group ? -1 : x.group > y.group ? 1 : 0));
  const out: (ExecutionRow & { rank: number | null })[] = [];
  sorted.forEach((r, i) => {
    const previous = out[i - 1];
    const rank = r.progress.denominator <= 0 ? null : previous && previous.rank !== null && compareFractions(previous.progress, r.progress) === 0 ? previous.rank : i + 1;
    out.push({ ...r, rank });
  });
  return out;
}
