import type { Contribution, Dimension } from '../../../domain/portfolio/contribution';
import { CONTRIBUTION_FIELDS, zeroContribution } from '../../../domain/portfolio/contribution';
import type { RollupShard } from '../../../domain/portfolio/report';
import { rollupPk } from './keys';
import { queryPages } from './query-pages';

/** Every shard of every group of one dimension: one partition, so O(groups × shards) small items. */
export async function readRollupShards(dimension: Dimension): Promise<{ shards: RollupShard[]; read: number }> {
  const shards: RollupShard[] = [];
  let read = 0;
  for await (const page of queryPages({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': rollupPk(dimension) }, ConsistentRead: true })) {
    read += page.Count ?? 0;
    for (const item of page.Items ?? []) {
      const contribution: Contribution = zeroContribution();
      for (const f of CONTRIBUTION_FIELDS) contribution[f] = (item[f] as number | undefined) ?? 0;
      const attributes: RollupShard['attributes'] = {};
      for (const k of ['programCode', 'zoneId', 'city'] as const) if (typeof item[k] === 'string') attributes[k] = item[k] as string;
      shards.push({ dimension, group: item.group as string, attributes, contribution });
    }
  }
  return { shards, read };
}
