/** 支出进度表 as a finance officer opens it: ranked, 万元, per cents, 是否滞后, totals summed in fen. */
import { executionRows, executionTotal, type ExecutionCell } from '../../../domain/budget/execution';
import { executionWorkbook, percentCell } from '../../../functions/lib/excel/execution';
import { cellText, readWorkbook } from '../../../functions/lib/excel/workbook';

const cell = (zoneId: string, a: number, t: number, p: number): ExecutionCell => ({ zoneId, city: '南京市', programCode: 'P', figures: { allocatedFen: a, transferredFen: t, paidFen: p } });

describe('percentCell', () => {
  it('rounds half up to a hundredth of a per cent, exactly', () => {
    expect(percentCell({ numerator: 1, denominator: 3 })).toBe(0.3333);
    expect(percentCell({ numerator: 2, denominator: 3 })).toBe(0.6667);
    expect(percentCell({ numerator: 1, denominator: 20_000 })).toBe(0.0001); // 0.005% rounds up
    expect(percentCell({ numerator: 1, denominator: 20_001 })).toBe(0);
    expect(percentCell({ numerator: 365, denominator: 365 })).toBe(1);
    expect(percentCell({ numerator: Number.MAX_SAFE_INTEGER, denominator: Number.MAX_SAFE_INTEGER })).toBe(1);
    expect(percentCell({ numerator: 0, denominator: 0 })).toBeNull();
  });
});

test('the workbook: ranked by progress, amounts in 万元, totals from fen', async () => {
  const o = { fiscalYear: 2026, asOf: '2026-07-02' };
  // Allocated amounts ending in half a hundredth of a 万元 (5,000 fen): each cell rounds up, their sum is not the rounded total.
  const rows = executionRows('zone', [cell('Z-LOW', 1_000_005_000, 600_000_000, 100_000_000), cell('Z-HIGH', 5_000, 5_000, 4_999), cell('Z-MID', 10_000_005_000, 9_000_000_000, 5_000_000_000)], {}, o);
  const total = executionTotal(rows, o);
  const buffer = await executionWorkbook(rows, total, { groupBy: 'zone', fiscalYear: 2026, asOf: '2026-07-02', toleranceBps: 1000, names: new Map([['Z-HIGH', '高新区甲']]) });
  const wb = await readWorkbook(buffer);
  const ws = wb.getWorksheet('支出进度表')!;
  const sheet = ws.getSheetValues().slice(1).map((r) => Array.from((r as unknown[]).slice(1), cellText));
  expect(sheet).toEqual([
    ['排名', '高新区', '名称', '已下达（万元）', '已拨至高新区（万元）', '已支出（万元）', '支出进度', '时序进度', '是否滞后'],
    ['1', 'Z-HIGH', '高新区甲', '0.01', '0.01', '0', '0.9998', '0.5014', '否'],
    ['2', 'Z-MID', '', '10000.01', '9000', '5000', '0.5', '0.5014', '否'],
    ['3', 'Z-LOW', '', '1000.01', '600', '100', '0.1', '0.5014', '是'],
    // 11,000,015,000 fen = 11000.015 万元 → 11000.02, where the cells above add up to 11000.03.
    ['', '合计', '', '11000.02', '9600.01', '5100', '0.4636', '0.5014', '否'],
  ]);
  expect(ws.getCell('D2').numFmt).toBe('#,##0.00');
  expect(ws.getCell('G2').numFmt).toBe('0.00%');
  const about = wb.getWorksheet('说明')!;
  expect(about.getSheetValues().slice(1).map((r) => cellText((r as unknown[])[2]))).toContain('支出进度低于时序进度超过 10 个百分点');
});
