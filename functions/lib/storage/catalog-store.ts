import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ruleDigest, type Program } from '../../../domain/programs/program';
import { doc, tableName } from './client';
import { TYPE, keys } from './keys';
import { INDEX } from './table-definition';
import { queryPages } from './query-pages';

export interface StoredProgram {
  program: Program;
  ruleDigest: string;
  projectCount: number;
}

export async function getProgram(code: string): Promise<StoredProgram | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.program(code), ConsistentRead: true }));
  if (!out.Item) return null;
  return { program: out.Item.program as Program, ruleDigest: out.Item.ruleDigest, projectCount: out.Item.projectCount ?? 0 };
}

/**
 * Creates or replaces a program; 'in-use' once a project was registered under it, because
 * every entry's ruleDigest must keep pointing at the rules it was checked against.
 */
export async function putProgram(program: Program): Promise<'created' | 'replaced' | 'unchanged' | 'in-use'> {
  const digest = ruleDigest(program);
  const existing = await getProgram(program.code);
  if (existing && existing.ruleDigest === digest && JSON.stringify(existing.program) === JSON.stringify(program)) return 'unchanged';
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.program(program.code), gsi2pk: TYPE.program, gsi2sk: program.code, program, ruleDigest: digest, projectCount: 0 },
        ConditionExpression: 'attribute_not_exists(pk) OR projectCount = :zero',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
    return existing ? 'replaced' : 'created';
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return 'in-use';
    throw err;
  }
}

async function listByType<T>(type: string, field: string): Promise<T[]> {
  const out: T[] = [];
  for await (const page of queryPages({ IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :t', ExpressionAttributeValues: { ':t': type } })) {
    for (const item of page.Items ?? []) out.push(item[field] as T);
  }
  return out;
}

export const listPrograms = () => listByType<Program>(TYPE.program, 'program');

// --- zones -----------------------------------------------------------------------------------

export interface Zone {
  zoneId: string;
  name: string;
  city: string;
  level: 'national' | 'provincial';
}

export async function createZone(zone: Zone): Promise<'created' | 'exists'> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.zone(zone.zoneId), gsi2pk: TYPE.zone, gsi2sk: zone.zoneId, zone },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'created';
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return 'exists';
    throw err;
  }
}

export async function getZone(zoneId: string): Promise<Zone | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.zone(zoneId) }));
  return (out.Item?.zone as Zone | undefined) ?? null;
}

export const listZones = () => listByType<Zone>(TYPE.zone, 'zone');

// --- clusters --------------------------------------------------------------------------------

export interface Cluster {
  clusterId: string;
  programCode: string;
  zoneId: string;
  name: string;
  industry: string;
}

export interface StoredCluster extends Cluster {
  provinceAllocatedFen: number;
  zoneAllocatedFen: number;
  projectCount: number;
}

export type CreateClusterOutcome = 'created' | 'exists' | 'zone-quota';

/** Creates a cluster with zeroed counters; the zone's cluster count per program is a guarded counter. */
export async function createCluster(cluster: Cluster, clustersPerZone: number | null): Promise<CreateClusterOutcome> {
  const table = tableName();
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: {
                ...keys.cluster(cluster.clusterId), gsi2pk: TYPE.cluster, gsi2sk: cluster.clusterId,
                ...cluster, provinceAllocatedFen: 0, zoneAllocatedFen: 0, projectCount: 0,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: table,
              Key: keys.zoneClusters(cluster.zoneId, cluster.programCode),
              UpdateExpression: 'ADD clusterCount :one',
              ...(clustersPerZone !== null
                ? { ConditionExpression: 'attribute_not_exists(clusterCount) OR clusterCount < :quota', ExpressionAttributeValues: { ':one': 1, ':quota': clustersPerZone } }
                : { ExpressionAttributeValues: { ':one': 1 } }),
            },
          },
        ],
      }),
    );
    return 'created';
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const [put, quota] = err.CancellationReasons ?? [];
    if (put?.Code === 'ConditionalCheckFailed') return 'exists';
    if (quota?.Code === 'ConditionalCheckFailed') return 'zone-quota';
    throw err;
  }
}

export async function getCluster(clusterId: string): Promise<StoredCluster | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.cluster(clusterId), ConsistentRead: true }));
  if (!out.Item) return null;
  const { pk: _pk, sk: _sk, gsi2pk: _t, gsi2sk: _i, ...rest } = out.Item;
  return rest as StoredCluster;
}
