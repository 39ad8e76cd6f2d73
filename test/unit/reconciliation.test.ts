import fc from 'fast-check';
import { addDays, daysBetween } from '../../domain/dates';
import { unreconciledPayments, unrecordedPayments } from '../../domain/reconciliation/alerts';
import { accountOfMovement, normaliseReference } from '../../domain/reconciliation/keys';
import { automaticEvents, currentMatches, decideManualMatch, decideUndo, type MatchEvent, type StatementHeader } from '../../domain/reconciliation/manual';
import { matchStatement, type ExistingMatch } from '../../domain/reconciliation/match';
import type { LedgerMovement, StatementLine } from '../../domain/reconciliation/types';
import { randomCreditCode } from '../support/credit-code';

const OWNER_A = randomCreditCode();
const OWNER_B = randomCreditCode();
const payment = (entryId: string, amountFen: number, valueDate: string, reference: string | null, owner: string | null = OWNER_A): LedgerMovement =>
  ({ entryId, projectId: entryId.split('.')[0]!, type: 'disbursement', amountFen, valueDate, reference, ownerCreditCode: owner });
const transfer = (entryId: string, amountFen: number, valueDate: string, reference: string | null): LedgerMovement =>
  ({ entryId, projectId: entryId.split('.')[0]!, type: 'transfer', amountFen, valueDate, reference, ownerCreditCode: null });
const line = (lineNo: number, amountFen: number, date: string, voucherNo: string | null, payeeCreditCode: string | null = null): StatementLine =>
  ({ lineNo, date, amountFen, payeeName: '收款人', payeeCreditCode, voucherNo, memo: null });

describe('automatic matching, by example', () => {
  it('by voucher: same amount and 凭证号 = reference (transfers and payments alike)', () => {
    const r = matchStatement([line(1, 500, '2026-03-05', 'T-1'), line(2, 700, '2026-04-30', 'P-1')], [transfer('A.3', 500, '2026-03-01', 'T-1'), payment('B.5', 700, '2026-03-01', 'P-1')]);
    expect(r.lines).toEqual([
      { lineNo: 1, status: 'matched', entryId: 'A.3', projectId: 'A', how: 'voucher' },
      { lineNo: 2, status: 'matched', entryId: 'B.5', projectId: 'B', how: 'voucher' },
    ]);
    expect(r).toMatchObject({ matched: 2, statementOnly: 0 });
  });

  it('by payee and date: a payment to the owner’s credit code at most 3 days apart; 4 days is none; a transfer never', () => {
    const ledger = [payment('A.4', 900, '2026-03-10', null), transfer('A.5', 800, '2026-03-10', null)];
    const r = matchStatement([line(1, 900, '2026-03-13', null, OWNER_A), line(2, 900, '2026-03-14', null, OWNER_A), line(3, 800, '2026-03-10', null, OWNER_A)], ledger);
    expect(r.lines[0]).toEqual({ lineNo: 1, status: 'matched', entryId: 'A.4', projectId: 'A', how: 'payee-date' });
    // Line 2 (4 days) has no candidate; line 3 is a transfer's amount, and transfers have no payee.
    expect(r.lines.slice(1).map((o) => o.status === 'unmatched' && o.reason)).toEqual(['none', 'none']);
  });

  it('a line matching two payments stays unmatched, naming both: never a guess', () => {
    const r = matchStatement([line(1, 1000, '2026-03-05', null, OWNER_A)], [payment('A.2', 1000, '2026-03-04', null), payment('A.3', 1000, '2026-03-06', null)]);
    expect(r.lines).toEqual([{ lineNo: 1, status: 'unmatched', reason: 'ambiguous', candidates: ['A.2', 'A.3'], duplicateOf: null }]);
    expect(r.ledgerOnly.map((m) => m.entryId)).toEqual([]); // both outside the statement's one day
  });

  it('duplicate lines both stay unmatched: the payment could be either', () => {
    const l = (n: number) => line(n, 1000, '2026-03-05', 'P-7', OWNER_A);
    const r = matchStatement([l(1), l(2)], [payment('A.2', 1000, '2026-03-05', 'P-7')]);
    expect(r.lines.map((o) => o.status === 'unmatched' && o.reason)).toEqual(['ambiguous', 'ambiguous']);
    expect(r).toMatchObject({ matched: 0, statementOnly: 2 });
    expect(r.ledgerOnly.map((m) => m.entryId)).toEqual(['A.2']);
  });

  it('an entry matched already is taken; the same bank movement in an overlapping statement is a duplicate, not money the ledger lacks', () => {
    const ledger = [payment('A.2', 1000, '2026-03-05', 'P-7')];
    const existing = new Map<string, ExistingMatch>([['A.2', { entryId: 'A.2', statementId: 's-old', lineNo: 9, line: { date: '2026-03-05', amountFen: 1000, payeeCreditCode: OWNER_A, voucherNo: 'P-7' } }]]);
    const again = matchStatement([line(1, 1000, '2026-03-05', 'P-7', OWNER_A)], ledger, existing);
    expect(again.lines).toEqual([{ lineNo: 1, status: 'unmatched', reason: 'duplicate', candidates: ['A.2'], duplicateOf: { statementId: 's-old', lineNo: 9 } }]);
    expect(again).toMatchObject({ statementOnly: 0, ledgerOnly: [] });
    const other = matchStatement([line(1, 1000, '2026-03-06', 'P-7', OWNER_A)], ledger, existing);
    expect(other.lines[0]).toMatchObject({ status: 'unmatched', reason: 'taken' });
    expect(other.statementOnly).toBe(1);
  });

  it('a taken candidate beside a free one makes the line ambiguous, not a match to the free one', () => {
    const ledger = [payment('A.2', 1000, '2026-03-05', 'P-7'), payment('A.3', 1000, '2026-03-06', null)];
    const existing = new Map<string, ExistingMatch>([['A.2', { entryId: 'A.2', statementId: 's', lineNo: 1, line: { date: '2026-03-01', amountFen: 1000, payeeCreditCode: null, voucherNo: 'X' } }]]);
    expect(matchStatement([line(1, 1000, '2026-03-05', 'P-7', OWNER_A)], ledger, existing).lines[0]).toMatchObject({ status: 'unmatched', reason: 'ambiguous' });
  });

  it('references compare trimmed and in NFC, nothing looser', () => {
    expect(normaliseReference('  苏财教〔2026〕12号 ')).toBe('苏财教〔2026〕12号');
    const r = matchStatement([line(1, 5, '2026-03-05', '苏财教[2026]12号'), line(2, 6, '2026-03-05', ' V-1 ')], [transfer('A.1', 5, '2026-03-05', '苏财教〔2026〕12号'), transfer('A.2', 6, '2026-03-05', 'V-1')]);
    expect(r.lines.map((o) => o.status)).toEqual(['unmatched', 'matched']);
  });

  it('ledgerOnly: movements dated from the first to the last line date that nothing matched', () => {
    const ledger = [payment('A.1', 1, '2026-02-28', 'x'), payment('A.2', 2, '2026-03-01', 'y'), payment('A.3', 3, '2026-03-10', 'z'), payment('A.4', 4, '2026-03-11', 'w')];
    const r = matchStatement([line(1, 3, '2026-03-01', 'z'), line(2, 99, '2026-03-10', null)], ledger);
    expect(r.ledgerOnly.map((m) => m.entryId)).toEqual(['A.2']);
  });

  it('the account of a movement: transfers and outside-zone payments leave the province’s, inside-zone payments the zone’s', () => {
    expect(accountOfMovement({ type: 'transfer', insideZone: true, zoneId: 'NJ' })).toEqual({ kind: 'province' });
    expect(accountOfMovement({ type: 'disbursement', insideZone: false, zoneId: 'NJ' })).toEqual({ kind: 'province' });
    expect(accountOfMovement({ type: 'disbursement', insideZone: true, zoneId: 'NJ' })).toEqual({ kind: 'zone', zoneId: 'NJ' });
  });
});

describe('automatic matching, properties', () => {
  const DATES = Array.from({ length: 12 }, (_, i) => addDays('2026-03-01', i));
  const refs = fc.constantFrom('R1', 'R2', 'R3', null);
  const codes = fc.constantFrom(OWNER_A, OWNER_B, null);
  const amounts = fc.constantFrom(100, 200, 300);
  const movements = fc.array(fc.record({ transfer: fc.boolean(), amountFen: amounts, valueDate: fc.constantFrom(...DATES), reference: refs, owner: codes }), { maxLength: 14 })
    .map((xs) => xs.map((x, i) => (x.transfer ? transfer(`P${i % 3}.${i + 1}`, x.amountFen, x.valueDate, x.reference) : payment(`P${i % 3}.${i + 1}`, x.amountFen, x.valueDate, x.reference, x.owner))));
  const lines = fc.array(fc.record({ amountFen: amounts, date: fc.constantFrom(...DATES), voucherNo: refs, code: codes }), { maxLength: 14 })
    .map((xs) => xs.map((x, i) => line(i + 1, x.amountFen, x.date, x.voucherNo, x.code)));
  const scenario = fc.tuple(movements, lines, fc.array(fc.nat(20), { maxLength: 4 })).map(([ledger, statement, takenAt]) => {
    const existing = new Map<string, ExistingMatch>();
    for (const i of takenAt) {
      const m = ledger[i % Math.max(1, ledger.length)];
      if (m) existing.set(m.entryId, { entryId: m.entryId, statementId: 'earlier', lineNo: i + 1, line: { date: m.valueDate, amountFen: m.amountFen, payeeCreditCode: null, voucherNo: `old-${i}` } });
    }
    return { ledger, statement, existing };
  });

  /** The rule, checked pair by pair: the oracle the indexed matcher must agree with. */
  const fits = (l: StatementLine, m: LedgerMovement): 'voucher' | 'payee-date' | null => {
    if (l.amountFen !== m.amountFen) return null;
    if (l.voucherNo !== null && l.voucherNo === m.reference) return 'voucher';
    if (m.type === 'disbursement' && m.ownerCreditCode !== null && l.payeeCreditCode === m.ownerCreditCode && Math.abs(daysBetween(m.valueDate, l.date)) <= 3) return 'payee-date';
    return null;
  };

  it('agrees with the rule checked pair by pair: a match exactly when the line has one candidate, free, and that entry has one line', () => {
    fc.assert(fc.property(scenario, ({ ledger, statement, existing }) => {
      const result = matchStatement(statement, ledger, existing);
      for (const l of statement) {
        const candidates = ledger.filter((m) => fits(l, m) !== null);
        const only = candidates.length === 1 ? candidates[0]! : null;
        const expected = only && !existing.has(only.entryId) && statement.filter((other) => fits(other, only) !== null).length === 1
          ? { lineNo: l.lineNo, status: 'matched', entryId: only.entryId, projectId: only.projectId, how: fits(l, only) }
          : expect.objectContaining({ lineNo: l.lineNo, status: 'unmatched', candidates: candidates.map((c) => c.entryId).sort() });
        const outcome = result.lines.find((o) => o.lineNo === l.lineNo)!;
        expect(outcome.status === 'unmatched' ? { ...outcome, candidates: [...outcome.candidates].sort() } : outcome).toEqual(expected);
      }
    }), { numRuns: 800 });
  });

  it('is one to one, never chooses among candidates, and leaves its input unchanged', () => {
    fc.assert(fc.property(scenario, ({ ledger, statement, existing }) => {
      const before = structuredClone({ ledger, statement, existing: [...existing] });
      const result = matchStatement(statement, Object.freeze(ledger.map((m) => Object.freeze(m))), existing);
      expect({ ledger, statement, existing: [...existing] }).toEqual(before);
      const matched = result.lines.filter((o) => o.status === 'matched');
      expect(new Set(matched.map((o) => o.entryId)).size).toBe(matched.length);
      for (const o of matched) {
        const l = statement.find((x) => x.lineNo === o.lineNo)!;
        expect(ledger.filter((m) => fits(l, m) !== null).map((m) => m.entryId)).toEqual([o.entryId]);
        expect(existing.has(o.entryId)).toBe(false);
      }
      expect(result.matched + result.statementOnly + result.lines.filter((o) => o.status === 'unmatched' && o.reason === 'duplicate').length).toBe(statement.length);
    }), { numRuns: 800 });
  });

  it('does not depend on the order of lines or of the ledger', () => {
    fc.assert(fc.property(scenario, ({ ledger, statement, existing }) => {
      const a = matchStatement(statement, ledger, existing);
      const b = matchStatement([...statement].reverse(), [...ledger].reverse(), existing);
      const norm = (r: typeof a) => r.lines.map((o) => (o.status === 'unmatched' ? { ...o, candidates: [...o.candidates].sort() } : o)).sort((x, y) => x.lineNo - y.lineNo);
      expect(norm(b)).toEqual(norm(a));
      expect(b.ledgerOnly.map((m) => m.entryId).sort()).toEqual(a.ledgerOnly.map((m) => m.entryId).sort());
    }), { numRuns: 300 });
  });
});

describe('manual matches and undos, four-eyes', () => {
  const uploader = { sub: 'zhang', role: 'finance-officer' as const };
  const second = { sub: 'li', role: 'finance-officer' as const };
  const statement: StatementHeader = { statementId: 's1', account: 'province', uploadedBy: uploader, uploadedAt: '2026-04-01T01:00:00Z', lines: [line(1, 500, '2026-03-05', '苏财[2026]1号'), line(2, 600, '2026-03-06', null)] };
  const entry = transfer('A.3', 500, '2026-03-01', '苏财〔2026〕1号');
  const request = { lineNo: 1, entry, entryAccount: 'province', entryMatchedAt: null, reason: '凭证号括号写法不同，金额与日期核对一致' };

  it('another finance officer matches a line the rule left open; the story keeps who, when and why', () => {
    const decision = decideManualMatch(statement, [], request, second, '2026-04-02T02:00:00Z');
    expect(decision).toEqual({ ok: true, event: { kind: 'match', lineNo: 1, entryId: 'A.3', projectId: 'A', how: 'manual', reason: request.reason, by: second, at: '2026-04-02T02:00:00Z' } });
    const events: MatchEvent[] = [decision.ok ? decision.event : (undefined as never)];
    expect(currentMatches(events)).toEqual(new Map([[1, { entryId: 'A.3', projectId: 'A', how: 'manual' }]]));
    const undo = decideUndo(statement, events, 1, '核对有误', second, '2026-04-03T00:00:00Z');
    expect(undo).toMatchObject({ ok: true, event: { kind: 'undo', lineNo: 1, entryId: 'A.3', reason: '核对有误', by: second } });
    const story = [...events, undo.ok ? undo.event : (undefined as never)];
    expect(currentMatches(story).size).toBe(0);
    expect(story.map((e) => `${e.kind} ${e.lineNo} ${e.by?.sub}`)).toEqual(['match 1 li', 'undo 1 li']);
    // Matched again after the undo: the whole story stays.
    expect(decideManualMatch(statement, story, request, second, '2026-04-04T00:00:00Z').ok).toBe(true);
  });

  it.each([
    ['the uploader himself', request, uploader, 'four-eyes'],
    ['another role', request, { sub: 'wang', role: 'zone-committee' as const }, 'wrong-role'],
    ['a blank reason', { ...request, reason: '   ' }, second, 'reason-required'],
    ['a line that does not exist', { ...request, lineNo: 3 }, second, 'no-such-line'],
    ['another amount', { ...request, lineNo: 2 }, second, 'amount-mismatch'],
    ['an entry of another account', { ...request, entryAccount: 'zone:NJ-HTZ' }, second, 'account-mismatch'],
    ['an entry matched elsewhere', { ...request, entryMatchedAt: { statementId: 's0', lineNo: 4 } }, second, 'entry-already-matched'],
  ] as const)('refuses %s', (_what, req, actor, rule) => {
    expect(decideManualMatch(statement, [], req, actor, '2026-04-02T00:00:00Z')).toMatchObject({ ok: false, rule });
  });

  it('refuses to match a line matched already, and to undo a line that is not, or by the uploader', () => {
    const auto = automaticEvents([{ lineNo: 1, status: 'matched', entryId: 'A.9', projectId: 'A', how: 'voucher' }], '2026-04-01T01:00:00Z');
    expect(auto).toEqual([{ kind: 'match', lineNo: 1, entryId: 'A.9', projectId: 'A', how: 'voucher', reason: null, by: null, at: '2026-04-01T01:00:00Z' }]);
    expect(decideManualMatch(statement, auto, request, second, 'now')).toMatchObject({ ok: false, rule: 'line-already-matched' });
    expect(decideUndo(statement, auto, 2, 'x', second, 'now')).toMatchObject({ ok: false, rule: 'line-not-matched' });
    expect(decideUndo(statement, auto, 1, 'x', uploader, 'now')).toMatchObject({ ok: false, rule: 'four-eyes' });
    expect(decideUndo(statement, auto, 1, 'x', second, 'now')).toMatchObject({ ok: true, event: { entryId: 'A.9' } });
  });
});

describe('reconciliation alerts', () => {
  const m = (entryId: string, valueDate: string, account = 'zone:NJ') => ({ ...payment(entryId, 100, valueDate, null), account });
  const covered = new Map([['zone:NJ', '2026-03-31']]);

  it('unreconciled-payment: unmatched 30 days after its value date, covered by a statement; 29 days is not yet', () => {
    expect(unreconciledPayments([m('A.1', '2026-03-01')], covered, new Set(), '2026-03-30')).toBeNull();
    expect(unreconciledPayments([m('A.1', '2026-03-01')], covered, new Set(), '2026-03-31')).toEqual({ kind: 'unreconciled-payment', severity: 'warning', gapFen: 100, daysOverdue: 0, items: ['A.1'] });
  });

  it('not when matched, not after the last line date of a statement of its account, not without one', () => {
    expect(unreconciledPayments([m('A.1', '2026-03-01')], covered, new Set(['A.1']), '2026-06-01')).toBeNull();
    expect(unreconciledPayments([m('A.2', '2026-04-01')], covered, new Set(), '2026-06-01')).toBeNull();
    expect(unreconciledPayments([m('A.3', '2026-03-01', 'province')], covered, new Set(), '2026-06-01')).toBeNull();
    expect(unreconciledPayments([m('A.1', '2026-03-01'), m('A.4', '2026-03-31')], covered, new Set(), '2026-07-01')).toEqual({ kind: 'unreconciled-payment', severity: 'critical', gapFen: 200, daysOverdue: 92, items: ['A.1', 'A.4'] });
  });

  it('unrecorded-payment: lines matched to nothing, a duplicate of a line matched elsewhere not counted', () => {
    const lines = [
      { statementId: 's', line: line(1, 300, '2026-03-05', null), matched: false, duplicate: false },
      { statementId: 's', line: line(2, 400, '2026-03-06', null), matched: true, duplicate: false },
      { statementId: 's', line: line(3, 500, '2026-03-07', null), matched: false, duplicate: true },
    ];
    expect(unrecordedPayments(lines, '2026-03-10')).toEqual({ kind: 'unrecorded-payment', severity: 'warning', gapFen: 300, daysOverdue: 5, items: ['s#1'] });
    expect(unrecordedPayments(lines.slice(1), '2026-03-10')).toBeNull();
  });
});
