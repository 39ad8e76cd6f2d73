import { addDays, compareDates, daysBetween, type BusinessDate } from '../dates';
import { addFen, type Fen } from '../money';
import type { Funder, ProjectState, Tranche } from './types';

export type TrancheStatus = 'paid' | 'partial' | 'upcoming' | 'due' | 'overdue';

export interface TrancheView extends Tranche {
  paidFen: Fen;
  status: TrancheStatus;
}

/** Tranches of one funder in `dueOn` order (registration order breaks ties). */
export function tranchesOf(state: ProjectState, funder: Funder): Tranche[] {
  return state.registration.schedule
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.funder === funder)
    .sort((a, b) => compareDates(a.t.dueOn, b.t.dueOn) || a.i - b.i)
    .map(({ t }) => t);
}

/** Cumulative disbursement of a funder with `paidOn ≤ asOf` (reversed payments excluded). */
export function paidThrough(state: ProjectState, funder: Funder, asOf: BusinessDate): Fen {
  let paid = 0;
  for (const r of Object.values(state.records)) {
    if (r.kind === 'disbursement' && !r.reversed && r.funder === funder && compareDates(r.valueDate, asOf) <= 0) {
      paid = addFen(paid, r.amountFen);
    }
  }
  return paid;
}

/** A tranche is late once `dueOn + graceDays < D`. */
export const isPastGrace = (t: Tranche, graceDays: number, asOf: BusinessDate): boolean =>
  compareDates(addDays(t.dueOn, graceDays), asOf) < 0;

/**
 * Status of every tranche as of D: cumulative payments cover tranches in `dueOn` order, so an
 * over-payment of an early tranche counts towards the next one.
 */
export function scheduleStatus(state: ProjectState, asOf: BusinessDate): TrancheView[] {
  const grace = state.rules.graceDays;
  const views = new Map<Tranche, TrancheView>();
  for (const funder of ['province', 'zone'] as const) {
    let left = paidThrough(state, funder, asOf);
    for (const t of tranchesOf(state, funder)) {
      const paidFen = Math.min(left, t.amountFen);
      left -= paidFen;
      let status: TrancheStatus;
      if (paidFen === t.amountFen) status = 'paid';
      else if (isPastGrace(t, grace, asOf)) status = 'overdue';
      else if (paidFen > 0) status = 'partial';
      else if (compareDates(t.dueOn, asOf) <= 0) status = 'due';
      else status = 'upcoming';
      views.set(t, { ...t, paidFen, status });
    }
  }
  return state.registration.schedule.map((t) => views.get(t)!);
}

export const isLagging = (state: ProjectState, asOf: BusinessDate): boolean =>
  scheduleStatus(state, asOf).some((t) => t.status === 'overdue');

export const daysLate = (t: Tranche, asOf: BusinessDate): number => daysBetween(t.dueOn, asOf);
