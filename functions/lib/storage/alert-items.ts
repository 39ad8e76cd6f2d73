import type { OpenAlert } from '../../../domain/alerts/reconcile';

/** An alert as API.md shows it. */
export interface Alert extends OpenAlert {
  projectId: string;
  zoneId: string;
  status: 'open' | 'resolved';
  resolvedOn: string | null;
}

/** What the project's state item keeps of its open alerts, for GET /projects/{id}. */
export type StoredAlertSummary = OpenAlert;
