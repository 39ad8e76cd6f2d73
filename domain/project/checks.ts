import { addFen, subFen, type Fen } from '../money';
import type { CapField } from '../programs/program';
import type { RuleId, RuleViolation } from './outcome';
import { clusterDelta, countsInCluster, effectiveLimitFen, position, type ClusterUsage, type Position } from './position';
import { requiredZoneFen, satisfiesMatch } from './ratio';
import type { Funder, FunderBook, ProjectState } from './types';

/** Bounds that keep the project's state item small whatever the history's length (rule `record-limit`). */
export const MAX_OPEN_ALLOCATIONS = 100;
export const MAX_TRANSFER_DATES = 100;
/** Entries the program requires evidence for, still without it: past this, upload evidence before posting more. */
export const MAX_AWAITING_EVIDENCE = 200;

const withFunder = (funder: Funder, v: RuleViolation | null): RuleViolation | null => (v ? { ...v, funder } : null);

const first = (...checks: (RuleViolation | null)[]): RuleViolation | null => checks.find((c) => c !== null) ?? null;

/**
 * What a project's status forbids, stated on the change an entry makes, so that every command —
 * a reversal included — is held to it: on hold nothing is passed on or paid; once closed nothing
 * more is committed or passed on, and after a failed acceptance or a termination nothing is paid.
 */
export function statusViolation(before: ProjectState, after: ProjectState): RuleViolation | null {
  const b = position(before);
  const a = position(after);
  const grew = (k: keyof Position) => a[k] > b[k];
  const status = before.status;
  if (status === 'on-hold' && (grew('transferredFen') || grew('provinceDisbursedFen') || grew('zoneDisbursedFen'))) {
    return { rule: 'project-on-hold', detail: `project ${before.registration.projectId} is on hold since ${before.hold?.since}: no transfers or payments until it is released` };
  }
  if (status === 'closed-accepted' || status === 'closed-failed' || status === 'terminated') {
    const paysAllowed = status === 'closed-accepted';
    if (grew('provinceAllocatedFen') || grew('zoneAllocatedFen') || grew('transferredFen') || (!paysAllowed && (grew('provinceDisbursedFen') || grew('zoneDisbursedFen')))) {
      return {
        rule: 'project-closed',
        detail: `project ${before.registration.projectId} is ${status}: nothing more can be committed or passed on${paysAllowed ? '' : ' or paid'}`,
      };
    }
  }
  return null;
}

/** A cap check: `used + attempted ≤ limit`, or the violation that says by how much it is not. */
export function overLimit(rule: RuleId, limitFen: Fen | null, usedFen: Fen, attemptedFen: Fen, what: string): RuleViolation | null {
  if (limitFen === null) return null;
  if (addFen(usedFen, attemptedFen) <= limitFen) return null;
  return {
    rule,
    detail: `${what}: ${usedFen} fen already counted + ${attemptedFen} fen attempted exceeds the limit of ${limitFen} fen`,
    limitFen,
    usedFen,
    attemptedFen,
  };
}

interface CapCheck {
  rule: RuleId;
  /** Whose money the cap is about. */
  funder: Funder | 'joint';
  field: CapField | null;
  limit: (s: ProjectState) => Fen | null;
  used: (p: Position) => Fen;
  what: string;
}

const PROJECT_CAPS: CapCheck[] = [
  { rule: 'province-per-project', funder: 'province', field: 'provincePerProjectFen', limit: (s) => effectiveLimitFen(s, 'provincePerProjectFen'), used: (p) => p.provinceAllocatedFen, what: 'province money for this project' },
  { rule: 'joint-per-project', funder: 'joint', field: 'jointPerProjectFen', limit: (s) => effectiveLimitFen(s, 'jointPerProjectFen'), used: (p) => p.jointFen, what: 'joint money for this project (with the zone match it requires)' },
  { rule: 'joint-share-of-new-investment', funder: 'joint', field: 'jointShareOfNewInvestment', limit: (s) => effectiveLimitFen(s, 'jointShareOfNewInvestment'), used: (p) => p.jointFen, what: 'joint money against its share of new investment (with the zone match it requires)' },
  { rule: 'contract-grant', funder: 'province', field: null, limit: (s) => s.terms.contract.provinceGrantFen, used: (p) => p.provinceAllocatedFen, what: 'province grant of the contract' },
  { rule: 'contract-grant', funder: 'zone', field: null, limit: (s) => s.terms.contract.zoneGrantFen, used: (p) => p.zoneAllocatedFen, what: 'zone grant of the contract' },
];

/**
 * Every project cap whose usage the entry raises must still hold (`all`: every cap must hold
 * afterwards, as when an adjustment changes the limits themselves), and so must the cluster's,
 * when its counters were read.
 */
export function capViolation(before: ProjectState | null, after: ProjectState, cluster: ClusterUsage | null, mode: 'increase' | 'all' = 'increase'): RuleViolation | null {
  const b = before ? position(before) : null;
  const a = position(after);
  for (const c of PROJECT_CAPS) {
    const usedBefore = b ? c.used(b) : 0;
    const usedAfter = c.used(a);
    if (mode === 'increase' && usedAfter <= usedBefore) continue;
    const v = mode === 'all'
      ? overLimit(c.rule, c.limit(after), usedAfter, 0, c.what)
      : overLimit(c.rule, c.limit(after), usedBefore, subFen(usedAfter, usedBefore), c.what);
    if (v) return { ...v, funder: c.funder };
  }
  if (!cluster) return null;
  const delta = clusterDelta(before, after);
  const clusterId = after.registration.clusterId;
  return first(
    delta.provinceFen > 0 && countsInCluster(after)
      ? withFunder('province', overLimit('province-per-cluster', effectiveLimitFen(after, 'provincePerClusterFen'), cluster.provinceAllocatedFen, delta.provinceFen, `province money for cluster ${clusterId}`))
      : null,
    delta.zoneFen > 0
      ? withFunder('zone', overLimit('zone-per-cluster', effectiveLimitFen(after, 'zonePerClusterFen'), cluster.zoneAllocatedFen, delta.zoneFen, `zone money for cluster ${clusterId}`))
      : null,
  );
}

interface Bound {
  rule: RuleId;
  /** Whose money is short. */
  funder: Funder;
  applies: (s: ProjectState) => boolean;
  q: (p: Position) => Fen;
  limit: (p: Position) => Fen;
  what: string;
}

const inside = (s: ProjectState) => s.registration.insideZone;

/** paid ≤ transferred ≤ confirmed (inside the zone), paid ≤ confirmed, recovered ≤ paid. */
const FLOW_BOUNDS: Bound[] = [
  { rule: 'insufficient-confirmed-funds', funder: 'province', applies: inside, q: (p) => p.transferredFen, limit: (p) => p.provinceConfirmedFen, what: 'province money transferred to the zone against confirmed province money' },
  { rule: 'insufficient-transferred-funds', funder: 'province', applies: inside, q: (p) => p.provinceDisbursedFen, limit: (p) => p.transferredFen, what: 'province money paid to the owner against province money transferred to the zone' },
  { rule: 'insufficient-confirmed-funds', funder: 'province', applies: (s) => !inside(s), q: (p) => p.provinceDisbursedFen, limit: (p) => p.provinceConfirmedFen, what: 'province money paid to the owner against confirmed province money' },
  { rule: 'insufficient-confirmed-funds', funder: 'zone', applies: () => true, q: (p) => p.zoneDisbursedFen, limit: (p) => p.zoneConfirmedFen, what: 'zone money paid to the owner against confirmed zone money' },
  { rule: 'insufficient-disbursed-funds', funder: 'province', applies: () => true, q: (p) => p.provinceRecoveredFen, limit: (p) => p.provinceDisbursedFen, what: 'province money recovered against province money paid' },
  { rule: 'insufficient-disbursed-funds', funder: 'zone', applies: () => true, q: (p) => p.zoneRecoveredFen, limit: (p) => p.zoneDisbursedFen, what: 'zone money recovered against zone money paid' },
];

/**
 * The money-flow invariants and the match rule on confirmed money. An invariant is reported when
 * the entry breaks it or makes an existing breach larger (a breach can only predate the rule).
 */
export function flowViolation(before: ProjectState | null, after: ProjectState): RuleViolation | null {
  const b = before ? position(before) : null;
  const a = position(after);
  for (const bound of FLOW_BOUNDS) {
    if (!bound.applies(after)) continue;
    const excessAfter = bound.q(a) - bound.limit(a);
    if (excessAfter <= 0) continue;
    const excessBefore = b ? bound.q(b) - bound.limit(b) : 0;
    if (excessBefore >= excessAfter) continue;
    const usedFen = b ? bound.q(b) : 0;
    return {
      rule: bound.rule,
      funder: bound.funder,
      detail: `${bound.what}: ${usedFen} fen already + ${subFen(bound.q(a), usedFen)} fen attempted exceeds the ${bound.limit(a)} fen available`,
      limitFen: bound.limit(a),
      usedFen,
      attemptedFen: subFen(bound.q(a), usedFen),
    };
  }
  return matchViolation(before, after);
}

function matchExcess(s: ProjectState): bigint {
  const m = s.rules.match;
  if (m.kind === 'none' || !s.registration.insideZone) return 0n;
  const diff = BigInt(s.province.confirmedFen) * BigInt(m.zone) - BigInt(s.zone.confirmedFen) * BigInt(m.province);
  if (m.kind === 'at-least') return diff > 0n ? diff : 0n;
  return diff < 0n ? -diff : diff;
}

/** Confirmed zone money against confirmed province money satisfies the match rule at every point. */
export function matchViolation(before: ProjectState | null, after: ProjectState): RuleViolation | null {
  const m = after.rules.match;
  if (m.kind === 'none' || !after.registration.insideZone) return null;
  if (satisfiesMatch(m, after.zone.confirmedFen, after.province.confirmedFen)) return null;
  if (before && matchExcess(before) >= matchExcess(after)) return null;
  const required = requiredZoneFen(m, after.province.confirmedFen, true);
  return {
    rule: 'match-ratio',
    detail: `confirmed zone money ${after.zone.confirmedFen} fen against confirmed province money ${after.province.confirmedFen} fen breaks zone:province ${m.kind} ${m.zone}:${m.province}`,
    limitFen: required,
    attemptedFen: after.zone.confirmedFen,
  };
}

const BOOK_FIGURES: { field: keyof FunderBook; rule: RuleId }[] = [
  { field: 'confirmedFen', rule: 'insufficient-confirmed-funds' },
  { field: 'decommittedFen', rule: 'insufficient-confirmed-funds' },
  { field: 'transferredFen', rule: 'insufficient-transferred-funds' },
  { field: 'disbursedFen', rule: 'insufficient-disbursed-funds' },
  { field: 'recoveredFen', rule: 'insufficient-disbursed-funds' },
];

/**
 * No figure of the books goes below zero. The flow bounds above already keep every figure the
 * rules speak of in range; this is the last guard for what they cannot see, such as undoing an
 * entry whose effect an older history already undid. Like the bounds, it refuses what makes a
 * figure negative or more negative, never an entry that leaves an old breach as it was.
 */
export function negativeFigureViolation(before: ProjectState, after: ProjectState): RuleViolation | null {
  for (const funder of ['province', 'zone'] as const) {
    for (const { field, rule } of BOOK_FIGURES) {
      const value = after[funder][field];
      if (value < 0 && value < before[funder][field]) return { rule, funder, detail: `${funder} ${field.replace(/Fen$/, '')} money would be ${value} fen, below zero` };
    }
  }
  const pending = after.openAllocations.find((a) => a.pendingFen < 0 && !before.openAllocations.some((b) => b.entryId === a.entryId && b.pendingFen <= a.pendingFen));
  if (pending) return { rule: 'insufficient-confirmed-funds', detail: `allocation ${pending.entryId} would have ${pending.pendingFen} fen pending, below zero` };
  const transfer = after.transfers.find((t) => t.amountFen < 0 && !before.transfers.some((b) => b.valueDate === t.valueDate && b.amountFen <= t.amountFen));
  if (transfer) return { rule: 'insufficient-transferred-funds', detail: `transfers on ${transfer.valueDate} would total ${transfer.amountFen} fen, below zero` };
  return null;
}

export function recordLimitViolation(after: ProjectState): RuleViolation | null {
  if (after.openAllocations.length > MAX_OPEN_ALLOCATIONS) {
    return { rule: 'record-limit', detail: `a project keeps at most ${MAX_OPEN_ALLOCATIONS} allocations waiting for a match; confirm or decommit pending allocations first` };
  }
  if (after.transfers.length > MAX_TRANSFER_DATES) {
    return { rule: 'record-limit', detail: `a project keeps transfers on at most ${MAX_TRANSFER_DATES} distinct value dates` };
  }
  if ((after.awaitingEvidence?.length ?? 0) > MAX_AWAITING_EVIDENCE) {
    return { rule: 'record-limit', detail: `at most ${MAX_AWAITING_EVIDENCE} entries of this project may wait for the evidence its program requires; record the evidence of earlier ones first` };
  }
  return null;
}

