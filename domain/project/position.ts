import { addFen, mulDivFloor, type Fen } from '../money';
import type { RuleId } from './outcome';
import type { AllocationRecord, Balances, Funder, ProjectState } from './types';

/** Shared counters of a cluster as the storage last saw them. */
export interface ClusterUsage {
  clusterId: string;
  programCode: string;
  zoneId: string;
  provinceAllocatedFen: Fen;
  zoneAllocatedFen: Fen;
  projectCount: number;
}

export interface Limit {
  rule: RuleId;
  funder: Funder | 'joint';
  limitFen: Fen;
  usedFen: Fen;
  headroomFen: Fen;
}

const emptyBalance = () => ({ allocatedFen: 0, pendingFen: 0, confirmedFen: 0, disbursedFen: 0 });

/**
 * Per-funder position. Province money is allocated when posted (pending or confirmed);
 * zone money is allocated when confirmed, and while a province allocation waits for its
 * match, the zone money it requires counts as the zone's pending (RULES.md 3: pending counts).
 */
export function balances(state: ProjectState): Balances {
  const b: Balances = { province: emptyBalance(), zone: emptyBalance() };
  for (const r of Object.values(state.records)) {
    if (r.kind === 'allocation') {
      if (r.status === 'pending-match') {
        b.province.pendingFen = addFen(b.province.pendingFen, r.amountFen);
        b.zone.pendingFen = addFen(b.zone.pendingFen, r.requiredZoneFen);
      } else if (r.status === 'confirmed') {
        b.province.confirmedFen = addFen(b.province.confirmedFen, r.amountFen);
      }
    } else if (r.kind === 'match-confirmation' && !r.reversed) {
      b.zone.confirmedFen = addFen(b.zone.confirmedFen, r.amountFen);
    } else if (r.kind === 'disbursement' && !r.reversed) {
      b[r.funder].disbursedFen = addFen(b[r.funder].disbursedFen, r.amountFen);
    }
  }
  for (const f of ['province', 'zone'] as const) {
    b[f].allocatedFen = addFen(b[f].pendingFen, b[f].confirmedFen);
  }
  return b;
}

export function jointAllocatedFen(b: Balances): Fen {
  return addFen(b.province.allocatedFen, b.zone.allocatedFen);
}

export function jointShareLimitFen(state: ProjectState): Fen | null {
  const share = state.rules.caps.jointShareOfNewInvestment;
  if (!share) return null;
  // joint ≤ NI·n/d  ⇔  joint ≤ ⌊NI·n/d⌋ for whole fen, so the floor is the exact limit.
  return mulDivFloor(state.registration.newInvestmentFen, share.numerator, share.denominator);
}

/** Every cap that applies to the project, with what is used of it (pending included). */
export function limits(state: ProjectState, cluster?: ClusterUsage): Limit[] {
  const b = balances(state);
  const joint = jointAllocatedFen(b);
  const caps = state.rules.caps;
  const out: Limit[] = [];
  const add = (rule: RuleId, funder: Limit['funder'], limitFen: Fen | null, usedFen: Fen) => {
    if (limitFen === null) return;
    out.push({ rule, funder, limitFen, usedFen, headroomFen: Math.max(0, limitFen - usedFen) });
  };
  add('province-per-project', 'province', caps.provincePerProjectFen, b.province.allocatedFen);
  add('joint-per-project', 'joint', caps.jointPerProjectFen, joint);
  add('joint-share-of-new-investment', 'joint', jointShareLimitFen(state), joint);
  if (cluster) add('province-per-cluster', 'province', caps.provincePerClusterFen, cluster.provinceAllocatedFen);
  add('contract-grant', 'province', state.registration.contract.provinceGrantFen, b.province.allocatedFen);
  add('contract-grant', 'zone', state.registration.contract.zoneGrantFen, b.zone.allocatedFen);
  return out;
}

export function allocationRecord(state: ProjectState, entryId: string): AllocationRecord | null {
  const r = state.records[entryId];
  return r && r.kind === 'allocation' ? r : null;
}
