import type { BusinessDate } from '../dates';
import type { AlertEvent } from '../alerts/reconcile';
import type { Severity } from '../alerts/conditions';

/**
 * The reconciliation alerts over time, as domain/alerts/reconcile.ts does it for a project's:
 * raise what newly holds, update what still holds, resolve what no longer does. Keyed by what
 * they are about — a project (unreconciled-payment), a statement line (unrecorded-payment) —
 * since neither is a project's state: the sweep finds them from the statements and the
 * movements reconciliation keeps. Pure and idempotent for the same day.
 */
export interface ReconAlertFacts {
  /** unreconciled-payment#<projectId> or unrecorded-payment#<statementId>#<lineNo>. */
  key: string;
  kind: 'unreconciled-payment' | 'unrecorded-payment';
  severity: Severity;
  gapFen: number;
  daysOverdue: number;
}

export interface OpenReconAlert extends ReconAlertFacts {
  raisedOn: BusinessDate;
  lastSeenOn: BusinessDate;
}

export interface ReconAlertChange<C> {
  /** The condition as of today (for a resolution: the alert as last seen). */
  facts: OpenReconAlert;
  condition: C | null;
  status: 'open' | 'resolved';
  notify: AlertEvent | null;
  kindOfChange: 'raised' | 'updated' | 'resolved';
}

export function reconcileReconAlerts<O extends OpenReconAlert, C extends ReconAlertFacts>(open: readonly O[], conditions: readonly C[], asOf: BusinessDate): { changes: ReconAlertChange<C>[]; stillOpen: number } {
  const byKey = new Map(open.map((a) => [a.key, a]));
  const changes: ReconAlertChange<C>[] = [];
  let stillOpen = 0;
  for (const c of conditions) {
    const existing = byKey.get(c.key);
    byKey.delete(c.key);
    stillOpen++;
    if (!existing) {
      changes.push({ facts: { ...pick(c), raisedOn: asOf, lastSeenOn: asOf }, condition: c, status: 'open', notify: 'raised', kindOfChange: 'raised' });
      continue;
    }
    const next: OpenReconAlert = { ...pick(c), raisedOn: existing.raisedOn, lastSeenOn: asOf };
    if (existing.severity !== next.severity || existing.gapFen !== next.gapFen || existing.daysOverdue !== next.daysOverdue || existing.lastSeenOn !== next.lastSeenOn) {
      const escalated = existing.severity === 'warning' && next.severity === 'critical';
      changes.push({ facts: next, condition: c, status: 'open', notify: escalated ? 'escalated' : null, kindOfChange: 'updated' });
    }
  }
  for (const gone of byKey.values()) changes.push({ facts: { ...pick(gone), raisedOn: gone.raisedOn, lastSeenOn: gone.lastSeenOn }, condition: null, status: 'resolved', notify: 'resolved', kindOfChange: 'resolved' });
  return { changes, stillOpen };
}

const pick = (f: ReconAlertFacts): ReconAlertFacts => ({ key: f.key, kind: f.kind, severity: f.severity, gapFen: f.gapFen, daysOverdue: f.daysOverdue });
