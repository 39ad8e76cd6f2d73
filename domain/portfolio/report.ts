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

export interface PortfolioRow {
  group: string;
  attributes: { programCode?: string; zoneId?: string; city?: string };
  sums: Contribution;
}

/** The attribute of a cluster shard that names its group in another dimension. */
const OWN: Record<Exclude<Dimension, 'cluster'>, keyof PortfolioFilter> = { program: 'programCode', zone: 'zoneId', city: 'city' };

/**
 * Sums cluster shards into one row per group of `dimension` (a cluster carries its program, zone
 * and city), keeping only the groups the filter selects.
 */
export function portfolioRows(dimension: Dimension, shards: readonly RollupShard[], f: PortfolioFilter): PortfolioRow[] {
  const rows = new Map<string, PortfolioRow>();
  for (const s of shards) {
    const a = s.attributes;
    if ((f.programCode !== undefined && a.programCode !== f.programCode) || (f.zoneId !== undefined && a.zoneId !== f.zoneId) || (f.city !== undefined && a.city !== f.city)) continue;
    const group = dimension === 'cluster' ? s.group : (a[OWN[dimension]] ?? null);
    // Only a cluster whose zone's city was unknown lacks a city; its projects have no city row.
    if (group === null) continue;
    const row = rows.get(group) ?? { group, attributes: attributesFor(dimension, a), sums: zeroContribution() };
    row.sums = addContributions(row.sums, s.contribution);
    rows.set(group, row);
  }
  return [...rows.values()].sort((x, y) => x.group.localeCompare(y.group));
}

function attributesFor(dimension: Dimension, a: RollupShard['attributes']): PortfolioRow['attributes'] {
  if (dimension === 'cluster') return { ...a };
  if (dimension === 'program') return { programCode: a.programCode! };
  if (dimension === 'zone') return { zoneId: a.zoneId!, ...(a.city ? { city: a.city } : {}) };
  return a.city ? { city: a.city } : {};
}

export const totalOf = (rows: readonly PortfolioRow[]): Contribution => rows.reduce((t, r) => addContributions(t, r.sums), zeroContribution());
