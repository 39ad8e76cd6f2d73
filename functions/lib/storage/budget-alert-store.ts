import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { BudgetAlertChange, OpenBudgetAlert } from '../../../domain/budget/alerts';
import type { AlertEvent } from '../../../domain/alerts/reconcile';
import type { BusinessDate } from '../../../domain/dates';
import { doc, tableName } from './client';
import { isTransactionCanceled } from './cancellation';
import { OPEN_ALERT_PK, OPEN_BUDGET_ALERT_PREFIX, PENDING_OUTBOX_PK, TYPE, indexKeys, keys } from './keys';
import { queryPages } from './query-pages';
import { INDEX } from './table-definition';
import type { TransactItem } from './transaction-items';

/**
 * The budget's alerts (domain/budget/alerts.ts) as stored and listed: shaped like a project's
 * (GET /alerts lists both) with no project — `projectId` null, the zone only for execution-behind
 * — and the subject's own fields: the indicator, or the zone's fiscal year.
 */
export interface BudgetAlert {
  alertId: string;
  kind: OpenBudgetAlert['kind'];
  projectId: null;
  zoneId: string | null;
  city: string | null;
  funder: null;
  trancheId: null;
  raisedOn: BusinessDate;
  lastSeenOn: BusinessDate;
  severity: OpenBudgetAlert['severity'];
  gapFen: number;
  daysOverdue: number;
  responsible: null;
  held: false;
  status: 'open' | 'resolved';
  resolvedOn: BusinessDate | null;
  indicatorNo?: string;
  fiscalYear: number;
  programCode?: string;
}

export interface BudgetAlertNotification {
  notificationId: string;
  event: AlertEvent;
  alert: BudgetAlert;
}

export const budgetAlertOf = (c: BudgetAlertChange, city: string | null): BudgetAlert => ({
  alertId: c.alert.alertId,
  kind: c.alert.kind,
  projectId: null,
  zoneId: c.alert.zoneId,
  city,
  funder: null,
  trancheId: null,
  raisedOn: c.alert.raisedOn,
  lastSeenOn: c.alert.lastSeenOn,
  severity: c.alert.severity,
  gapFen: c.alert.gapFen,
  daysOverdue: c.alert.daysOverdue,
  responsible: null,
  held: false,
  status: c.status,
  resolvedOn: c.resolvedOn,
  ...(c.alert.indicatorNo !== null ? { indicatorNo: c.alert.indicatorNo } : {}),
  fiscalYear: c.alert.fiscalYear,
  ...(c.alert.programCode !== null ? { programCode: c.alert.programCode } : {}),
});

const openOf = (a: BudgetAlert): OpenBudgetAlert => ({
  kind: a.kind, indicatorNo: a.indicatorNo ?? null, zoneId: a.zoneId, fiscalYear: a.fiscalYear, programCode: a.programCode ?? null,
  severity: a.severity, gapFen: a.gapFen, daysOverdue: a.daysOverdue, alertId: a.alertId, raisedOn: a.raisedOn, lastSeenOn: a.lastSeenOn,
});

/** The open budget alerts: their slice of the open-alert partition (O(open budget alerts)). */
export async function openBudgetAlerts(): Promise<OpenBudgetAlert[]> {
  const out: OpenBudgetAlert[] = [];
  for await (const page of queryPages({
    IndexName: INDEX.attention,
    KeyConditionExpression: 'attnPk = :pk AND begins_with(attnSk, :budget)',
    ExpressionAttributeValues: { ':pk': OPEN_ALERT_PK, ':budget': OPEN_BUDGET_ALERT_PREFIX },
  })) {
    for (const item of page.Items ?? []) out.push(openOf(item.alert as BudgetAlert));
  }
  return out;
}

/** The subject in the zone and city lists' sort keys. */
const subjectPart = (a: BudgetAlert) => (a.kind === 'indicator-unallocated' ? `indicator.${a.indicatorNo}` : `zone.${a.zoneId}.${a.fiscalYear}`);

/**
 * One change of one budget alert and its notification in one transaction: the alert item (listed
 * in the type index; an execution-behind in its zone's and city's lists; while open, in the
 * open-alert partition) and, when people should hear of it, its outbox item — left out if the same
 * event was queued today already (a re-run of the sweep). 'stale': another sweep got there first.
 */
export async function writeBudgetAlertChange(c: BudgetAlertChange, city: string | null, asOf: BusinessDate, now: Date): Promise<'written' | 'stale'> {
  const alert = budgetAlertOf(c, city);
  const listSk = indexKeys.budgetAlertInList(subjectPart(alert), alert.kind, alert.raisedOn);
  const alertItem: TransactItem = {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.budgetAlert(alert.alertId),
        gsi2pk: TYPE.alert,
        gsi2sk: alert.alertId,
        ...(alert.zoneId !== null ? { gsi1pk: indexKeys.zone(alert.zoneId), gsi1sk: listSk } : {}),
        ...(alert.city !== null ? { cityPk: indexKeys.city(alert.city), citySk: listSk } : {}),
        alert,
        status: alert.status,
        kind: alert.kind,
        ...(alert.zoneId !== null ? { zoneId: alert.zoneId } : {}),
        ...(alert.status === 'open' ? { attnPk: OPEN_ALERT_PK, attnSk: `${OPEN_BUDGET_ALERT_PREFIX}${alert.alertId}` } : {}),
      },
      // Raised once; updated or resolved only while it is open.
      ...(c.kindOfChange === 'raised'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: '#status = :open', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':open': 'open' } }),
    },
  };
  const notificationId = c.notify ? `${alert.alertId}.${c.notify}.${asOf}` : null;
  const notification: BudgetAlertNotification | null = c.notify && notificationId ? { notificationId, event: c.notify, alert } : null;
  const outbox: TransactItem | null = notification
    ? {
      Put: {
        TableName: tableName(),
        Item: { ...keys.outbox(notification.notificationId), gsi2pk: PENDING_OUTBOX_PK, gsi2sk: notification.notificationId, notification, createdAt: now.toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }
    : null;
  for (const items of outbox ? [[alertItem, outbox], [alertItem]] : [[alertItem]]) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      return 'written';
    } catch (err) {
      if (!isTransactionCanceled(err)) throw err;
      const [alertReason, outboxReason] = err.CancellationReasons ?? [];
      // The notification was queued by an earlier run today: write the alert without it.
      if (items.length === 2 && outboxReason?.Code === 'ConditionalCheckFailed' && alertReason?.Code !== 'ConditionalCheckFailed') continue;
      return 'stale';
    }
  }
  return 'stale';
}
