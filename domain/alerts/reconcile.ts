import type { BusinessDate } from '../dates';
import type { Funder } from '../project/types';
import type { AlertCondition, AlertKind, Severity } from './conditions';

/** An open alert as the project remembers it between sweeps. */
export interface OpenAlert {
  alertId: string;
  kind: AlertKind;
  funder: Funder;
  trancheId: string | null;
  severity: Severity;
  gapFen: number;
  daysOverdue: number;
  raisedOn: BusinessDate;
  lastSeenOn: BusinessDate;
}

export type AlertEvent = 'raised' | 'escalated' | 'resolved';

export interface AlertChange {
  alert: OpenAlert;
  status: 'open' | 'resolved';
  resolvedOn: BusinessDate | null;
  /** Set when people should hear about this change. */
  notify: AlertEvent | null;
  kindOfChange: 'raised' | 'updated' | 'resolved';
}

export interface Reconciliation {
  changes: AlertChange[];
  open: OpenAlert[];
}

const keyOf = (a: { kind: AlertKind; funder: Funder }) => `${a.kind}#${a.funder}`;

export const alertIdFor = (projectId: string, kind: AlertKind, funder: Funder, raisedOn: BusinessDate): string =>
  `${projectId}.${kind}.${funder}.${raisedOn}`;

/**
 * One open alert per (project, kind, funder): raise what newly holds, update what still holds,
 * resolve what no longer does. Pure and idempotent: the same inputs on the same day change nothing.
 */
export function reconcile(projectId: string, open: readonly OpenAlert[], conditions: readonly AlertCondition[], asOf: BusinessDate): Reconciliation {
  const byKey = new Map(open.map((a) => [keyOf(a), a]));
  const changes: AlertChange[] = [];
  const stillOpen: OpenAlert[] = [];
  for (const c of conditions) {
    const existing = byKey.get(keyOf(c));
    byKey.delete(keyOf(c));
    if (!existing) {
      const alert: OpenAlert = { alertId: alertIdFor(projectId, c.kind, c.funder, asOf), kind: c.kind, funder: c.funder, trancheId: c.trancheId, severity: c.severity, gapFen: c.gapFen, daysOverdue: c.daysOverdue, raisedOn: asOf, lastSeenOn: asOf };
      changes.push({ alert, status: 'open', resolvedOn: null, notify: 'raised', kindOfChange: 'raised' });
      stillOpen.push(alert);
      continue;
    }
    const next: OpenAlert = { ...existing, trancheId: c.trancheId, severity: c.severity, gapFen: c.gapFen, daysOverdue: c.daysOverdue, lastSeenOn: asOf };
    const same = existing.trancheId === next.trancheId && existing.severity === next.severity && existing.gapFen === next.gapFen &&
      existing.daysOverdue === next.daysOverdue && existing.lastSeenOn === next.lastSeenOn;
    if (!same) {
      const escalated = existing.severity === 'warning' && next.severity === 'critical';
      changes.push({ alert: next, status: 'open', resolvedOn: null, notify: escalated ? 'escalated' : null, kindOfChange: 'updated' });
    }
    stillOpen.push(next);
  }
  for (const gone of byKey.values()) {
    changes.push({ alert: gone, status: 'resolved', resolvedOn: asOf, notify: 'resolved', kindOfChange: 'resolved' });
  }
  return { changes, open: stillOpen };
}
