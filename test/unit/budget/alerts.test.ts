/** indicator-unallocated and execution-behind: when they hold, their figures, and how the sweep reconciles them. */
import { executionBehind, indicatorUnallocated, reconcileBudgetAlerts, type BudgetAlertCondition } from '../../../domain/budget/alerts';
import { executionRows, type ExecutionCell } from '../../../domain/budget/execution';
import { newIndicator, type Indicator } from '../../../domain/budget/indicator';

const indicator = (over: Partial<Indicator> = {}): Indicator => ({
  ...newIndicator({ indicatorNo: '苏财教〔2026〕3号', fiscalYear: 2026, programCode: 'JS-2023-C', amountFen: 1_000_000, issuedOn: '2026-01-10' }),
  allocatedFen: 999_999,
  ...over,
});

describe('indicator-unallocated', () => {
  it('from 1 November of its fiscal year, an open indicator with money left', () => {
    expect(indicatorUnallocated(indicator(), '2026-10-31')).toBeNull();
    expect(indicatorUnallocated(indicator(), '2026-11-01')).toEqual({
      kind: 'indicator-unallocated', indicatorNo: '苏财教〔2026〕3号', zoneId: null, fiscalYear: 2026, programCode: 'JS-2023-C', severity: 'warning', gapFen: 1, daysOverdue: 0,
    });
    expect(indicatorUnallocated(indicator(), '2026-12-31')).toMatchObject({ severity: 'warning', daysOverdue: 60 });
    // Still open after its year: critical until it is carried over or lapsed.
    expect(indicatorUnallocated(indicator(), '2027-01-01')).toMatchObject({ severity: 'critical', daysOverdue: 61 });
  });

  it('not for a fully allocated, carried-over or lapsed indicator', () => {
    expect(indicatorUnallocated(indicator({ allocatedFen: 1_000_000 }), '2026-11-15')).toBeNull();
    expect(indicatorUnallocated(indicator({ status: 'carried-over' }), '2027-01-15')).toBeNull();
    expect(indicatorUnallocated(indicator({ status: 'lapsed' }), '2027-01-15')).toBeNull();
  });
});

describe('execution-behind', () => {
  const zoneRow = (allocatedFen: number, paidFen: number, asOf: string) =>
    executionRows('zone', [{ zoneId: 'Z1', city: '南京市', programCode: 'P', figures: { allocatedFen, transferredFen: paidFen, paidFen } } satisfies ExecutionCell], {}, { fiscalYear: 2026, asOf })[0]!;

  it('while the zone\'s row is behind at the default tolerance, with what is paid short of time progress, rounded up', () => {
    // 2026-07-02: 183/365 of the year. 1,000,000 allocated: 501,370 due by time (rounded up), 401,370 paid is at the line.
    expect(executionBehind(zoneRow(1_000_000, 401_370, '2026-07-02'), 2026)).toBeNull();
    expect(executionBehind(zoneRow(1_000_000, 401_369, '2026-07-02'), 2026)).toEqual({
      kind: 'execution-behind', indicatorNo: null, zoneId: 'Z1', fiscalYear: 2026, programCode: null, severity: 'warning', gapFen: 100_001, daysOverdue: 0,
    });
  });

  it('critical when the gap is at least half the allocated money', () => {
    expect(executionBehind(zoneRow(1_000, 0, '2026-12-31'), 2026)).toMatchObject({ severity: 'critical', gapFen: 1_000 });
    expect(executionBehind(zoneRow(1_000, 500, '2026-12-31'), 2026)).toMatchObject({ severity: 'critical', gapFen: 500 });
    expect(executionBehind(zoneRow(1_000, 501, '2026-12-31'), 2026)).toMatchObject({ severity: 'warning', gapFen: 499 });
  });

  it('is raised on zone rows only', () => {
    const cityRow = executionRows('city', [{ zoneId: 'Z1', city: '南京市', programCode: 'P', figures: { allocatedFen: 10, transferredFen: 0, paidFen: 0 } }], {}, { fiscalYear: 2026, asOf: '2026-12-31' })[0]!;
    expect(() => executionBehind(cityRow, 2026)).toThrow(/zone/);
  });
});

describe('reconcileBudgetAlerts', () => {
  const unallocated = (gapFen: number, severity: 'warning' | 'critical' = 'warning', daysOverdue = 0): BudgetAlertCondition =>
    ({ kind: 'indicator-unallocated', indicatorNo: 'I1', zoneId: null, fiscalYear: 2026, programCode: 'P', severity, gapFen, daysOverdue });
  const behind = (zoneId: string, fiscalYear: number): BudgetAlertCondition =>
    ({ kind: 'execution-behind', indicatorNo: null, zoneId, fiscalYear, programCode: null, severity: 'warning', gapFen: 5, daysOverdue: 0 });

  it('raises what newly holds, once per subject', () => {
    const r = reconcileBudgetAlerts([], [unallocated(10), behind('Z1', 2026), behind('Z1', 2025)], '2026-11-01');
    expect(r.changes.map((c) => [c.kindOfChange, c.notify, c.alert.alertId])).toEqual([
      ['raised', 'raised', 'indicator.I1.indicator-unallocated.2026-11-01'],
      ['raised', 'raised', 'zone.Z1.2026.execution-behind.2026-11-01'],
      ['raised', 'raised', 'zone.Z1.2025.execution-behind.2026-11-01'],
    ]);
    expect(r.open).toHaveLength(3);
  });

  it('the same day again changes nothing; the next day updates, and escalates to critical', () => {
    const first = reconcileBudgetAlerts([], [unallocated(10)], '2026-11-01');
    expect(reconcileBudgetAlerts(first.open, [unallocated(10)], '2026-11-01')).toEqual({ changes: [], open: first.open });
    const next = reconcileBudgetAlerts(first.open, [unallocated(10, 'warning', 1)], '2026-11-02');
    expect(next.changes.map((c) => [c.kindOfChange, c.notify])).toEqual([['updated', null]]);
    expect(next.open[0]).toMatchObject({ alertId: first.open[0]!.alertId, raisedOn: '2026-11-01', lastSeenOn: '2026-11-02', daysOverdue: 1 });
    const worse = reconcileBudgetAlerts(next.open, [unallocated(10, 'critical', 61)], '2027-01-01');
    expect(worse.changes.map((c) => [c.kindOfChange, c.notify])).toEqual([['updated', 'escalated']]);
  });

  it('resolves what no longer holds', () => {
    const first = reconcileBudgetAlerts([], [unallocated(10), behind('Z1', 2026)], '2026-11-01');
    const r = reconcileBudgetAlerts(first.open, [behind('Z1', 2026)], '2026-11-05');
    expect(r.changes.filter((c) => c.kindOfChange === 'resolved').map((c) => [c.alert.indicatorNo, c.resolvedOn, c.notify])).toEqual([['I1', '2026-11-05', 'resolved']]);
    expect(r.open.map((a) => a.kind)).toEqual(['execution-behind']);
  });
});
