import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { normalizeProgram, ruleDigest, type Program } from '../../../domain/programs/program';
import { doc, tableName } from './client';
import { TYPE, indexKeys, keys } from './keys';
import { INDEX, tableDefinition } from './table-definition';
import { queryPages } from './query-pages';

export interface StoredProgram {
  program: Program;
  ruleDigest: string;
  projectCount: number;
}

/**
 * A program is immutable once a project uses it (the registration's conditional pin guards that),
 * so a container keeps such programs after the first read instead of reading them on every call.
 * Keyed by table as well: one process serving several tables (tests, benchmarks) must not see one
 * table's program in another.
 */
const usedPrograms = new Map<string, StoredProgram>();

export async function getProgram(code: string, opts: { fresh?: boolean } = {}): Promise<StoredProgram | null> {
  const cacheKey = `${tableName()}\u0000${code}`;
  const cached = opts.fresh ? undefined : usedPrograms.get(cacheKey);
  if (cached) return cached;
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.program(code), ConsistentRead: true }));
  if (!out.Item) return null;
  const stored: StoredProgram = { program: normalizeProgram(out.Item.program), ruleDigest: out.Item.ruleDigest, projectCount: out.Item.projectCount ?? 0 };
  if (stored.projectCount > 0) usedPrograms.set(cacheKey, stored);
  return stored;
}

/**
 * The program's budgetControl, read consistently on every call (never from the cache above: it is
 * a setting that may change while the program is in use). null for an unknown program.
 */
export async function getBudgetControl(code: string): Promise<boolean | null> {
  const out = await doc.send(new GetCommand({
    TableName: tableName(), Key: keys.program(code), ConsistentRead: true,
    ProjectionExpression: '#program.#budgetControl, pk', ExpressionAttributeNames: { '#program': 'program', '#budgetControl': 'budgetControl' },
  }));
  if (!out.Item) return null;
  return (out.Item.program as { budgetControl?: boolean } | undefined)?.budgetControl === true;
}

/**
 * What of a program may change while projects use it: its settings, which no recorded entry was
 * checked against (budgetControl), and its basis — the sentence saying where its numbers come
 * from. Its rules (what ruleDigest fingerprints), code, name and year never do.
 */
export const PROGRAM_SETTINGS = ['budgetControl', 'basis'] as const;

const withoutSettings = (p: Program) => {
  const { budgetControl: _b, basis: _basis, ...rest } = p;
  return JSON.stringify(rest);
};

/**
 * Creates or replaces a program; 'in-use' once a project was registered under it, because
 * every entry's ruleDigest must keep pointing at the rules it was checked against — except for
 * its settings (PROGRAM_SETTINGS), which a program in use may change: 'settings-changed'.
 */
export async function putProgram(program: Program): Promise<'created' | 'replaced' | 'unchanged' | 'in-use' | 'settings-changed'> {
  const digest = ruleDigest(program);
  const existing = await getProgram(program.code, { fresh: true });
  if (existing && existing.ruleDigest === digest && JSON.stringify(existing.program) === JSON.stringify(program)) return 'unchanged';
  if (existing && existing.projectCount > 0) return changeSettings(existing, program, digest);
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
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    // A project was registered in between: only the settings may still change.
    const used = await getProgram(program.code, { fresh: true });
    return used ? changeSettings(used, program, digest) : 'in-use';
  }
}

/** The settings of a program in use, conditioned on its rules being still the ones compared. */
async function changeSettings(existing: StoredProgram, program: Program, digest: string): Promise<'settings-changed' | 'in-use'> {
  if (existing.ruleDigest !== digest || withoutSettings(existing.program) !== withoutSettings(program)) return 'in-use';
  try {
    await doc.send(new UpdateCommand({
      TableName: tableName(),
      Key: keys.program(program.code),
      UpdateExpression: 'SET #program.#budgetControl = :control, #program.#basis = :basis',
      ConditionExpression: 'ruleDigest = :digest',
      ExpressionAttributeNames: { '#program': 'program', '#budgetControl': 'budgetControl', '#basis': 'basis' },
      ExpressionAttributeValues: { ':control': program.budgetControl, ':basis': program.basis, ':digest': digest },
    }));
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return 'in-use';
    throw err;
  }
  usedPrograms.delete(`${tableName()}\u0000${program.code}`);
  return 'settings-changed';
}

async function listByType<T>(type: string, read: (item: Record<string, unknown>) => T): Promise<T[]> {
  const out: T[] = [];
  for await (const page of queryPages({ IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :t', ExpressionAttributeValues: { ':t': type } })) {
    for (const item of page.Items ?? []) out.push(read(item));
  }
  return out;
}

export const listPrograms = () => listByType<Program>(TYPE.program, (i) => normalizeProgram(i.program as Program));

// --- zones -----------------------------------------------------------------------------------

export interface Zone {
  zoneId: string;
  name: string;
  city: string;
  level: 'national' | 'provincial';
}

/** Zones do not change once created: a container keeps what it has read. */
const zones = new Map<string, Zone>();

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
    if (err instanceof ConditionalCheckFailedException) return 'exists';
    throw err;
  }
}

export async function getZone(zoneId: string): Promise<Zone | null> {
  const cacheKey = `${tableName()}\u0000${zoneId}`;
  const cached = zones.get(cacheKey);
  if (cached) return cached;
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.zone(zoneId) }));
  const zone = (out.Item?.zone as Zone | undefined) ?? null;
  if (zone) zones.set(cacheKey, zone);
  return zone;
}

/** The city a zone is in, or null for an unknown zone. */
export const cityOfZone = async (zoneId: string): Promise<string | null> => (await getZone(zoneId))?.city ?? null;

export const listZones = () => listByType<Zone>(TYPE.zone, (i) => i.zone as Zone);

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
  /** The end of the cluster's cycle (Nanjing: one cluster per park per cycle), if closed. */
  closedOn: string | null;
  closeReference: string | null;
}

export type CreateClusterOutcome = 'created' | 'exists' | 'zone-quota';

/** Creates a cluster with zeroed counters; the zone's open clusters per program is a guarded counter. */
export async function createCluster(cluster: Cluster, clustersPerZone: number | null): Promise<CreateClusterOutcome> {
  const table = tableName();
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: { ...keys.cluster(cluster.clusterId), ...clusterIndexKeys(cluster), ...cluster, provinceAllocatedFen: 0, zoneAllocatedFen: 0, projectCount: 0 },
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

/**
 * Closes a cluster's cycle: it takes no new projects and frees its place in the zone's quota
 * (S5 七.4: a new cluster after the cycle). Never twice.
 */
export async function closeCluster(cluster: StoredCluster, closedOn: string, reference: string): Promise<'closed' | 'already-closed'> {
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.cluster(cluster.clusterId),
              UpdateExpression: 'SET closedOn = :on, closeReference = :ref',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(closedOn)',
              ExpressionAttributeValues: { ':on': closedOn, ':ref': reference },
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: keys.zoneClusters(cluster.zoneId, cluster.programCode),
              UpdateExpression: 'ADD clusterCount :minusOne',
              ConditionExpression: 'clusterCount >= :one',
              ExpressionAttributeValues: { ':minusOne': -1, ':one': 1 },
            },
          },
        ],
      }),
    );
    return 'closed';
  } catch (err) {
    if (err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'already-closed';
    throw err;
  }
}

const asCluster = (item: Record<string, unknown>): StoredCluster => ({
  clusterId: item.clusterId as string,
  programCode: item.programCode as string,
  zoneId: item.zoneId as string,
  name: item.name as string,
  industry: item.industry as string,
  provinceAllocatedFen: (item.provinceAllocatedFen as number | undefined) ?? 0,
  zoneAllocatedFen: (item.zoneAllocatedFen as number | undefined) ?? 0,
  projectCount: (item.projectCount as number | undefined) ?? 0,
  closedOn: (item.closedOn as string | undefined) ?? null,
  closeReference: (item.closeReference as string | undefined) ?? null,
});

export async function getCluster(clusterId: string): Promise<StoredCluster | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.cluster(clusterId), ConsistentRead: true }));
  return out.Item ? asCluster(out.Item) : null;
}

/** Every cluster (reference data for the import template and the portfolio's names). */
export const listClusters = () => listByType<StoredCluster>(TYPE.cluster, asCluster);

/** Where a cluster is listed: all clusters (type index), its zone's (by program), its program's. */
function clusterIndexKeys(c: Pick<Cluster, 'clusterId' | 'zoneId' | 'programCode'>) {
  return {
    gsi2pk: TYPE.cluster, gsi2sk: c.clusterId,
    gsi1pk: indexKeys.zone(c.zoneId), gsi1sk: indexKeys.clusterInZone(c.programCode, c.clusterId),
    progPk: indexKeys.program(c.programCode), progSk: indexKeys.clusterInProgram(c.clusterId),
  };
}

export interface ClusterListFilter {
  zoneId?: string;
  programCode?: string;
}

/** The one key condition a cluster listing reads: every filter is served by an index. */
export interface ClusterQuery {
  index: string;
  partition: string;
  /** Every sort key of the query begins with this ('' for the whole partition). */
  sortPrefix: string;
  /** The index projects only keys: the page's items are then read by key. */
  keysOnly: boolean;
}

export function clusterQuery(f: ClusterListFilter): ClusterQuery {
  if (f.zoneId !== undefined) return { index: INDEX.byZone, partition: indexKeys.zone(f.zoneId), sortPrefix: indexKeys.clusterInZonePrefix(f.programCode), keysOnly: false };
  if (f.programCode !== undefined) return { index: INDEX.byProgram, partition: indexKeys.program(f.programCode), sortPrefix: indexKeys.clusterInProgram(''), keysOnly: true };
  return { index: INDEX.byType, partition: TYPE.cluster, sortPrefix: '', keysOnly: false };
}

type StartKey = Record<string, string>;

/** Items by table key, in the order asked (BatchGetItem takes 100 keys and may leave some for later). */
async function itemsByKey(tableKeys: { pk: string; sk: string }[]): Promise<Record<string, unknown>[]> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < tableKeys.length; i += 100) {
    let pending: { pk: string; sk: string }[] = tableKeys.slice(i, i + 100);
    while (pending.length) {
      const out = await doc.send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
      for (const item of out.Responses?.[tableName()] ?? []) found.set(`${item.pk}\u0000${item.sk}`, item);
      pending = (out.UnprocessedKeys?.[tableName()]?.Keys as { pk: string; sk: string }[] | undefined) ?? [];
    }
  }
  return tableKeys.map((k) => found.get(`${k.pk}\u0000${k.sk}`)).filter((i): i is Record<string, unknown> => i !== undefined);
}

/**
 * One page of clusters: `limit` items of one key condition (one item more is read to know whether
 * another page follows, so a cursor never leads to an empty page).
 */
export async function listClusterPage(f: ClusterListFilter, limit: number, start?: StartKey): Promise<{ clusters: StoredCluster[]; next: StartKey | undefined }> {
  const q = clusterQuery(f);
  const idx = tableDefinition.indexes.find((i) => i.indexName === q.index)!;
  const out = await doc.send(new QueryCommand({
    TableName: tableName(),
    IndexName: q.index,
    KeyConditionExpression: q.sortPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
    ExpressionAttributeNames: q.sortPrefix ? { '#pk': idx.partitionKey, '#sk': idx.sortKey } : { '#pk': idx.partitionKey },
    ExpressionAttributeValues: q.sortPrefix ? { ':pk': q.partition, ':prefix': q.sortPrefix } : { ':pk': q.partition },
    Limit: limit + 1,
    ExclusiveStartKey: start,
  }));
  const page = (out.Items ?? []).slice(0, limit);
  const more = (out.Items ?? []).length > limit;
  const items = q.keysOnly ? await itemsByKey(page.map((i) => ({ pk: i.pk as string, sk: i.sk as string }))) : page;
  const last = page.at(-1);
  const next = more && last ? Object.fromEntries([tableDefinition.partitionKey, tableDefinition.sortKey, idx.partitionKey, idx.sortKey].map((k) => [k, last[k] as string])) : undefined;
  return { clusters: items.map(asCluster), next };
}

/**
 * Clusters written before they were listed by zone and program get their index keys (deploy-time
 * seeding and `npm start` run this): reads the clusters through the type index, writes only those
 * lacking a key. Returns how many it indexed.
 */
export async function indexClusters(): Promise<number> {
  let indexed = 0;
  for await (const page of queryPages({ IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :t', ExpressionAttributeValues: { ':t': TYPE.cluster } })) {
    for (const item of page.Items ?? []) {
      if (item.gsi1pk !== undefined && item.progPk !== undefined) continue;
      const { gsi1pk, gsi1sk, progPk, progSk } = clusterIndexKeys(asCluster(item));
      await doc.send(new UpdateCommand({
        TableName: tableName(),
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET gsi1pk = :zpk, gsi1sk = :zsk, progPk = :ppk, progSk = :psk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':zpk': gsi1pk, ':zsk': gsi1sk, ':ppk': progPk, ':psk': progSk },
      }));
      indexed++;
    }
  }
  return indexed;
}
