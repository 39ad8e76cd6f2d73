import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Actor } from '../../../domain/project/types';
import type { LineOutcome } from '../../../domain/reconciliation/match';
import type { MatchEvent, CurrentMatch } from '../../../domain/reconciliation/manual';
import type { StatementLine } from '../../../domain/reconciliation/types';
import { doc, tableName } from './client';
import { indexKeys } from './keys';
import { queryPages } from './query-pages';
import { EVENT_PREFIX, LINE_PREFIX, STATEMENT_TYPE, lineNoOfSk, reconIndex, reconKeys } from './reconciliation-keys';
import { INDEX } from './table-definition';
import type { TransactItem } from './transaction-items';

/**
 * A statement in the table (reconciliation-keys.ts): its META item (account, uploader, status and
 * progress, counts), one LINE item per line (what the rule decided at upload, and its match now)
 * and one EVENT item per manual match or undo (who, when, why). Nothing in it is ever deleted: an
 * undo is an event, and the line's match is set back to none. A dry run of an uploaded file is a
 * draft: the same items with a TTL, claiming nothing, listed nowhere, counted by no alert.
 */

export type StatementStatus = 'processing' | 'draft' | 'complete' | 'failed';

export interface StatementRecord {
  statementId: string;
  /** accountId(): `province` or `zone:<zoneId>`. */
  account: string;
  zoneId: string | null;
  city: string | null;
  uploadedBy: Actor;
  uploadedAt: string;
  status: StatementStatus;
  /** What the run started will leave: a draft (a dry run of an uploaded file) or a stored statement. */
  mode: 'draft' | 'store';
  source: 'body' | 'upload';
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'gbk' | null;
  fileName: string | null;
  linesTotal: number;
  /** Lines looked up so far (the bulk of the work); linesTotal once stored. */
  linesDone: number;
  firstDate: string | null;
  lastDate: string | null;
  matched: number;
  statementOnly: number;
  /** Manual matches and undos so far (EVENT#1 … EVENT#events). */
  events: number;
  failure: string | null;
  /** Until when the run that holds the statement may keep it; after that another run takes over. */
  leaseUntil: string | null;
}

export interface StoredLine {
  line: StatementLine;
  /** What the rule decided when the statement was stored (or tried). */
  auto: LineOutcome;
  /** Its match now: the automatic one, a manual one, or none after an undo. */
  match: CurrentMatch | null;
}

/** Drafts live this long (DynamoDB TTL): long enough to look at a trial and confirm it. */
export const DRAFT_DAYS = 2;
const draftExpiry = (now: Date) => Math.floor(now.getTime() / 1000) + DRAFT_DAYS * 86_400;

const asRecord = (item: Record<string, unknown>): StatementRecord => item.statement as StatementRecord;

export async function getStatement(statementId: string): Promise<StatementRecord | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: reconKeys.statement(statementId), ConsistentRead: true }));
  return out.Item ? asRecord(out.Item) : null;
}

function metaItem(r: StatementRecord, now: Date): Record<string, unknown> {
  const listed = r.mode === 'store';
  return {
    ...reconKeys.statement(r.statementId),
    statement: r,
    status: r.status,
    events: r.events,
    ...(listed
      ? {
          gsi2pk: STATEMENT_TYPE, gsi2sk: reconIndex.statementInList(r.uploadedAt, r.statementId),
          ...(r.zoneId ? { gsi1pk: indexKeys.zone(r.zoneId), gsi1sk: reconIndex.statementInZone(r.uploadedAt, r.statementId) } : {}),
        }
      : { expiresAt: draftExpiry(now) }),
  };
}

/**
 * Takes the statement for a run: when it does not exist, is a draft, failed, or its last run's
 * lease has run out. Otherwise the record as it is (complete, or processing under a live lease).
 */
export async function beginRun(r: StatementRecord, now: Date): Promise<{ begun: true } | { begun: false; existing: StatementRecord }> {
  try {
    await doc.send(new PutCommand({
      TableName: tableName(),
      Item: metaItem(r, now),
      ConditionExpression: 'attribute_not_exists(pk) OR #s IN (:draft, :failed) OR (#s = :processing AND #st.leaseUntil < :now)',
      ExpressionAttributeNames: { '#s': 'status', '#st': 'statement' },
      ExpressionAttributeValues: { ':draft': 'draft', ':failed': 'failed', ':processing': 'processing', ':now': now.toISOString() },
    }));
    return { begun: true };
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const existing = await getStatement(r.statementId);
    if (!existing) return beginRun(r, now);
    return { begun: false, existing };
  }
}

/** Progress of a run, and its lease renewed. */
export async function reportProgress(statementId: string, linesDone: number, leaseUntil: string): Promise<void> {
  await doc.send(new UpdateCommand({
    TableName: tableName(), Key: reconKeys.statement(statementId),
    UpdateExpression: 'SET #st.linesDone = :d, #st.leaseUntil = :l',
    ConditionExpression: '#s = :processing',
    ExpressionAttributeNames: { '#st': 'statement', '#s': 'status' },
    ExpressionAttributeValues: { ':d': linesDone, ':l': leaseUntil, ':processing': 'processing' },
  }));
}

/** The run's end: the record as it now stands (a stored statement, or a draft). */
export async function finishRun(r: StatementRecord, now: Date): Promise<void> {
  await doc.send(new PutCommand({ TableName: tableName(), Item: metaItem(r, now) }));
}

export async function failRun(statementId: string, failure: string): Promise<void> {
  await doc.send(new UpdateCommand({
    TableName: tableName(), Key: reconKeys.statement(statementId),
    UpdateExpression: 'SET #s = :failed, #st.#s = :failed, #st.failure = :f REMOVE #st.leaseUntil',
    ConditionExpression: '#s = :processing',
    ExpressionAttributeNames: { '#st': 'statement', '#s': 'status' },
    ExpressionAttributeValues: { ':failed': 'failed', ':processing': 'processing', ':f': failure.slice(0, 500) },
  })).catch((err: unknown) => {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  });
}

/**
 * A line as stored. Stored and matched to nothing (and not a duplicate of a line matched
 * elsewhere): in the account's sparse partition of unmatched lines, which the sweep reads.
 */
export function lineItem(r: Pick<StatementRecord, 'statementId' | 'account' | 'zoneId' | 'mode'>, l: StoredLine, now: Date): TransactItem {
  const unmatched = r.mode === 'store' && l.match === null && !(l.auto.status === 'unmatched' && l.auto.reason === 'duplicate');
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...reconKeys.line(r.statementId, l.line.lineNo),
        statementId: r.statementId, account: r.account, zoneId: r.zoneId,
        line: l.line, auto: l.auto, match: l.match,
        ...(unmatched ? { attnPk: reconIndex.unmatched(r.account), attnSk: reconIndex.unmatchedSk(l.line.date, r.statementId, l.line.lineNo) } : {}),
        ...(r.mode === 'draft' ? { expiresAt: draftExpiry(now) } : {}),
      },
    },
  };
}

const storedLine = (item: Record<string, unknown>): StoredLine => ({ line: item.line as StatementLine, auto: item.auto as LineOutcome, match: (item.match as CurrentMatch | null | undefined) ?? null });

/** Lines from `fromLineNo` on, at most `limit`, and where the next page starts. */
export async function readLines(statementId: string, fromLineNo: number, limit: number): Promise<{ lines: StoredLine[]; next: number | null }> {
  const lines: StoredLine[] = [];
  let start: Record<string, unknown> | undefined;
  const pk = reconKeys.statement(statementId).pk;
  do {
    const out = await doc.send(new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': reconKeys.line(statementId, fromLineNo).sk, ':to': `${LINE_PREFIX}~` },
      ConsistentRead: true,
      Limit: limit + 1 - lines.length,
      ExclusiveStartKey: start,
    }));
    for (const item of out.Items ?? []) lines.push(storedLine(item));
    start = out.LastEvaluatedKey;
  } while (start && lines.length <= limit);
  const next = lines.length > limit ? lines[limit]!.line.lineNo : null;
  return { lines: lines.slice(0, limit), next };
}

export async function readLine(statementId: string, lineNo: number): Promise<StoredLine | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: reconKeys.line(statementId, lineNo), ConsistentRead: true }));
  return out.Item ? storedLine(out.Item) : null;
}

export async function readEvents(statementId: string): Promise<MatchEvent[]> {
  const events: MatchEvent[] = [];
  for await (const page of queryPages({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
    ExpressionAttributeValues: { ':pk': reconKeys.statement(statementId).pk, ':e': EVENT_PREFIX },
    ConsistentRead: true,
  })) for (const item of page.Items ?? []) events.push(item.event as MatchEvent);
  return events;
}

/**
 * A manual match or an undo: the event (the next number, never overwritten), the META item's
 * count moved from the one read (so two people acting at once cannot both take a number), the
 * line's match now, and its place in the unmatched partition.
 */
export function eventItems(r: StatementRecord, event: MatchEvent, line: StatementLine, match: CurrentMatch | null): TransactItem[] {
  const n = r.events + 1;
  return [
    {
      Update: {
        TableName: tableName(), Key: reconKeys.statement(r.statementId),
        UpdateExpression: 'SET events = :n, #st.events = :n',
        ConditionExpression: 'events = :was AND #s = :complete',
        ExpressionAttributeNames: { '#st': 'statement', '#s': 'status' },
        ExpressionAttributeValues: { ':n': n, ':was': r.events, ':complete': 'complete' },
      },
    },
    { Put: { TableName: tableName(), Item: { ...reconKeys.event(r.statementId, n), event }, ConditionExpression: 'attribute_not_exists(pk)' } },
    match
      ? {
          Update: {
            TableName: tableName(), Key: reconKeys.line(r.statementId, line.lineNo),
            UpdateExpression: 'SET #m = :m REMOVE attnPk, attnSk',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#m) OR #m = :none)',
            ExpressionAttributeNames: { '#m': 'match' },
            ExpressionAttributeValues: { ':m': match, ':none': null },
          },
        }
      : {
          Update: {
            TableName: tableName(), Key: reconKeys.line(r.statementId, line.lineNo),
            UpdateExpression: 'SET #m = :none, attnPk = :pk, attnSk = :sk',
            ConditionExpression: '#m.entryId = :e',
            ExpressionAttributeNames: { '#m': 'match' },
            ExpressionAttributeValues: { ':none': null, ':e': event.entryId, ':pk': reconIndex.unmatched(r.account), ':sk': reconIndex.unmatchedSk(line.date, r.statementId, line.lineNo) },
          },
        },
  ];
}

/** Stored statements, newest first: all of them, or a zone's. */
export async function listStatements(zoneId: string | null, limit: number, start?: Record<string, unknown>): Promise<{ statements: StatementRecord[]; next: Record<string, unknown> | undefined }> {
  const out = await doc.send(new QueryCommand({
    TableName: tableName(),
    ...(zoneId
      ? { IndexName: INDEX.byZone, KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)', ExpressionAttributeValues: { ':pk': indexKeys.zone(zoneId), ':p': 'STATEMENT#' } }
      : { IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': STATEMENT_TYPE } }),
    ScanIndexForward: false,
    Limit: limit,
    ExclusiveStartKey: start,
  }));
  return { statements: (out.Items ?? []).map(asRecord), next: out.LastEvaluatedKey };
}

/** Unmatched stored lines of the account dated from `from` to `to` (the sparse partition). */
export async function unmatchedLines(account: string, from: string | null, to: string): Promise<(StoredLine & { statementId: string; zoneId: string | null })[]> {
  const out: (StoredLine & { statementId: string; zoneId: string | null })[] = [];
  for await (const page of queryPages({
    IndexName: INDEX.attention,
    KeyConditionExpression: from ? 'attnPk = :pk AND attnSk BETWEEN :from AND :to' : 'attnPk = :pk AND attnSk <= :to',
    ExpressionAttributeValues: { ':pk': reconIndex.unmatched(account), ':to': reconIndex.upTo(to), ...(from ? { ':from': `${from}#` } : {}) },
  })) for (const item of page.Items ?? []) out.push({ ...storedLine(item), statementId: item.statementId as string, zoneId: (item.zoneId as string | null | undefined) ?? null });
  return out;
}

/** Work for the background function: its insert on the table's stream starts it (on AWS). */
export async function putJob(statementId: string, mode: 'draft' | 'store', now: Date): Promise<void> {
  await doc.send(new PutCommand({
    TableName: tableName(),
    Item: { ...reconKeys.job(statementId, now.toISOString()), statementId, mode, requestedAt: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + 7 * 86_400 },
  }));
}

export { lineNoOfSk };
