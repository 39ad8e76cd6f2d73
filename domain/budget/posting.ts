import type { RuleViolation } from '../project/outcome';
import type { Entry } from '../project/types';
import { executionChanges, indicatorChanges, type ExecutionChange, type IndicatorChange } from './changes';
import { budgetEventOf } from './entries';
import { applyBudgetEvent, type ProvinceFlows } from './flows';
import { remainingFen, type Indicator } from './indicator';

/**
 * What a decided ledger entry does to the budget, written in the entry's own transaction: the
 * project's province flows after it, the change of every indicator it moves (a draw, a give-back,
 * money transferred or paid moving with the attribution) and the dated changes of the execution
 * rollups. Pure: the write path reads, decides the entry, then asks this.
 */
export interface BudgetEffect {
  flows: ProvinceFlows;
  indicatorChanges: IndicatorChange[];
  executionChanges: ExecutionChange[];
}

export function budgetEffect(before: ProvinceFlows, entry: Entry): BudgetEffect {
  const event = budgetEventOf(entry);
  if (!event) return { flows: before, indicatorChanges: [], executionChanges: [] };
  const flows = applyBudgetEvent(before, event);
  return { flows, indicatorChanges: indicatorChanges(before, flows), executionChanges: executionChanges(before, flows) };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The indicators the entry draws on that were neither read for its decision nor left to the
 * write's condition (a reversed decommitment draws again).
 */
export const unreadDraws = (changes: readonly IndicatorChange[], indicators: ReadonlyMap<string, Indicator | null>, checkedOnWrite: ReadonlySet<string> = NONE): string[] =>
  changes.filter((c) => c.allocatedFen > 0 && !indicators.has(c.indicatorNo) && !checkedOnWrite.has(c.indicatorNo)).map((c) => c.indicatorNo);

/**
 * Every draw meets its indicator's rules, whichever entry makes it: an allocation (decideAllocation
 * checked it already, with the same figures) or the reversal of a decommitment, which takes the
 * money back out of the indicator — refused while the indicator is closed or has no room left.
 * `checkedOnWrite`: indicators held to their rules by the write's condition alone (BudgetContext);
 * money of two fiscal years on one indicator is refused here whatever it is.
 */
export function drawViolation(changes: readonly IndicatorChange[], indicators: ReadonlyMap<string, Indicator | null>, entry: Entry, checkedOnWrite: ReadonlySet<string> = NONE): RuleViolation | null {
  const what = entry.type === 'reversal' ? `reversing ${entry.refersTo} draws` : `${entry.type} ${entry.entryId} draws`;
  // An indicator holds money of its own fiscal year only: money of two years on one is a mismatch
  // whatever the indicator is (and one transaction could not name its item twice).
  const seen = new Map<string, number>();
  for (const c of changes) {
    const year = seen.get(c.indicatorNo);
    if (year !== undefined && year !== c.fiscalYear) {
      return { rule: 'indicator-mismatch', detail: `${what} money of ${Math.min(year, c.fiscalYear)} and of ${Math.max(year, c.fiscalYear)} on budget indicator ${c.indicatorNo}, which is of one fiscal year`, ...(entry.amountFen !== null ? { attemptedFen: entry.amountFen } : {}) };
    }
    seen.set(c.indicatorNo, c.fiscalYear);
  }
  for (const c of changes) {
    if (c.allocatedFen <= 0 || checkedOnWrite.has(c.indicatorNo)) continue;
    const i = indicators.get(c.indicatorNo) ?? null;
    const attemptedFen = c.allocatedFen;
    if (i === null) return { rule: 'indicator-mismatch', detail: `${what} ${attemptedFen} fen on budget indicator ${c.indicatorNo}, which does not exist`, attemptedFen };
    if (i.status !== 'open') {
      const how = i.status === 'carried-over' ? `was carried over to ${i.carriedTo}` : 'lapsed';
      return { rule: 'indicator-closed', detail: `${what} ${attemptedFen} fen again on budget indicator ${i.indicatorNo}, which ${how} on ${i.closedOn}`, limitFen: i.amountFen, usedFen: i.allocatedFen, attemptedFen };
    }
    if (attemptedFen > remainingFen(i)) {
      return {
        rule: 'budget-indicator-exceeded',
        detail: `${what} ${attemptedFen} fen on budget indicator ${i.indicatorNo}: ${i.allocatedFen} fen allocated of its ${i.amountFen} fen (${remainingFen(i)} fen remain)`,
        limitFen: i.amountFen, usedFen: i.allocatedFen, attemptedFen,
      };
    }
  }
  return null;
}

/**
 * Bounds that keep the flows on the project's state item small whatever the history's length
 * (rule `record-limit`, as for open allocations and transfer dates). Only growth is refused: a
 * project over a bound (brought in from before it) can still record everything that does not add.
 */
export const MAX_BUDGET_ALLOCATIONS = 200;
export const MAX_PAYMENT_DATES = 100;
export const MAX_DECOMMITTED_PARTS = 200;

const partsOf = (f: ProvinceFlows) => f.allocations.reduce((t, a) => t + a.decommitments.length, 0);

export function flowsRecordLimit(before: ProvinceFlows, after: ProvinceFlows): RuleViolation | null {
  const grew = (n: (f: ProvinceFlows) => number, max: number) => n(after) > max && n(after) > n(before);
  if (grew((f) => f.allocations.length, MAX_BUDGET_ALLOCATIONS)) {
    return { rule: 'record-limit', detail: `a project keeps at most ${MAX_BUDGET_ALLOCATIONS} allocations (reversed ones do not count)` };
  }
  if (grew((f) => f.payments.length, MAX_PAYMENT_DATES)) {
    return { rule: 'record-limit', detail: `a project keeps province payments on at most ${MAX_PAYMENT_DATES} distinct value dates` };
  }
  if (grew(partsOf, MAX_DECOMMITTED_PARTS)) {
    return { rule: 'record-limit', detail: `a project keeps at most ${MAX_DECOMMITTED_PARTS} decommitted parts of allocations` };
  }
  return null;
}
