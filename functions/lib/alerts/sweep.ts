import { compareDates, type BusinessDate } from '../../../domain/dates';
import { evaluate, nextAttentionOn } from '../../../domain/alerts/conditions';
import { reconcile } from '../../../domain/alerts/reconcile';
import { rebuildAsOf } from '../../../domain/project/rebuild';
import { contributionDelta, rollupGroupsOf } from '../../../domain/portfolio/contribution';
import { projectionOf } from '../../../domain/project/summary';
import { allEntries, getProject } from '../storage/ledger-store';
import { countOpenAlerts, markPublished, pendingNotifications, projectsNeedingAttention, writeSweepResult } from '../storage/alert-store';
import type { Publisher } from './publisher';
import { logger } from '../observability';
import { sweepReconciliation } from './reconciliation-sweep';
import { eachBounded } from './bounded';
import { sweepBudget } from './budget-sweep';

export interface SweepResult {
  asOf: BusinessDate;
  raised: number;
  updated: number;
  resolved: number;
  open: number;
  /** Projects the attention index returned and the sweep loaded. */
  examined: number;
  /** Projects that kept changing under the sweep; the next sweep picks them up. */
  skipped: number;
  published: number;
  /** Notifications whose publication failed; still pending, retried by the next sweep. */
  publishFailed: number;
  /**
   * The budget's alerts (indicator-unallocated, execution-behind), apart: raised, updated and
   * resolved above count the projects' alerts; `open` counts both.
   */
  budget: { raised: number; updated: number; resolved: number };
}

const MAX_ATTEMPTS = 5;
const SWEEP_CONCURRENCY = 8;

/**
 * The daily sweep for business date D: only projects the attention index names are loaded;
 * each is evaluated (pure), reconciled with its open alerts (pure) and written in one
 * transaction with its outbox notifications. Idempotent for the same D.
 */
export async function runSweep(asOf: BusinessDate, now: Date, publisher: Publisher, opts: { publishOlderThanMs: number; signal?: AbortSignal }): Promise<SweepResult> {
  const { signal } = opts;
  const result: SweepResult = { asOf, raised: 0, updated: 0, resolved: 0, open: 0, examined: 0, skipped: 0, published: 0, publishFailed: 0, budget: { raised: 0, updated: 0, resolved: 0 } };
  const openBefore = await countOpenAlerts();
  const seen = new Set<string>();
  const ids = projectsNeedingAttention(asOf);
  // A few projects in flight at once: each is independent (its own transaction and version).
  await eachBounded(ids, SWEEP_CONCURRENCY, async (projectId) => {
    if (seen.has(projectId)) return;
    seen.add(projectId);
    result.examined++;
    if (!(await sweepProject(projectId, asOf, now, result))) result.skipped++;
  }, signal);
  signal?.throwIfAborted();
  // Statements and the movements reconciliation keeps: alerts that are no project's state.
  const recon = await sweepReconciliation(asOf, now, signal);
  result.raised += recon.raised;
  result.updated += recon.updated;
  result.resolved += recon.resolved;
  // The budget's alerts (an indicator's, a zone's fiscal year's): no project to examine.
  signal?.throwIfAborted();
  const budget = await sweepBudget(asOf, now, signal);
  result.budget = { raised: budget.raised, updated: budget.updated, resolved: budget.resolved };
  // All open alerts after the sweep, not only those of the projects it examined.
  result.open = openBefore + result.raised + budget.raised - result.resolved - budget.resolved;
  signal?.throwIfAborted();
  const delivery = await publishPending(publisher, new Date(now.getTime() - opts.publishOlderThanMs), now, signal);
  result.published = delivery.published;
  result.publishFailed = delivery.failed;
  return result;
}

/** Evaluates, reconciles and writes one project; false when it kept changing under the sweep. */
async function sweepProject(projectId: string, asOf: BusinessDate, now: Date, result: SweepResult): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await getProject(projectId);
    if (!stored) return true;
    const { state } = stored;
    // A day before the latest entry: evaluate the project as it stood then, not as it stands now.
    const evaluated = compareDates(asOf, state.lastValueDate) >= 0 ? state : rebuildAsOf(await allEntries(projectId), asOf);
    if (!evaluated) return true;
    const rec = reconcile(projectId, stored.openAlerts, evaluate(evaluated, asOf), asOf);
    // What the item stores beside its alerts, computed here: storage writes what it is given.
    const projection = projectionOf(state, stored.city, rec.open);
    const outcome = await writeSweepResult({
      stored,
      evaluated,
      changes: rec.changes,
      open: rec.open,
      attentionOn: nextAttentionOn(state, asOf, rec.open),
      projection,
      rollups: { groups: rollupGroupsOf(state, stored.city), delta: contributionDelta(stored.contribution, projection.contribution) },
      asOf,
      now,
    });
    if (outcome === 'written') {
      for (const c of rec.changes) result[c.kindOfChange]++;
      return true;
    }
  }
  return false;
}

/**
 * At-least-once delivery: whatever is still pending is published, then marked. A failure leaves
 * the notification pending for the next sweep (or the stream relay) instead of failing the sweep.
 */
export async function publishPending(publisher: Publisher, olderThan: Date, now: Date, signal?: AbortSignal): Promise<{ published: number; failed: number }> {
  let published = 0;
  let failed = 0;
  for (const n of await pendingNotifications(olderThan)) {
    signal?.throwIfAborted();
    try {
      await publisher.publish(n);
      await markPublished(n.notificationId, now);
      published++;
    } catch (error) {
      logger.warn('alert notification not published; it stays pending', { notificationId: n.notificationId, error: error as Error });
      failed++;
    }
  }
  return { published, failed };
}
