/** The indicator aggregate: its number, creation, carry-over (结转) and lapse, by the contract's rules. */
import {
  decideCarryOver, decideCreate, decideLapse, fiscalYearEnded, indicatorNoProblem, indicatorView, newIndicator, remainingFen,
  type Indicator, type IndicatorBody, type IndicatorOutcome,
} from '../../../domain/budget/indicator';

const BODY: IndicatorBody = { indicatorNo: '苏财教〔2026〕3号', fiscalYear: 2026, programCode: 'JS-2023-C', amountFen: 50_000_000_00, issuedOn: '2026-01-20', reference: '年初预算' };
const TODAY = '2026-03-01';

function ok<T>(o: IndicatorOutcome<T>): T {
  if (!o.ok) throw new Error(`expected acceptance, got ${JSON.stringify(o)}`);
  return o;
}
function rule(o: IndicatorOutcome<unknown>): string {
  if (o.ok || !('violation' in o)) throw new Error(`expected a rule violation, got ${JSON.stringify(o)}`);
  return o.violation.rule;
}
function paths(o: IndicatorOutcome<unknown>): string[] {
  if (o.ok || !('invalid' in o)) throw new Error(`expected invalid input, got ${JSON.stringify(o)}`);
  return o.invalid.map((i) => i.path);
}
const isConflict = (o: IndicatorOutcome<unknown>) => !o.ok && 'conflict' in o;

const indicator = (over: Partial<Indicator> = {}): Indicator => ({ ...newIndicator(BODY), ...over });

describe('indicatorNo', () => {
  it('takes 1 to 100 characters, counted as characters (〔 is one), not bytes or UTF-16 units', () => {
    expect(indicatorNoProblem('1')).toBeNull();
    expect(indicatorNoProblem('苏'.repeat(100))).toBeNull();
    expect(indicatorNoProblem('𠀀'.repeat(100))).toBeNull(); // 200 UTF-16 units, 100 characters
    expect(indicatorNoProblem('苏'.repeat(101))).toMatch(/1 to 100/);
    expect(indicatorNoProblem('')).toMatch(/1 to 100/);
    expect(indicatorNoProblem(3)).toMatch(/string/);
  });

  it.each([
    ['/', '/'], ['\\', '\\'], ['?', '?'], ['#', '#'], ['%', '%'], ['NUL', '\u0000'], ['a newline', '\n'], ['DEL', '\u007f'], ['NEL (C1)', '\u0085'],
    ['a bidi override', '\u202e'], ['a zero-width space', '\u200b'], ['a line separator', '\u2028'], ['a private-use character', '\ue000'], ['a lone surrogate', '\ud800'],
  ])('refuses %s anywhere in it', (_name, c) => {
    expect(indicatorNoProblem(`苏财${c}教`)).not.toBeNull();
  });

  it('refuses white space at either end, keeps it inside', () => {
    expect(indicatorNoProblem(' 苏财教3号')).toMatch(/white space/);
    expect(indicatorNoProblem('苏财教3号 ')).toMatch(/white space/);
    expect(indicatorNoProblem('苏财教 3号')).toBeNull();
    expect(indicatorNoProblem('Su-Cai [2026] No.3 (a|b) + «x» & y')).toBeNull();
  });
});

describe('create', () => {
  it('creates an open indicator with nothing allocated', () => {
    const o = ok(decideCreate(BODY, { existing: null, programKnown: true, today: TODAY }));
    expect(o.created).toBe(true);
    expect(indicatorView(o.indicator)).toEqual({
      indicatorNo: BODY.indicatorNo, fiscalYear: 2026, programCode: 'JS-2023-C', amountFen: 50_000_000_00, allocatedFen: 0, remainingFen: 50_000_000_00,
      transferredFen: 0, paidFen: 0, status: 'open', issuedOn: '2026-01-20', reference: '年初预算', closedOn: null, closeReference: null,
    });
  });

  it('the same body again is the same indicator, as it stands now; another body is a conflict', () => {
    const stored = indicator({ allocatedFen: 7 });
    const again = ok(decideCreate(BODY, { existing: stored, programKnown: true, today: TODAY }));
    expect(again).toEqual({ ok: true, created: false, indicator: stored });
    const { reference: _r, ...noReference } = BODY;
    expect(isConflict(decideCreate(noReference, { existing: stored, programKnown: true, today: TODAY }))).toBe(true);
    expect(isConflict(decideCreate({ ...BODY, amountFen: BODY.amountFen + 1 }, { existing: stored, programKnown: true, today: TODAY }))).toBe(true);
    expect(isConflict(decideCreate({ ...BODY, fiscalYear: 2025 }, { existing: stored, programKnown: true, today: TODAY }))).toBe(true);
    // A body without reference repeats an indicator stored without one.
    const bare = newIndicator(noReference);
    expect(ok(decideCreate({ ...noReference, reference: null }, { existing: bare, programKnown: true, today: TODAY })).created).toBe(false);
  });

  it('names every bad field; an unknown program is a bad field', () => {
    const o = decideCreate({ indicatorNo: 'a/b', fiscalYear: 1989, programCode: 'NOPE', amountFen: 0, issuedOn: '2026-02-30' }, { existing: null, programKnown: false, today: TODAY });
    expect(paths(o).sort()).toEqual(['amountFen', 'fiscalYear', 'indicatorNo', 'issuedOn', 'programCode']);
    expect(paths(decideCreate({ ...BODY, fiscalYear: 2200 }, { existing: null, programKnown: true, today: TODAY }))).toEqual(['fiscalYear']);
    expect(paths(decideCreate({ ...BODY, amountFen: 1.5 }, { existing: null, programKnown: true, today: TODAY }))).toEqual(['amountFen']);
    expect(ok(decideCreate({ ...BODY, fiscalYear: 2199, amountFen: 1 }, { existing: null, programKnown: true, today: TODAY })).created).toBe(true);
  });

  it('takes any fiscal year, ended ones included; issuedOn is a day that has happened', () => {
    expect(ok(decideCreate({ ...BODY, fiscalYear: 2019, issuedOn: '2019-02-01' }, { existing: null, programKnown: true, today: TODAY })).created).toBe(true);
    expect(ok(decideCreate({ ...BODY, fiscalYear: 2027, issuedOn: TODAY }, { existing: null, programKnown: true, today: TODAY })).created).toBe(true);
    expect(paths(decideCreate({ ...BODY, issuedOn: '2026-03-02' }, { existing: null, programKnown: true, today: TODAY }))).toEqual(['issuedOn']);
  });
});

describe('carry-over', () => {
  const old = indicator({ allocatedFen: 30_000_000_00 });
  const body = { indicatorNo: '苏财教〔2027〕1号', reference: '结转文件' };

  it('is refused while its fiscal year is open in China time, to its last day', () => {
    expect(fiscalYearEnded(2026, '2026-12-31')).toBe(false);
    expect(fiscalYearEnded(2026, '2027-01-01')).toBe(true);
    expect(rule(decideCarryOver(old, body, { target: null, today: '2026-12-31' }))).toBe('fiscal-year-open');
    expect(rule(decideLapse(old, { reference: 'x' }, '2026-12-31'))).toBe('fiscal-year-open');
  });

  it('from the next day creates next year\'s indicator with the rest and closes the old one', () => {
    const o = ok(decideCarryOver(old, body, { target: null, today: '2027-01-01' }));
    expect(o.repeated).toBe(false);
    expect(o.closed).toEqual({ ...old, status: 'carried-over', carriedTo: body.indicatorNo, closedOn: '2027-01-01', closeReference: '结转文件' });
    expect(o.created).toEqual({
      ...newIndicator({ indicatorNo: body.indicatorNo, fiscalYear: 2027, programCode: 'JS-2023-C', amountFen: 20_000_000_00, issuedOn: '2027-01-01', reference: '结转文件' }),
      carriedFrom: BODY.indicatorNo,
    });
    expect(indicatorView(o.closed)).toMatchObject({ status: 'carried-over', carriedTo: body.indicatorNo, remainingFen: 20_000_000_00 });
    expect(indicatorView(o.created)).toMatchObject({ carriedFrom: BODY.indicatorNo, amountFen: 20_000_000_00, remainingFen: 20_000_000_00 });
    expect(indicatorView(o.created)).not.toHaveProperty('carriedTo');
  });

  it('carries once: a carried indicator cannot be carried again, and is lapsed instead', () => {
    const carried = ok(decideCarryOver(old, body, { target: null, today: '2027-01-01' })).created;
    expect(rule(decideCarryOver(carried, { indicatorNo: 'X2028', reference: 'r' }, { target: null, today: '2028-01-01' }))).toBe('carry-over-limit');
    const lapsed = ok(decideLapse({ ...carried, allocatedFen: 5 }, { reference: '收回' }, '2028-01-01')).lapsed;
    expect(lapsed).toMatchObject({ status: 'lapsed', lapsedFen: 20_000_000_00 - 5, closedOn: '2028-01-01', closeReference: '收回' });
  });

  it('the same request again answers the same pair; another on a closed indicator is indicator-closed', () => {
    const first = ok(decideCarryOver(old, body, { target: null, today: '2027-01-01' }));
    const again = ok(decideCarryOver(first.closed, body, { target: first.created, today: '2027-01-05' }));
    expect(again).toEqual({ ok: true, repeated: true, closed: first.closed, created: first.created });
    expect(rule(decideCarryOver(first.closed, { ...body, reference: 'other' }, { target: first.created, today: '2027-01-05' }))).toBe('indicator-closed');
    expect(rule(decideCarryOver(first.closed, { indicatorNo: 'other', reference: '结转文件' }, { target: null, today: '2027-01-05' }))).toBe('indicator-closed');
    const lapsed = ok(decideLapse(old, { reference: '收回' }, '2027-01-01')).lapsed;
    expect(rule(decideCarryOver(lapsed, body, { target: null, today: '2027-01-02' }))).toBe('indicator-closed');
    expect(rule(decideLapse(first.closed, { reference: '收回' }, '2027-01-02'))).toBe('indicator-closed');
  });

  it('a number already taken is a conflict; its own number or a bad one is bad input', () => {
    expect(isConflict(decideCarryOver(old, body, { target: indicator({ indicatorNo: body.indicatorNo }), today: '2027-01-01' }))).toBe(true);
    expect(paths(decideCarryOver(old, { indicatorNo: BODY.indicatorNo, reference: 'r' }, { target: old, today: '2027-01-01' }))).toEqual(['indicatorNo']);
    expect(paths(decideCarryOver(old, { indicatorNo: 'a%b', reference: 'r' }, { target: null, today: '2027-01-01' }))).toEqual(['indicatorNo']);
    expect(paths(decideCarryOver({ ...old, fiscalYear: 2199 }, body, { target: null, today: '2200-01-01' }))).toEqual(['indicatorNo']);
  });

  it('with nothing left there is nothing to carry: carry-over-limit, one fen left is carried', () => {
    const full = indicator({ allocatedFen: BODY.amountFen });
    const v = decideCarryOver(full, body, { target: null, today: '2027-01-01' });
    expect(rule(v)).toBe('carry-over-limit');
    expect(ok(decideCarryOver(indicator({ allocatedFen: BODY.amountFen - 1 }), body, { target: null, today: '2027-01-01' })).created.amountFen).toBe(1);
  });
});

describe('lapse', () => {
  it('turns the rest into lapsedFen; the same request again repeats; another is indicator-closed', () => {
    const i = indicator({ allocatedFen: 1 });
    const first = ok(decideLapse(i, { reference: '收回文件' }, '2027-02-01'));
    expect(first).toEqual({ ok: true, repeated: false, lapsed: { ...i, status: 'lapsed', lapsedFen: BODY.amountFen - 1, closedOn: '2027-02-01', closeReference: '收回文件' } });
    expect(remainingFen(first.lapsed)).toBe(BODY.amountFen - 1);
    expect(indicatorView(first.lapsed)).toMatchObject({ status: 'lapsed', lapsedFen: BODY.amountFen - 1 });
    expect(ok(decideLapse(first.lapsed, { reference: '收回文件' }, '2027-03-01'))).toEqual({ ok: true, repeated: true, lapsed: first.lapsed });
    expect(rule(decideLapse(first.lapsed, { reference: '另一文件' }, '2027-03-01'))).toBe('indicator-closed');
  });

  it('a fully allocated indicator lapses with nothing', () => {
    expect(ok(decideLapse(indicator({ allocatedFen: BODY.amountFen }), { reference: 'r' }, '2027-01-01')).lapsed.lapsedFen).toBe(0);
  });
});
