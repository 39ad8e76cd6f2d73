/** Province money covers a project's allocations oldest first: each fen in exactly one allocation. */
import { attribute, fiscalYearContributions, indicatorContributions, type AllocationFigures } from '../../../domain/budget/attribution';

const a = (entryId: string, valueDate: string, amountFen: number, over: Partial<AllocationFigures> = {}): AllocationFigures =>
  ({ entryId, seq: Number(entryId.slice(1)), valueDate, indicatorNo: `I-${valueDate.slice(0, 4)}`, amountFen, decommittedFen: 0, reversedFen: 0, ...over });

const figures = (x: { allocatedFen: number; transferredFen: number; paidFen: number }) => [x.allocatedFen, x.transferredFen, x.paidFen];

describe('attribute', () => {
  it('fills the oldest allocation first, to the fen', () => {
    const at = attribute([a('A2', '2026-03-01', 200), a('A1', '2025-06-01', 100)], { transferredFen: 101, paidFen: 100 });
    expect(at.allocations.map((x) => [x.entryId, x.startFen, ...figures(x)])).toEqual([
      ['A1', 0, 100, 100, 100],
      ['A2', 100, 200, 1, 0],
    ]);
    expect(at.unattributed).toEqual({ transferredFen: 0, paidFen: 0 });
  });

  it('orders by value date, then by seq: an allocation recorded later with an earlier date is older', () => {
    const at = attribute([a('A1', '2026-03-01', 50), a('A3', '2026-03-01', 50), a('A2', '2026-02-01', 50)], { transferredFen: 120, paidFen: 0 });
    expect(at.allocations.map((x) => [x.entryId, x.transferredFen])).toEqual([['A2', 50], ['A1', 50], ['A3', 20]]);
  });

  it('counts what an allocation still commits: decommitted and reversed money leaves the line, the rest moves up', () => {
    const at = attribute([a('A1', '2025-06-01', 100, { decommittedFen: 30, reversedFen: 20 }), a('A2', '2026-01-05', 100)], { transferredFen: 80, paidFen: 51 });
    expect(at.allocations.map((x) => [x.entryId, ...figures(x)])).toEqual([['A1', 50, 50, 50], ['A2', 100, 30, 1]]);
    // Fully decommitted: a zero stretch holds nothing.
    const none = attribute([a('A1', '2025-06-01', 100, { decommittedFen: 100 }), a('A2', '2026-01-05', 100)], { transferredFen: 1, paidFen: 0 });
    expect(none.allocations.map((x) => [x.entryId, ...figures(x)])).toEqual([['A1', 0, 0, 0], ['A2', 100, 1, 0]]);
  });

  it('money beyond every allocation is unattributed, never put on one twice', () => {
    const at = attribute([a('A1', '2025-06-01', 100)], { transferredFen: 130, paidFen: 101 });
    expect(at.allocations.map(figures)).toEqual([[100, 100, 100]]);
    expect(at.unattributed).toEqual({ transferredFen: 30, paidFen: 1 });
    expect(attribute([], { transferredFen: 5, paidFen: 0 }).unattributed).toEqual({ transferredFen: 5, paidFen: 0 });
  });

  it('refuses figures no allocation can have', () => {
    expect(() => attribute([a('A1', '2025-06-01', 100, { decommittedFen: 60, reversedFen: 41 })], { transferredFen: 0, paidFen: 0 })).toThrow(RangeError);
    expect(() => attribute([a('A1', '2025-06-01', 100, { decommittedFen: -1 })], { transferredFen: 0, paidFen: 0 })).toThrow(RangeError);
    expect(() => attribute([], { transferredFen: -1, paidFen: 0 })).toThrow(RangeError);
  });
});

describe('contributions', () => {
  const at = attribute([
    a('A1', '2025-06-01', 100),
    a('A2', '2025-09-01', 100, { indicatorNo: 'I-2025-b' }),
    a('A3', '2026-01-05', 100),
    a('A4', '2026-02-05', 100, { indicatorNo: null }),
  ], { transferredFen: 250, paidFen: 120 });

  it('per indicator and value-date year: the allocated, transferred and paid money of the allocations naming it', () => {
    expect(Object.fromEntries(indicatorContributions(at))).toEqual({
      '2025|I-2025': { indicatorNo: 'I-2025', fiscalYear: 2025, allocatedFen: 100, transferredFen: 100, paidFen: 100 },
      '2025|I-2025-b': { indicatorNo: 'I-2025-b', fiscalYear: 2025, allocatedFen: 100, transferredFen: 100, paidFen: 20 },
      '2026|I-2026': { indicatorNo: 'I-2026', fiscalYear: 2026, allocatedFen: 100, transferredFen: 50, paidFen: 0 },
    });
  });

  it('per fiscal year: the money of that year\'s indicators; allocations without an indicator count for none', () => {
    expect(Object.fromEntries(fiscalYearContributions(at))).toEqual({
      2025: { allocatedFen: 200, transferredFen: 200, paidFen: 120 },
      2026: { allocatedFen: 100, transferredFen: 50, paidFen: 0 },
    });
  });
});
