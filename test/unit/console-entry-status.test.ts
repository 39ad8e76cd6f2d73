/**
 * The ledger table's 状态 column (console/src/pages/Project/entryStatus.ts): each entry's state
 * now, from the project view and the history, not the status it was written with (issue 19).
 */
import { currentStatuses } from '../../console/src/pages/Project/entryStatus';
import type { Entry } from '../../console/src/services/schemas';

let seq = 0;
function entry(type: Entry['type'], status: Entry['status'], refersTo: string | null = null): Entry {
  seq += 1;
  return {
    seq,
    entryId: `E${seq}`,
    projectId: 'P',
    type,
    funder: null,
    amountFen: null,
    valueDate: '2026-01-01',
    recordedAt: '2026-01-01T00:00:00.000Z',
    actor: { sub: 'x', role: 'finance-officer' },
    reference: null,
    memo: null,
    refersTo,
    status,
    ruleDigest: 'd',
    details: {},
    prevHash: 'p',
    hash: 'h',
  };
}
const project = (over: Partial<{ status: string; pendingAllocations: { entryId: string }[]; proposals: { entryId: string }[] }> = {}) =>
  ({ status: 'active', pendingAllocations: [], proposals: [], ...over }) as Parameters<typeof currentStatuses>[0];

describe('an entry shows its state now', () => {
  it('an allocation still waiting for its match stays 待配套', () => {
    const a = entry('allocation', 'pending-match');
    expect(currentStatuses(project({ pendingAllocations: [{ entryId: a.entryId }] }), [a]).get(a.entryId)).toBe('pending-match');
  });

  it('an allocation matched since is confirmed', () => {
    const a = entry('allocation', 'pending-match');
    const c = entry('match-confirmation', 'confirmed', a.entryId);
    expect(currentStatuses(project(), [a, c]).get(a.entryId)).toBe('confirmed');
  });

  it('an allocation no longer pending and never matched was decommitted, or voided by a termination', () => {
    const a = entry('allocation', 'pending-match');
    expect(currentStatuses(project(), [a]).get(a.entryId)).toBe('decommitted');
    expect(currentStatuses(project({ status: 'terminated' }), [a]).get(a.entryId)).toBe('void');
  });

  it('a proposal approved since is approved; one still waiting stays proposed', () => {
    const p = entry('adjustment-proposal', 'proposed');
    const q = entry('cap-exception-proposal', 'proposed');
    const approval = entry('adjustment-approval', 'approved', p.entryId);
    const states = currentStatuses(project({ proposals: [{ entryId: q.entryId }] }), [p, q, approval]);
    expect(states.get(p.entryId)).toBe('approved');
    expect(states.get(q.entryId)).toBe('proposed');
    expect(states.get(approval.entryId)).toBe('approved');
  });

  it('a reversed entry is reversed, whatever it was', () => {
    const d = entry('disbursement', 'posted');
    const r = entry('reversal', 'posted', d.entryId);
    const states = currentStatuses(project(), [d, r]);
    expect(states.get(d.entryId)).toBe('reversed');
    expect(states.get(r.entryId)).toBe('posted');
  });
});
