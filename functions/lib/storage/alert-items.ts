import type { AlertKind, Severity } from '../../../domain/alerts/conditions';
import type { Funder } from '../../../domain/project/types';

/** An alert as API.md shows it. */
export interface Alert {
  alertId: string;
  kind: AlertKind;
  projectId: string;
  zoneId: string;
  funder: Funder;
  trancheId: string | null;
  raisedOn: string;
  lastSeenOn: string;
  severity: Severity;
  gapFen: number;
  daysOverdue: number;
  status: 'open' | 'resolved';
  resolvedOn: string | null;
}

/** What the project's state item keeps of its open alerts, for GET /projects/{id}. */
export type StoredAlertSummary = Omit<Alert, 'projectId' | 'zoneId' | 'status' | 'resolvedOn'>;
