/**
 * The portfolio's cards and chart options (console/src/pages/Portfolio): counts of projects on an
 * axis of whole numbers (issue 19: it read 0, 0.2, 0.4 … projects); every total the sum it names
 * (issue 19: 已下达 / 已确认（合计）added the zone's *allocated* money, 8,800 where the table gave
 * 4,430 + 4,220 = 8,650); each pair of funding bodies apart and under its own names (issue 19:
 * the 省级 column held Nanjing's 市级 money).
 */
import { countsOption, moneyOption, shareOption } from '../../console/src/pages/Portfolio/chartOptions';
import { fundedCards, pairsOf } from '../../console/src/pages/Portfolio/model';
import type { PortfolioRow } from '../../console/src/services/schemas';

const WAN = 1_000_000; // fen in 1 万元
const PROVINCIAL = { province: '省级', zone: '高新区' };
const CITY = { province: '市级', zone: '园区' };

/** One pair's money: the zone's allocated differs from its confirmed (a match still owed). */
function funded(funderNames: { province: string; zone: string }, wan: { grant: number; allocated: number; zoneAllocated: number; confirmed: number; paid: number }) {
  return {
    funderNames,
    projects: 1,
    byStatus: { active: 1, 'on-hold': 0, 'closed-accepted': 0, 'closed-failed': 0, terminated: 0 },
    laggingCount: 0,
    heldCount: 0,
    province: { grantFen: wan.grant * WAN, allocatedFen: wan.allocated * WAN, confirmedFen: wan.allocated * WAN, transferredFen: 10 * WAN, heldAtZoneFen: 0, paidFen: wan.paid * WAN, recoveredFen: 0, decommittedFen: 0 },
    zone: { grantFen: wan.grant * WAN, allocatedFen: wan.zoneAllocated * WAN, confirmedFen: wan.confirmed * WAN, paidFen: wan.paid * WAN, recoveredFen: 0, decommittedFen: 0 },
    paidShare: { numerator: 2 * wan.paid * WAN, denominator: 2 * wan.grant * WAN },
  };
}

const njProvincial = funded(PROVINCIAL, { grant: 600, allocated: 4430, zoneAllocated: 4580, confirmed: 4220, paid: 100 });
const njCity = funded(CITY, { grant: 300, allocated: 300, zoneAllocated: 0, confirmed: 0, paid: 0 });
const szProvincial = funded(PROVINCIAL, { grant: 400, allocated: 400, zoneAllocated: 400, confirmed: 400, paid: 200 });

const row = (group: string, funders: ReturnType<typeof funded>[], laggingCount: number, heldCount: number): PortfolioRow => ({
  group,
  attributes: {},
  projects: funders.length,
  byStatus: { active: funders.length, 'on-hold': 0, 'closed-accepted': 0, 'closed-failed': 0, terminated: 0 },
  laggingCount,
  heldCount,
  funders,
});

describe('portfolio cards', () => {
  it('已下达 / 已确认 is the province’s allocated plus the zone’s confirmed money, shown with its parts', () => {
    const cards = fundedCards(njProvincial);
    expect(cards.committed).toEqual({ provinceFen: 4430 * WAN, zoneFen: 4220 * WAN, totalFen: 8650 * WAN });
    expect(cards.grant.totalFen).toBe(cards.grant.provinceFen + cards.grant.zoneFen);
    expect(cards.paid.totalFen).toBe(cards.paid.provinceFen + cards.paid.zoneFen);
  });

  it('each pair of funding bodies has its own cards: city money never adds to the province’s', () => {
    expect(fundedCards(njCity).committed).toEqual({ provinceFen: 300 * WAN, zoneFen: 0, totalFen: 300 * WAN });
    expect(fundedCards(njProvincial).grant.provinceFen).toBe(600 * WAN);
  });
});

describe('portfolio charts', () => {
  const rows = [row('NJ-HTZ', [njProvincial, njCity], 1, 0), row('SZ-SIP', [szProvincial], 0, 1)];

  it('finds every pair of funding bodies, the province’s first', () => {
    expect(pairsOf(rows)).toEqual([PROVINCIAL, CITY]);
  });

  it('counts of projects have whole-number ticks', () => {
    const option = countsOption(rows);
    expect(option.yAxis).toMatchObject({ type: 'value', minInterval: 1 });
    expect((option.series as { data: number[] }[]).map((s) => s.data)).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('money in 万元 per group: four series per pair of funding bodies, each named by its own funders', () => {
    const option = moneyOption(rows);
    expect(option.xAxis).toMatchObject({ data: ['NJ-HTZ', 'SZ-SIP'] });
    const series = option.series as { name: string; data: number[] }[];
    expect(series.map((s) => s.name)).toEqual([
      '合同资助（省级 + 高新区）', '省级已下达 + 高新区已确认', '省级已划转至高新区', '已拨付给承担单位（省级 + 高新区）',
      '合同资助（市级 + 园区）', '市级已下达 + 园区已确认', '市级已划转至园区', '已拨付给承担单位（市级 + 园区）',
    ]);
    expect(series[0]!.data).toEqual([1200, 800]);
    expect(series[1]!.data).toEqual([8650, 800]);
    expect(series[4]!.data).toEqual([600, 0]);
    expect(series[5]!.data).toEqual([300, 0]);
    expect(series[3]!.data).toEqual([200, 400]);
  });

  it('paid share in percent per pair, on an axis to 100 % at least; no bar where a group has none of a pair', () => {
    const option = shareOption(rows);
    const series = option.series as { name: string; data: (number | null)[] }[];
    expect(series.map((s) => s.name)).toEqual(['拨付率（省级 / 高新区）', '拨付率（市级 / 园区）']);
    expect(series.map((s) => s.data)).toEqual([
      [16.7, 50],
      [0, null],
    ]);
    expect((option.xAxis as { max: (v: { max: number }) => number }).max({ max: 50 })).toBe(100);
  });

  it('speaks English with the funders’ English names', () => {
    expect((moneyOption(rows, 'en').series as { name: string }[]).map((s) => s.name).slice(4, 6)).toEqual(['Granted (city + park)', 'city allocated + park confirmed']);
  });
});
