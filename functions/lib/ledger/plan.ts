import { nextAttentionOn } from '../../../domain/alerts/conditions';
import type { Reconciliation } from '../../../domain/alerts/reconcile';
import type { BusinessDate } from '../../../domain/dates';
import { contributionDelta, rollupGroupsOf } from '../../../domain/portfolio/contribution';
import { clusterDelta, effectiveLimitFen } from '../../../domain/project/position';
import { projectionOf } from '../../../domain/project/summary';
import type { Entry, ProjectState } from '../../../domain/project/types';
import type { StoredProject } from '../storage/project-item';
import type { BudgetEffect } from '../../../domain/budget/posting';
import { rollupDeltas } from '../../../domain/budget/execution';
import { executionRollupItems, indicatorChangeItems } from '../storage/budget-items';
import { alertChangeItems, writeNotificationId } from '../storage/alert-items';
import {
  clusterCountersItem, currentContribution, entryItem, enterpriseQuotaItem, idempotencyItem, programPinItem,
  reversalMarkerItem, rollupItems, stateCreateItem, stateUpdateItem, type IdempotencyRecord, type TxItem,
} from '../storage/transaction-items';
import { evidenceRecordedItem } from '../storage/evidence-store';
import { reconciliationItems } from '../storage/reconciliation-items';

export interface AppendInput {
  before: StoredProject | null;
  after: ProjectState;
  entry: Entry;
  /** The city of the project's zone (read at registration; kept on the item afterwards). */
  city: string | null;
  /** The seq of the entry a reversal takes back. */
  reversedSeq: number | null;
  /** Evidence: the object version its checked bytes were recorded in (null locally). */
  evidenceVersionId?: string | null;
  idempotency: IdempotencyRecord | null;
  /** What the write does to the open alerts as of `asOf` (alertsAfterWrite); none at registration. */
  alerts: Reconciliation & { asOf: BusinessDate };
  now: Date;
  /** What the entry does to the budget (domain/budget/posting.ts): the flows kept on the state item, the indicators and execution rollups it moves. */
  budget: BudgetEffect;
}

/**
 * One ledger event as the items of one TransactWriteItems: the entry, the project's bounded
 * state (guarded by its version), the cluster's counters (guarded by the caps), the enterprise
 * quota and the program pin (registration), the reversal marker, an evidence file's record, the
 * idempotency record, the alerts whose cause the write removed or changed (with their
 * notifications), the portfolio rollups the project belongs to, the budget: each indicator it
 * draws on (its headroom a condition) or gives back to, and the execution rollups of its zone and
 * program, and for a transfer or a payment (or its reversal) what reconciliation finds it by
 * (storage/reconciliation-items.ts): all or nothing.
 */
export function planAppend(input: AppendInput): TxItem[] {
  const { before, after, entry } = input;
  const projectId = after.registration.projectId;
  const city = before?.city ?? input.city;
  const openAlerts = input.alerts.open;
  const attentionOn = nextAttentionOn(after, null, openAlerts);
  // The projections the state item stores beside the state: computed here, written by storage as given.
  const projection = projectionOf(after, city, openAlerts, entry);
  const { contribution } = projection;
  const items: TxItem[] = [entryItem(entry, after.registration.zoneId, city)];
  items.push(before ? stateUpdateItem(before, after, projection, attentionOn, openAlerts, input.budget.flows) : stateCreateItem(after, input.city, attentionOn, projection, input.budget.flows));
  const { asOf, changes } = input.alerts;
  const place = { projectId, zoneId: after.registration.zoneId, city };
  for (const item of alertChangeItems(changes, place, (alert, event) => writeNotificationId(alert, event, asOf, entry.seq), input.now).items) items.push({ tag: 'alert', item });
  const cluster = clusterCountersItem(after.registration.clusterId, clusterDelta(before?.state ?? null, after), {
    provinceFen: effectiveLimitFen(after, 'provincePerClusterFen'),
    zoneFen: effectiveLimitFen(after, 'zonePerClusterFen'),
    projects: after.rules.quotas.projectsPerCluster,
  });
  if (cluster) items.push(cluster);
  if (!before) {
    const reg = after.registration;
    items.push(enterpriseQuotaItem(reg.owner.creditCode, reg.programCode, after.rules.quotas.projectsPerEnterprise));
    items.push(programPinItem(reg.programCode, after.ruleDigest));
  }
  if (input.reversedSeq !== null) items.push(reversalMarkerItem(projectId, input.reversedSeq, entry.entryId));
  if (entry.type === 'evidence') items.push(evidenceRecordedItem(projectId, entry.details.evidenceId, entry.entryId, input.evidenceVersionId ?? null, input.now));
  if (input.idempotency) items.push(idempotencyItem(projectId, input.idempotency, input.now));
  items.push(...rollupItems(projectId, rollupGroupsOf(after, city), contributionDelta(currentContribution(before), contribution)));
  const reg = after.registration;
  items.push(...indicatorChangeItems(input.budget.indicatorChanges, reg.programCode));
  items.push(...executionRollupItems({ zoneId: reg.zoneId, city, programCode: reg.programCode }, rollupDeltas(input.budget.executionChanges)));
  items.push(...reconciliationItems(entry, after, city));
  return items;
}
