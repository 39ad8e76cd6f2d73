/**
 * The overview's paid card (console/src/pages/Overview/paid.ts): per pair of funding bodies, each
 * total the sum of the two figures shown under it, and the city's money never added to the
 * province's (issue 19: the card added Nanjing's 市级 payments to the 省级 ones).
 */
import { paidByFunders } from '../../console/src/pages/Overview/paid';

const PROVINCIAL = { province: '省级', zone: '高新区' };
const CITY = { province: '市级', zone: '园区' };
const NAMES: Record<string, { province: string; zone: string }> = { 'JS-2021-CLUSTER': PROVINCIAL, 'JS-2023-C': PROVINCIAL, 'NJ-CITY-CLUSTER': CITY };
const project = (programCode: string, provinceFen: number, zoneFen: number) => ({ programCode, balances: { province: { disbursedFen: provinceFen }, zone: { disbursedFen: zoneFen } } });

it('sums each pair of funding bodies apart, the province’s first; programs naming the same bodies add up', () => {
  const paid = paidByFunders([project('NJ-CITY-CLUSTER', 300, 100), project('JS-2023-C', 1_000, 700), project('JS-2021-CLUSTER', 50, 5)], (code) => NAMES[code]!);
  expect(paid).toEqual([
    { funderNames: PROVINCIAL, provinceFen: 1_050, zoneFen: 705, totalFen: 1_755 },
    { funderNames: CITY, provinceFen: 300, zoneFen: 100, totalFen: 400 },
  ]);
});

it('has nothing to show for no projects', () => {
  expect(paidByFunders([], (code) => NAMES[code]!)).toEqual([]);
});
