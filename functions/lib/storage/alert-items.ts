import type { AlertChange, AlertEvent, OpenAlert } from '../../../domain/alerts/reconcile';
import type { ProjectState } from '../../../domain/project/types';
import { tableName } from './client';
import { OPEN_ALERT_PK, PENDING_OUTBOX_PK, TYPE, indexKeys, keys } from './keys';
import { laggingKeys } from './project-item';
import type { TransactItem } from './transaction-items';

/**
 * The items an alert change is written as, by the daily sweep and by a ledger write that removes
 * or changes an alert's cause alike: the alert item (with its list and open-alert index keys),
 * its outbox notification, and the project item's share (its open alerts, the list flags they
 * imply, the lagging index).
 */

/** An alert as API.md shows it. */
export interface Alert extends OpenAlert {
  projectId: string;
  zoneId: string;
  city: string | null;
  status: 'open' | 'resolved';
  resolvedOn: string | null;
}

export interface AlertNotification {
  notificationId: string;
  event: AlertEvent;
  alert: Alert;
}

/** Where a project's alerts are listed: its zone and city. */
export interface AlertPlace {
  projectId: string;
  zoneId: string;
  city: string | null;
}

export const toAlert = (c: AlertChange, place: AlertPlace): Alert => ({
  ...c.alert, projectId: place.projectId, zoneId: place.zoneId, city: place.city, status: c.status, resolvedOn: c.resolvedOn,
});

/** The sweep's: the same event on the same day has one id, so a re-run cannot queue it twice. */
export const sweepNotificationId = (alert: Alert, event: AlertEvent, asOf: string) => `${alert.alertId}.${event}.${asOf}`;

/**
 * A ledger write's: the entry's seq makes it its own, so it can never meet a notification the
 * sweep (or another write) queued the same day for the same alert, and the write never fails on it.
 */
export const writeNotificationId = (alert: Alert, event: AlertEvent, asOf: string, seq: number) => `${alert.alertId}.${event}.${asOf}.${seq}`;

/**
 * Each change as its alert item, and, when people should hear of it, an outbox item (queued once:
 * `notificationId` returns null for one to leave out). `outbox[i]` names the notification of
 * `items[i]`, for reading cancellation reasons.
 */
export function alertChangeItems(
  changes: readonly AlertChange[],
  place: AlertPlace,
  notificationId: (alert: Alert, event: AlertEvent) => string | null,
  now: Date,
): { items: TransactItem[]; outbox: (string | null)[] } {
  const items: TransactItem[] = [];
  const outbox: (string | null)[] = [];
  for (const change of changes) {
    const alert = toAlert(change, place);
    const listSk = indexKeys.alertInList(alert.projectId, alert.kind, alert.funder, alert.raisedOn);
    items.push({
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.alert(alert.projectId, alert.kind, alert.funder, alert.raisedOn),
          gsi1pk: indexKeys.zone(alert.zoneId),
          gsi1sk: listSk,
          gsi2pk: TYPE.alert,
          gsi2sk: alert.alertId,
          ...(alert.city ? { cityPk: indexKeys.city(alert.city), citySk: listSk } : {}),
          alert,
          status: alert.status,
          kind: alert.kind,
          zoneId: alert.zoneId,
          // Open alerts only: a sparse partition of the attention index, for counting them.
          ...(alert.status === 'open' ? { attnPk: OPEN_ALERT_PK, attnSk: alert.alertId } : {}),
        },
      },
    });
    outbox.push(null);
    const id = change.notify ? notificationId(alert, change.notify) : null;
    if (id === null || !change.notify) continue;
    const notification: AlertNotification = { notificationId: id, event: change.notify, alert };
    items.push({
      Put: {
        TableName: tableName(),
        Item: { ...keys.outbox(id), gsi2pk: PENDING_OUTBOX_PK, gsi2sk: id, notification, createdAt: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    outbox.push(id);
  }
  return { items, outbox };
}

/** Parts of an UpdateExpression on the project item. */
export interface UpdateParts {
  sets: string[];
  removes: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/**
 * The project item's share of its open alerts: the list, the summary's `lagging` (as the caller's
 * projection says) and `openAlertCount` (a legacy item gets its whole summary from the caller), the
 * lagging index.
 */
export function openAlertParts(state: ProjectState, city: string | null, open: readonly OpenAlert[], legacy: boolean, lagging: boolean): UpdateParts {
  const parts: UpdateParts = { sets: ['openAlerts = :open'], removes: [], names: {}, values: { ':open': open } };
  if (!legacy) {
    parts.names['#summary'] = 'summary';
    parts.sets.push('#summary.lagging = :lagging', '#summary.openAlertCount = :count');
    Object.assign(parts.values, { ':lagging': lagging, ':count': open.length });
  }
  const lag = laggingKeys(state, city, lagging);
  if (lag) {
    parts.sets.push('lagPk = :lagPk', 'lagSk = :lagSk');
    Object.assign(parts.values, { ':lagPk': lag.lagPk, ':lagSk': lag.lagSk });
  } else parts.removes.push('lagPk', 'lagSk');
  return parts;
}

/**
 * The open alerts are still the ones the change was decided on. The sweep changes them without
 * moving the project's version, so a ledger write (whose contribution and alerts follow from them)
 * must check them, as the sweep checks the version. An item from before open alerts has none.
 */
export function openAlertsUnchanged(seen: readonly OpenAlert[]): { condition: string; values: Record<string, unknown> } {
  return {
    condition: seen.length === 0 ? '(attribute_not_exists(openAlerts) OR openAlerts = :seenAlerts)' : 'openAlerts = :seenAlerts',
    values: { ':seenAlerts': seen },
  };
}
