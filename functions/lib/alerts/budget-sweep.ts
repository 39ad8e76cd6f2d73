import { yearOf } from '../../../domain/budget/indicator';
import { executionBehind, indicatorUnallocated, reconcileBudgetAlerts, type BudgetAlertCondition } from '../../../domain/budget/alerts';
import { executionRows } from '../../../domain/budget/execution';
import type { BusinessDate } from '../../../domain/dates';
import { allIndicators, readExecutionCells } from '../storage/budget-store';
import { openBudgetAlerts, writeBudgetAlertChange } from '../storage/budget-alert-store';
import { cityOfZone } from '../storage/catalog-store';

export interface BudgetSweepResult {
  raised: number;
  updated: number;
  resolved: number;
  /** Alerts another sweep changed first; the next sweep sees them. */
  skipped: number;
}

/**
 * The budget's part of the daily sweep (API.md v3): `indicator-unallocated` for every indicator
 * (from 1 November of its year, open with money left), `execution-behind` for every zone's row of
 * the current and the previous fiscal year — and of any year an alert is still open for, so that
 * a correction can resolve it — at the default tolerance. Reads the indicators and, per fiscal
 * year, the execution rollups (one key range each), never the projects. Idempotent for the same day.
 */
export async function sweepBudget(asOf: BusinessDate, now: Date, signal?: AbortSignal): Promise<BudgetSweepResult> {
  const result: BudgetSweepResult = { raised: 0, updated: 0, resolved: 0, skipped: 0 };
  const open = await openBudgetAlerts();
  const conditions: BudgetAlertCondition[] = [];
  for await (const indicator of allIndicators()) {
    const c = indicatorUnallocated(indicator, asOf);
    if (c) conditions.push(c);
  }
  const year = yearOf(asOf);
  const years = new Set([year - 1, year, ...open.filter((a) => a.kind === 'execution-behind').map((a) => a.fiscalYear)]);
  const cities = new Map<string, string | null>();
  for (const fiscalYear of years) {
    const { cells } = await readExecutionCells(fiscalYear, asOf);
    for (const row of executionRows('zone', cells, {}, { fiscalYear, asOf })) {
      cities.set(row.group, row.attributes.city ?? null);
      const c = executionBehind(row, fiscalYear);
      if (c) conditions.push(c);
    }
  }
  const { changes } = reconcileBudgetAlerts(open, conditions, asOf);
  for (const change of changes) {
    signal?.throwIfAborted();
    const zoneId = change.alert.zoneId;
    const city = zoneId === null ? null : cities.get(zoneId) ?? (await cityOfZone(zoneId));
    if ((await writeBudgetAlertChange(change, city, asOf, now)) === 'written') result[change.kindOfChange]++;
    else result.skipped++;
  }
  return result;
}
