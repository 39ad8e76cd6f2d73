import { addFen, subFen } from '../money';
import { balances } from '../project/position';
import { PROJECT_STATUSES, type ProjectState, type ProjectStatus } from '../project/types';

/**
 * What one project adds to the portfolio rollup of its cluster. Rollups are sums of these, kept in
 * the same transaction as every change of a project, so a rollup always equals the sum over its
 * projects; reports by program, zone and city regroup the cluster rollups (report.ts). Flat
 * numeric fields: stored as they are and moved with DynamoDB ADD.
 */
export const CONTRIBUTION_FIELDS = [
  'projects',
  ...PROJECT_STATUSES.map((s) => `status_${s}` as const),
  'lagging',
  'held',
  'province_grantFen', 'province_allocatedFen', 'province_confirmedFen', 'province_transferredFen', 'province_heldAtZoneFen',
  'province_paidFen', 'province_recoveredFen', 'province_decommittedFen',
  'zone_grantFen', 'zone_allocatedFen', 'zone_confirmedFen', 'zone_paidFen', 'zone_recoveredFen', 'zone_decommittedFen',
] as const;
export type ContributionField = (typeof CONTRIBUTION_FIELDS)[number];
export type Contribution = Record<ContributionField, number>;

export const zeroContribution = (): Contribution =>
  Object.fromEntries(CONTRIBUTION_FIELDS.map((f) => [f, 0])) as Contribution;

export interface PortfolioFlags {
  /** The project has an open disbursement-lag alert. */
  lagging: boolean;
  /** The project has an open funds-held-at-zone alert. */
  held: boolean;
}

export function contributionOf(state: ProjectState, flags: PortfolioFlags): Contribution {
  const b = balances(state);
  const c = zeroContribution();
  c.projects = 1;
  c[`status_${state.status}` as `status_${ProjectStatus}`] = 1;
  c.lagging = flags.lagging ? 1 : 0;
  c.held = flags.held ? 1 : 0;
  c.province_grantFen = state.terms.contract.provinceGrantFen;
  c.province_allocatedFen = b.province.allocatedFen;
  c.province_confirmedFen = b.province.confirmedFen;
  c.province_transferredFen = b.province.transferredFen ?? 0;
  c.province_heldAtZoneFen = b.province.heldAtZoneFen ?? 0;
  c.province_paidFen = b.province.disbursedFen;
  c.province_recoveredFen = b.province.recoveredFen;
  c.province_decommittedFen = b.province.decommittedFen;
  c.zone_grantFen = state.terms.contract.zoneGrantFen;
  c.zone_allocatedFen = b.zone.allocatedFen;
  c.zone_confirmedFen = b.zone.confirmedFen;
  c.zone_paidFen = b.zone.disbursedFen;
  c.zone_recoveredFen = b.zone.recoveredFen;
  c.zone_decommittedFen = b.zone.decommittedFen;
  return c;
}

/** after − before, field by field; only the fields that moved. */
export function contributionDelta(before: Contribution | null, after: Contribution | null): Partial<Contribution> {
  const out: Partial<Contribution> = {};
  for (const f of CONTRIBUTION_FIELDS) {
    const d = subFen(after?.[f] ?? 0, before?.[f] ?? 0);
    if (d !== 0) out[f] = d;
  }
  return out;
}

export function addContributions(a: Contribution, b: Partial<Contribution>): Contribution {
  const out = { ...a };
  for (const f of CONTRIBUTION_FIELDS) out[f] = addFen(out[f], b[f] ?? 0);
  return out;
}

export type Dimension = 'program' | 'zone' | 'cluster' | 'city';
export const DIMENSIONS: readonly Dimension[] = ['program', 'zone', 'cluster', 'city'];

/** A group a project belongs to, with what a report filters that group's rows by. */
export interface GroupRef {
  dimension: Dimension;
  group: string;
  /** The group's place: a cluster knows its program, zone and city; a zone its city. */
  attributes: { programCode?: string; zoneId?: string; city?: string };
}

/**
 * The rollup groups a project adds to: its cluster alone, which carries the project's program, zone
 * and city, so every report can be regrouped from cluster rollups. Not one rollup per dimension:
 * an item every writer of a program, zone or city touches would be a hot key on DynamoDB, where
 * concurrent transactions on one item cancel each other (TransactionConflict), and each dimension
 * was one more item in every ledger transaction. A cluster's writers already share its cap
 * counters, so its rollup shards add no new meeting point. A cluster belongs to one program and
 * one zone (checked at registration), and a zone to one city.
 */
export function rollupGroupsOf(state: ProjectState, city: string | null): GroupRef[] {
  const r = state.registration;
  return [{ dimension: 'cluster', group: r.clusterId, attributes: { programCode: r.programCode, zoneId: r.zoneId, ...(city ? { city } : {}) } }];
}
