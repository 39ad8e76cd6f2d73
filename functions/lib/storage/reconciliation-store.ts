import { BatchGetCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { addDays, addMonths } from '../../../domain/dates';
import { PAYEE_DATE_WINDOW_DAYS, lineKeys } from '../../../domain/reconciliation/keys';
import type { StatementLine } from '../../../domain/reconciliation/types';
import { doc, tableName } from './client';
import { queryPages } from './query-pages';
import { reconIndex, reconKeys } from './reconciliation-keys';
import type { MatchRef, StoredMovement } from './reconciliation-items';
import { INDEX } from './table-definition';
import type { TransactItem } from './transaction-items';

/**
 * Reading and matching the movements reconciliation keeps beside the ledger
 * (reconciliation-items.ts): by key (one Query per key of a line), by month (a statement's period),
 * the unmatched ones (a sparse index partition), and the conditional updates that make a match
 * one to one whatever runs at the same time.
 */

/** A candidate as a key lookup finds it: enough to read its movement. */
export interface Hit {
  entryId: string;
  valueDate: string;
  how: 'voucher' | 'payee-date';
}

const hitsOf = (items: Record<string, unknown>[] | undefined, how: Hit['how']): Hit[] =>
  (items ?? []).map((i) => ({ entryId: i.entryId as string, valueDate: i.valueDate as string, how }));

/** Every candidate key of a line, by Query: amount + voucher, amount + payee within ±3 days. */
export async function lookUpLine(account: string, line: StatementLine): Promise<Hit[]> {
  const keys = lineKeys(line);
  const hits: Hit[] = [];
  if (keys.voucher !== null) {
    for await (const page of queryPages({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': reconKeys.byVoucher(account, keys.voucher) } })) hits.push(...hitsOf(page.Items, 'voucher'));
  }
  if (keys.payee !== null) {
    const from = addDays(line.date, -PAYEE_DATE_WINDOW_DAYS);
    const to = addDays(line.date, PAYEE_DATE_WINDOW_DAYS);
    for await (const page of queryPages({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': reconKeys.byPayee(account, keys.payee), ':from': `${from}#`, ':to': reconIndex.upTo(to) },
    })) hits.push(...hitsOf(page.Items, 'payee-date'));
  }
  return hits;
}

export const isMovementItem = (item: Record<string, unknown> | undefined): boolean => typeof item?.entryId === 'string';

export function movementFrom(item: Record<string, unknown>): StoredMovement {
  return {
    entryId: item.entryId as string,
    projectId: item.projectId as string,
    type: item.type as StoredMovement['type'],
    amountFen: item.amountFen as number,
    valueDate: item.valueDate as string,
    reference: (item.reference as string | null | undefined) ?? null,
    ownerCreditCode: (item.ownerCreditCode as string | null | undefined) ?? null,
    account: item.account as string,
    zoneId: item.zoneId as string,
    city: (item.city as string | null | undefined) ?? null,
    funder: (item.funder as StoredMovement['funder'] | undefined) ?? null,
    matchedBy: (item.matchedBy as MatchRef | undefined) ?? null,
    reversedBy: (item.reversedBy as string | undefined) ?? null,
  };
}

const BATCH_GET = 100;

/** The movements under these keys (BatchGetItem, unprocessed keys asked again); missing ones left out. */
export async function getMovements(account: string, refs: readonly { entryId: string; valueDate: string }[]): Promise<Map<string, StoredMovement>> {
  const out = new Map<string, StoredMovement>();
  const unique = [...new Map(refs.map((r) => [r.entryId, r])).values()];
  for (let i = 0; i < unique.length; i += BATCH_GET) {
    let keys: Record<string, unknown>[] = unique.slice(i, i + BATCH_GET).map((r) => reconKeys.movement(account, r.valueDate, r.entryId));
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      const res = await doc.send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of res.Responses?.[tableName()] ?? []) if (isMovementItem(item)) out.set(item.entryId as string, movementFrom(item));
      keys = (res.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return out;
}

/** One movement by its account, value date and id. */
export async function getMovement(account: string, valueDate: string, entryId: string): Promise<StoredMovement | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: reconKeys.movement(account, valueDate, entryId), ConsistentRead: true }));
  return out.Item && isMovementItem(out.Item) ? movementFrom(out.Item) : null;
}

/** Months from `from` to `to` as YYYY-MM. */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let d = `${from.slice(0, 7)}-01`; d.slice(0, 7) <= to.slice(0, 7); d = addMonths(d, 1)) months.push(d.slice(0, 7));
  return months;
}

/** The account's movements dated from `from` to `to` (reversed ones included: callers decide). One Query per month. */
export async function movementsInPeriod(account: string, from: string, to: string): Promise<StoredMovement[]> {
  const out: StoredMovement[] = [];
  for (const m of monthsOf(from, to)) {
    for await (const page of queryPages({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': reconKeys.movementMonth(account, m), ':from': `${from}#`, ':to': reconIndex.upTo(to) },
      ConsistentRead: true,
    })) for (const item of page.Items ?? []) if (isMovementItem(item)) out.push(movementFrom(item));
  }
  return out;
}

/** Movements of the account matched to nothing (and not reversed) dated on or before `through`: the sparse partition. */
export async function openMovements(account: string, through: string): Promise<StoredMovement[]> {
  const out: StoredMovement[] = [];
  for await (const page of queryPages({
    IndexName: INDEX.attention,
    KeyConditionExpression: 'attnPk = :pk AND attnSk <= :upTo',
    ExpressionAttributeValues: { ':pk': reconIndex.open(account), ':upTo': reconIndex.upTo(through) },
  })) for (const item of page.Items ?? []) if (isMovementItem(item) && item.reversedBy === undefined) out.push(movementFrom(item));
  return out;
}

/**
 * A movement claimed for a statement line: only when it is matched to nothing, not reversed (or
 * matched to a line of this same statement by an earlier, interrupted run of it). It leaves the
 * unmatched partition.
 */
export function claimItem(m: { account: string; valueDate: string; entryId: string }, ref: MatchRef, statementMayHoldIt: boolean): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: reconKeys.movement(m.account, m.valueDate, m.entryId),
      UpdateExpression: 'SET matchedBy = :ref REMOVE attnPk, attnSk',
      ConditionExpression: `attribute_exists(entryId) AND attribute_not_exists(reversedBy) AND (attribute_not_exists(matchedBy)${statementMayHoldIt ? ' OR matchedBy.statementId = :sid' : ''})`,
      ExpressionAttributeValues: { ':ref': ref, ...(statementMayHoldIt ? { ':sid': ref.statementId } : {}) },
    },
  };
}

/**
 * The movement set free again (an undo, or a claim of an interrupted run that no line keeps): back
 * in the unmatched partition (readers leave a reversed one out).
 */
export function releaseItem(m: { account: string; valueDate: string; entryId: string }, held: { statementId: string; lineNo: number | null }): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: reconKeys.movement(m.account, m.valueDate, m.entryId),
      UpdateExpression: 'REMOVE matchedBy SET attnPk = :pk, attnSk = :sk',
      ConditionExpression: held.lineNo === null ? 'matchedBy.statementId = :sid' : 'matchedBy.statementId = :sid AND matchedBy.lineNo = :n',
      ExpressionAttributeValues: { ':pk': reconIndex.open(m.account), ':sk': reconIndex.openSk(m.valueDate, m.entryId), ':sid': held.statementId, ...(held.lineNo === null ? {} : { ':n': held.lineNo }) },
    },
  };
}

/** The last line date of any statement stored for the account, or null. */
export async function coverageOf(account: string): Promise<string | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: reconKeys.coverage(account), ConsistentRead: true }));
  return (out.Item?.through as string | undefined) ?? null;
}

/** Moves the account's coverage forward to `through` (never back). */
export async function extendCoverage(account: string, through: string): Promise<void> {
  try {
    await doc.send(new UpdateCommand({
      TableName: tableName(), Key: reconKeys.coverage(account),
      UpdateExpression: 'SET through = :d, account = :a',
      ConditionExpression: 'attribute_not_exists(through) OR through < :d',
      ExpressionAttributeValues: { ':d': through, ':a': account },
    }));
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}
