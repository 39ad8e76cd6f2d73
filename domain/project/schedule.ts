import { addDays, compareDates, type BusinessDate } from '../dates';
import type { Fen } from '../money';
import type { Funder, ProjectState, Tranche } from './types';

export type TrancheStatus = 'paid' | 'partial' | 'upcoming' | 'due' | 'overdue';

export interface TrancheView extends Tranche {
  paidFen: Fen;
  status: TrancheStatus;
}

/** Tranches of one funder in `dueOn` order (registration order breaks ties), as the terms now stand. */
export function tranchesOf(state: ProjectState, funder: Funder): Tranche[] {
  return state.terms.schedule
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.funder === funder)
    .sort((a, b) => compareDates(a.t.dueOn, b.t.dueOn) || a.i - b.i)
    .map(({ t }) => t);
}

/**
 * What the funder has paid the owner. The state holds only entries up to its `lastValueDate`:
 * evaluating an earlier day takes the state rebuilt as of that day (rebuildAsOf).
 */
export const paidFen = (state: ProjectState, funder: Funder): Fen => state[funder].disbursedFen;

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
    let left = paidFen(state, funder);
    for (const t of tranchesOf(state, funder)) {
      const paid = Math.min(left, t.amountFen);
      left -= paid;
      let status: TrancheStatus;
      if (paid === t.amountFen) status = 'paid';
      else if (isPastGrace(t, grace, asOf)) status = 'overdue';
      else if (paid > 0) status = 'partial';
      else if (compareDates(t.dueOn, asOf) <= 0) status = 'due';
      else status = 'upcoming';
      views.set(t, { ...t, paidFen: paid, status });
    }
  }
  return state.terms.schedule.map((t) => views.get(t)!);
}

/** Schedule alerts stop once a project is closed or terminated. */
export const tracksSchedule = (state: ProjectState): boolean => state.status === 'active' || state.status === 'on-hold';

export const isLagging = (state: ProjectState, asOf: BusinessDate): boolean =>
  tracksSchedule(state) && scheduleStatus(state, asOf).some((t) => t.status === 'overdue');
