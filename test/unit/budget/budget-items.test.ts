/** The budget's transaction items as data: which items one ledger event writes, and what each adds. */
import { executionRollupItems, indicatorChangeItem, indicatorItem, indicatorOf } from '../../../functions/lib/storage/budget-items';
import { keys } from '../../../functions/lib/storage/keys';
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

  it('one item per fiscal year and month touched, a bucket per day and field, changes on one bucket summed, whatever the project', () => {
    const items = executionRollupItems(place, rollupDeltas([
      { fiscalYear: 2026, on: '2026-03-05', allocatedFen: 100, transferredFen: 0, paidFen: 0 },
      { fiscalYear: 2026, on: '2026-03-05', allocatedFen: 20, transferredFen: 7, paidFen: 0 },
      { fiscalYear: 2026, on: '2026-03-31', allocatedFen: 0, transferredFen: 0, paidFen: 1 },
      { fiscalYear: 2026, on: '2026-04-01', allocatedFen: 0, transferredFen: 0, paidFen: 3 },
      { fiscalYear: 2025, on: '2026-04-01', allocatedFen: 0, transferredFen: -7, paidFen: 0 },
    ]));
    const byKey = new Map(items.map((i) => [`${updateOf(i).Key.pk}|${updateOf(i).Key.sk}`, added(updateOf(i))]));
    const key = (k: { pk: string; sk: string }) => `${k.pk}|${k.sk}`;
    expect(Object.fromEntries(byKey)).toEqual({
      [key(keys.executionMonth(2026, '2026-03', 'NJ-HTZ', 'JS-2023-C'))]: { da05: 120, dt05: 7, dp31: 1 },
      [key(keys.executionMonth(2026, '2026-04', 'NJ-HTZ', 'JS-2023-C'))]: { dp01: 3 },
      [key(keys.executionMonth(2025, '2026-04', 'NJ-HTZ', 'JS-2023-C'))]: { dt01: -7 },
    });
    expect(items.every((i) => i.tag === 'execution' && updateOf(i).ConditionExpression === undefined)).toBe(true);
    // What the report reads of an item besides its buckets.
    const march = updateOf(items[0]!);
    const set = Object.fromEntries(Object.entries(march.ExpressionAttributeNames).filter(([n]) => n.startsWith('#s')).map(([n, attr]) => [attr, march.ExpressionAttributeValues[n.replace('#', ':')]]));
    expect(set).toEqual({ fiscalYear: 2026, month: '2026-03', zoneId: 'NJ-HTZ', programCode: 'JS-2023-C', city: '南京市' });
  });

  it('changes that cancel out write nothing; no changes, no items', () => {
    expect(executionRollupItems(place, rollupDeltas([
      { fiscalYear: 2026, on: '2026-03-05', allocatedFen: 100, transferredFen: 0, paidFen: 0 },
      { fiscalYear: 2026, on: '2026-03-05', allocatedFen: -100, transferredFen: 0, paidFen: 0 },
    ]))).toEqual([]);
    expect(executionRollupItems(place, rollupDeltas([]))).toEqual([]);
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
