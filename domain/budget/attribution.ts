import { requireBusinessDate, type BusinessDate } from '../dates';
import { addFen, subFen, type Fen } from '../money';
import { yearOf } from './indicator';

/**
 * Which allocation each fen of a project's province money belongs to (API.md: a project's
 * province transfers and payments cover its allocations oldest first). Lay the allocations end
 * to end, oldest first (value date, then seq), each as long as the money it still commits; the
 * project's cumulative transferred money fills that line from its start, and so does its
 * cumulative paid money. Each fen transferred or paid then lies in exactly one allocation, hence
 * one indicator and one fiscal year.
 *
 * The cumulative figures make the rule hold for every correction: a reversed payment shortens the
 * paid stretch at its end, a decommitted or reversed allocation shortens the line, and what lay
 * beyond moves to the allocations after it.
 */
export interface AllocationFigures {
  entryId: string;
  seq: number;
  valueDate: BusinessDate;
  /** The indicator it draws on; null for allocations recorded without one (before v3, or without budgetControl). */
  indicatorNo: string | null;
  amountFen: Fen;
  /** Decommitted (核减) and voided at termination: given back to the indicator. */
  decommittedFen: Fen;
  /** Taken back by a reversal while kept on record (0 where a reversed allocation is simply left out). */
  reversedFen: Fen;
}

export interface AttributedAllocation extends AllocationFigures {
  /** What it still commits: amount − decommitted − reversed. */
  allocatedFen: Fen;
  /** Where its stretch starts on the line (the money of the allocations before it). */
  startFen: Fen;
  transferredFen: Fen;
  paidFen: Fen;
}

export interface ProvinceMoney {
  transferredFen: Fen;
  paidFen: Fen;
}

export interface Attribution {
  /** Oldest first. */
  allocations: AttributedAllocation[];
  /** Money beyond every allocation's stretch: none while the project's books hold (paid ≤ transferred ≤ confirmed ≤ allocated). */
  unattributed: ProvinceMoney;
}

/**
 * A copy oldest first: by value date, then by seq (the order they were recorded in). Each date is
 * checked once and then compared as the string it is (fixed width: string order is date order):
 * this runs over a project's allocations, up to 200, on every entry it records, and a comparator
 * that parsed both dates on every comparison was most of the cost.
 */
export function sortedOldestFirst<T extends { valueDate: BusinessDate; seq: number }>(xs: readonly T[]): T[] {
  for (const x of xs) requireBusinessDate(x.valueDate);
  return [...xs].sort((a, b) => (a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : a.seq - b.seq));
}

/** What of [start, start + length) a cumulative figure covers. */
const covered = (total: Fen, start: Fen, length: Fen): Fen => Math.min(length, Math.max(0, subFen(total, start)));

export function attribute(allocations: readonly AllocationFigures[], province: ProvinceMoney): Attribution {
  if (province.transferredFen < 0 || province.paidFen < 0) throw new RangeError(`province money must not be negative: ${JSON.stringify(province)}`);
  let start: Fen = 0;
  const out: AttributedAllocation[] = [];
  for (const a of sortedOldestFirst(allocations)) {
    const allocatedFen = subFen(subFen(a.amountFen, a.decommittedFen), a.reversedFen);
    if (a.amountFen < 0 || a.decommittedFen < 0 || a.reversedFen < 0 || allocatedFen < 0) {
      throw new RangeError(`allocation ${a.entryId}: ${a.decommittedFen} fen decommitted and ${a.reversedFen} fen reversed of ${a.amountFen} fen`);
    }
    // Built field by field rather than spread: this runs for every allocation on every entry.
    out.push({
      entryId: a.entryId, seq: a.seq, valueDate: a.valueDate, indicatorNo: a.indicatorNo, amountFen: a.amountFen, decommittedFen: a.decommittedFen, reversedFen: a.reversedFen,
      allocatedFen, startFen: start, transferredFen: covered(province.transferredFen, start, allocatedFen), paidFen: covered(province.paidFen, start, allocatedFen),
    });
    start = addFen(start, allocatedFen);
  }
  return {
    allocations: out,
    unattributed: { transferredFen: Math.max(0, subFen(province.transferredFen, start)), paidFen: Math.max(0, subFen(province.paidFen, start)) },
  };
}

/** The figures an indicator, or a fiscal year's report, sums. */
export interface BudgetFigures {
  allocatedFen: Fen;
  transferredFen: Fen;
  paidFen: Fen;
}

export const zeroFigures = (): BudgetFigures => ({ allocatedFen: 0, transferredFen: 0, paidFen: 0 });
export const addFigures = (a: BudgetFigures, b: BudgetFigures): BudgetFigures => ({
  allocatedFen: addFen(a.allocatedFen, b.allocatedFen),
  transferredFen: addFen(a.transferredFen, b.transferredFen),
  paidFen: addFen(a.paidFen, b.paidFen),
});
export const subFigures = (a: BudgetFigures, b: BudgetFigures): BudgetFigures => ({
  allocatedFen: subFen(a.allocatedFen, b.allocatedFen),
  transferredFen: subFen(a.transferredFen, b.transferredFen),
  paidFen: subFen(a.paidFen, b.paidFen),
});
export const isZero = (f: BudgetFigures): boolean => f.allocatedFen === 0 && f.transferredFen === 0 && f.paidFen === 0;

/** What a project adds to an indicator from its allocations of one value-date year. */
export interface IndicatorContribution extends BudgetFigures {
  indicatorNo: string;
  fiscalYear: number;
}

/**
 * What the project adds to each indicator it draws on, told apart by the value-date year of the
 * allocations (an allocation names an indicator of its year — indicator-mismatch — so while the
 * rules hold an indicator has one year): keyed `<year>|<indicatorNo>`. Summed over projects per
 * indicator, this is the indicator's allocated, transferred and paid money. Accumulated in place:
 * it runs over every allocation on every entry (domain/budget/changes.ts).
 */
export function indicatorContributions(attribution: Attribution): Map<string, IndicatorContribution> {
  const out = new Map<string, IndicatorContribution>();
  for (const a of attribution.allocations) {
    if (a.indicatorNo === null) continue;
    const fiscalYear = yearOf(a.valueDate);
    const key = `${fiscalYear}|${a.indicatorNo}`;
    const c = out.get(key);
    if (c) {
      c.allocatedFen = addFen(c.allocatedFen, a.allocatedFen);
      c.transferredFen = addFen(c.transferredFen, a.transferredFen);
      c.paidFen = addFen(c.paidFen, a.paidFen);
    } else {
      out.set(key, { indicatorNo: a.indicatorNo, fiscalYear, allocatedFen: a.allocatedFen, transferredFen: a.transferredFen, paidFen: a.paidFen });
    }
  }
  return out;
}

/** What the project adds to each fiscal year's execution report: the money of that year's indicators. */
export function fiscalYearContributions(attribution: Attribution): Map<number, BudgetFigures> {
  const out = new Map<number, BudgetFigures>();
  for (const a of attribution.allocations) {
    if (a.indicatorNo === null) continue;
    const year = yearOf(a.valueDate);
    out.set(year, addFigures(out.get(year) ?? zeroFigures(), a));
  }
  return out;
}
