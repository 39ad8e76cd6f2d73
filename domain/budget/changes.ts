import { compareDates, type BusinessDate } from '../dates';
import { addFen, subFen, type Fen } from '../money';
import type { DatedAmount } from '../project/types';
import { addFigures, indicatorContributions, isZero, sortedOldestFirst, subFigures, zeroFigures, type BudgetFigures, type IndicatorContribution } from './attribution';
import { yearOf } from './indicator';
import { attributionAsOf, flowDates, type FlowPart, type ProvinceFlows } from './flows';

/**
 * What one ledger entry changes in the budget's sums, from the project's flows before and after
 * it. Written in the entry's own transaction, these keep every indicator and every execution
 * rollup equal to the sum over projects.
 */

/**
 * The change of what the project adds to an indicator (as the project stands): one Update of the
 * indicator item. `fiscalYear` is the value-date year of the allocations whose money changes — the
 * year a draw's condition holds the indicator to (storage/budget-items.ts) — so the changes are
 * told apart by indicator and year: an allocation dated in another year than its indicator's is a
 * change of its own, which that condition refuses, whatever the project drew on the indicator before.
 */
export type IndicatorChange = IndicatorContribution;

const contributionsOf = (flows: ProvinceFlows | null) => (flows ? indicatorContributions(attributionAsOf(flows, null)) : new Map<string, IndicatorChange>());

export function indicatorChanges(before: ProvinceFlows | null, after: ProvinceFlows): IndicatorChange[] {
  const b = contributionsOf(before);
  const a = contributionsOf(after);
  const out: IndicatorChange[] = [];
  for (const key of new Set([...b.keys(), ...a.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    const d = subFigures(x ?? zeroFigures(), y ?? zeroFigures());
    if (!isZero(d)) out.push({ indicatorNo: (x ?? y)!.indicatorNo, fiscalYear: (x ?? y)!.fiscalYear, ...d });
  }
  return out.sort((p, q) => (p.indicatorNo < q.indicatorNo ? -1 : p.indicatorNo > q.indicatorNo ? 1 : p.fiscalYear - q.fiscalYear));
}

/**
 * From `on` onwards, the project's contribution to the fiscal year's execution report changes by
 * these amounts (until a later change). An entry dated after everything before it changes one day;
 * an entry dated earlier (a late payment, a reversal, which carries its target's date) may move
 * money between allocations, and so between fiscal years, on several days.
 */
export interface ExecutionChange extends BudgetFigures {
  fiscalYear: number;
  on: BusinessDate;
}

/** Cumulative amounts by date, for a binary search of "through D". */
function cumulative(list: readonly DatedAmount[]): { dates: BusinessDate[]; totals: Fen[] } {
  const sorted = [...list].sort((a, b) => compareDates(a.valueDate, b.valueDate));
  const totals: Fen[] = [];
  let t: Fen = 0;
  for (const x of sorted) totals.push((t = addFen(t, x.amountFen)));
  return { dates: sorted.map((x) => x.valueDate), totals };
}

function through(c: { dates: BusinessDate[]; totals: Fen[] }, asOf: BusinessDate): Fen {
  let lo = 0;
  let hi = c.dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.dates[mid]! <= asOf) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : c.totals[lo - 1]!;
}

/**
 * The project's contribution per fiscal year as of any day: the same attribution as
 * `fiscalYearContributions(attributionAsOf(flows, d))` (the property test holds them equal),
 * prepared once so that evaluating many days costs O(allocations) each, not a sort and a sum of
 * every dated list per day.
 */
function byYearAsOf(flows: ProvinceFlows | null): (asOf: BusinessDate) => Map<number, BudgetFigures> {
  if (!flows) return () => new Map();
  const allocations = sortedOldestFirst(flows.allocations);
  const transfers = cumulative(flows.transfers);
  const payments = cumulative(flows.payments);
  return (asOf) => {
    const t = through(transfers, asOf);
    const p = through(payments, asOf);
    const out = new Map<number, BudgetFigures>();
    let start: Fen = 0;
    for (const a of allocations) {
      if (a.valueDate > asOf) break;
      let net = a.amountFen;
      for (const d of a.decommitments) if (d.valueDate <= asOf) net = subFen(net, d.amountFen);
      if (a.indicatorNo !== null && net !== 0) {
        const year = yearOf(a.valueDate);
        const f = out.get(year) ?? zeroFigures();
        out.set(year, {
          allocatedFen: addFen(f.allocatedFen, net),
          transferredFen: addFen(f.transferredFen, Math.min(net, Math.max(0, t - start))),
          paidFen: addFen(f.paidFen, Math.min(net, Math.max(0, p - start))),
        });
      }
      start = addFen(start, net);
    }
    return out;
  };
}

/** Dates on which two lists of dated amounts differ. */
function datedDifferences(b: readonly DatedAmount[], a: readonly DatedAmount[]): BusinessDate[] {
  const amounts = new Map<BusinessDate, Fen>();
  for (const x of b) amounts.set(x.valueDate, (amounts.get(x.valueDate) ?? 0) - x.amountFen);
  for (const x of a) amounts.set(x.valueDate, (amounts.get(x.valueDate) ?? 0) + x.amountFen);
  return [...amounts].filter(([, d]) => d !== 0).map(([day]) => day);
}

const partKey = (p: FlowPart) => `${p.entryId}|${p.valueDate}|${p.amountFen}`;

/**
 * The earliest day on which the flows differ in what attribution reads (pending money does not
 * count: it moves no money between allocations); null when they do not. As of any earlier day the
 * two attribute the same.
 */
export function firstDifference(before: ProvinceFlows | null, after: ProvinceFlows): BusinessDate | null {
  const days: BusinessDate[] = [];
  const b = new Map((before?.allocations ?? []).map((x) => [x.entryId, x]));
  const a = new Map(after.allocations.map((x) => [x.entryId, x]));
  for (const id of new Set([...b.keys(), ...a.keys()])) {
    const x = b.get(id);
    const y = a.get(id);
    if (!x || !y || x.valueDate !== y.valueDate || x.seq !== y.seq || x.amountFen !== y.amountFen || x.indicatorNo !== y.indicatorNo) {
      days.push((x ?? y)!.valueDate, ...(x && y ? [y.valueDate] : []));
      continue;
    }
    const kept = new Set(x.decommitments.map(partKey));
    const made = new Set(y.decommitments.map(partKey));
    for (const p of x.decommitments) if (!made.has(partKey(p))) days.push(p.valueDate);
    for (const p of y.decommitments) if (!kept.has(partKey(p))) days.push(p.valueDate);
  }
  days.push(...datedDifferences(before?.transfers ?? [], after.transfers), ...datedDifferences(before?.payments ?? [], after.payments));
  return days.sort(compareDates)[0] ?? null;
}

export function executionChanges(before: ProvinceFlows | null, after: ProvinceFlows): ExecutionChange[] {
  const from = firstDifference(before, after);
  if (from === null) return [];
  // Before `from` both attribute alike: only the days with a change from then on can differ.
  const days = [...new Set([...(before ? flowDates(before) : []), ...flowDates(after)])].filter((d) => compareDates(d, from) >= 0).sort(compareDates);
  const out: ExecutionChange[] = [];
  // The difference after − before as of the previous day with a change, per fiscal year.
  let previous = new Map<number, BudgetFigures>();
  const beforeAsOf = byYearAsOf(before);
  const afterAsOf = byYearAsOf(after);
  for (const day of days) {
    const b = beforeAsOf(day);
    const a = afterAsOf(day);
    const current = new Map<number, BudgetFigures>();
    for (const year of new Set([...a.keys(), ...b.keys()])) current.set(year, subFigures(a.get(year) ?? zeroFigures(), b.get(year) ?? zeroFigures()));
    for (const year of new Set([...current.keys(), ...previous.keys()])) {
      const step = subFigures(current.get(year) ?? zeroFigures(), previous.get(year) ?? zeroFigures());
      if (!isZero(step)) out.push({ fiscalYear: year, on: day, ...step });
    }
    previous = current;
  }
  return out.sort((p, q) => p.fiscalYear - q.fiscalYear || compareDates(p.on, q.on));
}

/** The sum of the changes through `asOf` for a fiscal year (what the rollups hold as of that day). */
export function changesThrough(changes: readonly ExecutionChange[], fiscalYear: number, asOf: BusinessDate): BudgetFigures {
  let f = zeroFigures();
  for (const c of changes) if (c.fiscalYear === fiscalYear && compareDates(c.on, asOf) <= 0) f = addFigures(f, c);
  return f;
}
