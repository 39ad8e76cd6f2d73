import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { OpenAlert } from '../../../domain/alerts/reconcile';
import type { ProvinceFlows } from '../../../domain/budget/flows';
import { CONTRIBUTION_FIELDS, type Contribution, type GroupRef } from '../../../domain/portfolio/contribution';
import { LEDGER_SUMMARY_FIELDS, type Projection } from '../../../domain/project/summary';
import type { ClusterDelta } from '../../../domain/project/position';
import type { Entry, ProjectState } from '../../../domain/project/types';
import type { Fen } from '../../../domain/money';
import type { RememberedAnswer } from '../ledger/outcomes';
import { tableName } from './client';
import { TYPE, indexKeys, keys } from './keys';
import { attentionKeys, listKeys, newProjectItem, type StoredProject } from './project-item';
import { openAlertParts, openAlertsUnchanged } from './alert-items';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Which part of a ledger event an item is: the decoder reads cancellation reasons by it. */
export type TxTag = 'entry' | 'state' | 'cluster' | 'enterprise' | 'program' | 'idempotency' | 'reversal-marker' | 'rollup' | 'evidence' | 'indicator' | 'execution' | 'alert' | 'reconciliation';

export interface TxItem {
  tag: TxTag;
  item: TransactItem;
}

/** A remembered outcome of an Idempotency-Key (idempotency-record.ts reads and writes it). */
export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  outcome: RememberedAnswer;
}

const DAY_SECONDS = 86_400;
export const IDEMPOTENCY_TTL_DAYS = (() => {
  const v = Number(process.env.IDEMPOTENCY_TTL_DAYS);
  return Number.isInteger(v) && v > 0 ? v : 30;
})();

const epochSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

/**
 * The entry itself: a new sequence number, never overwritten. It is also listed, newest first, in
 * the activity partition of the type index (with its zone and city, to scope that list).
 */
export function entryItem(entry: Entry, zoneId: string, city: string | null): TxItem {
  return {
    tag: 'entry',
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.entry(entry.projectId, entry.seq), entry, gsi2pk: TYPE.entry, gsi2sk: indexKeys.activity(entry.recordedAt, entry.entryId), zoneId, ...(city ? { city } : {}) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** The state item a registration creates; it must not exist yet. */
export function stateCreateItem(after: ProjectState, city: string | null, attentionOn: string | null, projection: Projection, flows: ProvinceFlows): TxItem {
  return {
    tag: 'state',
    item: { Put: { TableName: tableName(), Item: newProjectItem(after, city, attentionOn, projection, flows), ConditionExpression: 'attribute_not_exists(pk)' } },
  };
}

/**
 * The state item moved from the version the decision was based on to the next one, with the open
 * alerts the write leaves (alertsAfterWrite). UpdateItem, not Put: the item keeps what only the
 * sweep writes (the attention date it chose, …); guarded by the version and by the open alerts the
 * decision saw, which the sweep changes without moving the version.
 */
export function stateUpdateItem(before: StoredProject, after: ProjectState, projection: Projection, attentionOn: string | null, open: readonly OpenAlert[], flows: ProvinceFlows): TxItem {
  const { summary, contribution } = projection;
  const projectId = after.registration.projectId;
  const alerts = openAlertParts(after, before.city, open, before.legacy, summary.lagging);
  const guard = openAlertsUnchanged(before.openAlerts);
  const names: Record<string, string> = { ...alerts.names, '#state': 'state', '#summary': 'summary' };
  const values: Record<string, unknown> = {
    ...alerts.values, ...guard.values, ':state': after, ':next': after.version, ':head': after.headHash, ':expected': before.version, ':contribution': contribution, ':budget': flows,
  };
  const sets = [...alerts.sets, '#state = :state', 'version = :next', 'headHash = :head', 'contribution = :contribution', 'budget = :budget'];
  const removes = [...alerts.removes];
  for (const [attr, value] of Object.entries(listKeys(after, before.city))) {
    sets.push(`${attr} = :${attr}`);
    values[`:${attr}`] = value;
  }
  if (before.legacy) {
    sets.push('#summary = :summary');
    values[':summary'] = summary;
  } else {
    for (const f of LEDGER_SUMMARY_FIELDS) {
      names[`#s_${f}`] = f;
      sets.push(`#summary.#s_${f} = :s_${f}`);
      values[`:s_${f}`] = summary[f];
    }
  }
  const attention = attentionKeys(projectId, attentionOn);
  if (attention) {
    sets.push('attnPk = :attnPk', 'attnSk = :attnSk');
    Object.assign(values, { ':attnPk': attention.attnPk, ':attnSk': attention.attnSk });
  } else removes.push('attnPk', 'attnSk');
  return {
    tag: 'state',
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.projectState(projectId),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: `version = :expected AND ${guard.condition}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  };
}

/**
 * The cluster's shared counters. Conditions cannot add, so headroom is compared the other way
 * round: the stored total must be ≤ cap − delta; a decrease must not take a counter below 0.
 */
export function clusterCountersItem(clusterId: string, delta: ClusterDelta, limits: { provinceFen: Fen | null; zoneFen: Fen | null; projects: number | null }): TxItem | null {
  if (delta.provinceFen === 0 && delta.zoneFen === 0 && delta.projects === 0) return null;
  const conditions = ['attribute_exists(pk)'];
  const values: Record<string, unknown> = { ':p': delta.provinceFen, ':z': delta.zoneFen, ':n': delta.projects };
  const guard = (attr: string, d: number, cap: Fen | null, name: string) => {
    if (d > 0 && cap !== null) {
      conditions.push(`${attr} <= :${name}Room`);
      values[`:${name}Room`] = cap - d;
    } else if (d < 0) {
      conditions.push(`${attr} >= :${name}Taken`);
      values[`:${name}Taken`] = -d;
    }
  };
  guard('provinceAllocatedFen', delta.provinceFen, limits.provinceFen, 'province');
  guard('zoneAllocatedFen', delta.zoneFen, limits.zoneFen, 'zone');
  if (delta.projects > 0 && limits.projects !== null) {
    conditions.push('projectCount < :quota');
    values[':quota'] = limits.projects;
  }
  return {
    tag: 'cluster',
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.cluster(clusterId),
        UpdateExpression: 'SET provinceAllocatedFen = provinceAllocatedFen + :p, zoneAllocatedFen = zoneAllocatedFen + :z, projectCount = projectCount + :n',
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeValues: values,
      },
    },
  };
}

/** The owner's project count under the program, guarded by the quota. */
export function enterpriseQuotaItem(creditCode: string, programCode: string, quota: number | null): TxItem {
  return {
    tag: 'enterprise',
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.enterprise(creditCode, programCode),
        UpdateExpression: 'ADD projectCount :one',
        ...(quota !== null
          ? { ConditionExpression: 'attribute_not_exists(projectCount) OR projectCount < :quota', ExpressionAttributeValues: { ':one': 1, ':quota': quota } }
          : { ExpressionAttributeValues: { ':one': 1 } }),
      },
    },
  };
}

/** The program must still be the one the contract was checked against; using it pins it. */
export function programPinItem(code: string, ruleDigest: string): TxItem {
  return {
    tag: 'program',
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.program(code),
        UpdateExpression: 'ADD projectCount :one',
        ConditionExpression: 'ruleDigest = :digest',
        ExpressionAttributeValues: { ':one': 1, ':digest': ruleDigest },
      },
    },
  };
}

/**
 * The answer remembered under an Idempotency-Key, with a TTL. A key that is taken answers the
 * conflicting request from the item DynamoDB returns with the failure: no second read.
 */
export function idempotencyItem(projectId: string, record: IdempotencyRecord, now: Date): TxItem {
  return {
    tag: 'idempotency',
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.idempotency(projectId, record.key),
          requestHash: record.requestHash,
          outcome: JSON.stringify(record.outcome),
          recordedAt: now.toISOString(),
          expiresAt: epochSeconds(now) + IDEMPOTENCY_TTL_DAYS * DAY_SECONDS,
        },
        // DynamoDB deletes expired items lazily (within days): an expired record counts as gone.
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': epochSeconds(now) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
  };
}

/** Marks the target reversed; a second reversal of it fails this condition. */
export function reversalMarkerItem(projectId: string, targetSeq: number, reversalEntryId: string): TxItem {
  return {
    tag: 'reversal-marker',
    item: { Put: { TableName: tableName(), Item: { ...keys.reversalOf(projectId, targetSeq), reversedBy: reversalEntryId }, ConditionExpression: 'attribute_not_exists(pk)' } },
  };
}

export const ROLLUP_SHARDS = 16;

/**
 * A project always adds to the same shard of its cluster's rollup: the writes of one cluster's
 * projects (confirmations, transfers, payments: those that leave the cap counters alone) spread
 * over 16 items, and a report reads clusters × 16 small items.
 */
export function shardOf(projectId: string): number {
  let h = 2166136261;
  for (let i = 0; i < projectId.length; i++) h = Math.imul(h ^ projectId.charCodeAt(i), 16777619);
  return (h >>> 0) % ROLLUP_SHARDS;
}

/**
 * An unconditional Update of an item that keeps sums (the portfolio's and the execution's rollups):
 * SET what it sums (the same on every write), ADD the amounts. Every name goes through expression
 * attribute names: some are reserved words (`group`, `month`), field names carry statuses
 * ("status_on-hold").
 */
export function summingUpdate(tag: TxTag, key: { pk: string; sk: string }, attributes: Record<string, unknown>, amounts: Record<string, number>): TxItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(attributes).map(([attr, v], i) => {
    names[`#s${i}`] = attr;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  const adds = Object.entries(amounts).map(([attr, v], i) => {
    names[`#b${i}`] = attr;
    values[`:b${i}`] = v;
    return `#b${i} :b${i}`;
  });
  return {
    tag,
    item: { Update: { TableName: tableName(), Key: key, UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } },
  };
}

/** ADD the change of the project's contribution to its shard of each group (rollupGroupsOf: its cluster); nothing when it did not change. */
export function rollupItems(projectId: string, groups: readonly GroupRef[], delta: Partial<Contribution>): TxItem[] {
  const fields = CONTRIBUTION_FIELDS.filter((f) => delta[f] !== undefined && delta[f] !== 0);
  if (fields.length === 0) return [];
  const shard = shardOf(projectId);
  const amounts = Object.fromEntries(fields.map((f) => [f, delta[f]!]));
  return groups.map(({ dimension, group, attributes }) => summingUpdate('rollup', keys.rollup(dimension, group, shard), { dimension, group, ...attributes }, amounts));
}

/** The contribution the project has in its rollups now (items from before rollups count from zero). */
export const currentContribution = (stored: StoredProject | null): Contribution | null =>
  stored ? (stored.contribution ?? null) : null;

