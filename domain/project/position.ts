import { addFen, mulDivFloor, subFen, sumFen, type Fen } from '../money';
import { CAP_RULE, type CapField, type CapRule } from '../programs/program';
import { needsMatch, requiredZoneFen } from './ratio';
import type { Balance, Balances, CapException, Funder, ProjectState } from './types';

/** Shared counters of a cluster as the storage last saw them. */
export interface ClusterUsage {
  clusterId: string;
  programCode: string;
  zoneId: string;
  provinceAllocatedFen: Fen;
  zoneAllocatedFen: Fen;
  projectCount: number;
  closedOn?: string | null;
}

/**
 * The figures every rule is stated in. Province money is committed when allocated (pending or
 * confirmed); zone money when confirmed, and while a province allocation waits for its match the
 * zone money it requires counts too (RULES.md 3: pending counts against the caps).
 */
export interface Position {
  provincePendingFen: Fen;
  provinceConfirmedFen: Fen;
  provinceAllocatedFen: Fen;
  zonePendingFen: Fen;
  zoneConfirmedFen: Fen;
  zoneAllocatedFen: Fen;
  jointFen: Fen;
  transferredFen: Fen;
  provinceDisbursedFen: Fen;
  zoneDisbursedFen: Fen;
  provinceRecoveredFen: Fen;
  zoneRecoveredFen: Fen;
}

export function position(state: ProjectState): Position {
  const matched = needsMatch(state.rules.match, state.registration.insideZone);
  const provincePendingFen = sumFen(state.openAllocations.map((a) => a.pendingFen));
  const zonePendingFen = matched ? sumFen(state.openAllocations.map((a) => requiredZoneFen(state.rules.match, a.pendingFen, true))) : 0;
  const provinceAllocatedFen = addFen(provincePendingFen, state.province.confirmedFen);
  const zoneAllocatedFen = addFen(zonePendingFen, state.zone.confirmedFen);
  return {
    provincePendingFen,
    provinceConfirmedFen: state.province.confirmedFen,
    provinceAllocatedFen,
    zonePendingFen,
    zoneConfirmedFen: state.zone.confirmedFen,
    zoneAllocatedFen,
    jointFen: addFen(provinceAllocatedFen, zoneAllocatedFen),
    transferredFen: state.province.transferredFen,
    provinceDisbursedFen: state.province.disbursedFen,
    zoneDisbursedFen: state.zone.disbursedFen,
    provinceRecoveredFen: state.province.recoveredFen,
    zoneRecoveredFen: state.zone.recoveredFen,
  };
}

/** Per-funder balances as the project view shows them (API.md, Ledger events). */
export function balances(state: ProjectState): Balances {
  const p = position(state);
  const province: Balance = {
    allocatedFen: p.provinceAllocatedFen,
    pendingFen: p.provincePendingFen,
    confirmedFen: p.provinceConfirmedFen,
    decommittedFen: state.province.decommittedFen,
    transferredFen: state.province.transferredFen,
    // Inside the zone province money reaches the owner through the zone; outside it never stops there.
    heldAtZoneFen: state.registration.insideZone ? Math.max(0, subFen(state.province.transferredFen, state.province.disbursedFen)) : 0,
    disbursedFen: state.province.disbursedFen,
    recoveredFen: state.province.recoveredFen,
  };
  const zone: Balance = {
    allocatedFen: p.zoneAllocatedFen,
    pendingFen: p.zonePendingFen,
    confirmedFen: p.zoneConfirmedFen,
    decommittedFen: state.zone.decommittedFen,
    disbursedFen: state.zone.disbursedFen,
    recoveredFen: state.zone.recoveredFen,
  };
  return { province, zone };
}

export function jointShareLimitFen(state: ProjectState): Fen | null {
  const share = state.rules.caps.jointShareOfNewInvestment;
  if (!share) return null;
  // joint ≤ NI·n/d  ⇔  joint ≤ ⌊NI·n/d⌋ for whole fen, so the floor is the exact limit.
  return mulDivFloor(state.terms.newInvestmentFen, share.numerator, share.denominator);
}

export const exceptionFor = (state: ProjectState, rule: CapRule): CapException | null =>
  state.exceptions.find((e) => e.rule === rule) ?? null;

/** The program's own limit for a cap field (before exceptions), in fen. */
export function programLimitFen(state: ProjectState, field: CapField): Fen | null {
  if (field === 'jointShareOfNewInvestment') return jointShareLimitFen(state);
  return state.rules.caps[field];
}

/** The limit in force for this project: an approved exception's, else the program's. */
export function effectiveLimitFen(state: ProjectState, field: CapField): Fen | null {
  const base = programLimitFen(state, field);
  if (base === null) return null;
  return exceptionFor(state, CAP_RULE[field])?.limitFen ?? base;
}

/** Whether this project's province money counts against its cluster's cap (an open reading). */
export const countsInCluster = (state: ProjectState): boolean =>
  state.registration.insideZone || state.rules.outsideZoneCountsInClusterCap;

/** How an entry moves its cluster's shared counters: derived from the position before and after. */
export interface ClusterDelta {
  provinceFen: Fen;
  zoneFen: Fen;
  projects: number;
}

export function clusterDelta(before: ProjectState | null, after: ProjectState): ClusterDelta {
  if (!before) return { provinceFen: countsInCluster(after) ? position(after).provinceAllocatedFen : 0, zoneFen: position(after).zoneAllocatedFen, projects: 1 };
  const b = position(before);
  const a = position(after);
  return {
    provinceFen: countsInCluster(after) ? subFen(a.provinceAllocatedFen, b.provinceAllocatedFen) : 0,
    zoneFen: subFen(a.zoneAllocatedFen, b.zoneAllocatedFen),
    projects: 0,
  };
}

export interface Limit {
  rule: CapRule | 'contract-grant';
  funder: Funder | 'joint';
  limitFen: Fen;
  usedFen: Fen;
  headroomFen: Fen;
  /** Set when an approved exception raised the program's limit for this project. */
  exception?: { programLimitFen: Fen; proposalEntryId: string; approvalEntryId: string; reference: string | null };
}

/** Every cap that applies to the project, with what is used of it (pending included). */
export function limits(state: ProjectState, cluster?: ClusterUsage | null): Limit[] {
  const p = position(state);
  const out: Limit[] = [];
  const add = (rule: Limit['rule'], funder: Limit['funder'], field: CapField | null, limitFen: Fen | null, usedFen: Fen) => {
    if (limitFen === null) return;
    const ex = field ? exceptionFor(state, CAP_RULE[field]) : null;
    const base = field ? programLimitFen(state, field) : null;
    out.push({
      rule,
      funder,
      limitFen,
      usedFen,
      headroomFen: Math.max(0, limitFen - usedFen),
      ...(ex && base !== null ? { exception: { programLimitFen: base, proposalEntryId: ex.proposalEntryId, approvalEntryId: ex.approvalEntryId, reference: ex.reference } } : {}),
    });
  };
  const cap = (field: CapField) => effectiveLimitFen(state, field);
  add('province-per-project', 'province', 'provincePerProjectFen', cap('provincePerProjectFen'), p.provinceAllocatedFen);
  add('joint-per-project', 'joint', 'jointPerProjectFen', cap('jointPerProjectFen'), p.jointFen);
  add('joint-share-of-new-investment', 'joint', 'jointShareOfNewInvestment', cap('jointShareOfNewInvestment'), p.jointFen);
  if (cluster) {
    add('province-per-cluster', 'province', 'provincePerClusterFen', cap('provincePerClusterFen'), cluster.provinceAllocatedFen);
    add('zone-per-cluster', 'zone', 'zonePerClusterFen', cap('zonePerClusterFen'), cluster.zoneAllocatedFen);
  }
  add('contract-grant', 'province', null, state.terms.contract.provinceGrantFen, p.provinceAllocatedFen);
  add('contract-grant', 'zone', null, state.terms.contract.zoneGrantFen, p.zoneAllocatedFen);
  return out;
}
