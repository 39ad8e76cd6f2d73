/** What one entry writes: the change per indicator, and the dated changes per fiscal year. */
import { executionChanges, firstDifference, indicatorChanges } from '../../../domain/budget/changes';
import { applyBudgetEvent, emptyFlows, type BudgetEvent, type ProvinceFlows } from '../../../domain/budget/flows';
import { drawViolation } from '../../../domain/budget/posting';
import type { Entry } from '../../../domain/project/types';

const fold = (events: BudgetEvent[], from: ProvinceFlows = emptyFlows(true)): ProvinceFlows => events.reduce(applyBudgetEvent, from);
const alloc = (n: number, valueDate: string, amountFen: number): BudgetEvent =>
  ({ type: 'allocation', entryId: `A${n}`, seq: n, valueDate, amountFen, indicatorNo: `I-${valueDate.slice(0, 4)}`, pending: false });

describe('indicatorChanges', () => {
  it('an allocation draws on its indicator; nothing else moves', () => {
    const before = fold([alloc(2, '2025-03-01', 100)]);
    const after = applyBudgetEvent(before, alloc(3, '2025-04-01', 40));
    expect(indicatorChanges(before, after)).toEqual([{ indicatorNo: 'I-2025', fiscalYear: 2025, allocatedFen: 40, transferredFen: 0, paidFen: 0 }]);
    expect(indicatorChanges(null, before)).toEqual([{ indicatorNo: 'I-2025', fiscalYear: 2025, allocatedFen: 100, transferredFen: 0, paidFen: 0 }]);
    expect(indicatorChanges(after, after)).toEqual([]);
  });

  it('a decommitment of an older allocation gives money back to its indicator and moves transferred money to the next one', () => {
    const before = fold([alloc(2, '2025-03-01', 100), alloc(3, '2026-02-01', 100), { type: 'transfer', valueDate: '2026-03-01', amountFen: 100 }]);
    expect(indicatorChanges(null, before).map((c) => [c.indicatorNo, c.transferredFen])).toEqual([['I-2025', 100], ['I-2026', 0]]);
    // A reversal of the 2025 allocation (it never happened): its money goes back, the transfer now covers 2026's.
    const after = applyBudgetEvent(before, { type: 'reversal', undo: { type: 'allocation', entryId: 'A2' } });
    expect(indicatorChanges(before, after)).toEqual([
      { indicatorNo: 'I-2025', fiscalYear: 2025, allocatedFen: -100, transferredFen: -100, paidFen: 0 },
      { indicatorNo: 'I-2026', fiscalYear: 2026, allocatedFen: 0, transferredFen: 100, paidFen: 0 },
    ]);
  });
});

describe('indicatorChanges: by indicator and value-date year', () => {
  const on = (n: number, valueDate: string, amountFen: number, indicatorNo: string): BudgetEvent => ({ type: 'allocation', entryId: `A${n}`, seq: n, valueDate, amountFen, indicatorNo, pending: false });

  it('a draw dated in another year than what the project drew on the indicator before is a change of its own year', () => {
    const before = fold([on(2, '2025-03-01', 100, 'I-2025')]);
    const after = applyBudgetEvent(before, on(3, '2026-01-02', 40, 'I-2025'));
    expect(indicatorChanges(before, after)).toEqual([{ indicatorNo: 'I-2025', fiscalYear: 2026, allocatedFen: 40, transferredFen: 0, paidFen: 0 }]);
  });

  it('an older draw of another year that takes transferred money over is two changes on one indicator, which drawViolation refuses', () => {
    const before = fold([on(2, '2025-03-01', 100, 'I-2025'), { type: 'transfer', valueDate: '2025-04-01', amountFen: 60 }]);
    const after = applyBudgetEvent(before, on(3, '2024-12-31', 50, 'I-2025'));
    const changes = indicatorChanges(before, after);
    expect(changes).toEqual([
      { indicatorNo: 'I-2025', fiscalYear: 2024, allocatedFen: 50, transferredFen: 50, paidFen: 0 },
      { indicatorNo: 'I-2025', fiscalYear: 2025, allocatedFen: 0, transferredFen: -50, paidFen: 0 },
    ]);
    const entry = { type: 'allocation', entryId: 'P.3', amountFen: 50 } as Entry;
    expect(drawViolation(changes, new Map(), entry, new Set(['I-2025']))).toMatchObject({ rule: 'indicator-mismatch', attemptedFen: 50 });
    expect(drawViolation(changes.slice(0, 1), new Map(), entry, new Set(['I-2025']))).toBeNull();
  });
});

describe('executionChanges', () => {
  it('an entry dated after everything before it changes one day', () => {
    const before = fold([alloc(2, '2025-03-01', 100), { type: 'transfer', valueDate: '2025-04-01', amountFen: 100 }]);
    const after = applyBudgetEvent(before, { type: 'payment', valueDate: '2025-05-01', amountFen: 30, impliedTransfer: false });
    expect(executionChanges(before, after)).toEqual([{ fiscalYear: 2025, on: '2025-05-01', allocatedFen: 0, transferredFen: 0, paidFen: 30 }]);
    expect(firstDifference(before, after)).toBe('2025-05-01');
    expect(executionChanges(after, after)).toEqual([]);
    expect(firstDifference(after, after)).toBeNull();
  });

  it('a project\'s first entries start its contribution on their days', () => {
    const after = fold([alloc(2, '2025-03-01', 100), { type: 'transfer', valueDate: '2025-04-01', amountFen: 60 }]);
    expect(executionChanges(null, after)).toEqual([
      { fiscalYear: 2025, on: '2025-03-01', allocatedFen: 100, transferredFen: 0, paidFen: 0 },
      { fiscalYear: 2025, on: '2025-04-01', allocatedFen: 0, transferredFen: 60, paidFen: 0 },
    ]);
  });

  it('a late allocation dated before a transfer takes that transfer from its day on, and from the year it was on', () => {
    // 2025: A2 (Dec); 2026: A3 (Jan). A transfer of 150 in February covers A2 and 50 of A3.
    const before = fold([alloc(2, '2025-12-01', 100), alloc(3, '2026-01-10', 100), { type: 'transfer', valueDate: '2026-02-01', amountFen: 150 }]);
    // Recorded later, dated 2025-11-15: older than both, so it is covered first.
    const after = applyBudgetEvent(before, alloc(4, '2025-11-15', 100));
    expect(executionChanges(before, after)).toEqual([
      { fiscalYear: 2025, on: '2025-11-15', allocatedFen: 100, transferredFen: 0, paidFen: 0 },
      { fiscalYear: 2025, on: '2026-02-01', allocatedFen: 0, transferredFen: 50, paidFen: 0 },
      { fiscalYear: 2026, on: '2026-02-01', allocatedFen: 0, transferredFen: -50, paidFen: 0 },
    ]);
  });

  it('a reversal carries its target\'s date: the target leaves every day from its own', () => {
    const before = fold([alloc(2, '2025-03-01', 100), { type: 'transfer', valueDate: '2025-04-01', amountFen: 100 }, { type: 'payment', valueDate: '2025-05-01', amountFen: 70, impliedTransfer: false }]);
    const after = applyBudgetEvent(before, { type: 'reversal', undo: { type: 'payment', valueDate: '2025-05-01', amountFen: 70, impliedTransfer: false } });
    expect(executionChanges(before, after)).toEqual([{ fiscalYear: 2025, on: '2025-05-01', allocatedFen: 0, transferredFen: 0, paidFen: -70 }]);
  });

  it('allocations without an indicator count for no fiscal year, but still take their place in the line', () => {
    const before = fold([{ ...alloc(2, '2025-03-01', 100), indicatorNo: null } as BudgetEvent, alloc(3, '2025-04-01', 100)]);
    const after = applyBudgetEvent(before, { type: 'transfer', valueDate: '2025-06-01', amountFen: 130 });
    expect(executionChanges(before, after)).toEqual([{ fiscalYear: 2025, on: '2025-06-01', allocatedFen: 0, transferredFen: 30, paidFen: 0 }]);
    expect(indicatorChanges(before, after)).toEqual([{ indicatorNo: 'I-2025', fiscalYear: 2025, allocatedFen: 0, transferredFen: 30, paidFen: 0 }]);
  });
});
