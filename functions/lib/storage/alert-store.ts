import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { AlertChange, AlertEvent, OpenAlert } from '../../../domain/alerts/reconcile';
import type { BusinessDate } from '../../../domain/dates';
import type { Alert } from './alert-items';
import { doc, tableName } from './client';
import { ATTENTION_PK, OPEN_ALERT_PK, TYPE, keys } from './keys';
import { INDEX } from './table-definition';
import { queryPages } from './query-pages';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const PENDING_OUTBOX = 'OUTBOX#PENDING';

/** Projects whose next attention date is on or before D: the sparse index, never a scan. */
export async function* projectsNeedingAttention(asOf: BusinessDate): AsyncGenerator<string> {
  for await (const page of queryPages({
    IndexName: INDEX.attention,
    KeyConditionExpression: 'attnPk = :pk AND attnSk <= :upTo',
    ExpressionAttributeValues: { ':pk': ATTENTION_PK, ':upTo': `${asOf}#\uffff` },
    ProjectionExpression: 'projectId',
  })) {
    for (const item of page.Items ?? []) yield item.projectId as string;
  }
}

/** How many alerts are open, read from their sparse index partition (never the table). */
export async function countOpenAlerts(): Promise<number> {
  let count = 0;
  for await (const page of queryPages({
    IndexName: INDEX.attention, KeyConditionExpression: 'attnPk = :pk', ExpressionAttributeValues: { ':pk': OPEN_ALERT_PK }, Select: 'COUNT',
  })) count += page.Count ?? 0;
  return count;
}

export interface AlertNotification {
  notificationId: string;
  event: AlertEvent;
  alert: Alert;
}

export interface SweepWrite {
  projectId: string;
  zoneId: string;
  expectedVersion: number;
  changes: AlertChange[];
  open: OpenAlert[];
  attentionOn: BusinessDate | null;
  asOf: BusinessDate;
  now: Date;
}

export const toAlert = (c: AlertChange, projectId: string, zoneId: string): Alert => ({
  ...c.alert, projectId, zoneId, status: c.status, resolvedOn: c.resolvedOn,
});

/**
 * Alerts, their outbox notifications and the project's open-alert list in one transaction,
 * guarded by the project version the sweep evaluated. 'stale' means: re-read and re-evaluate.
 */
export async function writeSweepResult(w: SweepWrite): Promise<'written' | 'stale'> {
  const table = tableName();
  const items: TransactItem[] = [];
  for (const change of w.changes) {
    const alert = toAlert(change, w.projectId, w.zoneId);
    items.push({
      Put: {
        TableName: table,
        Item: {
          ...alertKey(alert),
          gsi1pk: `ZONE#${w.zoneId}`,
          gsi1sk: `ALERT#${alert.projectId}#${alert.kind}#${alert.funder}#${alert.raisedOn}`,
          gsi2pk: TYPE.alert,
          gsi2sk: alert.alertId,
          alert,
          status: alert.status,
          kind: alert.kind,
          zoneId: alert.zoneId,
          // Open alerts only: a sparse partition of the attention index, for counting them.
          ...(alert.status === 'open' ? { attnPk: OPEN_ALERT_PK, attnSk: alert.alertId } : {}),
        },
      },
    });
    if (change.notify) {
      const notificationId = `${alert.alertId}.${change.notify}.${w.asOf}`;
      const notification: AlertNotification = { notificationId, event: change.notify, alert };
      // Same id for the same event on the same day: a re-run cannot queue it twice.
      items.push({
        Put: {
          TableName: table,
          Item: { ...keys.outbox(notificationId), gsi2pk: PENDING_OUTBOX, gsi2sk: notificationId, notification, createdAt: w.now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
  }
  const attention = w.attentionOn ? { ':attnPk': ATTENTION_PK, ':attnSk': `${w.attentionOn}#${w.projectId}` } : null;
  items.push({
    Update: {
      TableName: table,
      Key: keys.projectState(w.projectId),
      UpdateExpression: attention ? 'SET openAlerts = :open, attnPk = :attnPk, attnSk = :attnSk' : 'SET openAlerts = :open REMOVE attnPk, attnSk',
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':open': w.open, ':v': w.expectedVersion, ...(attention ?? {}) },
    },
  });
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: items }));
    return 'written';
  } catch (err) {
    if (err instanceof TransactionCanceledException) return 'stale';
    throw err;
  }
}

const alertKey = (a: Alert) => ({ pk: `PROJECT#${a.projectId}`, sk: `ALERT#${a.kind}#${a.funder}#${a.raisedOn}` });

// --- reading alerts --------------------------------------------------------------------------

export interface AlertFilter {
  status?: 'open' | 'resolved';
  zoneId?: string;
  projectId?: string;
  kind?: string;
}

export async function listAlerts(f: AlertFilter, limit: number, start?: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  for (const field of ['status', 'kind', 'zoneId'] as const) {
    if (f[field]) {
      names[`#${field}`] = field;
      values[`:${field}`] = f[field];
      filters.push(`#${field} = :${field}`);
    }
  }
  let query: { IndexName?: string; KeyConditionExpression: string; values: Record<string, unknown> };
  if (f.projectId) query = { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alert)', values: { ':pk': `PROJECT#${f.projectId}`, ':alert': 'ALERT#' } };
  else if (f.zoneId) query = { IndexName: INDEX.byZone, KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :alert)', values: { ':pk': `ZONE#${f.zoneId}`, ':alert': 'ALERT#' } };
  else query = { IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :pk', values: { ':pk': TYPE.alert } };
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName(),
      ...(query.IndexName ? { IndexName: query.IndexName } : {}),
      KeyConditionExpression: query.KeyConditionExpression,
      ExpressionAttributeValues: { ...query.values, ...values },
      ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return { alerts: (out.Items ?? []).map((i) => i.alert as Alert), next: out.LastEvaluatedKey };
}

// --- outbox ----------------------------------------------------------------------------------

export async function pendingNotifications(olderThan: Date): Promise<AlertNotification[]> {
  const out: AlertNotification[] = [];
  for await (const page of queryPages({
    IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :pk', FilterExpression: 'createdAt <= :before',
    ExpressionAttributeValues: { ':pk': PENDING_OUTBOX, ':before': olderThan.toISOString() },
  })) {
    for (const item of page.Items ?? []) out.push(item.notification as AlertNotification);
  }
  return out;
}

/** Marks a notification as sent: it leaves the pending index (sparse). */
export async function markPublished(notificationId: string, at: Date): Promise<void> {
  await doc.send(
    new UpdateCommand({
      TableName: tableName(), Key: keys.outbox(notificationId),
      UpdateExpression: 'SET publishedAt = :at REMOVE gsi2pk, gsi2sk',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    }),
  );
}

export async function getNotification(notificationId: string): Promise<AlertNotification | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.outbox(notificationId) }));
  return (out.Item?.notification as AlertNotification | undefined) ?? null;
}
