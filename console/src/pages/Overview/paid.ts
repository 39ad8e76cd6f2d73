/**
 * What the overview's paid card adds up: the money paid to owners by the person's projects, per
 * pair of funding bodies (省级 / 高新区, Nanjing's 市级 / 园区): each total is the sum of the two
 * figures under it, and no pair's money is added to another's (issue 19).
 */
import { DEFAULT_FUNDER_NAMES, type FunderNames } from '../../../../domain/glossary/with-console';
import { addFen } from '../../../../domain/money';

export interface PaidByFunders {
  funderNames: FunderNames;
  provinceFen: number;
  zoneFen: number;
  totalFen: number;
}

interface Paying {
  programCode: string;
  balances: { province: { disbursedFen: number }; zone: { disbursedFen: number } };
}

const isDefault = (n: FunderNames) => n.province === DEFAULT_FUNDER_NAMES.province && n.zone === DEFAULT_FUNDER_NAMES.zone;

/** One entry per pair of funding bodies with projects, the province's own first, then by name. */
export function paidByFunders(projects: readonly Paying[], funderNamesOf: (programCode: string) => FunderNames): PaidByFunders[] {
  const pairs = new Map<string, PaidByFunders>();
  for (const p of projects) {
    const names = funderNamesOf(p.programCode);
    const key = JSON.stringify([names.province, names.zone]);
    const sum = pairs.get(key) ?? { funderNames: names, provinceFen: 0, zoneFen: 0, totalFen: 0 };
    sum.provinceFen = addFen(sum.provinceFen, p.balances.province.disbursedFen);
    sum.zoneFen = addFen(sum.zoneFen, p.balances.zone.disbursedFen);
    sum.totalFen = addFen(sum.provinceFen, sum.zoneFen);
    pairs.set(key, sum);
  }
  return [...pairs.entries()]
    .sort(([a, x], [b, y]) => (isDefault(x.funderNames) === isDefault(y.funderNames) ? a.localeCompare(b) : isDefault(x.funderNames) ? -1 : 1))
    .map(([, sum]) => sum);
}
