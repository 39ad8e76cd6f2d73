import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, minDate, type BusinessDate } from '../../../domain/dates';
import { reconcileReconAlerts, type OpenReconAlert, type ReconAlertChange, type ReconAlertFacts } from '../../../domain/reconciliation/alert-changes';
import { unreconciledPayments, unrecordedPayments, UNRECONCILED_AFTER_DAYS } from '../../../domain/reconciliation/alerts';
import { accountId } from '../../../domain/reconciliation/types';
import { doc, tableName } from '../storage/client';
import { isTransactionCanceled } from '../storage/cancellation';
import { cityOfZone, listZones } from '../storage/catalog-store';
import { ALERT_PREFIX, OPEN_ALERT_PK, PENDING_OUTBOX_PK, TYPE, indexKeys, keys } from '../storage/keys';
import type { StoredMovement } from '../storage/reconciliation-items';
import { reconKeys } from '../storage/reconciliation-keys';
import { coverageOf, openMovements } from '../storage/reconciliation-store';
import { unmatchedLines } from '../storage/statement-store';
import { INDEX } from '../storage/table-definition';
import { eachBounded } from './bounded';

/**
 * The reconciliation alerts, raised and resolved by the daily sweep (after the projects'):
 *
 * - `unreconciled-payment`, one per project: its transfers and payments dated on or before the
 *   last line date of a statement stored for their account and matched to nothing 30 days after
 *   their value date. Read from the sparse partition of unmatched movements, per account, up to
 *   min(coverage, today − 30): never the ledger.
 * - `unrecorded-payment`, one per statement line matched to nothing (a line listed again by an
 *   overlapping statement, whose twin is matched, counts as matched). The money left an account
 *   and the ledger does not know it, so it belongs to no project: its alert id is
 *   `<statementId>.<lineNo>.unrecorded-payment.<raisedOn>`, projectId null, listed in the
 *   account's zone (a zone's account) or with no zone (the province's), with the statement and
 *   the line named.
 *
 * Neither is part of a project's state: they are stored as alert items like the others (listed by
 * GET /alerts, counted as open, notified through the outbox) and found again through the open
 * alerts' partition.
 */

const KINDS = ['unreconciled-payment', 'unrecorded-payment'] as const;
const WRITE_CONCURRENCY = 8;

interface Placed extends ReconAlertFacts {
  projectId: string | null;
  zoneId: string | null;
  city: string | null;
  funder: 'province' | 'zone' | null;
  responsible: 'province' | 'zone' | null;
  statementId: string | null;
  lineNo: number | null;
}

/** An alert of either kind as stored and listed (the schema of GET /alerts). */
export interface ReconAlert {
  alertId: string;
  kind: Placed['kind'];
  projectId: string | null;
  zoneId: string | null;
  city: string | null;
  funder: 'province' | 'zone' | null;
  trancheId: null;
  raisedOn: string;
  lastSeenOn: string;
  severity: Placed['severity'];
  gapFen: number;
  daysOverdue: number;
  responsible: 'province' | 'zone' | null;
  held: false;
  status: 'open' | 'resolved';
  resolvedOn: string | null;
  statementId?: string;
  lineNo?: number;
}

const funderOfAccount = (account: string): 'province' | 'zone' => (account === accountId({ kind: 'province' }) ? 'province' : 'zone');
const keyOf = (a: { kind: string; projectId: string | null; statementId?: string | null; lineNo?: number | null }) =>
  a.kind === 'unreconciled-payment' ? `unreconciled-payment#${a.projectId}` : `unrecorded-payment#${a.statementId}#${a.lineNo}`;

/** What holds today, for every account. */
async function conditions(asOf: BusinessDate): Promise<Placed[]> {
  const zones = await listZones();
  const accounts = [accountId({ kind: 'province' }), ...zones.map((z) => accountId({ kind: 'zone', zoneId: z.zoneId }))];
  const cityOf = new Map(zones.map((z) => [z.zoneId, z.city ?? null]));
  const byProject = new Map<string, StoredMovement[]>();
  const covered = new Map<string, BusinessDate>();
  const out: Placed[] = [];
  for (const account of accounts) {
    const through = await coverageOf(account);
    if (through) {
      covered.set(account, through);
      for (const m of await openMovements(account, minDate(through, addDays(asOf, -UNRECONCILED_AFTER_DAYS)))) {
        const list = byProject.get(m.projectId);
        if (list) list.push(m);
        else byProject.set(m.projectId, [m]);
      }
    }
    for (const l of await unmatchedLines(account, null, asOf)) {
      const c = unrecordedPayments([{ statementId: l.statementId, line: l.line, matched: false, duplicate: false }], asOf);
      if (!c) continue;
      const funder = funderOfAccount(account);
      out.push({
        key: keyOf({ kind: c.kind, projectId: null, statementId: l.statementId, lineNo: l.line.lineNo }), kind: c.kind, severity: c.severity, gapFen: c.gapFen, daysOverdue: c.daysOverdue,
        projectId: null, zoneId: l.zoneId, city: l.zoneId ? (cityOf.get(l.zoneId) ?? (await cityOfZone(l.zoneId))) : null,
        funder, responsible: funder, statementId: l.statementId, lineNo: l.line.lineNo,
      });
    }
  }
  for (const [projectId, movements] of byProject) {
    const c = unreconciledPayments(movements, covered, new Set(), asOf);
    if (!c) continue;
    const accounts = new Set(movements.filter((m) => c.items.includes(m.entryId)).map((m) => funderOfAccount(m.account)));
    const first = movements[0]!;
    out.push({
      key: keyOf({ kind: c.kind, projectId }), kind: c.kind, severity: c.severity, gapFen: c.gapFen, daysOverdue: c.daysOverdue,
      projectId, zoneId: first.zoneId, city: first.city, funder: null, responsible: accounts.size === 1 ? [...accounts][0]! : null, statementId: null, lineNo: null,
    });
  }
  return out;
}

type OpenStored = OpenReconAlert & { alert: ReconAlert };

/** The open alerts of the two kinds: the open alerts' partition, whatever they are about. */
async function openReconAlerts(): Promise<OpenStored[]> {
  const out: OpenStored[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new QueryCommand({
      TableName: tableName(), IndexName: INDEX.attention,
      KeyConditionExpression: 'attnPk = :pk',
      FilterExpression: '#k IN (:a, :b)',
      ExpressionAttributeNames: { '#k': 'kind' },
      ExpressionAttributeValues: { ':pk': OPEN_ALERT_PK, ':a': KINDS[0], ':b': KINDS[1] },
      ExclusiveStartKey: start,
    }));
    for (const item of page.Items ?? []) {
      const alert = item.alert as ReconAlert;
      out.push({ key: keyOf(alert), kind: alert.kind, severity: alert.severity, gapFen: alert.gapFen, daysOverdue: alert.daysOverdue, raisedOn: alert.raisedOn, lastSeenOn: alert.lastSeenOn, alert });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

function alertOf(change: ReconAlertChange<Placed>, previous: ReconAlert | undefined, asOf: BusinessDate): ReconAlert {
  const where = change.condition ?? previous!;
  const statementId = 'statementId' in where ? where.statementId ?? null : null;
  const lineNo = 'lineNo' in where ? where.lineNo ?? null : null;
  const { facts } = change;
  const alertId = facts.kind === 'unreconciled-payment'
    ? `${where.projectId}.unreconciled-payment.project.${facts.raisedOn}`
    : `${statementId}.${lineNo}.unrecorded-payment.${facts.raisedOn}`;
  return {
    alertId, kind: facts.kind, projectId: where.projectId, zoneId: where.zoneId, city: where.city, funder: where.funder, trancheId: null,
    raisedOn: facts.raisedOn, lastSeenOn: facts.lastSeenOn, severity: facts.severity, gapFen: facts.gapFen, daysOverdue: facts.daysOverdue,
    responsible: where.responsible, held: false, status: change.status, resolvedOn: change.status === 'resolved' ? asOf : null,
    ...(statementId !== null && lineNo !== null ? { statementId, lineNo } : {}),
  };
}

/** The alert's item: under its project, or under its statement; listed like every alert. */
function alertItem(alert: ReconAlert): Record<string, unknown> {
  const key = alert.projectId !== null
    ? keys.alert(alert.projectId, alert.kind, null, alert.raisedOn)
    : reconKeys.lineAlert(alert.statementId!, alert.lineNo!, alert.raisedOn);
  const listSk = alert.projectId !== null
    ? indexKeys.alertInList(alert.projectId, alert.kind, null, alert.raisedOn)
    : `${ALERT_PREFIX}${alert.statementId}#${alert.kind}#${String(alert.lineNo).padStart(10, '0')}#${alert.raisedOn}`;
  return {
    ...key,
    gsi2pk: TYPE.alert, gsi2sk: alert.alertId,
    ...(alert.zoneId ? { gsi1pk: indexKeys.zone(alert.zoneId), gsi1sk: listSk } : {}),
    ...(alert.city ? { cityPk: indexKeys.city(alert.city), citySk: listSk } : {}),
    alert, status: alert.status, kind: alert.kind, ...(alert.zoneId ? { zoneId: alert.zoneId } : {}),
    ...(alert.status === 'open' ? { attnPk: OPEN_ALERT_PK, attnSk: alert.alertId } : {}),
  };
}

async function write(alert: ReconAlert, notify: string | null, asOf: BusinessDate, now: Date): Promise<void> {
  const notificationId = notify ? `${alert.alertId}.${notify}.${asOf}` : null;
  const put = { Put: { TableName: tableName(), Item: alertItem(alert) } };
  const outbox = notificationId
    ? [{ Put: { TableName: tableName(), Item: { ...keys.outbox(notificationId), gsi2pk: PENDING_OUTBOX_PK, gsi2sk: notificationId, notification: { notificationId, event: notify, alert }, createdAt: now.toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' } }]
    : [];
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: [put, ...outbox] }));
  } catch (err) {
    // The same event on the same day is queued already (a sweep run again): the alert alone.
    if (!isTransactionCanceled(err) || outbox.length === 0) throw err;
    await doc.send(new TransactWriteCommand({ TransactItems: [put] }));
  }
}

export async function sweepReconciliation(asOf: BusinessDate, now: Date, signal?: AbortSignal): Promise<{ raised: number; updated: number; resolved: number }> {
  const [holding, open] = await Promise.all([conditions(asOf), openReconAlerts()]);
  const previous = new Map(open.map((o) => [o.key, o.alert]));
  const { changes } = reconcileReconAlerts(open, holding, asOf);
  const counts = { raised: 0, updated: 0, resolved: 0 };
  // Each alert is its own item: a few written at once (a statement of unmatched lines raises one per line).
  await eachBounded(changes[Symbol.iterator](), WRITE_CONCURRENCY, async (change) => {
    const prev = previous.get(change.facts.key);
    const alert = alertOf(change, prev, asOf);
    // A resolution closes the alert as it was raised (same item), not a new one.
    await write(change.status === 'resolved' && prev ? { ...prev, status: 'resolved', resolvedOn: asOf } : alert, change.notify, asOf, now);
    counts[change.kindOfChange]++;
  }, signal);
  return counts;
}
