import { compareDates, type BusinessDate } from '../dates';
import { evolve } from './evolve';
import type { Entry, ProjectState } from './types';
import { upcastHistory } from './upcast';

/** Rebuilds a project from its entries (ascending seq, any format). The one fold of the ledger. */
export function rebuild(entries: readonly Entry[]): ProjectState | null {
  let state: ProjectState | null = null;
  for (const e of upcastHistory(entries)) state = evolve(state, e);
  return state;
}

/** The project as of the end of a business day: the entries whose value date is on or before it. */
export function rebuildAsOf(entries: readonly Entry[], asOf: BusinessDate): ProjectState | null {
  return rebuild(entries.filter((e) => e.type === 'registration' || compareDates(e.valueDate, asOf) <= 0));
}
