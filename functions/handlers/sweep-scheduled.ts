import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { chinaDate } from '../../domain/dates';
import { runSweep } from '../lib/alerts/sweep';
import { configuredPublisher } from '../lib/alerts/publisher';
import { PUBLISH_LEFTOVERS_AFTER_MS } from '../lib/alerts/settings';
import { configuredDigestStore } from '../lib/digests/digest-store';
import { makeDigest } from '../lib/digests/make-digest';
import { logger, metrics } from '../lib/observability';
import { prepareStorageClient } from '../lib/storage/client';

prepareStorageClient();

const publisher = configuredPublisher();

/**
 * EventBridge Scheduler, daily at 09:00 Asia/Shanghai: sweep for today's China date, then write the
 * day's digest (every project's head, after the sweep) where the database's administrators cannot
 * rewrite it.
 */
export const handler = async (): Promise<unknown> => {
  const now = new Date();
  const result = await runSweep(chinaDate(now), now, publisher, { publishOlderThanMs: PUBLISH_LEFTOVERS_AFTER_MS });
  logger.info('daily sweep', { ...result });
  for (const k of ['raised', 'updated', 'resolved', 'open', 'examined', 'skipped', 'published', 'publishFailed'] as const) metrics.addMetric(`Sweep_${k}`, MetricUnit.Count, result[k]);
  const digest = await makeDigest(configuredDigestStore(), new Date(), 'sweep');
  logger.info('daily digest', { digestId: digest.digestId, projects: digest.projects, root: digest.root });
  metrics.addMetric('DigestProjects', MetricUnit.Count, digest.projects);
  metrics.publishStoredMetrics();
  // A project that kept changing is retried tomorrow; a failure here makes Scheduler retry now.
  if (result.skipped > 0) logger.warn('projects skipped by the sweep', { skipped: result.skipped });
  return { ...result, digestId: digest.digestId };
};
