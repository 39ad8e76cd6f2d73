import { DEFAULT_FUNDER_NAMES, type FunderNames } from '../glossary';
import { addContributions, zeroContribution, type Contribution, type Dimension } from './contribution';

/** One stored rollup shard: a group's partial sum (a cluster's: see rollupGroupsOf). */
export interface RollupShard {
  dimension: Dimension;
  group: string;
  attributes: { programCode?: string; zoneId?: string; city?: string };
  contribution: Contribution;
}

export interface PortfolioFilter {
  programCode?: string;
  zoneId?: string;
  city?: string;
}

/**
 * The money of one pair of funding bodies (a program's `funderNames`: 省级 / 高新区, Nanjing's
 * 市级 / 园区): programs that name the same bodies pay from the same purses and add up; programs
 * that name others never do (issue 19: no report adds one funding body's money to another's).
 */
export interface FundedSums {
  funderNames: FunderNames;
  sums: Contribution;
}

/**
 * A group's sums: `sums` over all its projects (only its counts of projects are shown as such),
 * `byFunders` the same split by funding bodies, where its money is shown.
 */
export interface PortfolioSums {
  sums: Contribution;
  byFunders: FundedSums[];
}

export interface PortfolioRow extends PortfolioSums {
  group: string;
  attributes: { programCode?: string; zoneId?: string; city?: string };
}

/** How a program names its funders (the catalog's programs; programs are immutable once used). */
export type FunderNamesOf = (programCode: string | undefined) => FunderNames;

/** The attribute of a cluster shard that names its group in another dimension. */
const OWN: Record<Exclude<Dimension, 'cluster'>, keyof PortfolioFilter> = { program: 'programCode', zone: 'zoneId', city: 'city' };

const pairKey = (n: FunderNames) => JSON.stringify([n.province, n.zone]);
const isDefault = (n: FunderNames) => n.province === DEFAULT_FUNDER_NAMES.province && n.zone === DEFAULT_FUNDER_NAMES.zone;

/** The province's own bodies first, then the others by name: the same order in every row. */
function byPair(a: FundedSums, b: FundedSums): number {
  if (isDefault(a.funderNames) !== isDefault(b.funderNames)) return isDefault(a.funderNames) ? -1 : 1;
  return pairKey(a.funderNames).localeCompare(pairKey(b.funderNames));
}

function addTo(target: PortfolioSums, names: FunderNames, c: Contribution): void {
  target.sums = addContributions(target.sums, c);
  const key = pairKey(names);
  const funded = target.byFunders.find((f) => pairKey(f.funderNames) === key);
  if (funded) funded.sums = addContributions(funded.sums, c);
  else target.byFunders.push({ funderNames: { province: names.province, zone: names.zone }, sums: addContributions(zeroContribution(), c) });
}

const emptySums = (): PortfolioSums => ({ sums: zeroContribution(), byFunders: [] });

/** Funding bodies with projects in the group, in the report's order. */
const settled = <T extends PortfolioSums>(s: T): T => ({ ...s, byFunders: s.byFunders.filter((f) => f.sums.projects > 0).sort(byPair) });

/**
 * Sums cluster shards into one row per group of `dimension` (a cluster carries its program, zone
 * and city), split by the funding bodies of each cluster's program, keeping only the groups the
 * filter selects. O(shards): no project is read.
 */
export function portfolioRows(dimension: Dimension, shards: readonly RollupShard[], f: PortfolioFilter, funderNamesOf: FunderNamesOf): PortfolioRow[] {
  const rows = new Map<string, PortfolioRow>();
  for (const s of shards) {
    const a = s.attributes;
    if ((f.programCode !== undefined && a.programCode !== f.programCode) || (f.zoneId !== undefined && a.zoneId !== f.zoneId) || (f.city !== undefined && a.city !== f.city)) continue;
    const group = dimension === 'cluster' ? s.group : (a[OWN[dimension]] ?? null);
    // Only a cluster whose zone's city was unknown lacks a city; its projects have no city row.
    if (group === null) continue;
    const row = rows.get(group) ?? { group, attributes: attributesFor(dimension, a), ...emptySums() };
    addTo(row, funderNamesOf(a.programCode), s.contribution);
    rows.set(group, row);
  }
  return [...rows.values()].map(settled).sort((x, y) => x.group.localeCompare(y.group));
}

function attributesFor(dimension: Dimension, a: RollupShard['attributes']): PortfolioRow['attributes'] {
  if (dimension === 'cluster') return { ...a };
  if (dimension === 'program') return { programCode: a.programCode! };
  if (dimension === 'zone') return { zoneId: a.zoneId!, ...(a.city ? { city: a.city } : {}) };
  return a.city ? { city: a.city } : {};
}

/** The rows' totals, funding body by funding body (and their counts of projects over all). */
export function totalOf(rows: readonly PortfolioRow[]): PortfolioSums {
  const total = emptySums();
  for (const r of rows) for (const funded of r.byFunders) addTo(total, funded.funderNames, funded.sums);
  return settled(total);
}
