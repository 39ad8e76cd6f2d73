import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { bucketChanges, type RollupDeltas } from '../../../domain/budget/execution';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN } from '../../../domain/budget/indicator';
import { zeroFigures } from '../../../domain/budget/attribution';
import { executionRollupItemsOfShard } from './budget-items';
import { isTransactionCanceled } from './cancellation';
import { doc, tableName } from './client';
import { LEGACY_EXECUTION_PREFIX, executionPk } from './keys';
import { queryPages } from './query-pages';

/**
 * Tables of releases before running totals hold execution rollups as a bucket per month or day
 * with what moved on it (keys.ts LEGACY_EXECUTION_PREFIX). Each such item is folded once into the
 * running totals of its place: its buckets ADDed as the changes they sum would ADD them
 * (bucketChanges), in one transaction with a mark on the old item that it was folded — so a run
 * cut short, run again, or beside a live ledger (whose ADDs commute with these) counts each
 * bucket exactly once. The old items stay, marked; the report never reads them.
 */
export interface FoldCounts {
  items: number;
  folded: number;
}

const DONE = { pk: 'EXEC#FOLD', sk: 'DONE' };
const FIELD: Record<string, 'allocatedFen' | 'transferredFen' | 'paidFen'> = { a: 'allocatedFen', t: 'transferredFen', p: 'paidFen' };
const MAX_CONFLICT_RETRIES = 5;

/** The running-total ADDs equal to one legacy item's buckets (null when it holds none). */
export function foldedDeltas(item: Record<string, unknown>): RollupDeltas | null {
  const fiscalYear = item.fiscalYear as number;
  const isDays = typeof item.month === 'string';
  const total: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    const m = (isDays ? /^([atp])([0-9]{2})$/ : /^([atp])([0-9]{4})([0-9]{2})$/).exec(name);
    if (!m || typeof value !== 'number' || value === 0) continue;
    const on = isDays ? `${item.month as string}-${m[2]}` : `${m[2]}-${m[3]}-01`;
    const change = { ...zeroFigures(), [FIELD[m[1]!]!]: value, on };
    const b = bucketChanges(change);
    for (const [k, v] of Object.entries(isDays ? b.day : b.month)) total[k] = (total[k] ?? 0) + v;
  }
  if (Object.keys(total).length === 0) return null;
  return isDays
    ? { months: [], days: [{ fiscalYear, month: item.month as string, buckets: total }] }
    : { months: [{ fiscalYear, buckets: total }], days: [] };
}

async function foldItem(item: Record<string, unknown>, now: Date): Promise<boolean> {
  const deltas = foldedDeltas(item);
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
  const adds = deltas ? executionRollupItemsOfShard(item.shard as number, where, deltas).map((x) => x.item) : [];
  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: [mark, ...adds] as never }));
      return true;
    } catch (err) {
      if (!isTransactionCanceled(err)) throw err;
      const codes = (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      // Folded by another run meanwhile: nothing to do.
      if (codes[0] === 'ConditionalCheckFailed') return false;
      // A live ledger event on the same running totals: try again.
      if (codes.some((c) => c !== 'None' && c !== 'TransactionConflict') || attempt >= MAX_CONFLICT_RETRIES) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
    }
  }
}

/** Folds every legacy execution rollup item not folded yet, fiscal year by fiscal year. */
export async function foldLegacyExecution(now: Date, log: (line: string) => void = () => undefined): Promise<FoldCounts> {
  const counts: FoldCounts = { items: 0, folded: 0 };
  for (let year = FISCAL_YEAR_MIN; year <= FISCAL_YEAR_MAX; year++) {
    for (const prefix of [LEGACY_EXECUTION_PREFIX.months, LEGACY_EXECUTION_PREFIX.days]) {
      for await (const page of queryPages({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': executionPk(year), ':prefix': prefix }, ConsistentRead: true })) {
        for (const item of page.Items ?? []) {
          if (item.foldedAt !== undefined) continue;
          counts.items++;
          if (await foldItem(item, now)) counts.folded++;
        }
      }
    }
  }
  if (counts.items > 0) log(`execution rollups: ${counts.folded} items of an earlier release folded into running totals`);
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
