/**
 * What each entry stands for now (domain/project/entry-states.ts), which the history's `states`
 * carry and the console's ledger table shows in its 状态 column (issue 19, defect 4): an
 * allocation matched since is no longer 待配套, a proposal approved since is no longer 待批准.
 * The cases of the console's former computation, now asked of the API's.
 */
import { entryStates } from '../../domain/project/entry-states';
import type { Entry } from '../../domain/project/types';

let seq = 0;
function entry(type: string, status: string, over: { amountFen?: number; refersTo?: string; details?: Record<string, unknown> } = {}): Entry {
  seq += 1;
  return {
    seq,
    entryId: `E${seq}`,
    projectId: 'P',
    type,
    funder: type === 'allocation' ? 'province' : null,
    amountFen: over.amountFen ?? null,
    valueDate: '2026-01-01',
    recordedAt: '2026-01-01T00:00:00.000Z',
    actor: { sub: 'x', role: 'finance-officer' },
    reference: null,
    memo: null,
    refersTo: over.refersTo ?? null,
    status,
    ruleDigest: 'd',
    details: over.details ?? {},
    prevHash: 'p',
    hash: 'h',
    format: 2,
  } as unknown as Entry;
}

describe('an entry shows its state now', () => {
  it('an allocation still waiting for its match stays pending-match', () => {
    const a = entry('allocation', 'pending-match', { amountFen: 100 });
    expect(entryStates([a]).get(a.entryId)).toBe('pending-match');
  });

  it('an allocation matched since is confirmed; matched in part, partly-matched', () => {
    const a = entry('allocation', 'pending-match', { amountFen: 100 });
    const c = entry('match-confirmation', 'confirmed', { amountFen: 100, refersTo: a.entryId, details: { provinceFen: 100 } });
    expect(entryStates([a, c]).get(a.entryId)).toBe('confirmed');
    const b = entry('allocation', 'pending-match', { amountFen: 100 });
    const half = entry('match-confirmation', 'confirmed', { amountFen: 40, refersTo: b.entryId, details: { provinceFen: 40 } });
    expect(entryStates([b, half]).get(b.entryId)).toBe('partly-matched');
  });

  it('an allocation decommitted before its match is decommitted; one a termination left pending is voided', () => {
    const a = entry('allocation', 'pending-match', { amountFen: 100 });
    const d = entry('decommitment', 'posted', { details: { fromPending: [{ entryId: a.entryId, provinceFen: 100 }] } });
    expect(entryStates([a, d]).get(a.entryId)).toBe('decommitted');
    const b = entry('allocation', 'pending-match', { amountFen: 100 });
    const p = entry('termination-proposal', 'proposed');
    const t = entry('termination-approval', 'approved', { refersTo: p.entryId });
    const states = entryStates([b, p, t]);
    expect(states.get(b.entryId)).toBe('voided');
    expect(states.get(p.entryId)).toBe('approved');
  });

  it('a proposal approved since is approved; one still waiting stays proposed', () => {
    const p = entry('adjustment-proposal', 'proposed');
    const q = entry('cap-exception-proposal', 'proposed', { details: { rule: 'province-per-project' } });
    const approval = entry('adjustment-approval', 'approved', { refersTo: p.entryId });
    const states = entryStates([p, q, approval]);
    expect(states.get(p.entryId)).toBe('approved');
    expect(states.get(q.entryId)).toBe('proposed');
  });

  it('a reversed entry is reversed, whatever it was; the reversal itself is posted', () => {
    const d = entry('disbursement', 'posted', { amountFen: 10 });
    const r = entry('reversal', 'posted', { refersTo: d.entryId });
    const states = entryStates([d, r]);
    expect(states.get(d.entryId)).toBe('reversed');
    expect(states.get(r.entryId)).toBe('posted');
  });
});
