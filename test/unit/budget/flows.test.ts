/**
 * A project's province flows: the fold over budget events (decommitments split newest first,
 * terminations voiding what is pending, reversals taking their target out), and the same flows
 * read off a real history decided by the project domain.
 */
import { attribute } from '../../../domain/budget/attribution';
import { flowsOfHistory, budgetEventOf, recordedIndicatorNo } from '../../../domain/budget/entries';
import { applyBudgetEvent, attributionAsOf, confirmedDecommitmentSplit, emptyFlows, figuresAsOf, fromConfirmedOf, type BudgetEvent, type ProvinceFlows } from '../../../domain/budget/flows';
import { makeCreditCode } from '../../../domain/credit-code';
import { seedPrograms } from '../../../domain/programs/seed';
import type { Command } from '../../../domain/project/commands';
import { decide } from '../../../domain/project/decide';
import { balances } from '../../../domain/project/position';
import type { Actor, Entry, ProjectState, Registration } from '../../../domain/project/types';

const fold = (insideZone: boolean, events: BudgetEvent[]): ProvinceFlows => events.reduce(applyBudgetEvent, emptyFlows(insideZone));
const alloc = (n: number, valueDate: string, amountFen: number, pending = false, indicatorNo: string | null = `I-${valueDate.slice(0, 4)}`): BudgetEvent =>
  ({ type: 'allocation', entryId: `A${n}`, seq: n, valueDate, amountFen, indicatorNo, pending });

describe('the fold', () => {
  it('keeps allocations oldest first and dated money by day', () => {
    const f = fold(true, [
      alloc(2, '2026-03-01', 100), alloc(3, '2026-01-15', 50),
      { type: 'transfer', valueDate: '2026-04-01', amountFen: 60 }, { type: 'transfer', valueDate: '2026-04-01', amountFen: 10 },
      { type: 'payment', valueDate: '2026-05-01', amountFen: 30, impliedTransfer: false },
    ]);
    expect(f.allocations.map((a) => a.entryId)).toEqual(['A3', 'A2']);
    expect(f.transfers).toEqual([{ valueDate: '2026-04-01', amountFen: 70 }]);
    expect(figuresAsOf(f, '2026-03-31')).toMatchObject({ transferredFen: 0, paidFen: 0 });
    expect(figuresAsOf(f, '2026-02-01').allocations.map((a) => a.entryId)).toEqual(['A3']);
    expect(attributionAsOf(f, null).allocations.map((a) => [a.entryId, a.transferredFen, a.paidFen])).toEqual([['A3', 50, 30], ['A2', 20, 0]]);
  });

  it('a format-1 province payment inside the zone passed through it the same day', () => {
    const f = fold(true, [alloc(2, '2021-03-01', 100), { type: 'payment', valueDate: '2021-05-01', amountFen: 40, impliedTransfer: true }]);
    expect(f.transfers).toEqual([{ valueDate: '2021-05-01', amountFen: 40 }]);
    const back = applyBudgetEvent(f, { type: 'reversal', undo: { type: 'payment', valueDate: '2021-05-01', amountFen: 40, impliedTransfer: true } });
    expect([back.transfers, back.payments]).toEqual([[], []]);
  });

  it('a decommitment takes pending money as named, then confirmed money newest first, beyond what is passed on', () => {
    const base = fold(true, [alloc(2, '2026-01-10', 100), alloc(3, '2026-02-10', 100), alloc(4, '2026-03-10', 100, true), { type: 'transfer', valueDate: '2026-04-01', amountFen: 130 }]);
    // Confirmed and not transferred: A3 holds 70 (130 transferred covers A2 and 30 of A3).
    expect(confirmedDecommitmentSplit(base, 50)).toEqual([{ entryId: 'A3', provinceFen: 50 }]);
    expect(confirmedDecommitmentSplit(base, 70)).toEqual([{ entryId: 'A3', provinceFen: 70 }]);
    const f = applyBudgetEvent(base, { type: 'decommitment', entryId: 'D5', valueDate: '2026-05-01', fromPending: [{ entryId: 'A4', provinceFen: 100 }], confirmedFen: 60, fromConfirmed: null });
    expect(f.allocations.map((a) => [a.entryId, a.pendingFen, a.decommitments.map((d) => d.amountFen)])).toEqual([['A2', 0, []], ['A3', 0, [60]], ['A4', 0, [100]]]);
    // As of the day before, nothing was decommitted; on it, the transferred money still lies on A2 and A3 alone.
    expect(attributionAsOf(f, '2026-04-30').allocations.map((a) => a.allocatedFen)).toEqual([100, 100, 100]);
    expect(attributionAsOf(f, '2026-05-01').allocations.map((a) => [a.allocatedFen, a.transferredFen])).toEqual([[100, 100], [40, 30], [0, 0]]);
    // At decide time: the pending parts come out first, then the split.
    expect(fromConfirmedOf(base, [{ entryId: 'A4', provinceFen: 100 }], 60)).toEqual([{ entryId: 'A3', provinceFen: 60 }]);
    // Reversed, the pending part goes back to pending and the indicator's money comes back.
    const undone = applyBudgetEvent(f, { type: 'reversal', undo: { type: 'decommitment', entryId: 'D5' } });
    expect(undone.allocations.map((a) => [a.entryId, a.pendingFen, a.decommitments.length])).toEqual([['A2', 0, 0], ['A3', 0, 0], ['A4', 100, 0]]);
  });

  it('outside the zone the passed-on money is what was paid', () => {
    const f = fold(false, [alloc(2, '2026-01-10', 100), alloc(3, '2026-02-10', 100), { type: 'payment', valueDate: '2026-04-01', amountFen: 150 }] as BudgetEvent[]);
    expect(confirmedDecommitmentSplit(f, 50)).toEqual([{ entryId: 'A3', provinceFen: 50 }]);
    // Past what the books allow it still gives money back, newest first, so that the fold stays total.
    expect(confirmedDecommitmentSplit(f, 120)).toEqual([{ entryId: 'A3', provinceFen: 100 }, { entryId: 'A2', provinceFen: 20 }]);
    expect(confirmedDecommitmentSplit(f, 0)).toEqual([]);
  });

  it('a termination voids what is pending, per allocation, on its day', () => {
    const f = fold(true, [
      alloc(2, '2026-01-10', 100, true), alloc(3, '2026-02-10', 100, true),
      { type: 'match-confirmation', allocationEntryId: 'A2', provinceFen: 70 },
      { type: 'termination', entryId: 'T4', valueDate: '2026-06-01' },
    ]);
    expect(f.allocations.map((a) => [a.entryId, a.pendingFen, a.decommitments])).toEqual([
      ['A2', 0, [{ entryId: 'T4', valueDate: '2026-06-01', amountFen: 30, fromPending: true }]],
      ['A3', 0, [{ entryId: 'T4', valueDate: '2026-06-01', amountFen: 100, fromPending: true }]],
    ]);
  });

  it('a reversal takes its target out as of every day; a reversed confirmation makes its money pending again', () => {
    const f = fold(true, [alloc(2, '2026-01-10', 100, true), { type: 'match-confirmation', allocationEntryId: 'A2', provinceFen: 40 }, alloc(3, '2026-02-10', 10), { type: 'transfer', valueDate: '2026-03-01', amountFen: 30 }]);
    expect(applyBudgetEvent(f, { type: 'reversal', undo: { type: 'match-confirmation', allocationEntryId: 'A2', provinceFen: 40 } }).allocations[0]!.pendingFen).toBe(100);
    const noTransfer = applyBudgetEvent(f, { type: 'reversal', undo: { type: 'transfer', valueDate: '2026-03-01', amountFen: 30 } });
    expect(noTransfer.transfers).toEqual([]);
    const noA2 = applyBudgetEvent(f, { type: 'reversal', undo: { type: 'allocation', entryId: 'A2' } });
    expect(noA2.allocations.map((a) => a.entryId)).toEqual(['A3']);
    expect(attributionAsOf(noA2, '2026-01-31').allocations).toEqual([]);
  });
});

// --- a real history ----------------------------------------------------------------------------

const FO: Actor = { sub: 'fo-alice', role: 'finance-officer' };
const FO2: Actor = { sub: 'fo-bob', role: 'finance-officer' };
const ZC: Actor = { sub: 'zc-carol', role: 'zone-committee' };
const NOW = '2026-12-30T04:00:00.000Z';
const P2023 = seedPrograms.find((p) => p.code === 'JS-2023-C')!;

function project(insideZone: boolean): { entries: Entry[]; state: ProjectState; post: (cmd: Command, actor: Actor) => Entry } {
  const reg: Registration = {
    projectId: 'BUD-1', programCode: P2023.code, clusterId: 'CL', zoneId: 'SZ-SIP', insideZone, title: '预算测试',
    owner: { name: '某公司', creditCode: makeCreditCode('91320500MA0000001') }, newInvestmentFen: 45_000_000_00,
    contract: { signedOn: '2025-06-01', startsOn: '2025-07-01', endsOn: '2027-12-31', provinceGrantFen: 6_000_000_00, zoneGrantFen: insideZone ? 6_000_000_00 : 0 },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2026-06-30', amountFen: 6_000_000_00 },
      ...(insideZone ? [{ trancheId: 'Z1', funder: 'zone' as const, dueOn: '2026-06-30', amountFen: 6_000_000_00 }] : []),
    ],
  };
  const program = { ...P2023, year: 2023 };
  const first = decide(null, { type: 'registration', registration: reg }, { actor: FO, now: NOW, program, cluster: { clusterId: 'CL', programCode: P2023.code, zoneId: 'SZ-SIP', provinceAllocatedFen: 0, zoneAllocatedFen: 0, projectCount: 0 }, enterpriseProjectCount: 0 });
  if (!first.ok) throw new Error(JSON.stringify(first));
  const book = { entries: [first.entry], state: first.after };
  return {
    ...book,
    get entries() { return book.entries; },
    get state() { return book.state; },
    post(cmd, actor) {
      const d = decide(book.state, cmd, { actor, now: NOW, cluster: null, history: book.entries });
      if (!d.ok) throw new Error(`${cmd.type} refused: ${JSON.stringify(d)}`);
      book.entries.push(d.entry);
      book.state = d.after;
      return d.entry;
    },
  };
}

describe('flows of a history decided by the project domain', () => {
  it('hold what the project\'s books hold, with each allocation\'s indicator', () => {
    const p = project(true);
    const a1 = p.post({ type: 'allocation', amountFen: 1_000_000_00, valueDate: '2025-09-01', reference: 'R1' }, FO);
    const a2 = p.post({ type: 'allocation', amountFen: 2_000_000_00, valueDate: '2026-02-01', reference: 'R2' }, FO);
    p.post({ type: 'match-confirmation', allocationEntryId: a1.entryId, amountFen: 1_000_000_00, valueDate: '2025-09-10', reference: 'C1' }, ZC);
    p.post({ type: 'match-confirmation', allocationEntryId: a2.entryId, amountFen: 1_500_000_00, valueDate: '2026-02-10', reference: 'C2' }, ZC);
    p.post({ type: 'transfer', amountFen: 2_000_000_00, valueDate: '2026-03-01', reference: 'T1' }, FO);
    const pay = p.post({ type: 'disbursement', funder: 'province', amountFen: 1_200_000_00, paidOn: '2026-04-01', reference: 'P1' }, ZC);
    p.post({ type: 'disbursement', funder: 'zone', amountFen: 300_000_00, paidOn: '2026-04-01', reference: 'PZ' }, ZC);
    // Pending 500,000 yuan of a2 first, then 200,000 yuan of confirmed money not yet transferred.
    p.post({ type: 'decommitment', provinceFen: 700_000_00, valueDate: '2026-05-01', reference: 'D1', reason: '核减' }, FO);
    p.post({ type: 'reversal', entryId: pay.entryId, reason: '录入错误' }, FO2);
    p.post({ type: 'disbursement', funder: 'province', amountFen: 1_100_000_00, paidOn: '2026-04-02', reference: 'P2' }, ZC);

    const indicators = new Map([[a1.entryId, 'IND-2025'], [a2.entryId, 'IND-2026']]);
    const flows = flowsOfHistory(p.entries, (e) => indicators.get(e.entryId) ?? null);
    const b = balances(p.state).province;
    const at = attributionAsOf(flows, null);
    expect(at.allocations.reduce((t, a) => t + a.allocatedFen, 0)).toBe(b.allocatedFen);
    expect(flows.transfers.reduce((t, x) => t + x.amountFen, 0)).toBe(b.transferredFen);
    expect(flows.payments.reduce((t, x) => t + x.amountFen, 0)).toBe(b.disbursedFen);
    expect(flows.allocations.reduce((t, a) => t + a.pendingFen, 0)).toBe(b.pendingFen);
    expect(at.allocations.map((a) => [a.indicatorNo, a.allocatedFen, a.transferredFen, a.paidFen])).toEqual([
      ['IND-2025', 1_000_000_00, 1_000_000_00, 1_000_000_00],
      ['IND-2026', 1_300_000_00, 1_000_000_00, 100_000_00],
    ]);
    expect(at.unattributed).toEqual({ transferredFen: 0, paidFen: 0 });
    // As of the payment's day: the reversed payment never happened, the later-recorded one was not made yet.
    expect(attributionAsOf(flows, '2026-04-01').allocations.map((a) => a.paidFen)).toEqual([0, 0]);
    expect(attributionAsOf(flows, '2026-04-02').allocations.map((a) => a.paidFen)).toEqual([1_000_000_00, 100_000_00]);
  });

  it('reads v3 records: an allocation\'s indicatorNo and a decommitment\'s recorded split', () => {
    const p = project(false);
    const a1 = p.post({ type: 'allocation', amountFen: 100_00, valueDate: '2026-01-05', reference: 'R1' }, FO);
    expect(recordedIndicatorNo(a1)).toBeNull();
    const named = { ...a1, details: { documentNo: null, indicatorNo: '苏财教〔2026〕3号' } } as unknown as Entry;
    expect(recordedIndicatorNo(named)).toBe('苏财教〔2026〕3号');
    expect(budgetEventOf(named)).toMatchObject({ type: 'allocation', indicatorNo: '苏财教〔2026〕3号', pending: false });
    const d = p.post({ type: 'decommitment', provinceFen: 40_00, valueDate: '2026-02-01', reference: 'D', reason: 'x' }, FO);
    const recorded = { ...d, details: { ...(d.details as object), fromConfirmed: [{ entryId: a1.entryId, provinceFen: 40_00 }] } } as unknown as Entry;
    expect(budgetEventOf(recorded)).toMatchObject({ type: 'decommitment', confirmedFen: 40_00, fromConfirmed: [{ entryId: a1.entryId, provinceFen: 40_00 }] });
    expect(budgetEventOf(d)).toMatchObject({ type: 'decommitment', confirmedFen: 40_00, fromConfirmed: null });
    // Zone payments, recoveries and entries about the contract do not move province money.
    expect(budgetEventOf({ ...d, type: 'inspection' } as unknown as Entry)).toBeNull();
    expect(budgetEventOf({ ...d, type: 'disbursement', funder: 'zone' } as unknown as Entry)).toBeNull();
    expect(budgetEventOf({ ...d, type: 'recovery', funder: 'province' } as unknown as Entry)).toBeNull();
  });

  it('a termination voids the pending money, as the project\'s books do', () => {
    const p = project(true);
    const a1 = p.post({ type: 'allocation', amountFen: 1_000_00, valueDate: '2026-01-05', reference: 'R1' }, FO);
    p.post({ type: 'match-confirmation', allocationEntryId: a1.entryId, amountFen: 400_00, valueDate: '2026-01-06', reference: 'C' }, ZC);
    const proposal = p.post({ type: 'termination-proposal', reason: '终止', reference: 'T' }, { sub: 'ad-1', role: 'admin' });
    p.post({ type: 'termination-approval', proposalEntryId: proposal.entryId }, { sub: 'ad-2', role: 'admin' });
    const flows = flowsOfHistory(p.entries);
    const at = attribute(figuresAsOf(flows, null).allocations, { transferredFen: 0, paidFen: 0 });
    expect(at.allocations.map((a) => a.allocatedFen)).toEqual([balances(p.state).province.allocatedFen]);
    expect(at.allocations[0]!.allocatedFen).toBe(400_00);
  });

  it('a history starts with its registration', () => {
    expect(() => flowsOfHistory([])).toThrow(/registration/);
  });
});
