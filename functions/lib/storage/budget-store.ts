import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { BusinessDate } from '../../../domain/dates';
import { figuresOfMonth, monthOf, type ExecutionCell } from '../../../domain/budget/execution';
import { remainingFen, type Indicator } from '../../../domain/budget/indicator';
import { doc, tableName } from './client';
import { indicatorItem, indicatorOf } from './budget-items';
import { TYPE, executionMonthsThrough, executionPk, indexKeys, keys, monthOfExecutionKey } from './keys';
import { queryPages } from './query-pages';
import { INDEX } from './table-definition';

/**
 * Budget indicators and the execution rollups in the table. Indicators change in three ways:
 * created (a conditional put), carried over or lapsed (conditioned on what the decision read:
 * open, with the rest it saw), and drawn on or given back to inside ledger events
 * (budget-items.ts). Never read-modify-write without a condition.
 */

export async function getIndicator(indicatorNo: string): Promise<Indicator | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.indicator(indicatorNo), ConsistentRead: true }));
  return out.Item ? indicatorOf(out.Item) : null;
}

/** Puts a new indicator; the one already stored under its number comes back with the refusal (no second read). */
export async function putNewIndicator(i: Indicator, now: Date): Promise<{ kind: 'created' } | { kind: 'exists'; existing: Indicator }> {
  try {
    await doc.send(new PutCommand({
      TableName: tableName(),
      Item: indicatorItem(i, now.toISOString()),
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));
    return { kind: 'created' };
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException) || !err.Item) throw err;
    return { kind: 'exists', existing: indicatorOf(unmarshall(err.Item as Record<string, AttributeValue>)) };
  }
}

export interface IndicatorFilter {
  fiscalYear?: number;
  programCode?: string;
}

/**
 * One page of indicators, newest fiscal year first, then by program and number. Every filter is
 * a key condition: `fiscalYear` (and `programCode`) a prefix in the type index, `programCode`
 * alone a program's partition in the byZone index.
 */
export async function listIndicators(f: IndicatorFilter, limit: number, start?: Record<string, string>): Promise<{ indicators: Indicator[]; next: Record<string, string> | undefined }> {
  const byProgramOnly = f.fiscalYear === undefined && f.programCode !== undefined;
  const query = byProgramOnly
    ? { IndexName: INDEX.byZone, KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': indexKeys.indicatorsOfProgram(f.programCode!) } }
    : f.fiscalYear !== undefined
      ? { IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :t AND begins_with(gsi2sk, :prefix)', ExpressionAttributeValues: { ':t': TYPE.indicator, ':prefix': indexKeys.indicatorListPrefix(f.fiscalYear, f.programCode) } }
      : { IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :t', ExpressionAttributeValues: { ':t': TYPE.indicator } };
  const out = await doc.send(new QueryCommand({ TableName: tableName(), ...query, Limit: limit, ExclusiveStartKey: start }));
  return { indicators: (out.Items ?? []).map(indicatorOf), next: out.LastEvaluatedKey as Record<string, string> | undefined };
}

/** Every indicator (for the sweep's indicator-unallocated), page by page. */
export async function* allIndicators(): AsyncGenerator<Indicator> {
  for await (const page of queryPages({ IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :t', ExpressionAttributeValues: { ':t': TYPE.indicator } })) {
    for (const item of page.Items ?? []) yield indicatorOf(item);
  }
}

/** The old indicator is still what the decision read: open, not a carried one, with the rest it saw. */
const unchangedOpen = (old: Indicator) => ({
  ConditionExpression: '#status = :open AND remainingFen = :rest AND attribute_not_exists(carriedFrom)',
  values: { ':open': 'open', ':rest': remainingFen(old) },
});

/**
 * Carry-over (decideCarryOver's `closed` and `created`) in one transaction: the old one closes
 * only while it is open with the rest the new one carries (a draw in between refuses it), the new
 * number only if free. 'lost-race': read both again and decide again.
 */
export async function writeCarryOver(old: Indicator, closed: Indicator, created: Indicator, now: Date): Promise<'written' | 'lost-race'> {
  const guard = unchangedOpen(old);
  try {
    await doc.send(new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: keys.indicator(old.indicatorNo),
            UpdateExpression: 'SET #status = :carried, carriedTo = :to, closedOn = :on, closeReference = :ref',
            ConditionExpression: guard.ConditionExpression,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ...guard.values, ':carried': closed.status, ':to': closed.carriedTo, ':on': closed.closedOn, ':ref': closed.closeReference },
          },
        },
        { Put: { TableName: tableName(), Item: indicatorItem(created, now.toISOString()), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }));
    return 'written';
  } catch (err) {
    if (err instanceof TransactionCanceledException) return 'lost-race';
    throw err;
  }
}

/** Lapse (decideLapse's `lapsed`): only while it is open with the rest the decision lapses. */
export async function writeLapse(old: Indicator, lapsed: Indicator): Promise<'written' | 'lost-race'> {
  try {
    await doc.send(new UpdateCommand({
      TableName: tableName(),
      Key: keys.indicator(old.indicatorNo),
      UpdateExpression: 'SET #status = :lapsed, lapsedFen = :lapsedFen, closedOn = :on, closeReference = :ref',
      // A carried indicator lapses too (it cannot be carried again): no carriedFrom test here.
      ConditionExpression: '#status = :open AND remainingFen = :rest',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':open': 'open', ':rest': remainingFen(old), ':lapsed': lapsed.status, ':lapsedFen': lapsed.lapsedFen, ':on': lapsed.closedOn, ':ref': lapsed.closeReference },
    }));
    return 'written';
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return 'lost-race';
    throw err;
  }
}

// --- execution rollups -----------------------------------------------------------------------

/**
 * The fiscal year's execution rollups as of `asOf`: every item of the months up to `asOf`'s — one
 * key range of one partition, O(zones × programs × months with money) items of at most 31 buckets
 * a field (besides running totals of earlier releases), whatever the number of projects. `read`
 * counts the items (benchmarks print it).
 */
export async function readExecutionCells(fiscalYear: number, asOf: BusinessDate): Promise<{ cells: ExecutionCell[]; read: number }> {
  const { from, to } = executionMonthsThrough(monthOf(asOf));
  const cells: ExecutionCell[] = [];
  let read = 0;
  for await (const page of queryPages({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': executionPk(fiscalYear), ':from': from, ':to': to },
    ConsistentRead: true,
  })) {
    for (const item of page.Items ?? []) {
      read++;
      cells.push({
        zoneId: item.zoneId as string,
        city: typeof item.city === 'string' ? item.city : null,
        programCode: item.programCode as string,
        // The month from the key, which every item has.
        figures: figuresOfMonth(monthOfExecutionKey(item.sk as string), item, asOf),
      });
    }
  }
  return { cells, read };
}
