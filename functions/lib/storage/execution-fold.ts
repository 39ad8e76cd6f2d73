import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dayBucketsOfLegacyDays, type RollupDelta } from '../../../domain/budget/execution';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN } from '../../../domain/budget/indicator';
import { eachBounded } from '../alerts/bounded';
import { executionRollupItems } from './budget-items';
import { isTransactionCanceled } from './cancellation';
import { doc, tableName } from './client';
import { LEGACY_EXECUTION_DAYS_PREFIX, executionPk } from './keys';
import { queryPages } from './query-pages';

/**
 * Tables of the first release hold execution rollups in items of their own, a bucket per day with
 * what moved on it (keys.ts LEGACY_EXECUTION_DAYS_PREFIX), which the report does not read. Each is folded
 * once into its place's item of its month: its buckets ADDed as today's day buckets, in one
 * transaction with a mark on the old item that it was folded — so a run cut short, run again, or
 * beside a live ledger (whose ADDs commute with these) counts each bucket exactly once. The old
 * items stay, marked; the report never reads them.
 */
export interface FoldCounts {
  items: number;
  folded: number;
}

const DONE = { pk: 'EXEC#FOLD', sk: 'DONE' };
const MAX_CONFLICT_RETRIES = 5;

/** The ADDs equal to one legacy days item's buckets (null when it holds none). */
function foldedDelta(item: Record<string, unknown>): RollupDelta | null {
  const month = item.month as string;
  const buckets = dayBucketsOfLegacyDays(item);
  if (Object.keys(buckets).length === 0) return null;
  return { fiscalYear: item.fiscalYear as number, month, buckets };
}

async function foldItem(item: Record<string, unknown>, now: Date): Promise<boolean> {
  const delta = foldedDelta(item);
  const where = { zoneId: item.zoneId as string, city: typeof item.city === 'string' ? item.city : null, programCode: item.programCode as string };
  const mark = {
    Update: {
      TableName: tableName(),
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: 'SET foldedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(foldedAt)',
      ExpressionAttributeValues: { ':at': now.toISOString() },
    },
  };
  const adds = delta ? executionRollupItems(where, [delta]).map((x) => x.item) : [];
  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: [mark, ...adds] as never }));
      return true;
    } catch (err) {
      if (!isTransactionCanceled(err)) throw err;
      const codes = (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      // Folded by another run meanwhile: nothing to do.
      if (codes[0] === 'ConditionalCheckFailed') return false;
      // A live ledger event on the same month's item: try again.
      if (codes.some((c) => c !== 'None' && c !== 'TransactionConflict') || attempt >= MAX_CONFLICT_RETRIES) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
    }
  }
}

/** Fiscal years whose partitions are read at once: on a table that never held old items the fold is 210 empty queries. */
const YEARS_IN_FLIGHT = 16;

/** Folds every legacy execution rollup item not folded yet, fiscal year by fiscal year. */
export async function foldLegacyExecution(now: Date, log: (line: string) => void = () => undefined): Promise<FoldCounts> {
  const counts: FoldCounts = { items: 0, folded: 0 };
  const years = Array.from({ length: FISCAL_YEAR_MAX - FISCAL_YEAR_MIN + 1 }, (_, i) => FISCAL_YEAR_MIN + i);
  await eachBounded(years.values(), YEARS_IN_FLIGHT, async (year) => {
    for await (const page of queryPages({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': executionPk(year), ':prefix': LEGACY_EXECUTION_DAYS_PREFIX }, ConsistentRead: true })) {
      for (const item of page.Items ?? []) {
        if (item.foldedAt !== undefined) continue;
        counts.items++;
        if (await foldItem(item, now)) counts.folded++;
      }
    }
  });
  if (counts.items > 0) log(`execution rollups: ${counts.folded} items of an earlier release folded into the items of their months`);
  return counts;
}

/** Runs the fold unless it has run on this table to the end before (npm start, the deploy's seed step). */
export async function foldLegacyExecutionOnce(now: Date, log: (line: string) => void = () => undefined): Promise<FoldCounts | null> {
  const done = await doc.send(new GetCommand({ TableName: tableName(), Key: DONE, ConsistentRead: true }));
  if (done.Item) return null;
  const counts = await foldLegacyExecution(now, log);
  await doc.send(new PutCommand({ TableName: tableName(), Item: { ...DONE, at: now.toISOString(), ...counts } }));
  return counts;
}
