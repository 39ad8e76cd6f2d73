import { addFen } from '../../../../domain/money';
/** The portfolio's groups and how they turn into filters of /projects. */
export type GroupBy = 'program' | 'zone' | 'cluster' | 'city';

/** The /projects filter that lists a group's projects. */
export function groupFilter(groupBy: GroupBy, group: string): Record<string, string> {
  const name = { program: 'programCode', zone: 'zoneId', cluster: 'clusterId', city: 'city' }[groupBy];
  return { [name]: group };
}

/** An integer pair as a percentage with one decimal, rounded half up, by integer arithmetic. */
export function percent(share: { numerator: number; denominator: number }): string {
  if (share.denominator === 0) return '—';
  const tenths = (BigInt(share.numerator) * 2000n + BigInt(share.denominator)) / (2n * BigInt(share.denominator));
  return `${tenths / 10n}.${tenths % 10n}%`;
}

/** Fen → 万元 as a number, for chart axes only (the figures shown as text come from format/money). */
export function wanNumber(fen: number): number {
  return Math.round(fen / 100) / 10_000;
}

/** The money of one pair of funding bodies in a row or the totals (GET /reports/portfolio). */
export interface Funded {
  funderNames: { province: string; zone: string };
  province: { grantFen: number; allocatedFen: number; confirmedFen: number; transferredFen: number; heldAtZoneFen: number; paidFen: number };
  zone: { grantFen: number; confirmedFen: number; paidFen: number };
  paidShare: { numerator: number; denominator: number };
}

const samePair = (a: Funded['funderNames'], b: Funded['funderNames']) => a.province === b.province && a.zone === b.zone;

/** A row's money of one pair of funding bodies; null when the row has no project of that pair. */
export const fundedOf = <F extends Funded>(row: { funders: F[] }, names: Funded['funderNames']): F | null => row.funders.find((f) => samePair(f.funderNames, names)) ?? null;

/** Every pair of funding bodies in the rows, in the report's order (the API's: 省级 / 高新区 first). */
export function pairsOf(rows: readonly { funders: readonly Funded[] }[]): Funded['funderNames'][] {
  const pairs: Funded['funderNames'][] = [];
  for (const r of rows) for (const f of r.funders) if (!pairs.some((p) => samePair(p, f.funderNames))) pairs.push(f.funderNames);
  return pairs;
}

/**
 * What a pair's summary cards show, each total with the parts it is the sum of (issue 19: the card
 * 已下达 / 已确认 added the zone's *allocated* money, not its confirmed; and never one pair's money
 * to another's).
 */
export function fundedCards(f: Funded) {
  return {
    grant: { provinceFen: f.province.grantFen, zoneFen: f.zone.grantFen, totalFen: addFen(f.province.grantFen, f.zone.grantFen) },
    committed: { provinceFen: f.province.allocatedFen, zoneFen: f.zone.confirmedFen, totalFen: addFen(f.province.allocatedFen, f.zone.confirmedFen) },
    paid: { provinceFen: f.province.paidFen, zoneFen: f.zone.paidFen, totalFen: addFen(f.province.paidFen, f.zone.paidFen) },
  };
}
