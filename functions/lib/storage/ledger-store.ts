import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { OpenAlert } from '../../../domain/alerts/reconcile';
import type { Contribution } from '../../../domain/portfolio/contribution';
import type { ClusterUsage } from '../../../domain/project/position';
import { rebuild } from '../../../domain/project/rebuild';
import { flowsOfHistory } from '../../../domain/budget/entries';
import type { ProvinceFlows } from '../../../domain/budget/flows';
import type { Entry, ProjectState } from '../../../domain/project/types';
import { StorageUnavailable, doc, tableName } from './client';
import { decodeCancellation, isTransactionCanceled, TransactionThrottled, type AppendOutcome } from './cancellation';
import { ENTRY_PREFIX, entrySk, keys, projectPk } from './keys';
import type { StoredProject } from './project-item';
import { idempotencyItem, type IdempotencyRecord, type TxItem } from './transaction-items';
import { idempotencyRecordFrom } from './idempotency-record';
import { getBudgetControl, getProgram, getZone, type StoredProgram, type Zone } from './catalog-store';
import { getIndicator } from './budget-store';
import type { Indicator } from '../../../domain/budget/indicator';
import { getEntry, getEvidence, type EvidenceRecord } from './evidence-store';

export type { StoredProject } from './project-item';
export type { AppendOutcome } from './cancellation';

/**
 * What the write path needs of storage: reads for a decision, and one atomic append. The
 * DynamoDB implementation below is the only one in production; unit tests of the write path's
 * retry, 503 and replay logic use an in-memory fake of this interface.
 */
export interface LedgerStore {
  getProject(projectId: string): Promise<StoredProject | null>;
  /** Every entry of the project in seq order (a reversal, and money dated before the latest entry, are decided on it). */
  getHistory(projectId: string): Promise<Entry[]>;
  getClusterUsage(clusterId: string): Promise<ClusterUsage | null>;
  getProgram(code: string): Promise<StoredProgram | null>;
  getZone(zoneId: string): Promise<Zone | null>;
  getEnterpriseProjectCount(creditCode: string, programCode: string): Promise<number>;
  /** A budget indicator, read consistently: to name the rule a draw's condition refused, or for a draw the command does not name. */
  getIndicator(indicatorNo: string): Promise<Indicator | null>;
  /**
   * The program's budgetControl, read fresh on every call: unlike its rules, this setting may be
   * turned on while the program is in use, so the container's program cache must not answer it.
   * null for an unknown program.
   */
  getBudgetControl(programCode: string): Promise<boolean | null>;
  /** One entry by its seq (the entry evidence documents), or null. */
  getEntry(projectId: string, seq: number): Promise<Entry | null>;
  /** A declared evidence file, pending or recorded (an expired declaration is none). */
  getEvidence(projectId: string, evidenceId: string, now: Date): Promise<EvidenceRecord | null>;
  /** One TransactWriteItems; a refusal is decoded into what it means. */
  append(items: readonly TxItem[], opts: { registering: boolean }): Promise<AppendOutcome>;
  /** The answer remembered under an Idempotency-Key (an expired one counts as none). */
  getAnswer(projectId: string, key: string, now: Date): Promise<IdempotencyRecord | null>;
  /** Remembers a rejection's answer; a taken key returns the answer it already has. */
  rememberAnswer(projectId: string, record: IdempotencyRecord, now: Date): Promise<{ stored: true } | { stored: false; record: IdempotencyRecord }>;
}

const asProject = async (item: Record<string, unknown>, projectId: string): Promise<StoredProject> => {
  const stored = item.state as ProjectState & { format?: number };
  const legacy = stored.format !== 2;
  // A state item written before the bounded state: rebuild it from its entries (read once).
  const entries = legacy ? await allEntries(projectId) : null;
  const state = entries ? rebuild(entries)! : stored;
  let city = (item.city as string | undefined) ?? null;
  if (city === null) city = (await getZone(state.registration.zoneId))?.city ?? null;
  return {
    state,
    version: item.version as number,
    city,
    openAlerts: (item.openAlerts ?? []) as OpenAlert[],
    contribution: (item.contribution as Contribution | undefined) ?? null,
    legacy,
    // Items from before v3 have none: built from the entries when they were read anyway.
    flows: (item.budget as ProvinceFlows | undefined) ?? (entries ? flowsOfHistory(entries) : null),
  };
};

export async function getProject(projectId: string): Promise<StoredProject | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.projectState(projectId), ConsistentRead: true }));
  return out.Item ? asProject(out.Item, projectId) : null;
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
    closedOn: c.closedOn ?? null,
  };
}

async function getEnterpriseProjectCount(creditCode: string, programCode: string): Promise<number> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.enterprise(creditCode, programCode), ConsistentRead: true }));
  return (out.Item?.projectCount as number | undefined) ?? 0;
}

const recordFrom = idempotencyRecordFrom;

async function append(items: readonly TxItem[], opts: { registering: boolean }): Promise<AppendOutcome> {
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) }));
    return { kind: 'appended' };
  } catch (err) {
    if (err instanceof TransactionThrottled) throw new StorageUnavailable(err);
    if (!isTransactionCanceled(err)) throw err;
    try {
      return decodeCancellation(items, err, opts.registering);
    } catch (inner) {
      if (inner instanceof TransactionThrottled) throw new StorageUnavailable(inner);
      throw inner;
    }
  }
}

async function getAnswer(projectId: string, key: string, now: Date): Promise<IdempotencyRecord | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.idempotency(projectId, key), ConsistentRead: true }));
  // DynamoDB deletes expired items lazily, so an expired record may still be there: it is gone.
  if (!out.Item || (out.Item.expiresAt as number) < Math.floor(now.getTime() / 1000)) return null;
  return recordFrom(out.Item);
}

async function rememberAnswer(projectId: string, record: IdempotencyRecord, now: Date) {
  const put = idempotencyItem(projectId, record, now).item.Put!;
  try {
    await doc.send(new PutCommand(put as never));
    return { stored: true as const };
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const old = err.Item ? unmarshall(err.Item as Record<string, AttributeValue>) : undefined;
    if (!old) throw err;
    return { stored: false as const, record: recordFrom(old) };
  }
}

export const dynamoLedgerStore: LedgerStore = {
  getProject,
  getHistory: allEntries,
  getClusterUsage,
  getProgram,
  getZone,
  getEnterpriseProjectCount,
  getIndicator,
  getBudgetControl,
  getEntry,
  getEvidence,
  append,
  getAnswer,
  rememberAnswer,
};

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
    const page = await entriesPage(projectId, after, 1000);
    all.push(...page.entries);
    if (!page.more || page.entries.length === 0) return all;
    after = page.entries[page.entries.length - 1]!.seq;
  }
}
