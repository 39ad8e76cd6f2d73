import { compareDates, type BusinessDate } from '../dates';
import { addFen, subFen, type Fen } from '../money';
import type { DatedAmount } from '../project/types';
import { attribute, sortedOldestFirst, type AllocationFigures, type Attribution } from './attribution';

/**
 * A project's province money as the budget follows it, dated, so that it can be attributed as of
 * any day: the allocations with their indicators and what was decommitted of each (and when), the
 * transfers to the zone and the payments to the owner by value date. Reversals take their target
 * out entirely (a reversal carries its target's value date: as of any day it never happened).
 * Bounded by what the project's state already bounds (allocations, transfer and payment dates).
 */
export interface FlowPart {
  /** The decommitment (or termination) that took it. */
  entryId: string;
  valueDate: BusinessDate;
  amountFen: Fen;
  /** Taken from money still pending (it goes back to pending when the decommitment is reversed). */
  fromPending: boolean;
}

export interface FlowAllocation {
  entryId: string;
  seq: number;
  valueDate: BusinessDate;
  indicatorNo: string | null;
  amountFen: Fen;
  /** Still waiting for the zone's match (a termination voids it). */
  pendingFen: Fen;
  decommitments: FlowPart[];
}

export interface ProvinceFlows {
  /** Inside the zone the province passes money on by transfers; outside it pays the owner directly. */
  insideZone: boolean;
  /** Oldest first. */
  allocations: FlowAllocation[];
  transfers: DatedAmount[];
  /** Province money paid to the owner. */
  payments: DatedAmount[];
}

export const emptyFlows = (insideZone: boolean): ProvinceFlows => ({ insideZone, allocations: [], transfers: [], payments: [] });

/**
 * An allocation's share of a decommitment: `entryId` is the allocation's, as in the
 * `fromPending` parts (AllocationPart) a decommitment entry records already.
 */
export interface DecommittedPart {
  entryId: string;
  provinceFen: Fen;
}

/** What the budget needs of a ledger entry (entries.ts reads them off stored entries). */
export type BudgetEvent =
  | { type: 'allocation'; entryId: string; seq: number; valueDate: BusinessDate; amountFen: Fen; indicatorNo: string | null; pending: boolean }
  | { type: 'match-confirmation'; allocationEntryId: string | null; provinceFen: Fen }
  /**
   * `fromConfirmed`: the allocations its confirmed part came out of, as decided
   * (confirmedDecommitmentSplit) and recorded with the entry; null for entries recorded without it,
   * which are split here the same way.
   */
  | { type: 'decommitment'; entryId: string; valueDate: BusinessDate; fromPending: DecommittedPart[]; confirmedFen: Fen; fromConfirmed: DecommittedPart[] | null }
  /** An approved termination voids whatever is still pending. */
  | { type: 'termination'; entryId: string; valueDate: BusinessDate }
  | { type: 'transfer'; valueDate: BusinessDate; amountFen: Fen }
  /** A province payment; `impliedTransfer`: a format-1 payment inside the zone passed through it the same day. */
  | { type: 'payment'; valueDate: BusinessDate; amountFen: Fen; impliedTransfer: boolean }
  | { type: 'reversal'; undo: BudgetUndo };

export type BudgetUndo =
  | { type: 'allocation'; entryId: string }
  | { type: 'match-confirmation'; allocationEntryId: string | null; provinceFen: Fen }
  | { type: 'decommitment'; entryId: string }
  | { type: 'transfer'; valueDate: BusinessDate; amountFen: Fen }
  | { type: 'payment'; valueDate: BusinessDate; amountFen: Fen; impliedTransfer: boolean };

/** Adds (or with a negative amount removes) money on a value date; the list stays in date order without zeros. */
function onDate(list: readonly DatedAmount[], valueDate: BusinessDate, amountFen: Fen): DatedAmount[] {
  const out = list.map((x) => ({ ...x }));
  const i = out.findIndex((x) => x.valueDate === valueDate);
  if (i >= 0) out[i] = { valueDate, amountFen: addFen(out[i]!.amountFen, amountFen) };
  else out.push({ valueDate, amountFen });
  return out.filter((x) => x.amountFen !== 0).sort((a, b) => compareDates(a.valueDate, b.valueDate));
}

const sumThrough = (list: readonly DatedAmount[], asOf: BusinessDate | null): Fen =>
  list.reduce((t, x) => (asOf === null || compareDates(x.valueDate, asOf) <= 0 ? addFen(t, x.amountFen) : t), 0);

/**
 * The allocations and the project's cumulative province money as of the end of `asOf` (null: as
 * the project stands), ready for `attribute`.
 */
export function figuresAsOf(flows: ProvinceFlows, asOf: BusinessDate | null): { allocations: AllocationFigures[]; transferredFen: Fen; paidFen: Fen } {
  const seen = (d: BusinessDate) => asOf === null || compareDates(d, asOf) <= 0;
  const allocations = flows.allocations.filter((a) => seen(a.valueDate)).map((a) => ({
    entryId: a.entryId, seq: a.seq, valueDate: a.valueDate, indicatorNo: a.indicatorNo, amountFen: a.amountFen,
    decommittedFen: a.decommitments.reduce((t, p) => (seen(p.valueDate) ? addFen(t, p.amountFen) : t), 0),
    reversedFen: 0,
  }));
  return { allocations, transferredFen: sumThrough(flows.transfers, asOf), paidFen: sumThrough(flows.payments, asOf) };
}

export function attributionAsOf(flows: ProvinceFlows, asOf: BusinessDate | null): Attribution {
  const f = figuresAsOf(flows, asOf);
  return attribute(f.allocations, { transferredFen: f.transferredFen, paidFen: f.paidFen });
}

/**
 * Which allocations a decommitment's confirmed part comes out of: the newest first, and of each
 * only what it holds beyond the money already passed on (transferred inside the zone, paid
 * outside it) — the same part the decision allows (confirmed money not yet passed on), so that a
 * decommitment never shortens an allocation below the money attributed to it. On flows whose
 * pending parts are already taken (they come first): fromConfirmedOf does both.
 */
export function confirmedDecommitmentSplit(flows: ProvinceFlows, amountFen: Fen): DecommittedPart[] {
  if (amountFen <= 0) return [];
  const passedOn = flows.insideZone ? sumThrough(flows.transfers, null) : sumThrough(flows.payments, null);
  const current = attributionAsOf(flows, null).allocations;
  const pending = new Map(flows.allocations.map((a) => [a.entryId, a.pendingFen]));
  const taken = new Map<string, Fen>();
  let left = amountFen;
  const take = (entryId: string, room: Fen) => {
    const t = Math.min(left, Math.max(0, room));
    if (t === 0) return;
    taken.set(entryId, addFen(taken.get(entryId) ?? 0, t));
    left = subFen(left, t);
  };
  const newestFirst = [...current].reverse();
  for (const a of newestFirst) {
    if (left === 0) break;
    const confirmed = subFen(a.allocatedFen, pending.get(a.entryId) ?? 0);
    const passed = Math.min(a.allocatedFen, Math.max(0, subFen(passedOn, a.startFen)));
    take(a.entryId, subFen(confirmed, passed));
  }
  // Only when the books would not allow the decommitment: still give the money back, newest first.
  for (const a of newestFirst) {
    if (left === 0) break;
    take(a.entryId, subFen(a.allocatedFen, taken.get(a.entryId) ?? 0));
  }
  return [...taken].map(([entryId, provinceFen]) => ({ entryId, provinceFen }));
}

/**
 * What a decommitment records as `details.fromConfirmed`: its confirmed part split as above, once
 * its pending parts (`fromPending`, as the decision took them) are out. Use this at decide time.
 */
export function fromConfirmedOf(flows: ProvinceFlows, fromPending: readonly DecommittedPart[], confirmedFen: Fen): DecommittedPart[] {
  return confirmedDecommitmentSplit(decommit(flows, '', '1900-01-01', fromPending, true), confirmedFen);
}

function withAllocation(flows: ProvinceFlows, entryId: string, change: (a: FlowAllocation) => FlowAllocation): ProvinceFlows {
  return { ...flows, allocations: flows.allocations.map((a) => (a.entryId === entryId ? change(a) : a)) };
}

function decommit(flows: ProvinceFlows, entryId: string, valueDate: BusinessDate, parts: readonly DecommittedPart[], fromPending: boolean): ProvinceFlows {
  let out = flows;
  for (const p of parts) {
    if (p.provinceFen === 0) continue;
    out = withAllocation(out, p.entryId, (a) => ({
      ...a,
      pendingFen: fromPending ? subFen(a.pendingFen, p.provinceFen) : a.pendingFen,
      decommitments: [...a.decommitments, { entryId, valueDate, amountFen: p.provinceFen, fromPending }],
    }));
  }
  return out;
}

/** Applies one event. Total, like the project's evolve: the decision already refused what cannot be. */
export function applyBudgetEvent(flows: ProvinceFlows, e: BudgetEvent): ProvinceFlows {
  switch (e.type) {
    case 'allocation': {
      const a: FlowAllocation = { entryId: e.entryId, seq: e.seq, valueDate: e.valueDate, indicatorNo: e.indicatorNo, amountFen: e.amountFen, pendingFen: e.pending ? e.amountFen : 0, decommitments: [] };
      return { ...flows, allocations: sortedOldestFirst([...flows.allocations, a]) };
    }
    case 'match-confirmation':
      return e.allocationEntryId === null ? flows : withAllocation(flows, e.allocationEntryId, (a) => ({ ...a, pendingFen: subFen(a.pendingFen, e.provinceFen) }));
    case 'decommitment': {
      const fromConfirmed = e.fromConfirmed ?? fromConfirmedOf(flows, e.fromPending, e.confirmedFen);
      return decommit(decommit(flows, e.entryId, e.valueDate, e.fromPending, true), e.entryId, e.valueDate, fromConfirmed, false);
    }
    case 'termination': {
      const voided = flows.allocations.filter((a) => a.pendingFen > 0).map((a) => ({ entryId: a.entryId, provinceFen: a.pendingFen }));
      return decommit(flows, e.entryId, e.valueDate, voided, true);
    }
    case 'transfer':
      return { ...flows, transfers: onDate(flows.transfers, e.valueDate, e.amountFen) };
    case 'payment': {
      const paid = { ...flows, payments: onDate(flows.payments, e.valueDate, e.amountFen) };
      return e.impliedTransfer ? { ...paid, transfers: onDate(paid.transfers, e.valueDate, e.amountFen) } : paid;
    }
    case 'reversal':
      return undone(flows, e.undo);
  }
}

function undone(flows: ProvinceFlows, u: BudgetUndo): ProvinceFlows {
  switch (u.type) {
    case 'allocation':
      return { ...flows, allocations: flows.allocations.filter((a) => a.entryId !== u.entryId) };
    case 'match-confirmation':
      return u.allocationEntryId === null ? flows : withAllocation(flows, u.allocationEntryId, (a) => ({ ...a, pendingFen: addFen(a.pendingFen, u.provinceFen) }));
    case 'decommitment':
      return {
        ...flows,
        allocations: flows.allocations.map((a) => {
          const parts = a.decommitments.filter((p) => p.entryId === u.entryId);
          if (parts.length === 0) return a;
          const backToPending = parts.reduce((t, p) => (p.fromPending ? addFen(t, p.amountFen) : t), 0);
          return { ...a, pendingFen: addFen(a.pendingFen, backToPending), decommitments: a.decommitments.filter((p) => p.entryId !== u.entryId) };
        }),
      };
    case 'transfer':
      return { ...flows, transfers: onDate(flows.transfers, u.valueDate, -u.amountFen) };
    case 'payment': {
      const unpaid = { ...flows, payments: onDate(flows.payments, u.valueDate, -u.amountFen) };
      return u.impliedTransfer ? { ...unpaid, transfers: onDate(unpaid.transfers, u.valueDate, -u.amountFen) } : unpaid;
    }
  }
}

/** Every day on which the flows change what is attributed: the breakpoints of the as-of figures. */
export function flowDates(flows: ProvinceFlows): BusinessDate[] {
  const dates = new Set<BusinessDate>();
  for (const a of flows.allocations) {
    dates.add(a.valueDate);
    for (const p of a.decommitments) dates.add(p.valueDate);
  }
  for (const x of flows.transfers) dates.add(x.valueDate);
  for (const x of flows.payments) dates.add(x.valueDate);
  return [...dates];
}
