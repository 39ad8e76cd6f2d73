/** The rules a province allocation meets under budgetControl, each refused once and its boundary accepted. */
import { indicatorViolation } from '../../../domain/budget/control';
import { newIndicator, type Indicator } from '../../../domain/budget/indicator';
import { normalizeProgram } from '../../../domain/programs/program';
import { seedPrograms } from '../../../domain/programs/seed';

const controlled = { code: 'JS-2023-C', budgetControl: true };
const free = { code: 'JS-2023-C', budgetControl: false };
const open = (over: Partial<Indicator> = {}): Indicator => ({
  ...newIndicator({ indicatorNo: '苏财教〔2026〕3号', fiscalYear: 2026, programCode: 'JS-2023-C', amountFen: 1_000_000, issuedOn: '2026-01-10' }),
  allocatedFen: 400_000,
  ...over,
});
const alloc = (amountFen: number, over: { valueDate?: string; indicatorNo?: string | null } = {}) => ({ amountFen, valueDate: '2026-05-01', indicatorNo: '苏财教〔2026〕3号', ...over });

describe('budgetControl', () => {
  it('is a program setting, false unless set: older program bodies stay valid and keep their digest', () => {
    const { budgetControl: _b, ...older } = seedPrograms[1]!;
    expect(normalizeProgram(older).budgetControl).toBe(false);
    expect(normalizeProgram({ ...older, budgetControl: true }).budgetControl).toBe(true);
  });

  it('off: an allocation naming no indicator is not checked', () => {
    expect(indicatorViolation(free, null, alloc(5, { indicatorNo: null }))).toBeNull();
    expect(indicatorViolation(free, null, { amountFen: 5, valueDate: '2026-05-01' })).toBeNull();
  });

  it('off: an allocation that names one still draws on it, under the same rules', () => {
    expect(indicatorViolation(free, open(), alloc(600_001))).toMatchObject({ rule: 'budget-indicator-exceeded' });
    expect(indicatorViolation(free, open(), alloc(600_000))).toBeNull();
  });
});

describe('indicatorViolation', () => {
  it('indicator-required: on, no indicator named', () => {
    expect(indicatorViolation(controlled, null, alloc(5, { indicatorNo: null }))).toMatchObject({ rule: 'indicator-required', attemptedFen: 5 });
    expect(indicatorViolation(controlled, null, { amountFen: 5, valueDate: '2026-05-01' })).toMatchObject({ rule: 'indicator-required' });
  });

  it('indicator-mismatch: unknown, of another program, or of another year than the value date', () => {
    expect(indicatorViolation(controlled, null, alloc(5))).toMatchObject({ rule: 'indicator-mismatch' });
    expect(indicatorViolation(controlled, open({ indicatorNo: 'other' }), alloc(5))).toMatchObject({ rule: 'indicator-mismatch' });
    expect(indicatorViolation(controlled, open({ programCode: 'JS-2021-CLUSTER' }), alloc(5))).toMatchObject({ rule: 'indicator-mismatch' });
    expect(indicatorViolation(controlled, open(), alloc(5, { valueDate: '2025-12-31' }))).toMatchObject({ rule: 'indicator-mismatch' });
    expect(indicatorViolation(controlled, open(), alloc(5, { valueDate: '2027-01-01' }))).toMatchObject({ rule: 'indicator-mismatch' });
    // Its first and last days are its year.
    expect(indicatorViolation(controlled, open(), alloc(5, { valueDate: '2026-01-01' }))).toBeNull();
    expect(indicatorViolation(controlled, open(), alloc(5, { valueDate: '2026-12-31' }))).toBeNull();
  });

  it('indicator-closed: carried over or lapsed, even with money left', () => {
    expect(indicatorViolation(controlled, open({ status: 'carried-over', carriedTo: 'X', closedOn: '2027-01-02' }), alloc(5))).toMatchObject({ rule: 'indicator-closed', limitFen: 1_000_000, usedFen: 400_000, attemptedFen: 5 });
    expect(indicatorViolation(controlled, open({ status: 'lapsed', lapsedFen: 600_000, closedOn: '2027-01-02' }), alloc(5))).toMatchObject({ rule: 'indicator-closed' });
  });

  it('budget-indicator-exceeded: one fen past remainingFen, with the indicator\'s amount, its allocated money and the attempt', () => {
    expect(indicatorViolation(controlled, open(), alloc(600_001))).toEqual({
      rule: 'budget-indicator-exceeded',
      detail: expect.stringContaining('苏财教〔2026〕3号'),
      limitFen: 1_000_000,
      usedFen: 400_000,
      attemptedFen: 600_001,
    });
    expect(indicatorViolation(controlled, open(), alloc(600_000))).toBeNull();
    expect(indicatorViolation(controlled, open({ allocatedFen: 1_000_000 }), alloc(1))).toMatchObject({ rule: 'budget-indicator-exceeded', usedFen: 1_000_000 });
  });

  it('checks in the contract\'s order: a mismatch before a closed indicator before the amount', () => {
    expect(indicatorViolation(controlled, open({ status: 'lapsed', programCode: 'P' }), alloc(9_999_999))).toMatchObject({ rule: 'indicator-mismatch' });
    expect(indicatorViolation(controlled, open({ status: 'lapsed' }), alloc(9_999_999))).toMatchObject({ rule: 'indicator-closed' });
  });
});
