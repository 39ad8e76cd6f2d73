import type { BusinessDate } from '../dates';
import type { Fen } from '../money';
import type { RuleViolation } from '../project/outcome';
import { remainingFen, yearOf, type Indicator } from './indicator';

/** A province allocation as the budget sees it: one line of a plan document is one of these. */
export interface AllocationUnderBudget {
  amountFen: Fen;
  valueDate: BusinessDate;
  indicatorNo?: string | null;
}

export type IndicatorRule = 'indicator-required' | 'indicator-mismatch' | 'indicator-closed' | 'budget-indicator-exceeded';

/**
 * The rules a province allocation meets under its program's `budgetControl` (API.md, Budget
 * indicators), in the contract's order: it names an indicator; the indicator is of the program
 * and of the allocation's `valueDate` year; it is open; the amount fits in `remainingFen`.
 *
 * `indicator`: the one stored under `allocation.indicatorNo` (null when none is named or none is
 * stored: an unknown number is a mismatch, as an unknown cluster is). An allocation that names an
 * indicator draws on it even when its program does not require one; without `budgetControl` and
 * without a number nothing is checked. The storage condition on the indicator's headroom
 * (storage/budget-items.ts) makes the last rule hold under concurrency; this function gives the
 * refusal its figures: `limitFen` the indicator's amount, `usedFen` its allocated money.
 */
export function indicatorViolation(program: { code: string; budgetControl: boolean }, indicator: Indicator | null, allocation: AllocationUnderBudget): (RuleViolation & { rule: IndicatorRule }) | null {
  const no = allocation.indicatorNo ?? null;
  const attemptedFen = allocation.amountFen;
  if (no === null) {
    if (!program.budgetControl) return null;
    return { rule: 'indicator-required', detail: `program ${program.code} is under budget control: a province allocation names the budget indicator (indicatorNo) it draws on`, attemptedFen };
  }
  if (indicator === null || indicator.indicatorNo !== no) {
    return { rule: 'indicator-mismatch', detail: `there is no budget indicator ${no}`, attemptedFen };
  }
  if (indicator.programCode !== program.code) {
    return { rule: 'indicator-mismatch', detail: `budget indicator ${no} is of program ${indicator.programCode}, not ${program.code}`, attemptedFen };
  }
  const year = yearOf(allocation.valueDate);
  if (indicator.fiscalYear !== year) {
    return { rule: 'indicator-mismatch', detail: `budget indicator ${no} is of fiscal year ${indicator.fiscalYear}; an allocation dated ${allocation.valueDate} draws on one of ${year}`, attemptedFen };
  }
  if (indicator.status !== 'open') {
    const how = indicator.status === 'carried-over' ? `was carried over to ${indicator.carriedTo}` : 'lapsed';
    return { rule: 'indicator-closed', detail: `budget indicator ${no} ${how} on ${indicator.closedOn}`, limitFen: indicator.amountFen, usedFen: indicator.allocatedFen, attemptedFen };
  }
  const left = remainingFen(indicator);
  if (attemptedFen > left) {
    return {
      rule: 'budget-indicator-exceeded',
      detail: `budget indicator ${no}: ${indicator.allocatedFen} fen allocated + ${attemptedFen} fen attempted exceeds its ${indicator.amountFen} fen (${left} fen remain)`,
      limitFen: indicator.amountFen,
      usedFen: indicator.allocatedFen,
      attemptedFen,
    };
  }
  return null;
}
