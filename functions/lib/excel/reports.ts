import { formatWanYuan, formatYuan } from '../../../domain/money';
import type { Contribution, Dimension } from '../../../domain/portfolio/contribution';
import type { PortfolioRow } from '../../../domain/portfolio/report';
import { EFFECT_COLUMNS, type HistoryRow } from '../history-rows';
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

const TYPE_NAME: Record<string, string> = {
  registration: '项目登记', allocation: '省级下达', 'match-confirmation': '配套确认', transfer: '拨至高新区', disbursement: '拨付企业', recovery: '收回',
  decommitment: '核减', reversal: '冲正', 'cap-exception-proposal': '例外申请', 'cap-exception-approval': '例外批准', 'adjustment-proposal': '调整申请',
  'adjustment-approval': '调整批准', inspection: '检查', hold: '暂停', 'hold-release': '恢复', 'acceptance-application': '验收申请', 'acceptance-result': '验收结论',
  'termination-proposal': '终止申请', 'termination-approval': '终止批准',
};
const FUNDER_NAME = { province: '省级', zone: '高新区' } as const;
const FIELD_NAME: Record<string, string> = { allocatedFen: '承诺', confirmedFen: '确认', transferredFen: '拨至高新区', disbursedFen: '拨付', recoveredFen: '收回', decommittedFen: '核减' };

/** The history as a workbook: amounts in 元 signed by their effect, one column per balance. */
export async function historyWorkbook(rows: readonly HistoryRow[], funderNames: { province: string; zone: string } = FUNDER_NAME): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = table(wb, '台账', [
    { header: '序号', key: 'seq', width: 7 },
    { header: '分录号', key: 'entryId', width: 22 },
    { header: '类型', key: 'type', width: 12 },
    { header: '资金来源', key: 'funder', width: 10 },
    { header: '金额（元）', key: 'amount', width: 16, numFmt: MONEY },
    { header: '起息日期', key: 'valueDate', width: 12 },
    { header: '记录时间', key: 'recordedAt', width: 22 },
    { header: '经办人', key: 'actor', width: 20 },
    { header: '角色', key: 'role', width: 16 },
    { header: '文号', key: 'reference', width: 24 },
    { header: '备注', key: 'memo', width: 24 },
    { header: '关联分录', key: 'refersTo', width: 16 },
    { header: '实施期后拨付', key: 'afterPeriod', width: 12 },
    ...EFFECT_COLUMNS.map(([funder, field], i) => ({ header: `${funderNames[funder]}${FIELD_NAME[field]}（元）`, key: `e${i}`, width: 14, numFmt: MONEY })),
    { header: '哈希', key: 'hash', width: 66 },
  ]);
  for (const { entry: e, signedAmountFen, effects } of rows) {
    ws.addRow({
      seq: e.seq,
      entryId: e.entryId,
      type: TYPE_NAME[e.type] ?? e.type,
      funder: e.funder ? funderNames[e.funder] : '',
      amount: signedAmountFen === null ? null : yuan(signedAmountFen),
      valueDate: e.valueDate,
      recordedAt: e.recordedAt,
      actor: e.actor.sub,
      role: e.actor.role,
      reference: e.reference ?? '',
      memo: e.memo ?? '',
      refersTo: e.refersTo ?? '',
      afterPeriod: e.type === 'disbursement' && (e.details as { afterPeriod?: boolean }).afterPeriod ? '是' : '',
      ...Object.fromEntries(effects.map((f, i) => [`e${i}`, f === 0 ? null : yuan(f)])),
      hash: e.hash,
    });
  }
  return toBuffer(wb);
}
