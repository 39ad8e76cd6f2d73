import { formatWanYuan, formatYuan } from '../../../domain/money';
import type { Contribution, Dimension } from '../../../domain/portfolio/contribution';
import type { PortfolioRow } from '../../../domain/portfolio/report';
import { DEFAULT_FUNDER_NAMES, type FunderNames } from '../../../domain/glossary';
import { peopleColumns } from '../export-words';
import type { HistoryRow } from '../history-rows';
import { newWorkbook, table, toBuffer } from './workbook';

const MONEY = '#,##0.00';
/** Exact decimal text (from integer fen) as the cell's number: the closest double to the exact amount. */
const wan = (fen: number) => Number(formatWanYuan(fen));
const yuan = (fen: number) => Number(formatYuan(fen));

const DIMENSION_NAME: Record<Dimension, string> = { program: '专项', zone: '高新区', cluster: '集群', city: '设区市' };

const PORTFOLIO_COLUMNS: [header: string, pick: (c: Contribution) => number][] = [
  ['项目数', (c) => c.projects],
  ['省级资助合同额（万元）', (c) => wan(c.province_grantFen)],
  ['省级已下达（万元）', (c) => wan(c.province_allocatedFen)],
  ['省级已确认（万元）', (c) => wan(c.province_confirmedFen)],
  ['省级已拨至高新区（万元）', (c) => wan(c.province_transferredFen)],
  ['滞留高新区（万元）', (c) => wan(c.province_heldAtZoneFen)],
  ['省级已拨付企业（万元）', (c) => wan(c.province_paidFen)],
  ['省级已收回（万元）', (c) => wan(c.province_recoveredFen)],
  ['省级已核减（万元）', (c) => wan(c.province_decommittedFen)],
  ['高新区资助合同额（万元）', (c) => wan(c.zone_grantFen)],
  ['高新区已配套（万元）', (c) => wan(c.zone_confirmedFen)],
  ['高新区已拨付企业（万元）', (c) => wan(c.zone_paidFen)],
  ['高新区已收回（万元）', (c) => wan(c.zone_recoveredFen)],
  ['高新区已核减（万元）', (c) => wan(c.zone_decommittedFen)],
  ['滞后项目数', (c) => c.lagging],
  ['资金滞留项目数', (c) => c.held],
  ['暂停项目数', (c) => c['status_on-hold']],
  ['已验收项目数', (c) => c['status_closed-accepted']],
  ['终止项目数', (c) => c.status_terminated],
];

/** 资金到位情况表: one row per group, 万元 with two decimals, frozen header, totals row. */
export async function portfolioWorkbook(dimension: Dimension, rows: readonly PortfolioRow[], totals: Contribution, names: ReadonlyMap<string, string>): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = table(wb, '资金到位情况表', [
    { header: DIMENSION_NAME[dimension], key: 'group', width: 18 },
    { header: '名称', key: 'name', width: 36 },
    ...PORTFOLIO_COLUMNS.map(([header], i) => ({ header, key: `c${i}`, width: 16, ...(header.includes('万元') ? { numFmt: MONEY } : {}) })),
  ]);
  const line = (group: string, name: string, c: Contribution) => ({ group, name, ...Object.fromEntries(PORTFOLIO_COLUMNS.map(([, pick], i) => [`c${i}`, pick(c)])) });
  for (const r of rows) ws.addRow(line(r.group, names.get(r.group) ?? '', r.sums));
  // Totals summed in fen, then converted: never the sum of rounded cells.
  const total = ws.addRow(line('合计', '', totals));
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
