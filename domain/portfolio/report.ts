import { addContributions, zeroContribution, type Contribution, type Dimension } from './contribution';

/** One stored rollup shard: a group's partial sum. */
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

/** The attribute a dimension's group value is. */
const OWN: Record<Dimension, keyof PortfolioFilter | 'clusterId'> = { program: 'programCode', zone: 'zoneId', cluster: 'clusterId', city: 'city' };

/**
 * Whether the shards of `dimension` alone can answer the filter: a filter on the dimension itself,
 * or on an attribute every group of it carries (a cluster knows its program, zone and city; a zone
 * its city). Otherwise the report is summed from cluster shards, which carry all three.
 */
export function servedBy(dimension: Dimension, f: PortfolioFilter): Dimension {
  const carried: Record<Dimension, (keyof PortfolioFilter)[]> = { program: ['programCode'], zone: ['zoneId', 'city'], cluster: ['programCode', 'zoneId', 'city'], city: ['city'] };
  const asked = (Object.keys(f) as (keyof PortfolioFilter)[]).filter((k) => f[k] !== undefined);
  return asked.every((k) => carried[dimension].includes(k)) ? dimension : 'cluster';
}

/** Sums shards into one row per group of `dimension`, keeping only the groups the filter selects. */
export function portfolioRows(dimension: Dimension, shards: readonly RollupShard[], f: PortfolioFilter): PortfolioRow[] {
  const rows = new Map<string, PortfolioRow>();
  for (const s of shards) {
    const a = s.attributes;
    if ((f.programCode !== undefined && a.programCode !== f.programCode) || (f.zoneId !== undefined && a.zoneId !== f.zoneId) || (f.city !== undefined && a.city !== f.city)) continue;
    // Shards of another dimension (clusters) are regrouped by the attribute that names the wanted group.
    const group = s.dimension === dimension ? s.group : dimension === 'cluster' ? s.group : (a[OWN[dimension] as keyof PortfolioFilter] ?? null);
    if (group === null) continue;
    const row = rows.get(group) ?? { group, attributes: s.dimension === dimension ? { ...a } : attributesFor(dimension, a), sums: zeroContribution() };
    row.sums = addContributions(row.sums, s.contribution);
    rows.set(group, row);
  }
  return [...rows.values()].sort((x, y) => x.group.localeCompare(y.group));
}

function attributesFor(dimension: Dimension, a: RollupShard['attributes']): PortfolioRow['attributes'] {
  if (dimension === 'program') return { programCode: a.programCode! };
  if (dimension === 'zone') return { zoneId: a.zoneId!, ...(a.city ? { city: a.city } : {}) };
  return a.city ? { city: a.city } : {};
}

export const totalOf = (rows: readonly PortfolioRow[]): Contribution => rows.reduce((t, r) => addContributions(t, r.sums), zeroContribution());
