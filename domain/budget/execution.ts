import { compareDates, daysBetween, type BusinessDate } from '../dates';
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
 * Rollups are stored as changes by value date so that any day can be read: per (fiscal year,
 * zone, program, shard) one item of month buckets and, per month, one item of day buckets. As of
 * a day D the figure is every month bucket before D's month plus D's month's day buckets through
 * D: two small items per shard whatever the history's length.
 */
export const FIELD_LETTER = { allocatedFen: 'a', transferredFen: 't', paidFen: 'p' } as const;
const FIELDS = Object.keys(FIELD_LETTER) as (keyof BudgetFigures)[];

/** `2026-03` */
export const monthOf = (d: BusinessDate): string => d.slice(0, 7);
/** Bucket attribute of a month in the months item: `a202603`. */
export const monthAttribute = (field: keyof BudgetFigures, d: BusinessDate): string => `${FIELD_LETTER[field]}${d.slice(0, 4)}${d.slice(5, 7)}`;
/** Bucket attribute of a day in its month's days item: `a05`. */
export const dayAttribute = (field: keyof BudgetFigures, d: BusinessDate): string => `${FIELD_LETTER[field]}${d.slice(8, 10)}`;

const MONTH_ATTRIBUTE = /^([atp])([0-9]{4})([0-9]{2})$/;
const DAY_ATTRIBUTE = /^([atp])([0-9]{2})$/;
const FIELD_OF: Record<string, keyof BudgetFigures> = { a: 'allocatedFen', t: 'transferredFen', p: 'paidFen' };

/** The bucket changes a dated change makes: ADD these to the months item and to that month's days item. */
export function bucketChanges(change: BudgetFigures & { on: BusinessDate }): { month: Record<string, Fen>; day: Record<string, Fen> } {
  const month: Record<string, Fen> = {};
  const day: Record<string, Fen> = {};
  for (const f of FIELDS) {
    if (change[f] === 0) continue;
    month[monthAttribute(f, change.on)] = change[f];
    day[dayAttribute(f, change.on)] = change[f];
  }
  return { month, day };
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

/**
 * The figures as of `asOf` from a shard's months item and its days item of `asOf`'s month
 * (attributes that are not buckets are ignored; a missing item is `{}`).
 */
export function figuresFromBuckets(months: Record<string, unknown>, days: Record<string, unknown>, asOf: BusinessDate): BudgetFigures {
  const out = zeroFigures();
  const ym = `${asOf.slice(0, 4)}${asOf.slice(5, 7)}`;
  const dd = asOf.slice(8, 10);
  for (const [name, value] of Object.entries(months)) {
    const m = MONTH_ATTRIBUTE.exec(name);
    if (!m || typeof value !== 'number' || `${m[2]}${m[3]}` >= ym) continue;
    const f = FIELD_OF[m[1]!]!;
    out[f] = addFen(out[f], value);
  }
  for (const [name, value] of Object.entries(days)) {
    const m = DAY_ATTRIBUTE.exec(name);
    if (!m || typeof value !== 'number' || m[2]! > dd) continue;
    const f = FIELD_OF[m[1]!]!;
    out[f] = addFen(out[f], value);
  }
  return out;
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
