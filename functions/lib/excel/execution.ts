import type { BusinessDate } from '../../../domain/dates';
import { formatWanYuan, type Fen } from '../../../domain/money';
import { rankByProgress, type ExecutionGroupBy, type ExecutionRow, type Fraction } from '../../../domain/budget/execution';
import { newWorkbook, table, toBuffer } from './workbook';

const MONEY = '#,##0.00';
const PERCENT = '0.00%';
/** Exact decimal text (from integer fen) as the cell's number: the closest double to the exact amount. */
const wan = (fen: Fen) => Number(formatWanYuan(fen));

/**
 * A fraction as the cell's number, rounded half up to a hundredth of a per cent by integer
 * arithmetic (the cell shows 12.34%); blank without a denominator (nothing allocated).
 */
export function percentCell(f: Fraction): number | null {
  if (f.denominator <= 0) return null;
  const n = BigInt(f.numerator);
  const d = BigInt(f.denominator);
  const tenThousandths = (n * 20_000n + d) / (2n * d);
  const digits = tenThousandths.toString().padStart(5, '0');
  return Number(`${digits.slice(0, -4)}.${digits.slice(-4)}`);
}

const GROUP_NAME: Record<ExecutionGroupBy, string> = { zone: '高新区', city: '设区市', program: '专项' };

export interface ExecutionWorkbookOptions {
  groupBy: ExecutionGroupBy;
  fiscalYear: number;
  asOf: BusinessDate;
  toleranceBps: number;
  /** Group code → name for the 名称 column (zones, programs); cities are their own names. */
  names: ReadonlyMap<string, string>;
}

/**
 * 支出进度表: one row per group, ranked by progress (highest first, ties sharing a rank), amounts in
 * 万元 with two decimals, progress and time progress as per cents, 是否滞后; the totals row summed
 * in fen, then converted — never the sum of rounded cells. A second sheet says what the figures are.
 */
export async function executionWorkbook(rows: readonly ExecutionRow[], total: ExecutionRow, o: ExecutionWorkbookOptions): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = table(wb, '支出进度表', [
    { header: '排名', key: 'rank', width: 7 },
    { header: GROUP_NAME[o.groupBy], key: 'group', width: 18 },
    { header: '名称', key: 'name', width: 32 },
    { header: '已下达（万元）', key: 'allocated', width: 16, numFmt: MONEY },
    { header: '已拨至高新区（万元）', key: 'transferred', width: 18, numFmt: MONEY },
    { header: '已支出（万元）', key: 'paid', width: 16, numFmt: MONEY },
    { header: '支出进度', key: 'progress', width: 12, numFmt: PERCENT },
    { header: '时序进度', key: 'time', width: 12, numFmt: PERCENT },
    { header: '是否滞后', key: 'behind', width: 10 },
  ]);
  const line = (r: ExecutionRow, rank: number | null, name: string) => ({
    rank,
    group: r.group,
    name,
    allocated: wan(r.allocatedFen),
    transferred: wan(r.transferredFen),
    paid: wan(r.paidFen),
    progress: percentCell(r.progress),
    time: percentCell(r.timeProgress),
    behind: r.behind ? '是' : '否',
  });
  for (const r of rankByProgress(rows)) ws.addRow(line(r, r.rank, o.names.get(r.group) ?? (o.groupBy === 'city' ? r.group : '')));
  const totals = ws.addRow(line(total, null, ''));
  totals.getCell('group').value = '合计';
  totals.font = { bold: true };

  const about = wb.addWorksheet('说明');
  about.columns = [{ key: 'k', width: 14 }, { key: 'v', width: 80 }];
  // Basis points as percentage points, by integer arithmetic: 1000 → "10", 250 → "2.5".
  const points = `${Math.floor(o.toleranceBps / 100)}${o.toleranceBps % 100 === 0 ? '' : `.${String(o.toleranceBps % 100).padStart(2, '0').replace(/0$/, '')}`}`;
  for (const [k, v] of [
    ['预算年度', String(o.fiscalYear)],
    ['截至日期', o.asOf],
    ['分组', GROUP_NAME[o.groupBy]],
    ['口径', `${o.fiscalYear}年度预算指标下达的省级资金；项目的拨付按下达先后依次计入各笔下达（先下达先拨付）`],
    ['支出进度', '已支出 ÷ 已下达'],
    ['时序进度', '截至日期已过天数 ÷ 全年天数'],
    ['是否滞后', `支出进度低于时序进度超过 ${points} 个百分点`],
    ['排名', '按支出进度从高到低；进度相同者名次并列'],
  ]) about.addRow({ k, v });
  about.getColumn('k').font = { bold: true };
  return toBuffer(wb);
}
