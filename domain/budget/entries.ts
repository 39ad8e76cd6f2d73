import type { Fen } from '../money';
import { upcastHistory } from '../project/upcast';
import type { Entry, Undo } from '../project/types';
import { applyBudgetEvent, emptyFlows, type BudgetEvent, type BudgetUndo, type DecommittedPart, type ProvinceFlows } from './flows';

/**
 * The indicator an allocation entry draws on. v3 records it as `details.indicatorNo`; entries
 * recorded before have none.
 */
export const recordedIndicatorNo = (entry: Entry): string | null =>
  entry.type === 'allocation' ? entry.details.indicatorNo ?? null : null;

/**
 * The confirmed part of a decommitment, split over allocations when it was decided
 * (`details.fromConfirmed`, v3); null for decommitments recorded before.
 */
const recordedFromConfirmed = (entry: Entry): DecommittedPart[] | null =>
  entry.type === 'decommitment' && entry.details.fromConfirmed ? entry.details.fromConfirmed.map((p) => ({ entryId: p.entryId, provinceFen: p.provinceFen })) : null;

/** `paidOn`: the value date of the payment a reversal takes back. */
function undoOf(u: Undo, paidOn: string): BudgetUndo | null {
  switch (u.type) {
    case 'allocation':
      return { type: 'allocation', entryId: u.entryId };
    case 'match-confirmation':
      return { type: 'match-confirmation', allocationEntryId: u.allocation?.entryId ?? null, provinceFen: u.provinceFen };
    case 'decommitment':
      return { type: 'decommitment', entryId: u.entryId };
    case 'transfer':
      return { type: 'transfer', valueDate: u.valueDate, amountFen: u.amountFen };
    case 'disbursement':
      return u.funder === 'province' ? { type: 'payment', valueDate: u.impliedTransfer?.valueDate ?? paidOn, amountFen: u.amountFen, impliedTransfer: u.impliedTransfer !== null } : null;
    case 'recovery':
      return null;
  }
}

/**
 * What a ledger entry (format 2: read format-1 entries through upcastHistory first) means for the
 * budget, or null when nothing. `indicatorOf` reads an allocation's indicator. A reversal carries
 * the value date of its target, except those recorded before 24 November 2026 (docs/api.md):
 * `valueDateOf` gives the target's date from the history where it is at hand.
 */
export function budgetEventOf(entry: Entry, indicatorOf: (e: Entry) => string | null = recordedIndicatorNo, valueDateOf: (entryId: string) => string | undefined = () => undefined): BudgetEvent | null {
  const amount: Fen = entry.amountFen ?? 0;
  switch (entry.type) {
    case 'allocation':
      return { type: 'allocation', entryId: entry.entryId, seq: entry.seq, valueDate: entry.valueDate, amountFen: amount, indicatorNo: indicatorOf(entry), pending: entry.status === 'pending-match' };
    case 'match-confirmation':
      return { type: 'match-confirmation', allocationEntryId: entry.refersTo, provinceFen: entry.details.provinceFen };
    case 'decommitment': {
      const d = entry.details;
      return {
        type: 'decommitment', entryId: entry.entryId, valueDate: entry.valueDate,
        fromPending: d.fromPending.map((p) => ({ entryId: p.entryId, provinceFen: p.provinceFen })),
        confirmedFen: d.provinceFromConfirmedFen, fromConfirmed: recordedFromConfirmed(entry),
      };
    }
    case 'termination-approval':
      return { type: 'termination', entryId: entry.entryId, valueDate: entry.valueDate };
    case 'transfer':
      return { type: 'transfer', valueDate: entry.valueDate, amountFen: amount };
    case 'disbursement':
      if ((entry.funder ?? 'province') !== 'province') return null;
      return { type: 'payment', valueDate: entry.valueDate, amountFen: amount, impliedTransfer: entry.details.impliedTransfer === true };
    case 'reversal': {
      const undo = undoOf(entry.details.undo, (entry.refersTo !== null ? valueDateOf(entry.refersTo) : undefined) ?? entry.valueDate);
      return undo ? { type: 'reversal', undo } : null;
    }
    default:
      return null;
  }
}

/** A project's flows from its stored history (any format), registration first. */
export function flowsOfHistory(entries: readonly Entry[], indicatorOf: (e: Entry) => string | null = recordedIndicatorNo): ProvinceFlows {
  const [first, ...rest] = upcastHistory(entries);
  if (!first || first.type !== 'registration') throw new Error('a history starts with its registration');
  let flows = emptyFlows(first.details.registration.insideZone);
  const dates = new Map(rest.map((e) => [e.entryId, e.valueDate]));
  for (const e of rest) {
    const event = budgetEventOf(e, indicatorOf, (id) => dates.get(id));
    if (event) flows = applyBudgetEvent(flows, event);
  }
  return flows;
}
