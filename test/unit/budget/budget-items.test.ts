/** The budget's transaction items as data: which items one ledger event writes, and what each adds. */
import { executionRollupItems, indicatorChangeItem, indicatorItem, indicatorOf } from '../../../functions/lib/storage/budget-items';
import { keys } from '../../../functions/lib/storage/keys';
import { shardOf } from '../../../functions/lib/storage/transaction-items';
import { newIndicator } from '../../../domain/budget/indicator';
import { rollupDeltas } from '../../../domain/budget/execution';

type Update = { Key: Record<string, string>; UpdateExpression: string; ConditionExpression?: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> };
const updateOf = (x: { item: unknown }) => (x.item as { Update: Update }).Update;
/** What an ADD update adds, by attribute name. */
function added(u: Update): Record<string, unknown> {
  const add = u.UpdateExpression.split(' ADD ')[1] ?? '';
  return Object.fromEntries(add.split(', ').filter(Boolean).map((part) => {
    const [name, value] = part.split(' ');
    return [u.ExpressionAttributeNames[name!]!, u.ExpressionAttributeValues[value!]];
  }));
}

/** The deltas are the domain's (rollupDeltas); the items only write them. */
describe('executionRollupItems', () => {
  const place = { zoneId: 'NJ-HTZ', city: '南京市', programCode: 'JS-2023-C' };

  /** Running totals: `v` in each bucket `${letter}${prefix}NN` for NN from `first` to `last`. */
  const run = (letter: string, prefix: string, first: number, last: number, v: number) =>
    Object.fromEntries(Array.from({ length: last - first + 1 }, (_, i) => [`${letter}${prefix}${String(first + i).padStart(2, '0')}`, v]));

  it('one months item per fiscal year and one days item per month, running totals, changes on one bucket summed', () => {
    const items = executionRollupItems('P1', place, rollupDeltas([
      { fiscalYear: 2026, on: '2026-03-05', allocatedFen: 100, transferredFen: 0, paidFen: 0 },
      { fiscalYear: 2026, on: '2026-03-05', allocatedFen: 20, transferredFen: 7, paidFen: 0 },
      { fiscalYear: 2026, on: '2026-04-01', allocatedFen: 0, transferredFen: 0, paidFen: 3 },
      { fiscalYear: 2025, on: '2026-04-01', allocatedFen: 0, transferredFen: -7, paidFen: 0 },
    ]));
    const shard = shardOf('P1');
    const byKey = new Map(items.map((i) => [`${updateOf(i).Key.pk}|${updateOf(i).Key.sk}`, added(updateOf(i))]));
    const key = (k: { pk: string; sk: string }) => `${k.pk}|${k.sk}`;
    expect(Object.fromEntries(byKey)).toEqual({
      // Months from the change's to December; days from the change's to the month's last (31 in March, 30 in April).
      [key(keys.executionMonths(2026, 'NJ-HTZ', 'JS-2023-C', shard))]: { ...run('a', '2026', 3, 12, 120), ...run('t', '2026', 3, 12, 7), ...run('p', '2026', 4, 12, 3) },
      [key(keys.executionDays(2026, '2026-03', 'NJ-HTZ', 'JS-2023-C', shard))]: { ...run('a', '', 5, 31, 120), ...run('t', '', 5, 31, 7) },
      [key(keys.executionDays(2026, '2026-04', 'NJ-HTZ', 'JS-2023-C', shard))]: run('p', '', 1, 30, 3),
      [key(keys.executionMonths(2025, 'NJ-HTZ', 'JS-2023-C', shard))]: run('t', '2026', 4, 12, -7),
      [key(keys.executionDays(2025, '2026-04', 'NJ-HTZ', 'JS-2023-C', shard))]: run('t', '', 1, 30, -7),
    });
    expect(items.every((i) => i.tag === 'execution' && updateOf(i).ConditionExpression === undefined)).toBe(true);
  });

  it('changes that cancel out write nothing; no changes, no items', () => {
    expect(executionRollupItems('P1', place, rollupDeltas([
      { fiscalYear: 2026, on: '2026-03-05', allocatedFen: 100, transferredFen: 0, paidFen: 0 },
      { fiscalYear: 2026, on: '2026-03-05', allocatedFen: -100, transferredFen: 0, paidFen: 0 },
    ]))).toEqual([]);
    expect(executionRollupItems('P1', place, rollupDeltas([]))).toEqual([]);
  });
});

describe('indicator items', () => {
  it('a draw is conditioned on headroom, status, program and year; a give-back on what is allocated', () => {
    const draw = updateOf(indicatorChangeItem({ indicatorNo: 'I', fiscalYear: 2026, allocatedFen: 5, transferredFen: 0, paidFen: 0 }, 'P')!);
    expect(draw.ConditionExpression).toBe('remainingFen >= :a AND #status = :open AND programCode = :program AND fiscalYear = :year');
    expect(draw.ExpressionAttributeValues).toMatchObject({ ':a': 5, ':open': 'open', ':program': 'P', ':year': 2026 });
    const back = updateOf(indicatorChangeItem({ indicatorNo: 'I', fiscalYear: 2026, allocatedFen: -5, transferredFen: 2, paidFen: 0 }, 'P')!);
    expect(back.ConditionExpression).toBe('allocatedFen >= :back');
    expect(back.ExpressionAttributeValues).toMatchObject({ ':a': -5, ':back': 5, ':t': 2 });
  });

  it('round-trips an indicator through its stored item', () => {
    const i = { ...newIndicator({ indicatorNo: '苏财教〔2026〕3号', fiscalYear: 2026, programCode: 'P', amountFen: 9, issuedOn: '2026-01-01' }), allocatedFen: 4, carriedFrom: 'X', closedOn: null };
    const item = indicatorItem(i, '2026-01-01T00:00:00.000Z');
    expect(item).toMatchObject({ remainingFen: 5, carriedFrom: 'X' });
    expect(item).not.toHaveProperty('carriedTo');
    expect(indicatorOf(item)).toEqual(i);
  });
});
