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
 * Rollups are stored by value date so that any day can be read: per (fiscal year, zone, program)
 * one item for each month with money, with a bucket per day and field holding what moved on that
 * day (`da05`: allocated on the 5th). A change ADDs to its own day's bucket, once, whatever the day.
 * As of a day D an item counts whole if its month is before D's, through D's day if it is D's
 * month, and not at all if it is later: the report reads the items of the months up to D, however
 * many projects there are, each of at most 31 buckets a field (besides the running totals below).
 *
 * The release before this one kept running totals in the same items (`a05`: what moved in the
 * month through the 5th; a change ADDed to its day and every later day). They are read as they
 * are, the bucket of the day counted, beside the day buckets written since.
 */
export const FIELD_LETTER = { allocatedFen: 'a', transferredFen: 't', paidFen: 'p' } as const;
const FIELDS = Object.keys(FIELD_LETTER) as (keyof BudgetFigures)[];
const FIELD_OF: Record<string, keyof BudgetFigures> = { a: 'allocatedFen', t: 'transferredFen', p: 'paidFen' };

/** `2026-03` */
export const monthOf = (d: BusinessDate): string => d.slice(0, 7);
/** Bucket attribute of what moved on a day (`01`–`31`) in its month's item: `da05`. */
const dayBucket = (field: keyof BudgetFigures, day: string): string => `d${FIELD_LETTER[field]}${day}`;

/** The bucket changes a dated change makes: ADD these to its month's item. */
export function bucketChanges(change: BudgetFigures & { on: BusinessDate }): Record<string, Fen> {
  const out: Record<string, Fen> = {};
  for (const f of FIELDS) if (change[f] !== 0) out[dayBucket(f, change.on.slice(8, 10))] = change[f];
  return out;
}

/** `da05` (what moved on the 5th) or, of the release before, `a05` (the running total through the 5th). */
const BUCKET = /^(d?)([atp])([0-9]{2})$/;

/**
 * What one month's item (`month`: `YYYY-MM`) adds to the figures as of `asOf`: the whole month
 * before `asOf`'s month, through `asOf`'s day in it, nothing after it. Attributes that are not
 * buckets are ignored.
 */
export function figuresOfMonth(month: string, item: Record<string, unknown>, asOf: BusinessDate): BudgetFigures {
  const out = zeroFigures();
  const current = monthOf(asOf);
  if (month > current) return out;
  const through = month === current ? Number(asOf.slice(8, 10)) : daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  for (const [name, value] of Object.entries(item)) {
    const m = BUCKET.exec(name);
    if (!m || typeof value !== 'number') continue;
    const day = Number(m[3]);
    const counts = m[1] === 'd' ? day <= through : day === through;
    const field = FIELD_OF[m[2]!]!;
    if (counts) out[field] = addFen(out[field], value);
  }
  return out;
}

/**
 * The day buckets of a days item of the first layout (keys.ts LEGACY_EXECUTION_DAYS_PREFIX), which
 * held what moved on each day under the names running totals later took (`a05`): the same amounts
 * under today's names (`da05`), for the fold of such items (functions/lib/storage/execution-fold.ts).
 */
export function dayBucketsOfLegacyDays(item: Record<string, unknown>): Record<string, Fen> {
  const out: Record<string, Fen> = {};
  for (const [name, value] of Object.entries(item)) {
    const m = BUCKET.exec(name);
    if (m && m[1] === '' && typeof value === 'number' && value !== 0) out[`d${name}`] = value;
  }
  return out;
}

/**
 * What one ledger event adds to its place's execution rollups: per (fiscal year, month) touched,
 * the buckets of that month's item. Buckets that come to zero are left out, and so is an item
 * with none left.
 */
export interface RollupDelta {
  fiscalYear: number;
  month: string;
  buckets: Record<string, Fen>;
}

export function rollupDeltas(changes: readonly ExecutionChange[]): RollupDelta[] {
  const items = new Map<string, RollupDelta>();
  for (const c of changes) {
    const month = monthOf(c.on);
    const key = `${c.fiscalYear}|${month}`;
    const d = items.get(key) ?? { fiscalYear: c.fiscalYear, month, buckets: {} };
    for (const [k, v] of Object.entries(bucketChanges(c))) d.buckets[k] = addFen(d.buckets[k] ?? 0, v);
    items.set(key, d);
  }
  return [...items.values()]
    .map((d) => ({ ...d, buckets: Object.fromEntries(Object.entries(d.buckets).filter(([, v]) => v !== 0)) }))
    .filter((d) => Object.keys(d.buckets).length > 0);
}

// --- rows ------------------------------------------------------------------------------------

export type ExecutionGroupBy = 'zone' | 'city' | 'program';
export const EXECUTION_GROUP_BYS: readonly ExecutionGroupBy[] = ['zone', 'city', 'program'];

/** One rollup item's figures as of the report's day (figuresOfMonth), with the place it sums. */
export interface ExecutionCell {
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

function groupOf(groupBy: ExecutionGroupBy, s: ExecutionCell): { group: string; attributes: ExecutionRow['attributes'] } | null {
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
 * One row per group with money of the fiscal year as of the day, in group order. The cells are
 * of the finest place (zone × program), so every grouping and every scope is summed from the
 * same items; a cell outside the filter is left out whole.
 */
export function executionRows(groupBy: ExecutionGroupBy, cells: readonly ExecutionCell[], filter: ExecutionFilter, o: ExecutionOptions): ExecutionRow[] {
  const sums = new Map<string, { attributes: ExecutionRow['attributes']; figures: BudgetFigures }>();
  for (const s of cells) {
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
