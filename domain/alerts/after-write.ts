import type { BusinessDate } from '../dates';
import type { ProjectState } from '../project/types';
import { evaluate, type AlertCondition } from './conditions';
import { alertKey, reconcile, type OpenAlert, type Reconciliation } from './reconcile';

const SAME = ['trancheId', 'severity', 'gapFen', 'daysOverdue', 'responsible', 'held'] as const;
const sameCondition = (a: AlertCondition | undefined, b: AlertCondition | undefined) =>
  a === undefined || b === undefined ? a === b : SAME.every((f) => a[f] === b[f]);

/**
 * What a ledger write does to the project's open alerts, as of the day it is written: an alert
 * whose condition the write removed is resolved, one whose condition it changed is brought up to
 * date, each exactly as that day's sweep would (reconcile), so the sweep for the same day finds
 * nothing left to do. An alert the write did not touch stays as the last sweep left it (time alone
 * moving a condition is the sweep's), and a write raises nothing: raising stays the daily sweep's.
 * `before` and `after` are both evaluated as of `today`, so a difference between them is the
 * write's doing.
 */
export function alertsAfterWrite(projectId: string, open: readonly OpenAlert[], before: ProjectState, after: ProjectState, today: BusinessDate): Reconciliation {
  if (open.length === 0) return { changes: [], open: [] };
  const was = new Map(evaluate(before, today).map((c) => [alertKey(c), c]));
  const now = evaluate(after, today);
  const is = new Map(now.map((c) => [alertKey(c), c]));
  const touched = new Set(open.map(alertKey).filter((k) => !sameCondition(was.get(k), is.get(k))));
  if (touched.size === 0) return { changes: [], open: [...open] };
  const day = reconcile(projectId, open, now, today);
  const reconciled = new Map(day.open.map((a) => [alertKey(a), a]));
  return {
    changes: day.changes.filter((c) => c.kindOfChange !== 'raised' && touched.has(alertKey(c.alert))),
    open: open.flatMap((a) => {
      const k = alertKey(a);
      if (!touched.has(k)) return [a];
      const next = reconciled.get(k);
      return next ? [next] : [];
    }),
  };
}
