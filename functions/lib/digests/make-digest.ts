import { merkleRoot, sortLeaves, type DigestLeaf } from '../../../domain/digest/merkle';
import { chinaDate } from '../../../domain/dates';
import { TYPE } from '../storage/keys';
import { INDEX } from '../storage/table-definition';
import { queryPages } from '../storage/query-pages';
import type { DigestRecord, DigestStore } from './digest-store';

export const DIGEST_ALGORITHM = 'RFC 6962 Merkle tree over SHA-256; leaf = 0x00 ‖ projectId ‖ 0x00 ‖ entries ‖ 0x00 ‖ headHash (docs/api.md)';

/** Every project's head: its entry count and head hash, from the type index (keys and two attributes). */
async function projectHeads(): Promise<DigestLeaf[]> {
  const leaves: DigestLeaf[] = [];
  for await (const page of queryPages({
    IndexName: INDEX.byType,
    KeyConditionExpression: 'gsi2pk = :t',
    ExpressionAttributeValues: { ':t': TYPE.project },
    ProjectionExpression: 'projectId, version, headHash',
  })) {
    for (const item of page.Items ?? []) leaves.push({ projectId: item.projectId as string, entries: item.version as number, headHash: item.headHash as string });
  }
  return leaves;
}

/** Makes and stores today's next digest: the root over every project's head as read now. */
export async function makeDigest(store: DigestStore, now: Date, trigger: DigestRecord['trigger']): Promise<DigestRecord> {
  const leaves = sortLeaves(await projectHeads());
  return store.append({
    date: chinaDate(now),
    createdAt: now.toISOString(),
    trigger,
    algorithm: DIGEST_ALGORITHM,
    projects: leaves.length,
    root: merkleRoot(leaves),
    leaves: leaves.map((l) => [l.projectId, l.entries, l.headHash]),
  });
}
