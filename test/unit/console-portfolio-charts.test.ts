/**
 * The portfolio's chart options (console/src/pages/Portfolio/chartOptions.ts): counts of projects
 * on an axis of whole numbers (issue 19: it read 0, 0.2, 0.4 … projects), figures per group.
 */
import { countsOption, moneyOption, shareOption } from '../../console/src/pages/Portfolio/chartOptions';
import type { PortfolioRow } from '../../console/src/services/schemas';

const funder = (fen: number) => ({ grantFen: fen, allocatedFen: fen, confirmedFen: fen, transferredFen: 0, heldAtZoneFen: 0, paidFen: fen / 2 });
const row = (group: string, laggingCount: number, heldCount: number): PortfolioRow =>
  ({ group, projects: 2, province: funder(200_000_000), zone: funder(100_000_000), paidShare: { numerator: 1, denominator: 2 }, laggingCount, heldCount, byStatus: {} }) as unknown as PortfolioRow;

describe('portfolio charts', () => {
  const rows = [row('NJ-HTZ', 1, 0), row('SZ-SIP', 0, 1)];

  it('counts of projects have whole-number ticks', () => {
    const option = countsOption(rows);
    expect(option.yAxis).toMatchObject({ type: 'value', minInterval: 1 });
    expect((option.series as { data: number[] }[]).map((s) => s.data)).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('money in 万元 per group, four series', () => {
    const option = moneyOption(rows);
    expect(option.xAxis).toMatchObject({ data: ['NJ-HTZ', 'SZ-SIP'] });
    const series = option.series as { name: string; data: number[] }[];
    expect(series.map((s) => s.name)).toEqual(['合同资助', '已下达/确认', '省级已划转高新区', '已拨付给承担单位']);
    expect(series[0]!.data).toEqual([300, 300]);
    expect(series[3]!.data).toEqual([150, 150]);
  });

  it('paid share in percent on an axis to 100 % at least', () => {
    const option = shareOption(rows);
    expect((option.series as { data: number[] }[])[0]!.data).toEqual([50, 50]);
    expect((option.xAxis as { max: (v: { max: number }) => number }).max({ max: 50 })).toBe(100);
  });
});
