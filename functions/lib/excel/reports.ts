import { formatWanYuan, formatYuan } from '../../../domain/money';
import type { Contribution, ContributionField, Dimension } from '../../../domain/portfolio/contribution';
import type { PortfolioRow, PortfolioSums } from '../../../domain/portfolio/report';
import { DEFAULT_FUNDER_NAMES, term, type FunderNames, type TermId, type Vars } from '../../../domain/glossary';
import { peopleColumns } from '../export-words';
import type { HistoryRow } from '../history-rows';
import { newWorkbook, table, toBuffer } from './workbook';

const MONEY = '#,##0.00';
/** Exact decimal text (from integer fen) as the cell's number: the closest double to the exact amount. */
const wan = (fen: number) => Number(formatWanYuan(fen));
const yuan = (fen: number) => Number(formatYuan(fen));

interface PortfolioColumn {
  header: string;
  money: boolean;
  /** null: the group has no project of that pair of funding bodies (an empty cell, not 0). */
  pick(s: PortfolioSums): number | null;
}

const zh = (id: TermId, vars: Vars = {}, names: FunderNames = DEFAULT_FUNDER_NAMES) => term(id, 'zh', vars, names);
const samePair = (a: FunderNames, b: FunderNames) => a.province === b.province && a.zone === b.zone;

/** The money of one pair of funding bodies, each column under that pair's own names. */
function fundedColumns(names: FunderNames): PortfolioColumn[] {
  const figure = (funder: 'province' | 'zone', balance: TermId) => zh('report.figure', { funder: names[funder], balance: zh(balance, {}, names) }, names);
  const money = (header: string, field: ContributionField): PortfolioColumn => ({
    header: zh('report.inWan', { figure: header }),
    money: true,
    pick: (s) => {
      const funded = s.byFunders.find((f) => samePair(f.funderNames, names));
      return funded ? wan(funded.sums[field]) : null;
    },
  });
  return [
    money(figure('province', 'balance.grant'), 'province_grantFen'),
    money(figure('province', 'balance.allocated'), 'province_allocatedFen'),
    money(figure('province', 'balance.confirmed'), 'province_confirmedFen'),
    money(figure('province', 'balance.transferred'), 'province_transferredFen'),
    money(zh('report.heldAtZone', {}, names), 'province_heldAtZoneFen'),
    money(figure('province', 'balance.disbursed'), 'province_paidFen'),
    money(figure('province', 'balance.recovered'), 'province_recoveredFen'),
    money(figure('province', 'balance.decommitted'), 'province_decommittedFen'),
    money(figure('zone', 'balance.grant'), 'zone_grantFen'),
    money(figure('zone', 'balance.confirmed'), 'zone_confirmedFen'),
    money(figure('zone', 'balance.disbursed'), 'zone_paidFen'),
    money(figure('zone', 'balance.recovered'), 'zone_recoveredFen'),
    money(figure('zone', 'balance.decommitted'), 'zone_decommittedFen'),
  ];
}

const count = (id: TermId, pick: (c: Contribution) => number): PortfolioColumn => ({ header: zh(id), money: false, pick: (s) => pick(s.sums) });

/** Counts over all the group's projects, then each pair of funding bodies' money, then more counts. */
export function portfolioColumns(pairs: readonly FunderNames[]): PortfolioColumn[] {
  return [
    count('report.projects', (c) => c.projects),
    ...pairs.flatMap(fundedColumns),
    count('report.lagging', (c) => c.lagging),
    count('report.held', (c) => c.held),
    count('report.onHold', (c) => c['status_on-hold']),
    count('report.accepted', (c) => c['status_closed-accepted']),
    count('report.terminated', (c) => c.status_terminated),
  ];
}

/**
 * 资金到位情况表: one row per group, 万元 with two decimals, frozen header, totals row. Each pair of
 * funding bodies in the report (省级 / 高新区, 市级 / 园区 …) has its own columns under its own names.
 */
export async function portfolioWorkbook(dimension: Dimension, rows: readonly PortfolioRow[], totals: PortfolioSums, names: ReadonlyMap<string, string>): Promise<Buffer> {
  const columns = portfolioColumns(totals.byFunders.map((f) => f.funderNames));
  const wb = await newWorkbook();
  const ws = table(wb, zh('report.title'), [
    { header: zh(`dimension.${dimension}`), key: 'group', width: 18 },
    { header: zh('report.name'), key: 'name', width: 36 },
    ...columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.money ? 18 : 12, ...(c.money ? { numFmt: MONEY } : {}) })),
  ]);
  const line = (group: string, name: string, s: PortfolioSums) => ({ group, name, ...Object.fromEntries(columns.map((c, i) => [`c${i}`, c.pick(s)])) });
  for (const r of rows) ws.addRow(line(r.group, names.get(r.group) ?? '', r));
  // Totals summed in fen, then converted: never the sum of rounded cells.
  const total = ws.addRow(line(zh('report.total'), '', totals));
  total.font = { bold: true };
  return toBuffer(wb);
}

/** The history as a workbook, in the console's words: the same columns as the CSV for people. */
export async function historyWorkbook(rows: readonly HistoryRow[], funderNames: FunderNames = DEFAULT_FUNDER_NAMES): Promise<Buffer> {
  const wb = await newWorkbook();
  const columns = peopleColumns(funderNames);
  const ws = table(wb, '台账', columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, ...(c.money ? { numFmt: MONEY } : {}) })));
  for (const row of rows) ws.addRow(Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(row)])));
  return toBuffer(wb);
}
