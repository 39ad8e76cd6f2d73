import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { doc, tableName } from './client';
import { LAGGING_PK, TYPE, indexKeys } from './keys';
import type { ProjectSummary } from '../../../domain/project/summary';
import { INDEX, tableDefinition } from './table-definition';

export interface ProjectListFilter {
  zoneId?: string;
  city?: string;
  programCode?: string;
  clusterId?: string;
  status?: string;
  lagging?: boolean;
}

type StartKey = Record<string, string>;

export interface Plan {
  index: string;
  keyCondition: string;
  values: Record<string, string>;
  /** Filters the key condition does not cover (a second filter narrows the first). */
  filters: [field: keyof ProjectSummary, value: unknown][];
}

/**
 * The index whose key condition serves the most selective filter: lagging projects, then zone,
 * city, cluster, program, else all projects; `status` is the sort-key prefix of every list index.
 * Any other filter given at the same time narrows the page with a filter expression.
 */
export function planQuery(f: ProjectListFilter): Plan {
  const filters: Plan['filters'] = [];
  const statusPrefix = indexKeys.projectPrefix(f.status);
  const keyed = (index: string, pk: string, sk: string, value: string, covered: (keyof ProjectListFilter)[]): Plan => {
    for (const [k, field] of [['zoneId', 'zoneId'], ['city', 'city'], ['clusterId', 'clusterId'], ['programCode', 'programCode'], ['status', 'status']] as const) {
      if (f[k] !== undefined && !covered.includes(k)) filters.push([field, f[k]]);
    }
    if (f.lagging !== undefined && !covered.includes('lagging')) filters.push(['lagging', f.lagging]);
    return { index, keyCondition: `${pk} = :pk AND begins_with(${sk}, :prefix)`, values: { ':pk': value, ':prefix': covered.includes('status') ? statusPrefix : '' }, filters };
  };
  const at = (name: string) => tableDefinition.indexes.find((i) => i.indexName === name)!;
  if (f.lagging === true) {
    const idx = at(INDEX.lagging);
    // Lagging projects are keyed <city>#<zone>#<id>: a city (and zone) scope is a key prefix that
    // narrows the read. A prefix never decides a scope alone: city and zone are still matched
    // exactly on the summary, so the scope holds whatever a stored key says.
    const plan = keyed(INDEX.lagging, idx.partitionKey, idx.sortKey, LAGGING_PK, ['lagging']);
    const prefix = indexKeys.laggingPrefix(f.city, f.city !== undefined ? f.zoneId : undefined);
    if (prefix !== '') return { ...plan, values: { ...plan.values, ':prefix': prefix } };
    // DynamoDB refuses an empty prefix: the whole partition is the key condition then.
    const { ':prefix': _unused, ...values } = plan.values;
    return { ...plan, keyCondition: `${idx.partitionKey} = :pk`, values };
  }
  const list = (name: string, value: string, field: keyof ProjectListFilter) => {
    const idx = at(name);
    return keyed(name, idx.partitionKey, idx.sortKey, value, [field, 'status']);
  };
  if (f.zoneId !== undefined) return list(INDEX.byZone, indexKeys.zone(f.zoneId), 'zoneId');
  if (f.city !== undefined) return list(INDEX.byCity, indexKeys.city(f.city), 'city');
  if (f.clusterId !== undefined) return list(INDEX.byCluster, indexKeys.cluster(f.clusterId), 'clusterId');
  if (f.programCode !== undefined) return list(INDEX.byProgram, indexKeys.program(f.programCode), 'programCode');
  const idx = at(INDEX.byType);
  return { ...keyed(INDEX.byType, idx.partitionKey, idx.sortKey, TYPE.project, ['status']) };
}

/** The index and table keys of an item: a cursor that resumes right after it. */
function keyOf(item: Record<string, unknown>, index: string): StartKey {
  const idx = tableDefinition.indexes.find((i) => i.indexName === index)!;
  const out: StartKey = {};
  for (const k of [tableDefinition.partitionKey, tableDefinition.sortKey, idx.partitionKey, idx.sortKey]) out[k] = item[k] as string;
  return out;
}

/**
 * One page of project summaries: about `limit` reads whatever the table holds, and never an empty
 * page while a cursor says more may come (one item more than asked is read to know).
 */
export async function listProjectSummaries(filter: ProjectListFilter, limit: number, start?: StartKey): Promise<{ items: ProjectSummary[]; next: StartKey | undefined; read: number }> {
  const plan = planQuery(filter);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ...plan.values };
  const conditions = plan.filters.map(([field, value], i) => {
    names['#summary'] = 'summary';
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    return `#summary.#f${i} = :f${i}`;
  });
  const items: ProjectSummary[] = [];
  let lastTaken: Record<string, unknown> | null = null;
  let cursor = start;
  let read = 0;
  for (;;) {
    const input: QueryCommandInput = {
      TableName: tableName(),
      IndexName: plan.index,
      KeyConditionExpression: plan.keyCondition,
      ExpressionAttributeValues: values,
      ...(conditions.length ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
      Limit: limit - items.length + 1,
      ExclusiveStartKey: cursor,
    };
    const out = await doc.send(new QueryCommand(input));
    read += out.ScannedCount ?? 0;
    for (const item of out.Items ?? []) {
      if (!item.summary) continue; // written before summaries existed: migrated on the next write or start
      // A match beyond the page: there is more, and the next page resumes after the last one taken.
      if (items.length === limit) return { items, next: keyOf(lastTaken!, plan.index), read };
      // A summary written before evidence existed has no awaitingEvidence: nothing awaited any.
      const summary = item.summary as ProjectSummary;
      items.push({ ...summary, awaitingEvidence: summary.awaitingEvidence ?? [] });
      lastTaken = item;
    }
    if (!out.LastEvaluatedKey) return { items, next: undefined, read };
    cursor = out.LastEvaluatedKey as StartKey;
  }
}
