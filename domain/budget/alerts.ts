import { compareDates, daysBetween, type BusinessDate } from '../dates';
import type { Fen } from '../money';
import type { Severity } from '../alerts/conditions';
import type { AlertEvent } from '../alerts/reconcile';
import { fiscalYearEnded, remainingFen, type Indicator } from './indicator';
import { DEFAULT_TOLERANCE_BPS, isBehind, shortOfTimeFen, type ExecutionRow } from './execution';

/**
 * The budget's alerts (API.md, Budget indicators): about an indicator or a zone's fiscal year,
 * not about a project, so they are kept apart from the project alerts of domain/alerts/ but
 * shaped like them: conditions evaluated as of a day (pure), reconciled with what is open
 * (pure, idempotent), raised and resolved by the daily sweep.
 */
export const BUDGET_ALERT_KINDS = ['indicator-unallocated', 'execution-behind'] as const;
export type BudgetAlertKind = (typeof BUDGET_ALERT_KINDS)[number];

export interface BudgetAlertCondition {
  kind: BudgetAlertKind;
  /** indicator-unallocated: the indicator; otherwise null. */
  indicatorNo: string | null;
  /** execution-behind: the zone; otherwise null. */
  zoneId: string | null;
  fiscalYear: number;
  /** indicator-unallocated: the indicator's program; otherwise null. */
  programCode: string | null;
  severity: Severity;
  gapFen: Fen;
  daysOverdue: number;
}

/** From 1 November of its fiscal year. */
export const unallocatedFrom = (fiscalYear: number): BusinessDate => `${String(fiscalYear).padStart(4, '0')}-11-01`;

/**
 * `indicator-unallocated`: from 1 November of its fiscal year, an open indicator with money not
 * allocated. `gapFen` is that money; `daysOverdue` counts from 1 November; `critical` once the
 * fiscal year has ended and it is neither carried over nor lapsed.
 */
export function indicatorUnallocated(i: Indicator, asOf: BusinessDate): BudgetAlertCondition | null {
  const from = unallocatedFrom(i.fiscalYear);
  const rest = remainingFen(i);
  if (i.status !== 'open' || rest <= 0 || compareDates(asOf, from) < 0) return null;
  return {
    kind: 'indicator-unallocated', indicatorNo: i.indicatorNo, zoneId: null, fiscalYear: i.fiscalYear, programCode: i.programCode,
    severity: fiscalYearEnded(i.fiscalYear, asOf) ? 'critical' : 'warning', gapFen: rest, daysOverdue: daysBetween(from, asOf),
  };
}

/**
 * `execution-behind`: a zone's row of the fiscal year's report (groupBy=zone, as of the day, all
 * programs) is behind at the default tolerance. `gapFen` is paid short of time progress ×
 * allocated, rounded up to the fen (execution.ts shortOfTimeFen); `critical` when that is at
 * least half of the allocated money. There is no due date: `daysOverdue` is 0 (the alert's
 * `raisedOn` says since when).
 */
export function executionBehind(zoneRow: ExecutionRow, fiscalYear: number): BudgetAlertCondition | null {
  if (zoneRow.attributes.zoneId === undefined) throw new Error(`execution-behind is raised on a zone's row, not on ${zoneRow.group}`);
  if (!isBehind(zoneRow.progress, zoneRow.timeProgress, DEFAULT_TOLERANCE_BPS)) return null;
  const gapFen = shortOfTimeFen(zoneRow, zoneRow.timeProgress);
  return {
    kind: 'execution-behind', indicatorNo: null, zoneId: zoneRow.attributes.zoneId, fiscalYear, programCode: null,
    severity: 2 * gapFen >= zoneRow.allocatedFen ? 'critical' : 'warning', gapFen, daysOverdue: 0,
  };
}

// --- reconcile -------------------------------------------------------------------------------

export interface OpenBudgetAlert extends BudgetAlertCondition {
  alertId: string;
  raisedOn: BusinessDate;
  lastSeenOn: BusinessDate;
}

export interface BudgetAlertChange {
  alert: OpenBudgetAlert;
  status: 'open' | 'resolved';
  resolvedOn: BusinessDate | null;
  notify: AlertEvent | null;
  kindOfChange: 'raised' | 'updated' | 'resolved';
}

/** One open alert per subject: the indicator, or the zone and fiscal year. */
export const subjectOf = (a: Pick<BudgetAlertCondition, 'kind' | 'indicatorNo' | 'zoneId' | 'fiscalYear'>): string =>
  a.kind === 'indicator-unallocated' ? `${a.kind}|${a.indicatorNo}` : `${a.kind}|${a.zoneId}|${a.fiscalYear}`;

export const budgetAlertIdFor = (c: BudgetAlertCondition, raisedOn: BusinessDate): string =>
  c.kind === 'indicator-unallocated' ? `indicator.${c.indicatorNo}.${c.kind}.${raisedOn}` : `zone.${c.zoneId}.${c.fiscalYear}.${c.kind}.${raisedOn}`;

const SAME_FIELDS = ['severity', 'gapFen', 'daysOverdue', 'lastSeenOn'] as const;

/**
 * Raise what newly holds, update what still holds, resolve what no longer does. `open`: the open
 * budget alerts of exactly the subjects `conditions` were evaluated for (an alert whose subject
 * was not evaluated must not be passed, or it would be resolved). The same inputs on the same day
 * change nothing.
 */
export function reconcileBudgetAlerts(open: readonly OpenBudgetAlert[], conditions: readonly BudgetAlertCondition[], asOf: BusinessDate): { changes: BudgetAlertChange[]; open: OpenBudgetAlert[] } {
  const bySubject = new Map(open.map((a) => [subjectOf(a), a]));
  const changes: BudgetAlertChange[] = [];
  const stillOpen: OpenBudgetAlert[] = [];
  for (const c of conditions) {
    const existing = bySubject.get(subjectOf(c));
    bySubject.delete(subjectOf(c));
    if (!existing) {
      const alert: OpenBudgetAlert = { ...c, alertId: budgetAlertIdFor(c, asOf), raisedOn: asOf, lastSeenOn: asOf };
      changes.push({ alert, status: 'open', resolvedOn: null, notify: 'raised', kindOfChange: 'raised' });
      stillOpen.push(alert);
      continue;
    }
    const next: OpenBudgetAlert = { ...existing, ...c, alertId: existing.alertId, raisedOn: existing.raisedOn, lastSeenOn: asOf };
    if (SAME_FIELDS.some((f) => existing[f] !== next[f])) {
      const escalated = existing.severity === 'warning' && next.severity === 'critical';
      changes.push({ alert: next, status: 'open', resolvedOn: null, notify: escalated ? 'escalated' : null, kindOfChange: 'updated' });
    }
    stillOpen.push(next);
  }
  for (const gone of bySubject.values()) changes.push({ alert: gone, status: 'resolved', resolvedOn: asOf, notify: 'resolved', kindOfChange: 'resolved' });
  return { changes, open: stillOpen };
}
