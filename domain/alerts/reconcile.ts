import type { BusinessDate } from '../dates';
import type { Funder } from '../project/types';
import type { AlertCondition, AlertKind, Responsible, Severity } from './conditions';

/** An open alert as the project remembers it between sweeps. */
export interface OpenAlert {
  alertId: string;
  kind: AlertKind;
  funder: Funder | null;
  trancheId: string | null;
  severity: Severity;
  gapFen: number;
  daysOverdue: number;
  responsible: Responsible | null;
  held: boolean;
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

/** One open alert per (kind, funder) of a project: its key. */
export const alertKey = (a: { kind: AlertKind; funder: Funder | null }) => `${a.kind}#${a.funder ?? '-'}`;

export const alertIdFor = (projectId: string, kind: AlertKind, funder: Funder | null, raisedOn: BusinessDate): string =>
  `${projectId}.${kind}.${funder ?? 'project'}.${raisedOn}`;

const SAME_FIELDS = ['trancheId', 'severity', 'gapFen', 'daysOverdue', 'responsible', 'held', 'lastSeenOn'] as const;

/**
 * One open alert per (project, kind, funder): raise what newly holds, update what still holds,
 * resolve what no longer does. Pure and idempotent: the same inputs on the same day change nothing.
 */
export function reconcile(projectId: string, open: readonly OpenAlert[], conditions: readonly AlertCondition[], asOf: BusinessDate): Reconciliation {
  // Alerts stored before `responsible`/`held` existed read as neither.
  const byKey = new Map(open.map((a) => [alertKey(a), { ...a, responsible: a.responsible ?? null, held: a.held ?? false }]));
  const changes: AlertChange[] = [];
  const stillOpen: OpenAlert[] = [];
  for (const c of conditions) {
    const existing = byKey.get(alertKey(c));
    byKey.delete(alertKey(c));
    const fields = { trancheId: c.trancheId, severity: c.severity, gapFen: c.gapFen, daysOverdue: c.daysOverdue, responsible: c.responsible, held: c.held };
    if (!existing) {
      const alert: OpenAlert = { alertId: alertIdFor(projectId, c.kind, c.funder, asOf), kind: c.kind, funder: c.funder, ...fields, raisedOn: asOf, lastSeenOn: asOf };
      changes.push({ alert, status: 'open', resolvedOn: null, notify: 'raised', kindOfChange: 'raised' });
      stillOpen.push(alert);
      continue;
    }
    const next: OpenAlert = { ...existing, ...fields, lastSeenOn: asOf };
    if (SAME_FIELDS.some((f) => existing[f] !== next[f])) {
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
