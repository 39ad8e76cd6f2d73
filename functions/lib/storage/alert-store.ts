import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertChange, OpenAlert } from '../../../domain/alerts/reconcile';
import type { BusinessDate } from '../../../domain/dates';
import type { Contribution, GroupRef } from '../../../domain/portfolio/contribution';
import type { Projection } from '../../../domain/project/summary';
import type { ProjectState } from '../../../domain/project/types';
import { doc, tableName } from './client';
import { isTransactionCanceled } from './cancellation';
import { ATTENTION_PK, OPEN_ALERT_PK, PENDING_OUTBOX_PK, TYPE, indexKeys, keys } from './keys';
import { attentionKeys, type StoredProject } from './project-item';
import { alertChangeItems, openAlertParts, openAlertsUnchanged, sweepNotificationId, type Alert, type AlertNotification } from './alert-items';
import { INDEX } from './table-definition';
import { queryPages } from './query-pages';
import { rollupItems, type TransactItem } from './transaction-items';

export type { Alert, AlertNotification } from './alert-items';

/** Projects whose next attention date is on or before D: the sparse index, never a scan. */
export async function* projectsNeedingAttention(asOf: BusinessDate): AsyncGenerator<string> {
  for await (const page of queryPages({
    IndexName: INDEX.attention,
    KeyConditionExpression: 'attnPk = :pk AND attnSk <= :upTo',
    ExpressionAttributeValues: { ':pk': ATTENTION_PK, ':upTo': indexKeys.attentionUpTo(asOf) },
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

export interface SweepWrite {
  stored: StoredProject;
  /** The state the alerts were evaluated on (the stored one, or rebuilt as of an earlier day). */
  evaluated: ProjectState;
  changes: AlertChange[];
  open: OpenAlert[];
  attentionOn: BusinessDate | null;
  /** The item's list line and rollup contribution with the alerts left open (computed by the sweep). */
  projection: Projection;
  /** The rollups the project belongs to, and what the contribution moves in each (computed by the sweep). */
  rollups: { groups: GroupRef[]; delta: Partial<Contribution> };
  asOf: BusinessDate;
  now: Date;
}

/** The project item after a sweep: its open alerts, the list flags they imply, the attention date, its rollups. */
function projectItems(w: SweepWrite): TransactItem[] {
  const { stored } = w;
  const state = stored.state;
  const projectId = state.registration.projectId;
  const { summary, contribution } = w.projection;
  const attention = attentionKeys(projectId, w.attentionOn);
  const alerts = openAlertParts(state, stored.city, w.open, stored.legacy, summary.lagging);
  const guard = openAlertsUnchanged(stored.openAlerts);
  const values: Record<string, unknown> = { ...alerts.values, ...guard.values, ':v': stored.version, ':contribution': contribution };
  const names: Record<string, string> = { ...alerts.names };
  const sets = [...alerts.sets, 'contribution = :contribution'];
  const removes = [...alerts.removes];
  if (stored.legacy) {
    names['#summary'] = 'summary';
    sets.push('#summary = :summary');
    values[':summary'] = summary;
  }
  if (attention) {
    sets.push('attnPk = :attnPk', 'attnSk = :attnSk');
    Object.assign(values, { ':attnPk': attention.attnPk, ':attnSk': attention.attnSk });
  } else removes.push('attnPk', 'attnSk');
  const update: TransactItem = {
    Update: {
      TableName: tableName(),
      Key: keys.projectState(projectId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      // Two sweeps of one project (another day's, a retry) must not overwrite each other's alerts.
      ConditionExpression: `version = :v AND ${guard.condition}`,
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
  };
  const rollups = rollupItems(projectId, w.rollups.groups, w.rollups.delta).map((r) => r.item);
  return [update, ...rollups];
}

/**
 * Alerts, their outbox notifications, the project item and its rollups in one transaction,
 * guarded by the project version the sweep evaluated. A notification already queued (the same
 * event on the same day) is left out and the rest written; 'stale' means: re-read and re-evaluate.
 */
export async function writeSweepResult(w: SweepWrite): Promise<'written' | 'stale'> {
  const skip = new Set<string>();
  for (;;) {
    const reg = w.stored.state.registration;
    const { items, outbox } = alertChangeItems(w.changes, { projectId: reg.projectId, zoneId: reg.zoneId, city: w.stored.city }, (alert, event) => {
      const id = sweepNotificationId(alert, event, w.asOf);
      return skip.has(id) ? null : id;
    }, w.now);
    const all = [...items, ...projectItems(w)];
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: all }));
      return 'written';
    } catch (err) {
      if (!isTransactionCanceled(err)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const queued = outbox.filter((id, i): id is string => id !== null && reasons[i]?.Code === 'ConditionalCheckFailed');
      const stateRefused = reasons[items.length]?.Code === 'ConditionalCheckFailed';
      if (queued.length > 0 && !stateRefused) {
        for (const id of queued) skip.add(id);
        continue;
      }
      return 'stale';
    }
  }
}

// --- reading alerts --------------------------------------------------------------------------

export interface AlertFilter {
  status?: 'open' | 'resolved';
  zoneId?: string;
  city?: string;
  projectId?: string;
  kind?: string;
}

/**
 * A page of alerts: by project (its partition), zone, city or all (indexes). Every other filter —
 * status, kind, and a scope the key does not cover — is applied to the alert itself.
 */
export interface AlertQuery {
  IndexName?: string;
  KeyConditionExpression: string;
  values: { ':pk': string; ':alert'?: string };
  covers: 'zoneId' | 'city' | null;
}

/** The key condition of a page of alerts: by project (its partition), zone, city or all (indexes). */
export function alertQuery(f: AlertFilter): AlertQuery {
  if (f.projectId) return { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alert)', values: { ':pk': keys.projectState(f.projectId).pk, ':alert': 'ALERT#' }, covers: null };
  if (f.zoneId) return { IndexName: INDEX.byZone, KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :alert)', values: { ':pk': indexKeys.zone(f.zoneId), ':alert': 'ALERT#' }, covers: 'zoneId' };
  if (f.city) return { IndexName: INDEX.byCity, KeyConditionExpression: 'cityPk = :pk AND begins_with(citySk, :alert)', values: { ':pk': indexKeys.city(f.city), ':alert': 'ALERT#' }, covers: 'city' };
  return { IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :pk', values: { ':pk': TYPE.alert }, covers: null };
}

export async function listAlerts(f: AlertFilter, limit: number, start?: Record<string, unknown>) {
  const query = alertQuery(f);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  for (const field of ['status', 'kind', 'zoneId', 'city'] as const) {
    if (f[field] === undefined || query.covers === field) continue;
    names['#alert'] = 'alert';
    names[`#${field}`] = field;
    values[`:${field}`] = f[field];
    filters.push(`#alert.#${field} = :${field}`);
  }
  const alerts: Alert[] = [];
  let cursor = start;
  for (;;) {
    const out = await doc.send(
      new QueryCommand({
        TableName: tableName(),
        ...(query.IndexName ? { IndexName: query.IndexName } : {}),
        KeyConditionExpression: query.KeyConditionExpression,
        ExpressionAttributeValues: { ...query.values, ...values },
        ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
        Limit: limit - alerts.length,
        ExclusiveStartKey: cursor,
      }),
    );
    for (const item of out.Items ?? []) alerts.push({ ...(item.alert as Alert), city: (item.alert as Alert).city ?? null, responsible: (item.alert as Alert).responsible ?? null, held: (item.alert as Alert).held ?? false });
    cursor = out.LastEvaluatedKey;
    // Keep reading while a filter left the page short, so no page is empty while more may come.
    if (!cursor || alerts.length >= limit) return { alerts, next: cursor };
  }
}

// --- outbox ----------------------------------------------------------------------------------

export async function pendingNotifications(olderThan: Date): Promise<AlertNotification[]> {
  const out: AlertNotification[] = [];
  for await (const page of queryPages({
    IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :pk', FilterExpression: 'createdAt <= :before',
    ExpressionAttributeValues: { ':pk': PENDING_OUTBOX_PK, ':before': olderThan.toISOString() },
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
