import { subFen, type Fen } from '../money';
import { balances } from './position';
import type { Entry, ProjectState } from './types';

/** How an entry moves its cluster's shared counters. */
export interface ClusterDelta {
  provinceFen: Fen;
  zoneFen: Fen;
  projects: number;
}

/**
 * Derived from the project's balances before and after the entry, so the counters can
 * never disagree with what replaying the projects gives.
 */
export function clusterDelta(before: ProjectState | null, after: ProjectState, entry: Entry): ClusterDelta {
  if (entry.type === 'registration') return { provinceFen: 0, zoneFen: 0, projects: 1 };
  const b0 = balances(before!);
  const b1 = balances(after);
  return {
    provinceFen: subFen(b1.province.allocatedFen, b0.province.allocatedFen),
    zoneFen: subFen(b1.zone.confirmedFen, b0.zone.confirmedFen),
    projects: 0,
  };
}
