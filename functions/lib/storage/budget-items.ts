import type { IndicatorChange } from '../../../domain/budget/changes';
import type { RollupDelta } from '../../../domain/budget/execution';
import { remainingFen, type Indicator } from '../../../domain/budget/indicator';
import { tableName } from './client';
import { TYPE, indexKeys, keys } from './keys';
import { summingUpdate, type TxItem } from './transaction-items';

/**
 * The budget's items in a ledger event's TransactWriteItems, and the indicator item itself. Like
 * the cluster counters: the draw's condition here states every rule of the indicator, so an
 * allocation that fits is written without reading it, and "never overdrawn" holds under
 * concurrency, with the headroom stored (`remainingFen`) so that the condition compares, never
 * adds (STYLE.md 5); a refused condition brings the write path back to read the indicator and name
 * the rule (ledger/post-entry.ts).
 */

/** The stored indicator: its figures flat, `remainingFen` beside `allocatedFen`, listed in two indexes. */
export function indicatorItem(i: Indicator, createdAt: string): Record<string, unknown> {
  return {
    ...keys.indicator(i.indicatorNo),
    gsi2pk: TYPE.indicator,
    gsi2sk: indexKeys.indicatorInList(i.fiscalYear, i.programCode, i.indicatorNo),
    gsi1pk: indexKeys.indicatorsOfProgram(i.programCode),
    gsi1sk: indexKeys.indicatorInProgram(i.fiscalYear, i.indicatorNo),
    indicatorNo: i.indicatorNo,
    fiscalYear: i.fiscalYear,
    programCode: i.programCode,
    amountFen: i.amountFen,
    allocatedFen: i.allocatedFen,
    remainingFen: remainingFen(i),
    transferredFen: i.transferredFen,
    paidFen: i.paidFen,
    status: i.status,
    issuedOn: i.issuedOn,
    createdAt,
    // Absent rather than null: conditions test them with attribute_not_exists.
    ...(i.reference !== null ? { reference: i.reference } : {}),
    ...(i.carriedFrom !== null ? { carriedFrom: i.carriedFrom } : {}),
    ...(i.carriedTo !== null ? { carriedTo: i.carriedTo } : {}),
    ...(i.lapsedFen !== null ? { lapsedFen: i.lapsedFen } : {}),
    ...(i.closedOn !== null ? { closedOn: i.closedOn } : {}),
    ...(i.closeReference !== null ? { closeReference: i.closeReference } : {}),
  };
}

export function indicatorOf(item: Record<string, unknown>): Indicator {
  const opt = <T>(k: string): T | null => (item[k] === undefined ? null : (item[k] as T));
  return {
    indicatorNo: item.indicatorNo as string,
    fiscalYear: item.fiscalYear as number,
    programCode: item.programCode as string,
    amountFen: item.amountFen as number,
    allocatedFen: item.allocatedFen as number,
    transferredFen: item.transferredFen as number,
    paidFen: item.paidFen as number,
    status: item.status as Indicator['status'],
    carriedFrom: opt('carriedFrom'),
    carriedTo: opt('carriedTo'),
    lapsedFen: opt('lapsedFen'),
    issuedOn: item.issuedOn as string,
    reference: opt('reference'),
    closedOn: opt('closedOn'),
    closeReference: opt('closeReference'),
  };
}

/**
 * One indicator's change in a ledger event (domain/budget/changes.ts indicatorChanges), as one
 * Update — a transaction names an item once, so the draw or give-back and the transferred and
 * paid money it moves go together. `programCode`: the project's program.
 *
 * - A draw (allocatedFen > 0: an allocation, or the reversal of a decommitment) needs the
 *   headroom, an open indicator, and the allocation's program and fiscal year:
 *   `remainingFen >= :draw AND #status = :open AND programCode = :program AND fiscalYear = :year`.
 * - A give-back (< 0: a decommitment, a termination's void, a reversed allocation) goes back
 *   whatever the status — a closed indicator keeps it in `remainingFen`, where nothing can draw
 *   it — and never takes `allocatedFen` below zero.
 * - Transferred and paid money move as they are attributed (they may move between indicators).
 * null when nothing changes.
 */
export function indicatorChangeItem(change: IndicatorChange, programCode: string): TxItem | null {
  const { allocatedFen: a, transferredFen: t, paidFen: p } = change;
  if (a === 0 && t === 0 && p === 0) return null;
  const values: Record<string, unknown> = { ':a': a, ':t': t, ':p': p };
  const names: Record<string, string> = {};
  let condition: string;
  if (a > 0) {
    condition = 'remainingFen >= :a AND #status = :open AND programCode = :program AND fiscalYear = :year';
    names['#status'] = 'status';
    Object.assign(values, { ':open': 'open', ':program': programCode, ':year': change.fiscalYear });
  } else if (a < 0) {
    condition = 'allocatedFen >= :back';
    values[':back'] = -a;
  } else {
    condition = 'attribute_exists(pk)';
  }
  return {
    tag: 'indicator',
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.indicator(change.indicatorNo),
        UpdateExpression: 'SET allocatedFen = allocatedFen + :a, remainingFen = remainingFen - :a, transferredFen = transferredFen + :t, paidFen = paidFen + :p',
        ConditionExpression: condition,
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      },
    },
  };
}

export const indicatorChangeItems = (changes: readonly IndicatorChange[], programCode: string): TxItem[] =>
  changes.map((c) => indicatorChangeItem(c, programCode)).filter((x): x is TxItem => x !== null);

/** Where a project's money sits in the execution rollups: its zone (and the zone's city) and program. */
export interface ExecutionPlace {
  zoneId: string;
  city: string | null;
  programCode: string;
}

/**
 * One ledger event's rollup deltas (domain/budget/execution.ts rollupDeltas, computed by the use
 * case) as ADDs to its place's item of each month touched — one item for an entry dated after what
 * came before it. Not sharded: nearly every event that moves a fiscal year's execution figures
 * also updates an indicator of that year and program (changes.ts takes both from the same
 * attribution; a late entry that only moves money between days is the exception), so a month's
 * item of one zone is written by no more events than the program's indicators of that year
 * together — with one indicator a program and year, the usual case, by fewer than that indicator.
 * Unconditional: ADD commutes.
 */
export function executionRollupItems(where: ExecutionPlace, deltas: readonly RollupDelta[]): TxItem[] {
  return deltas.map((d) => summingUpdate('execution', keys.executionMonth(d.fiscalYear, d.month, where.zoneId, where.programCode),
    { fiscalYear: d.fiscalYear, month: d.month, zoneId: where.zoneId, programCode: where.programCode, ...(where.city !== null ? { city: where.city } : {}) },
    d.buckets));
}
