import { GetCommand, QueryCommand, PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ClusterDelta } from '../../../domain/project/effects';
import type { ClusterUsage } from '../../../domain/project/position';
import type { Entry, ProjectState } from '../../../domain/project/types';
import type { Fen } from '../../../domain/money';
import type { StoredAlertSummary } from './alert-items';
import { doc, tableName } from './client';
import { ATTENTION_PK, ENTRY_PREFIX, TYPE, entrySk, keys, projectPk } from './keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The project's state item as stored. */
export interface StoredProject {
  state: ProjectState;
  version: number;
  /** Open alerts as the last sweep left them (maintained by the sweep, not by ledger writes). */
  openAlerts: StoredAlertSummary[];
}

export async function getProject(projectId: string): Promise<StoredProject | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.projectState(projectId), ConsistentRead: true }));
  if (!out.Item) return null;
  return { state: out.Item.state as ProjectState, version: out.Item.version as number, openAlerts: (out.Item.openAlerts ?? []) as StoredAlertSummary[] };
}

export function projectItemAttributes(state: ProjectState) {
  const r = state.registration;
  return {
    projectId: r.projectId,
    zoneId: r.zoneId,
    programCode: r.programCode,
    clusterId: r.clusterId,
    gsi1pk: `ZONE#${r.zoneId}`,
    gsi1sk: `PROJECT#${r.projectId}`,
    gsi2pk: TYPE.project,
    gsi2sk: r.projectId,
  };
}

/** The state item a registration creates. */
export function newProjectItem(state: ProjectState, attentionOn: string | null) {
  const projectId = state.registration.projectId;
  return {
    ...keys.projectState(projectId),
    ...projectItemAttributes(state),
    state,
    version: state.version,
    headHash: state.headHash,
    openAlerts: [],
    ...(attentionOn ? { attnPk: ATTENTION_PK, attnSk: `${attentionOn}#${projectId}` } : {}),
  };
}

export async function getClusterUsage(clusterId: string): Promise<ClusterUsage | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.cluster(clusterId), ConsistentRead: true }));
  const c = out.Item;
  if (!c) return null;
  return {
    clusterId: c.clusterId,
    programCode: c.programCode,
    zoneId: c.zoneId,
    provinceAllocatedFen: c.provinceAllocatedFen ?? 0,
    zoneAllocatedFen: c.zoneAllocatedFen ?? 0,
    projectCount: c.projectCount ?? 0,
  };
}

export async function getEnterpriseProjectCount(creditCode: string, programCode: string): Promise<number> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.enterprise(creditCode, programCode), ConsistentRead: true }));
  return (out.Item?.projectCount as number | undefined) ?? 0;
}

// --- appending an entry: one TransactWriteItems ----------------------------------------------

export interface IdempotencyWrite {
  key: string;
  requestHash: string;
  status: number;
  body: unknown;
}

export interface AppendInput {
  before: StoredProject | null;
  after: ProjectState;
  entry: Entry;
  cluster: { clusterId: string; delta: ClusterDelta; provinceCapFen: Fen | null; projectQuota: number | null };
  /** Registration only. */
  enterprise?: { creditCode: string; programCode: string; quota: number | null };
  program?: { code: string; ruleDigest: string };
  idempotency?: IdempotencyWrite;
  /** Next date the sweep must look at this project (sparse attention index), or null. */
  attentionOn: string | null;
}

export type AppendOutcome =
  | { kind: 'appended' }
  | { kind: 'idempotency-key-taken' }
  | { kind: 'project-exists' }
  /** Someone else changed what the decision was based on: re-read and decide again. */
  | { kind: 'stale'; what: string };

/**
 * Writes the entry, the project state (guarded by its version), the cluster counters (guarded
 * by the caps) and the idempotency record atomically. Conditions live here and only here.
 */
export async function appendEntry(input: AppendInput): Promise<AppendOutcome> {
  const table = tableName();
  const { entry, after, before } = input;
  const projectId = after.registration.projectId;
  const items: { tag: string; item: TransactItem }[] = [];

  items.push({
    tag: 'entry',
    item: { Put: { TableName: table, Item: { ...keys.entry(projectId, entry.seq), entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
  });

  if (!before) {
    items.push({
      tag: 'state',
      item: {
        Put: {
          TableName: table,
          Item: newProjectItem(after, input.attentionOn),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    });
  } else {
    const attention = input.attentionOn ? { attnPk: ATTENTION_PK, attnSk: `${input.attentionOn}#${projectId}` } : null;
    // UpdateItem, not Put: the sweep's attributes (openAlerts) on the same item must survive.
    items.push({
      tag: 'state',
      item: {
        Update: {
          TableName: table,
          Key: keys.projectState(projectId),
          UpdateExpression: attention
            ? 'SET #state = :state, version = :next, headHash = :head, attnPk = :attnPk, attnSk = :attnSk'
            : 'SET #state = :state, version = :next, headHash = :head REMOVE attnPk, attnSk',
          ConditionExpression: 'version = :expected',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':state': after,
            ':next': after.version,
            ':head': after.headHash,
            ':expected': before.version,
            ...(attention ? { ':attnPk': attention.attnPk, ':attnSk': attention.attnSk } : {}),
          },
        },
      },
    });
  }

  const { delta, provinceCapFen, projectQuota } = input.cluster;
  if (delta.provinceFen !== 0 || delta.zoneFen !== 0 || delta.projects !== 0) {
    const conditions = ['attribute_exists(pk)'];
    const values: Record<string, unknown> = { ':p': delta.provinceFen, ':z': delta.zoneFen, ':n': delta.projects };
    // Conditions cannot add: compare the stored total with (cap − delta) computed here.
    if (provinceCapFen !== null && delta.provinceFen > 0) {
      conditions.push('provinceAllocatedFen <= :provinceRoom');
      values[':provinceRoom'] = provinceCapFen - delta.provinceFen;
    }
    if (projectQuota !== null && delta.projects > 0) {
      conditions.push('projectCount < :quota');
      values[':quota'] = projectQuota;
    }
    items.push({
      tag: 'cluster',
      item: {
        Update: {
          TableName: table,
          Key: keys.cluster(input.cluster.clusterId),
          UpdateExpression: 'SET provinceAllocatedFen = provinceAllocatedFen + :p, zoneAllocatedFen = zoneAllocatedFen + :z, projectCount = projectCount + :n',
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeValues: values,
        },
      },
    });
  }

  if (input.enterprise) {
    const { creditCode, programCode, quota } = input.enterprise;
    items.push({
      tag: 'enterprise',
      item: {
        Update: {
          TableName: table,
          Key: keys.enterprise(creditCode, programCode),
          UpdateExpression: 'ADD projectCount :one',
          ...(quota !== null
            ? { ConditionExpression: 'attribute_not_exists(projectCount) OR projectCount < :quota', ExpressionAttributeValues: { ':one': 1, ':quota': quota } }
            : { ExpressionAttributeValues: { ':one': 1 } }),
        },
      },
    });
  }

  if (input.program) {
    // The program must still be the one the contract was checked against.
    items.push({
      tag: 'program',
      item: {
        Update: {
          TableName: table,
          Key: keys.program(input.program.code),
          UpdateExpression: 'ADD projectCount :one',
          ConditionExpression: 'ruleDigest = :digest',
          ExpressionAttributeValues: { ':one': 1, ':digest': input.program.ruleDigest },
        },
      },
    });
  }

  if (input.idempotency) items.push({ tag: 'idempotency', item: idempotencyPut(projectId, input.idempotency) });

  try {
    await doc.send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) }));
    return { kind: 'appended' };
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const reasons = err.CancellationReasons ?? [];
    const failed = (tag: string) => reasons[items.findIndex((i) => i.tag === tag)]?.Code === 'ConditionalCheckFailed';
    if (failed('idempotency')) return { kind: 'idempotency-key-taken' };
    if (!before && failed('state')) return { kind: 'project-exists' };
    const what = items
      .map((it, i) => `${it.tag}:${reasons[i]?.Code ?? 'None'}`)
      .filter((s) => !s.endsWith(':None'))
      .join(',');
    return { kind: 'stale', what: what || 'transaction-conflict' };
  }
}

// --- idempotency -----------------------------------------------------------------------------

export interface IdempotencyRecord {
  requestHash: string;
  status: number;
  body: unknown;
}

function idempotencyPut(projectId: string, rec: IdempotencyWrite): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.idempotency(projectId, rec.key), requestHash: rec.requestHash, status: rec.status, body: JSON.stringify(rec.body) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getIdempotencyRecord(projectId: string, key: string): Promise<IdempotencyRecord | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.idempotency(projectId, key), ConsistentRead: true }));
  if (!out.Item) return null;
  return { requestHash: out.Item.requestHash, status: out.Item.status, body: JSON.parse(out.Item.body as string) };
}

/** Remembers a rule rejection under its key; 'taken' when the key already answered something. */
export async function rememberResponse(projectId: string, rec: IdempotencyWrite): Promise<'stored' | 'taken'> {
  try {
    await doc.send(new PutCommand(idempotencyPut(projectId, rec).Put as never));
    return 'stored';
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return 'taken';
    throw err;
  }
}

// --- reading entries -------------------------------------------------------------------------

export async function entriesPage(projectId: string, afterSeq: number, limit: number): Promise<{ entries: Entry[]; more: boolean }> {
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': projectPk(projectId), ':from': entrySk(afterSeq + 1), ':to': `${ENTRY_PREFIX}~` },
      Limit: limit,
      ConsistentRead: true,
    }),
  );
  const entries = (out.Items ?? []).map((i) => i.entry as Entry);
  return { entries, more: out.LastEvaluatedKey !== undefined };
}

export async function allEntries(projectId: string): Promise<Entry[]> {
  const all: Entry[] = [];
  let after = 0;
  for (;;) {
    const page = await entriesPage(projectId, after, 500);
    all.push(...page.entries);
    if (!page.more || page.entries.length === 0) return all;
    after = page.entries[page.entries.length - 1]!.seq;
  }
}
