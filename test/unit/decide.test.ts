/**
 * Example-based tests of `decide` (one per rule id: the boundary accepted, one fen / one day past
 * it rejected), using the worked examples of shared/RULES.md, plus the alert conditions and the
 * schedule status. Expected numbers are computed here from the rules, not read from the code.
 */
import { makeCreditCode } from '../../domain/credit-code';
import { addDays } from '../../domain/dates';
import { seedPrograms } from '../../domain/programs/seed';
import type { Program } from '../../domain/programs/program';
import type { Command, DecideContext } from '../../domain/project/commands';
import { decide } from '../../domain/project/decide';
import { evolve } from '../../domain/project/evolve';
import type { Decision, RuleViolation } from '../../domain/project/outcome';
import { balances, limits, type ClusterUsage } from '../../domain/project/position';
import { scheduleStatus } from '../../domain/project/schedule';
import type { Actor, ProjectState, Registration, Tranche } from '../../domain/project/types';
import { disbursementAtRisk, disbursementLag, matchOverdue, nextAttentionOn } from '../../domain/alerts/conditions';

const YUAN = 100;
const Y = (yuan: number): number => Math.round(yuan * YUAN); // yuan → fen (test literals only)
const NOW = '2026-01-01T00:00:00.000Z'; // 2026-01-01 08:00 in China

const FO: Actor = { sub: 'fo-alice', role: 'finance-officer' };
const FO2: Actor = { sub: 'fo-bob', role: 'finance-officer' };
const ZC: Actor = { sub: 'zc-carol', role: 'zone-committee' };
const ZC2: Actor = { sub: 'zc-dave', role: 'zone-committee' };

const program = (code: string): Program => {
  const p = seedPrograms.find((x) => x.code === code);
  if (!p) throw new Error(code);
  return p;
};
const P2021 = program('JS-2021-CLUSTER');
const P2023 = program('JS-2023-C');
const PNJ = program('NJ-CITY-CLUSTER');

let serial = 0;
const creditCode = () => makeCreditCode(`91320500MA${String(++serial).padStart(7, '0')}`);

function usage(p: Program, over: Partial<ClusterUsage> = {}): ClusterUsage {
  return { clusterId: `CL-${p.code}`, programCode: p.code, zoneId: 'SZ-SIP', provinceAllocatedFen: 0, zoneAllocatedFen: 0, projectCount: 0, ...over };
}

/** Two tranches per funder, half each, due inside the period. */
function halves(provinceFen: number, zoneFen: number, dues = ['2021-09-30', '2022-06-30', '2021-10-31', '2022-07-31']): Tranche[] {
  const t: Tranche[] = [];
  if (provinceFen > 0) {
    const a = Math.floor(provinceFen / 2);
    t.push({ trancheId: 'P1', funder: 'province', dueOn: dues[0]!, amountFen: a }, { trancheId: 'P2', funder: 'province', dueOn: dues[1]!, amountFen: provinceFen - a });
  }
  if (zoneFen > 0) {
    const a = Math.floor(zoneFen / 2);
    t.push({ trancheId: 'Z1', funder: 'zone', dueOn: dues[2]!, amountFen: a }, { trancheId: 'Z2', funder: 'zone', dueOn: dues[3]!, amountFen: zoneFen - a });
  }
  return t;
}

interface RegOpts {
  program?: Program;
  newInvestmentYuan?: number;
  provinceFen?: number;
  zoneFen?: number;
  insideZone?: boolean;
  signedOn?: string;
  startsOn?: string;
  endsOn?: string;
  schedule?: Tranche[];
}

/** Defaults: RULES.md's 2021 worked example (new investment 24,000,000 yuan, 4,000,000 + 4,000,000). */
function registration(o: RegOpts = {}): Registration {
  const p = o.program ?? P2021;
  const provinceFen = o.provinceFen ?? Y(4_000_000);
  const zoneFen = o.zoneFen ?? provinceFen;
  return {
    projectId: 'PRJ',
    programCode: p.code,
    clusterId: `CL-${p.code}`,
    zoneId: 'SZ-SIP',
    insideZone: o.insideZone ?? true,
    title: '纳米材料中试',
    owner: { name: '苏州某纳米科技有限公司', creditCode: creditCode() },
    newInvestmentFen: Y(o.newInvestmentYuan ?? 24_000_000),
    contract: {
      signedOn: o.signedOn ?? '2021-06-01',
      startsOn: o.startsOn ?? '2021-07-01',
      endsOn: o.endsOn ?? '2024-12-31',
      provinceGrantFen: provinceFen,
      zoneGrantFen: zoneFen,
    },
    schedule: o.schedule ?? halves(provinceFen, zoneFen),
  };
}

function registerDecision(reg: Registration, ctx: Partial<DecideContext> = {}): Decision {
  const p = seedPrograms.find((x) => x.code === reg.programCode) ?? P2021;
  return decide(null, { kind: 'register', registration: reg }, { actor: FO, now: NOW, cluster: usage(p), program: p, enterpriseProjectCount: 0, ...ctx });
}

function register(o: RegOpts = {}, ctx: Partial<DecideContext> = {}): ProjectState {
  const d = registerDecision(registration(o), ctx);
  if (!d.ok) throw new Error(`registration rejected: ${JSON.stringify(d)}`);
  return evolve(null, d.entry);
}

const run = (state: ProjectState, cmd: Command, actor: Actor, cluster?: ClusterUsage, now = NOW): Decision =>
  decide(state, cmd, { actor, now, cluster: cluster ?? usage(seedPrograms.find((p) => p.code === state.registration.programCode)!) });

/** Applies a command that must be accepted; returns the new state and the new entry's id. */
function ok(state: ProjectState, cmd: Command, actor: Actor, cluster?: ClusterUsage, now = NOW): [ProjectState, string] {
  const d = run(state, cmd, actor, cluster, now);
  if (!d.ok) throw new Error(`${cmd.kind} rejected: ${JSON.stringify(d)}`);
  return [evolve(state, d.entry), d.entry.entryId];
}

function rejected(d: Decision): RuleViolation {
  if (d.ok || !('violation' in d)) throw new Error(`expected a rule violation, got ${JSON.stringify(d)}`);
  return d.violation;
}

const allocate = (amountFen: number, valueDate = '2021-07-01'): Command => ({ kind: 'allocate', amountFen, valueDate, reference: 'SKJ-2021-001' });
const confirm = (allocationEntryId: string | null, amountFen: number, valueDate = '2021-07-05'): Command => ({ kind: 'confirm-match', allocationEntryId, amountFen, valueDate, reference: 'GXQ-2021-001' });
const disburse = (funder: 'province' | 'zone', amountFen: number, paidOn = '2021-08-01', trancheId: string | null = null): Command => ({ kind: 'disburse', funder, amountFen, paidOn, reference: 'PAY', trancheId });
const reverse = (entryId: string): Command => ({ kind: 'reverse', entryId, reason: 'posted in error' });

// =============================================================================================
describe('registration', () => {
  it('accepts the 2021 worked example and derives its caps: joint ≤ min(10,000,000, 24,000,000 / 3) = 8,000,000 yuan', () => {
    const s = register();
    expect(s.version).toBe(1);
    const byRule = Object.fromEntries(limits(s).map((l) => [`${l.rule}/${l.funder}`, l.limitFen]));
    expect(byRule).toEqual({
      'joint-per-project/joint': Y(10_000_000),
      'joint-share-of-new-investment/joint': Y(8_000_000),
      'contract-grant/province': Y(4_000_000),
      'contract-grant/zone': Y(4_000_000),
    });
    expect(limits(s, usage(P2021))).toContainEqual(expect.objectContaining({ rule: 'province-per-cluster', limitFen: Y(30_000_000), usedFen: 0 }));
  });

  it('2021: a joint grant one fen per funder over one third of new investment breaks joint-share-of-new-investment', () => {
    const v = rejected(registerDecision(registration({ provinceFen: Y(4_000_000) + 1, zoneFen: Y(4_000_000) + 1 })));
    expect(v).toMatchObject({ rule: 'joint-share-of-new-investment', limitFen: Y(8_000_000), usedFen: 0, attemptedFen: Y(8_000_000) + 2 });
  });

  it('2021: joint grant 10,000,000 yuan accepted, one fen more each breaks joint-per-project (new investment large enough)', () => {
    expect(registerDecision(registration({ newInvestmentYuan: 60_000_000, provinceFen: Y(5_000_000) })).ok).toBe(true);
    const v = rejected(registerDecision(registration({ newInvestmentYuan: 60_000_000, provinceFen: Y(5_000_000) + 1 })));
    expect(v).toMatchObject({ rule: 'joint-per-project', limitFen: Y(10_000_000), attemptedFen: Y(10_000_000) + 2 });
  });

  it('2021: zone grant must equal the province grant (exact 1:1) inside the zone', () => {
    const v = rejected(registerDecision(registration({ provinceFen: Y(3_000_000), zoneFen: Y(3_000_000) + 1 })));
    expect(v).toMatchObject({ rule: 'match-ratio', attemptedFen: Y(3_000_000) + 1 });
    expect(rejected(registerDecision(registration({ provinceFen: Y(3_000_000), zoneFen: Y(3_000_000) - 1 }))).rule).toBe('match-ratio');
  });

  it('2023: zone grant below the province grant breaks match-ratio (at least 1:1); equal or above is fine', () => {
    const base = { program: P2023, newInvestmentYuan: 45_000_000, signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-12-31' };
    const dues = ['2023-09-30', '2024-03-31', '2023-10-31', '2024-04-30'];
    const mk = (p: number, z: number) => registration({ ...base, provinceFen: p, zoneFen: z, schedule: halves(p, z, dues) });
    expect(rejected(registerDecision(mk(Y(6_000_000), Y(6_000_000) - 1))).rule).toBe('match-ratio');
    expect(registerDecision(mk(Y(6_000_000), Y(6_000_000))).ok).toBe(true);
    expect(registerDecision(mk(Y(6_000_000), Y(9_000_000))).ok).toBe(true);
  });

  it('outside the zone: province-only adjustment support; any zone grant breaks match-ratio', () => {
    const outside = { insideZone: false, provinceFen: Y(8_000_000), zoneFen: 0 };
    expect(registerDecision(registration(outside)).ok).toBe(true);
    const v = rejected(registerDecision(registration({ ...outside, provinceFen: Y(7_000_000), zoneFen: 1 })));
    expect(v).toMatchObject({ rule: 'match-ratio', limitFen: 0, attemptedFen: 1 });
    // ... and the province alone is still held to one third of new investment.
    expect(rejected(registerDecision(registration({ ...outside, provinceFen: Y(8_000_000) + 1 }))).rule).toBe('joint-share-of-new-investment');
  });

  it('2023: province grant 6,000,000 yuan accepted, one fen more breaks province-per-project', () => {
    const base = { program: P2023, newInvestmentYuan: 45_000_000, signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-12-31' };
    const dues = ['2023-09-30', '2024-03-31', '2023-10-31', '2024-04-30'];
    const v = rejected(registerDecision(registration({ ...base, provinceFen: Y(6_000_000) + 1, zoneFen: Y(6_000_000) + 1, schedule: halves(Y(6_000_000) + 1, Y(6_000_000) + 1, dues) })));
    expect(v).toMatchObject({ rule: 'province-per-project', limitFen: Y(6_000_000), usedFen: 0, attemptedFen: Y(6_000_000) + 1 });
  });

  it('schedule-mismatch: the tranches of each funder must add up to its grant exactly', () => {
    const sched = halves(Y(4_000_000), Y(4_000_000));
    const short = sched.map((t) => (t.trancheId === 'Z2' ? { ...t, amountFen: t.amountFen - 1 } : t));
    expect(rejected(registerDecision(registration({ schedule: short })))).toMatchObject({ rule: 'schedule-mismatch', limitFen: Y(4_000_000), attemptedFen: Y(4_000_000) - 1 });
    const long = sched.map((t) => (t.trancheId === 'P1' ? { ...t, amountFen: t.amountFen + 1 } : t));
    expect(rejected(registerDecision(registration({ schedule: long }))).rule).toBe('schedule-mismatch');
  });

  describe('implementation-period (3.5 years = 42 months; Nanjing 3 years)', () => {
    const base = { program: P2023, newInvestmentYuan: 45_000_000, provinceFen: Y(6_000_000), zoneFen: Y(6_000_000), signedOn: '2023-06-01', startsOn: '2023-07-01' };
    const dues = ['2023-09-30', '2024-03-31', '2023-10-31', '2024-04-30'];
    const mk = (o: RegOpts) => registration({ ...base, schedule: halves(Y(6_000_000), Y(6_000_000), dues), ...o });

    it('2023-07-01..2026-12-31 is exactly 42 months and accepted; ending 2027-01-01 is one day too long', () => {
      expect(registerDecision(mk({ endsOn: '2026-12-31' })).ok).toBe(true);
      expect(rejected(registerDecision(mk({ endsOn: '2027-01-01' }))).rule).toBe('implementation-period');
    });

    it('Nanjing: 2023-07-01..2026-06-30 (36 months) accepted, 2026-07-01 rejected', () => {
      const nj = (endsOn: string) => registration({ program: PNJ, provinceFen: Y(1_000_000), zoneFen: Y(500_000), signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn, schedule: halves(Y(1_000_000), Y(500_000), dues) });
      expect(registerDecision(nj('2026-06-30')).ok).toBe(true);
      expect(rejected(registerDecision(nj('2026-07-01'))).rule).toBe('implementation-period');
    });

    it('the period cannot start before signing nor end before it starts', () => {
      expect(registerDecision(mk({ signedOn: '2023-07-01', endsOn: '2026-12-31' })).ok).toBe(true);
      expect(rejected(registerDecision(mk({ signedOn: '2023-07-02', endsOn: '2026-12-31', schedule: halves(Y(6_000_000), Y(6_000_000), ['2023-09-30', '2024-03-31', '2023-10-31', '2024-04-30']) }))).rule).toBe('implementation-period');
      expect(rejected(registerDecision(mk({ endsOn: '2023-06-30' }))).rule).toBe('implementation-period');
    });

    it('tranches must fall due within signedOn..endsOn (boundaries included)', () => {
      const edge = ['2023-06-01', '2026-12-31', '2023-06-01', '2026-12-31'];
      expect(registerDecision(mk({ endsOn: '2026-12-31', schedule: halves(Y(6_000_000), Y(6_000_000), edge) })).ok).toBe(true);
      const before = ['2023-05-31', '2026-12-31', '2023-06-01', '2026-12-31'];
      expect(rejected(registerDecision(mk({ endsOn: '2026-12-31', schedule: halves(Y(6_000_000), Y(6_000_000), before) }))).rule).toBe('implementation-period');
      const after = ['2023-06-01', '2026-12-31', '2023-06-01', '2027-01-01'];
      expect(rejected(registerDecision(mk({ endsOn: '2026-12-31', schedule: halves(Y(6_000_000), Y(6_000_000), after) }))).rule).toBe('implementation-period');
    });
  });

  it('enterprise-quota: one cluster project per enterprise under 2021 and 2023; Nanjing has no such quota', () => {
    expect(registerDecision(registration(), { enterpriseProjectCount: 0 }).ok).toBe(true);
    expect(rejected(registerDecision(registration(), { enterpriseProjectCount: 1 })).rule).toBe('enterprise-quota');
    const r2023 = registration({ program: P2023, newInvestmentYuan: 45_000_000, provinceFen: Y(6_000_000), signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-12-31', schedule: halves(Y(6_000_000), Y(6_000_000), ['2023-09-30', '2024-03-31', '2023-10-31', '2024-04-30']) });
    expect(rejected(registerDecision(r2023, { enterpriseProjectCount: 1 })).rule).toBe('enterprise-quota');
    const nj = registration({ program: PNJ, provinceFen: Y(1_000_000), zoneFen: 0, endsOn: '2024-06-30' });
    expect(registerDecision(nj, { enterpriseProjectCount: 5, cluster: usage(PNJ, { projectCount: 40 }) }).ok).toBe(true);
  });

  it('cluster-quota: at most 8 projects per 2021 cluster (the 8th accepted, a 9th rejected)', () => {
    expect(registerDecision(registration(), { cluster: usage(P2021, { projectCount: 7 }) }).ok).toBe(true);
    expect(rejected(registerDecision(registration(), { cluster: usage(P2021, { projectCount: 8 }) })).rule).toBe('cluster-quota');
  });

  it('cluster-mismatch: unknown cluster, a cluster of another program, or of another zone', () => {
    expect(rejected(registerDecision(registration(), { cluster: null })).rule).toBe('cluster-mismatch');
    expect(rejected(registerDecision(registration(), { cluster: usage(P2021, { programCode: 'JS-2023-C' }) })).rule).toBe('cluster-mismatch');
    expect(rejected(registerDecision(registration(), { cluster: usage(P2021, { zoneId: 'NJ-HTZ' }) })).rule).toBe('cluster-mismatch');
  });

  it('rejects registering twice and an invalid credit code (as invalid input, not a rule)', () => {
    const s = register();
    const again = decide(s, { kind: 'register', registration: registration() }, { actor: FO, now: NOW, cluster: usage(P2021), program: P2021 });
    expect(again).toMatchObject({ ok: false, invalid: [{ path: 'projectId' }] });
    const reg = registration();
    const bad = { ...reg, owner: { ...reg.owner, creditCode: reg.owner.creditCode.slice(0, 17) + (reg.owner.creditCode.endsWith('0') ? '1' : '0') } };
    expect(registerDecision(bad)).toMatchObject({ ok: false, invalid: [{ path: 'owner.creditCode' }] });
  });
});

// =============================================================================================
describe('allocation caps (checked in the order province-per-project, joint-per-project, joint-share, province-per-cluster, contract-grant)', () => {
  it('2021 worked example: province can allocate at most 4,000,000 yuan; 4,000,000.01 breaks joint-share-of-new-investment first', () => {
    const s = register();
    const d = run(s, allocate(Y(4_000_000)), FO);
    expect(d.ok && d.entry).toMatchObject({ type: 'allocation', funder: 'province', amountFen: Y(4_000_000), status: 'pending-match' });
    // 4,000,000.01 + its 1:1 match = 8,000,000.02 > 8,000,000: the contract grant (4,000,000) is also
    // exceeded, but joint-share-of-new-investment is checked before contract-grant.
    expect(rejected(run(s, allocate(Y(4_000_000) + 1), FO))).toEqual(expect.objectContaining({
      rule: 'joint-share-of-new-investment', limitFen: Y(8_000_000), usedFen: 0, attemptedFen: Y(8_000_000) + 2,
    }));
  });

  it('pending allocations count against the caps: after 4,000,000 pending, one more fen is refused', () => {
    const [s] = ok(register(), allocate(Y(4_000_000)), FO);
    expect(balances(s).zone.pendingFen).toBe(Y(4_000_000));
    expect(rejected(run(s, allocate(1), FO))).toMatchObject({ rule: 'joint-share-of-new-investment', limitFen: Y(8_000_000), usedFen: Y(8_000_000), attemptedFen: 2 });
  });

  it('2021 joint-per-project: 10,000,000 yuan joint accepted, one more province fen rejected', () => {
    const s = register({ newInvestmentYuan: 60_000_000, provinceFen: Y(5_000_000) });
    expect(run(s, allocate(Y(5_000_000)), FO).ok).toBe(true);
    expect(rejected(run(s, allocate(Y(5_000_000) + 1), FO))).toMatchObject({ rule: 'joint-per-project', limitFen: Y(10_000_000), usedFen: 0, attemptedFen: Y(10_000_000) + 2 });
  });

  it('2021 province-per-cluster: with 27,000,000 yuan used by other projects, 3,000,000 fits and 3,000,000.01 does not', () => {
    const s = register({ newInvestmentYuan: 60_000_000, provinceFen: Y(5_000_000) });
    const cl = usage(P2021, { provinceAllocatedFen: Y(27_000_000), zoneAllocatedFen: Y(27_000_000) });
    expect(run(s, allocate(Y(3_000_000)), FO, cl).ok).toBe(true);
    expect(rejected(run(s, allocate(Y(3_000_000) + 1), FO, cl))).toMatchObject({ rule: 'province-per-cluster', limitFen: Y(30_000_000), usedFen: Y(27_000_000), attemptedFen: Y(3_000_000) + 1 });
  });

  it('contract-grant: 2021 grant 2,000,000 under looser caps; Nanjing (no caps) grant 1,000,000', () => {
    const s = register({ newInvestmentYuan: 60_000_000, provinceFen: Y(2_000_000) });
    expect(run(s, allocate(Y(2_000_000)), FO).ok).toBe(true);
    expect(rejected(run(s, allocate(Y(2_000_000) + 1), FO))).toMatchObject({ rule: 'contract-grant', limitFen: Y(2_000_000), usedFen: 0, attemptedFen: Y(2_000_000) + 1 });

    const nj = register({ program: PNJ, provinceFen: Y(1_000_000), zoneFen: Y(3_000_000), endsOn: '2024-06-30' });
    const d = run(nj, allocate(Y(1_000_000)), FO);
    expect(d.ok && d.entry.status).toBe('confirmed'); // no match rule: confirmed at once
    expect(rejected(run(nj, allocate(Y(1_000_000) + 1), FO))).toMatchObject({ rule: 'contract-grant', limitFen: Y(1_000_000), attemptedFen: Y(1_000_000) + 1 });
  });

  it('2023 worked example: province ≤ 6,000,000 yuan per project (province-per-project fires before contract-grant)', () => {
    const s = register2023(Y(9_000_000));
    expect(run(s, allocate(Y(6_000_000), '2023-07-01'), FO).ok).toBe(true);
    expect(rejected(run(s, allocate(Y(6_000_000) + 1, '2023-07-01'), FO))).toMatchObject({ rule: 'province-per-project', limitFen: Y(6_000_000), usedFen: 0, attemptedFen: Y(6_000_000) + 1 });
  });

  it('contract-grant of the zone: the match an allocation requires must fit in what is left of the zone grant', () => {
    // 2023, grants 3,000,000 + 4,000,000; 2,000,000 matched with 3,500,000 leaves 500,000 of zone grant.
    const s0 = register({ program: P2023, newInvestmentYuan: 45_000_000, provinceFen: Y(3_000_000), zoneFen: Y(4_000_000), signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-12-31', schedule: halves(Y(3_000_000), Y(4_000_000), ['2023-09-30', '2024-03-31', '2023-10-31', '2024-04-30']) });
    const [s1, a1] = ok(s0, allocate(Y(2_000_000), '2023-07-01'), FO);
    const [s2] = ok(s1, confirm(a1, Y(3_500_000), '2023-07-10'), ZC);
    expect(run(s2, allocate(Y(500_000), '2023-08-01'), FO).ok).toBe(true);
    expect(rejected(run(s2, allocate(Y(500_000) + 1, '2023-08-01'), FO))).toMatchObject({ rule: 'contract-grant', limitFen: Y(4_000_000), usedFen: Y(3_500_000), attemptedFen: Y(500_000) + 1 });
  });

  it('match-ratio on allocation: under an exact 1:2 program only amounts whose match is whole fen are accepted', () => {
    const halfMatch: Program = { ...P2021, code: 'TEST-EXACT-1-2', match: { kind: 'exact', zone: 1, province: 2 } };
    const reg = { ...registration({ newInvestmentYuan: 60_000_000, provinceFen: Y(2_000_000), zoneFen: Y(1_000_000) }), programCode: halfMatch.code, clusterId: `CL-${halfMatch.code}` };
    const d = decide(null, { kind: 'register', registration: reg }, { actor: FO, now: NOW, cluster: usage(halfMatch), program: halfMatch, enterpriseProjectCount: 0 });
    if (!d.ok) throw new Error(JSON.stringify(d));
    const s = evolve(null, d.entry);
    const cl = usage(halfMatch);
    expect(rejected(run(s, allocate(101), FO, cl)).rule).toBe('match-ratio');
    const [s1, a] = ok(s, allocate(102), FO, cl);
    expect(balances(s1).zone.pendingFen).toBe(51);
    expect(rejected(run(s1, confirm(a, 52), ZC, cl)).rule).toBe('match-ratio');
    expect(run(s1, confirm(a, 51), ZC, cl).ok).toBe(true);
  });

  it('implementation-period: value dates signedOn and endsOn accepted, one day outside rejected', () => {
    const s = register({ provinceFen: Y(1_000_000) });
    expect(run(s, allocate(Y(100), '2021-06-01'), FO).ok).toBe(true);
    expect(run(s, allocate(Y(100), '2024-12-31'), FO).ok).toBe(true);
    expect(rejected(run(s, allocate(Y(100), '2021-05-31'), FO)).rule).toBe('implementation-period');
    expect(rejected(run(s, allocate(Y(100), '2025-01-01'), FO)).rule).toBe('implementation-period');
  });
});

function register2023(zoneFen: number, provinceFen = Y(6_000_000)): ProjectState {
  return register({
    program: P2023, newInvestmentYuan: 45_000_000, provinceFen, zoneFen, signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-12-31',
    schedule: halves(provinceFen, zoneFen, ['2023-09-30', '2024-03-31', '2023-10-31', '2024-04-30']),
  });
}

// =============================================================================================
describe('match confirmation', () => {
  it('2021 exact 1:1: 4,000,000 confirms a 4,000,000 allocation; one fen less or more breaks match-ratio', () => {
    const [s, a] = ok(register(), allocate(Y(4_000_000)), FO);
    expect(rejected(run(s, confirm(a, Y(4_000_000) - 1), ZC))).toMatchObject({ rule: 'match-ratio', limitFen: Y(4_000_000), attemptedFen: Y(4_000_000) - 1 });
    expect(rejected(run(s, confirm(a, Y(4_000_000) + 1), ZC)).rule).toBe('match-ratio');
    const [s2] = ok(s, confirm(a, Y(4_000_000)), ZC);
    expect(balances(s2)).toEqual({
      province: { allocatedFen: Y(4_000_000), pendingFen: 0, confirmedFen: Y(4_000_000), disbursedFen: 0 },
      zone: { allocatedFen: Y(4_000_000), pendingFen: 0, confirmedFen: Y(4_000_000), disbursedFen: 0 },
    });
  });

  describe('2023 worked example: a 6,000,000 province allocation needs 6,000,000..9,000,000 from the zone', () => {
    const [s, a] = ok(register2023(Y(9_000_000)), allocate(Y(6_000_000), '2023-07-01'), FO);

    it('5,999,999.99 breaks match-ratio', () => {
      expect(rejected(run(s, confirm(a, Y(6_000_000) - 1, '2023-07-10'), ZC))).toMatchObject({ rule: 'match-ratio', limitFen: Y(6_000_000), attemptedFen: Y(6_000_000) - 1 });
    });
    it('6,000,000 and 9,000,000 are accepted', () => {
      expect(run(s, confirm(a, Y(6_000_000), '2023-07-10'), ZC).ok).toBe(true);
      const d = run(s, confirm(a, Y(9_000_000), '2023-07-10'), ZC);
      expect(d.ok).toBe(true);
      if (d.ok) expect(balances(evolve(s, d.entry)).zone.confirmedFen).toBe(Y(9_000_000));
    });
    it('9,000,000.01 breaks joint-share-of-new-investment (6,000,000 + 9,000,000.01 > 45,000,000 / 3), checked before the zone grant', () => {
      // Accepting 9,000,000 needs a zone grant ≥ 9,000,000, and one third of 45,000,000 caps it at
      // 9,000,000: so the joint share is the limit that the extra fen hits first.
      expect(rejected(run(s, confirm(a, Y(9_000_000) + 1, '2023-07-10'), ZC))).toMatchObject({
        rule: 'joint-share-of-new-investment', limitFen: Y(15_000_000), usedFen: Y(6_000_000), attemptedFen: Y(9_000_000) + 1,
      });
    });
    it('with a zone grant of 8,000,000, 8,000,000 is accepted and 8,000,000.01 breaks contract-grant (joint 14,000,000.01 is within the share)', () => {
      const [s8, a8] = ok(register2023(Y(8_000_000)), allocate(Y(6_000_000), '2023-07-01'), FO);
      expect(run(s8, confirm(a8, Y(8_000_000), '2023-07-10'), ZC).ok).toBe(true);
      expect(rejected(run(s8, confirm(a8, Y(8_000_000) + 1, '2023-07-10'), ZC))).toMatchObject({ rule: 'contract-grant', limitFen: Y(8_000_000), usedFen: 0, attemptedFen: Y(8_000_000) + 1 });
    });
  });

  it('match-not-pending: unknown allocation, a non-allocation entry, a confirmed or voided allocation, or none named', () => {
    const s0 = register();
    const [s1, a] = ok(s0, allocate(Y(1_000_000)), FO);
    expect(rejected(run(s1, confirm('PRJ.99', Y(1_000_000)), ZC)).rule).toBe('match-not-pending');
    expect(rejected(run(s1, confirm('PRJ.1', Y(1_000_000)), ZC)).rule).toBe('match-not-pending'); // the registration
    expect(rejected(run(s1, confirm(null, Y(1_000_000)), ZC)).rule).toBe('match-not-pending'); // must name an allocation
    const [s2, c] = ok(s1, confirm(a, Y(1_000_000)), ZC);
    expect(rejected(run(s2, confirm(a, Y(1_000_000)), ZC)).rule).toBe('match-not-pending'); // already confirmed
    expect(rejected(run(s2, confirm(c, Y(1_000_000)), ZC)).rule).toBe('match-not-pending'); // a confirmation
    const [s3, b] = ok(s2, allocate(Y(1_000_000)), FO);
    const [s4] = ok(s3, reverse(b), FO2);
    expect(rejected(run(s4, confirm(b, Y(1_000_000)), ZC)).rule).toBe('match-not-pending'); // voided
  });

  it('outside the zone an allocation is confirmed at once and there is nothing to match', () => {
    const s = register({ insideZone: false, provinceFen: Y(8_000_000), zoneFen: 0 });
    const [s1, a] = ok(s, allocate(Y(8_000_000)), FO);
    expect(balances(s1).province).toEqual({ allocatedFen: Y(8_000_000), pendingFen: 0, confirmedFen: Y(8_000_000), disbursedFen: 0 });
    expect(balances(s1).zone.pendingFen).toBe(0);
    expect(rejected(run(s1, confirm(a, Y(8_000_000)), ZC)).rule).toBe('match-not-pending');
  });

  it('Nanjing (no match rule): the zone may confirm its own money without naming an allocation, up to its grant', () => {
    const s = register({ program: PNJ, provinceFen: Y(1_000_000), zoneFen: Y(3_000_000), endsOn: '2024-06-30' });
    expect(run(s, confirm(null, Y(3_000_000)), ZC).ok).toBe(true);
    expect(rejected(run(s, confirm(null, Y(3_000_000) + 1), ZC))).toMatchObject({ rule: 'contract-grant', limitFen: Y(3_000_000), attemptedFen: Y(3_000_000) + 1 });
  });

  it('value date: not before the allocation (invalid), not after endsOn (implementation-period)', () => {
    const [s, a] = ok(register(), allocate(Y(1_000_000), '2024-12-01'), FO);
    expect(run(s, confirm(a, Y(1_000_000), '2024-11-30'), ZC)).toMatchObject({ ok: false, invalid: [{ path: 'valueDate' }] });
    expect(run(s, confirm(a, Y(1_000_000), '2024-12-31'), ZC).ok).toBe(true);
    expect(rejected(run(s, confirm(a, Y(1_000_000), '2025-01-01'), ZC)).rule).toBe('implementation-period');
  });
});

// =============================================================================================
describe('disbursement', () => {
  const confirmed = (): ProjectState => {
    const [s1, a] = ok(register(), allocate(Y(4_000_000)), FO);
    return ok(s1, confirm(a, Y(4_000_000)), ZC)[0];
  };

  it('insufficient-confirmed-funds: pending money cannot be paid', () => {
    const [s] = ok(register(), allocate(Y(4_000_000)), FO);
    expect(rejected(run(s, disburse('province', 1), FO))).toMatchObject({ rule: 'insufficient-confirmed-funds', limitFen: 0, usedFen: 0, attemptedFen: 1 });
  });

  it('insufficient-confirmed-funds: paying exactly what is confirmed is fine, one fen more is not', () => {
    const s = confirmed();
    expect(rejected(run(s, disburse('province', Y(4_000_000) + 1), FO))).toMatchObject({ rule: 'insufficient-confirmed-funds', limitFen: Y(4_000_000), usedFen: 0, attemptedFen: Y(4_000_000) + 1 });
    const [s1] = ok(s, disburse('province', Y(2_500_000)), FO);
    const [s2] = ok(s1, disburse('province', Y(1_500_000)), FO);
    expect(rejected(run(s2, disburse('province', 1), FO))).toMatchObject({ rule: 'insufficient-confirmed-funds', limitFen: Y(4_000_000), usedFen: Y(4_000_000), attemptedFen: 1 });
    // each funder separately: the zone still has all its confirmed money
    expect(run(s2, disburse('zone', Y(4_000_000)), ZC).ok).toBe(true);
  });

  it('schedule-mismatch: a tranche id must be one of that funder', () => {
    const s = confirmed();
    expect(run(s, disburse('province', Y(100), '2021-08-01', 'P1'), FO).ok).toBe(true);
    expect(rejected(run(s, disburse('province', Y(100), '2021-08-01', 'Z1'), FO)).rule).toBe('schedule-mismatch');
    expect(rejected(run(s, disburse('province', Y(100), '2021-08-01', 'P9'), FO)).rule).toBe('schedule-mismatch');
  });

  it('implementation-period and today: paidOn within the contract and not in the future (China time)', () => {
    const s = confirmed();
    expect(run(s, disburse('province', Y(100), '2021-06-01'), FO).ok).toBe(true);
    expect(run(s, disburse('province', Y(100), '2024-12-31'), FO).ok).toBe(true);
    expect(rejected(run(s, disburse('province', Y(100), '2021-05-31'), FO)).rule).toBe('implementation-period');
    expect(rejected(run(s, disburse('province', Y(100), '2025-01-01'), FO)).rule).toBe('implementation-period');
    // 2022-03-01T16:00Z is already 2022-03-02 in China: paying on the 2nd is fine, on the 3rd is not.
    expect(run(s, disburse('province', Y(100), '2022-03-02'), FO, undefined, '2022-03-01T16:00:00.000Z').ok).toBe(true);
    expect(run(s, disburse('province', Y(100), '2022-03-03'), FO, undefined, '2022-03-01T16:00:00.000Z')).toMatchObject({ ok: false, invalid: [{ path: 'paidOn' }] });
  });
});

// =============================================================================================
describe('reversal', () => {
  it('four-eyes: the poster may not reverse their own entry; a colleague may', () => {
    const [s, a] = ok(register(), allocate(Y(1_000_000)), FO);
    expect(rejected(run(s, reverse(a), FO)).rule).toBe('four-eyes');
    const d = run(s, reverse(a), FO2);
    expect(d.ok && d.entry).toMatchObject({ type: 'reversal', refersTo: a, funder: 'province', amountFen: Y(1_000_000), valueDate: '2026-01-01' });
  });

  it('a pending allocation reversed is void: its money and its required match no longer count', () => {
    const [s, a] = ok(register(), allocate(Y(4_000_000)), FO);
    const [s2] = ok(s, reverse(a), FO2);
    expect(balances(s2).province.allocatedFen).toBe(0);
    expect(balances(s2).zone.allocatedFen).toBe(0);
    expect(run(s2, allocate(Y(4_000_000)), FO).ok).toBe(true);
  });

  it('reversal-not-allowed: of a reversal, twice, of the registration, of an unknown entry', () => {
    const [s, a] = ok(register(), allocate(Y(1_000_000)), FO);
    const [s2, r] = ok(s, reverse(a), FO2);
    expect(rejected(run(s2, reverse(r), FO)).rule).toBe('reversal-not-allowed');
    expect(rejected(run(s2, reverse(a), ZC2)).rule).toBe('reversal-not-allowed');
    expect(rejected(run(s2, reverse('PRJ.1'), FO2)).rule).toBe('reversal-not-allowed');
    expect(rejected(run(s2, reverse('PRJ.42'), FO2)).rule).toBe('reversal-not-allowed');
  });

  it('reversal-not-allowed: a confirmed allocation whose money was disbursed, until the disbursement is reversed', () => {
    const [s1, a] = ok(register(), allocate(Y(4_000_000)), FO);
    const [s2, c] = ok(s1, confirm(a, Y(4_000_000)), ZC);
    const [s3, p] = ok(s2, disburse('zone', 1), ZC);
    // Reversing the allocation also unconfirms its match: the 1 fen the zone paid would exceed zero.
    expect(rejected(run(s3, reverse(a), FO2)).rule).toBe('reversal-not-allowed');
    // A match confirmation is undone through its allocation, never directly.
    expect(rejected(run(s3, reverse(c), ZC2)).rule).toBe('reversal-not-allowed');
    const [s4] = ok(s3, reverse(p), ZC2);
    const [s5] = ok(s4, reverse(a), FO2);
    expect(balances(s5)).toEqual({
      province: { allocatedFen: 0, pendingFen: 0, confirmedFen: 0, disbursedFen: 0 },
      zone: { allocatedFen: 0, pendingFen: 0, confirmedFen: 0, disbursedFen: 0 },
    });
    expect(s5.records[c]).toMatchObject({ kind: 'match-confirmation', reversed: true });
    expect(s5.records[a]).toMatchObject({ kind: 'allocation', status: 'reversed' });
  });

  it('a disbursement reversal returns the money to what may be paid', () => {
    const [s1, a] = ok(register(), allocate(Y(4_000_000)), FO);
    const [s2] = ok(s1, confirm(a, Y(4_000_000)), ZC);
    const [s3, p] = ok(s2, disburse('province', Y(4_000_000)), FO);
    expect(rejected(run(s3, disburse('province', 1), FO)).rule).toBe('insufficient-confirmed-funds');
    const [s4] = ok(s3, reverse(p), FO2);
    expect(balances(s4).province.disbursedFen).toBe(0);
    expect(run(s4, disburse('province', Y(4_000_000)), FO).ok).toBe(true);
  });
});

// =============================================================================================
// Alerts and schedule. Project: 2021 worked example; province tranches P1 2,000,000 due 2021-09-30,
// P2 2,000,000 due 2022-06-30; zone Z1 due 2021-10-31, Z2 due 2022-07-31. graceDays 30,
// matchDeadlineDays 30 (2021 program).

/** 4,000,000 allocated on 2021-07-01 and confirmed 2021-07-05, then the given province payments. */
function withPayments(payments: [number, string][], confirmIt = true): ProjectState {
  let [s, a] = ok(register(), allocate(Y(4_000_000)), FO);
  if (confirmIt) [s] = ok(s, confirm(a, Y(4_000_000)), ZC);
  for (const [fen, paidOn] of payments) [s] = ok(s, disburse('province', fen, paidOn), FO);
  return s;
}

describe('disbursementLag', () => {
  it('grace: dueOn + 30 days is not late, dueOn + 31 is', () => {
    const s = withPayments([]);
    expect(disbursementLag(s, 'province', addDays('2021-09-30', 30))).toBeNull();
    expect(disbursementLag(s, 'province', addDays('2021-09-30', 31))).toEqual({
      kind: 'disbursement-lag', funder: 'province', trancheId: 'P1', gapFen: Y(2_000_000), daysOverdue: 31,
      // nothing paid of P1: the gap is exactly half the 4,000,000 grant → critical
      severity: 'critical',
    });
  });

  it('gap one fen under half the grant is a warning', () => {
    const s = withPayments([[1, '2021-09-01']]);
    expect(disbursementLag(s, 'province', '2021-10-31')).toMatchObject({ gapFen: Y(2_000_000) - 1, severity: 'warning', daysOverdue: 31 });
  });

  it('partial payment: the gap is what is missing of the late tranches', () => {
    const s = withPayments([[Y(1_500_000), '2021-09-30']]);
    expect(disbursementLag(s, 'province', '2021-10-31')).toMatchObject({ trancheId: 'P1', gapFen: Y(500_000), daysOverdue: 31, severity: 'warning' });
  });

  it('severity: 90 days overdue is a warning, 91 is critical', () => {
    const s = withPayments([[Y(1_500_000), '2021-09-30']]);
    expect(disbursementLag(s, 'province', addDays('2021-09-30', 90))).toMatchObject({ daysOverdue: 90, severity: 'warning', gapFen: Y(500_000) });
    expect(disbursementLag(s, 'province', addDays('2021-09-30', 91))).toMatchObject({ daysOverdue: 91, severity: 'critical', gapFen: Y(500_000) });
  });

  it('payments with paidOn after D do not count as of D', () => {
    const s = withPayments([[Y(2_000_000), '2021-11-15']]);
    expect(disbursementLag(s, 'province', '2021-11-14')).toMatchObject({ gapFen: Y(2_000_000), daysOverdue: 45 });
    expect(disbursementLag(s, 'province', '2021-11-15')).toBeNull();
  });

  it('an over-payment of an early tranche covers the next one (tranches covered in dueOn order)', () => {
    // 3,000,000 paid early: P1 (2,000,000) in full and 1,000,000 of P2.
    const s = withPayments([[Y(3_000_000), '2021-09-01']]);
    expect(disbursementLag(s, 'province', '2022-07-30')).toBeNull(); // P2 due 2022-06-30 + 30 days
    expect(disbursementLag(s, 'province', '2022-07-31')).toMatchObject({ trancheId: 'P2', gapFen: Y(1_000_000), daysOverdue: 31, severity: 'warning' });
  });

  it('reversed payments do not count', () => {
    let s = withPayments([[Y(2_000_000), '2021-09-01']]);
    expect(disbursementLag(s, 'province', '2021-10-31')).toBeNull();
    const pay = Object.entries(s.records).find(([, r]) => r.kind === 'disbursement')![0];
    [s] = ok(s, reverse(pay), FO2);
    expect(disbursementLag(s, 'province', '2021-10-31')).toMatchObject({ gapFen: Y(2_000_000) });
  });
});

describe('scheduleStatus', () => {
  const statusOf = (s: ProjectState, d: string) => Object.fromEntries(scheduleStatus(s, d).map((t) => [t.trancheId, [t.status, t.paidFen]]));

  it('upcoming → due → overdue around the grace boundary', () => {
    const s = withPayments([]);
    expect(statusOf(s, '2021-09-29').P1).toEqual(['upcoming', 0]);
    expect(statusOf(s, '2021-09-30').P1).toEqual(['due', 0]);
    expect(statusOf(s, '2021-10-30').P1).toEqual(['due', 0]);
    expect(statusOf(s, '2021-10-31').P1).toEqual(['overdue', 0]);
  });

  it('partial within grace, overdue after; over-payment spills into the next tranche', () => {
    const partial = withPayments([[Y(500_000), '2021-09-15']]);
    expect(statusOf(partial, '2021-10-30').P1).toEqual(['partial', Y(500_000)]);
    expect(statusOf(partial, '2021-10-31').P1).toEqual(['overdue', Y(500_000)]);
    const over = withPayments([[Y(3_000_000), '2021-09-01']]);
    expect(statusOf(over, '2022-07-31')).toMatchObject({ P1: ['paid', Y(2_000_000)], P2: ['overdue', Y(1_000_000)], Z1: ['overdue', 0], Z2: ['due', 0] }); // Z2 falls due that very day
    expect(statusOf(over, '2022-07-30')).toMatchObject({ P1: ['paid', Y(2_000_000)], P2: ['partial', Y(1_000_000)] });
    // a payment recorded later does not count before its paidOn
    expect(statusOf(over, '2021-08-31')).toMatchObject({ P1: ['upcoming', 0], P2: ['upcoming', 0] });
  });
});

describe('matchOverdue', () => {
  it('30 days after the value date is not overdue, 31 is (matchDeadlineDays 30)', () => {
    const [s] = ok(register(), allocate(Y(4_000_000), '2021-07-01'), FO);
    expect(matchOverdue(s, '2021-07-31')).toBeNull();
    expect(matchOverdue(s, '2021-08-01')).toEqual({ kind: 'match-overdue', funder: 'zone', trancheId: null, severity: 'warning', gapFen: Y(4_000_000), daysOverdue: 1 });
    expect(matchOverdue(s, addDays('2021-07-01', 120))).toMatchObject({ daysOverdue: 90, severity: 'warning' });
    expect(matchOverdue(s, addDays('2021-07-01', 121))).toMatchObject({ daysOverdue: 91, severity: 'critical' });
  });

  it('a confirmed allocation is never overdue', () => {
    expect(matchOverdue(withPayments([]), '2022-01-01')).toBeNull();
  });
});

describe('disbursementAtRisk', () => {
  it('window: dueOn = D + 14 is in, D + 15 is not; dueOn = D is in, dueOn = D − 1 is not', () => {
    // Allocation still pending: nothing confirmed, P1 (2,000,000) owed.
    const s = withPayments([], false);
    expect(disbursementAtRisk(s, 'province', '2021-09-15')).toBeNull(); // P1 at D + 15
    expect(disbursementAtRisk(s, 'province', '2021-09-16')).toEqual({ kind: 'disbursement-at-risk', funder: 'province', trancheId: 'P1', severity: 'warning', gapFen: Y(2_000_000), daysOverdue: 0 });
    expect(disbursementAtRisk(s, 'province', '2021-09-30')).toMatchObject({ trancheId: 'P1' });
    expect(disbursementAtRisk(s, 'province', '2021-10-01')).toBeNull();
  });

  it('no risk when confirmed-but-undisbursed money covers what is owed through the tranche', () => {
    expect(disbursementAtRisk(withPayments([]), 'province', '2021-09-20')).toBeNull();
  });

  it('the gap is what is owed through the tranche minus what is available', () => {
    // 1,500,000 allocated and confirmed, 500,000 paid: 1,000,000 available; P1 owes 1,500,000.
    let [s, a] = ok(register(), allocate(Y(1_500_000)), FO);
    [s] = ok(s, confirm(a, Y(1_500_000)), ZC);
    [s] = ok(s, disburse('province', Y(500_000), '2021-09-01'), FO);
    expect(disbursementAtRisk(s, 'province', '2021-09-20')).toMatchObject({ trancheId: 'P1', gapFen: Y(500_000) });
  });
});

describe('nextAttentionOn', () => {
  it('the earliest trigger: here the match deadline passing (valueDate + 31), then the next one', () => {
    const [s] = ok(register(), allocate(Y(4_000_000), '2021-07-01'), FO);
    // candidates: match 2021-08-01; P1 window 2021-09-16, grace end 2021-10-31; Z1 window 2021-10-17 …
    expect(nextAttentionOn(s, null, [])).toBe('2021-08-01');
    expect(nextAttentionOn(s, '2021-06-15', [])).toBe('2021-08-01');
    // after a sweep for the deadline day itself, only later triggers count
    expect(nextAttentionOn(s, '2021-08-01', [])).toBe('2021-09-16');
  });

  it('an open alert brings the project back the day after it was last seen', () => {
    const [s] = ok(register(), allocate(Y(4_000_000), '2021-07-01'), FO);
    expect(nextAttentionOn(s, '2021-06-15', [{ lastSeenOn: '2021-06-15' }])).toBe('2021-06-16');
  });

  it('at write time a trigger already in the past is returned as is, so the next sweep sees it', () => {
    const [s] = ok(register(), allocate(Y(4_000_000), '2021-07-01'), FO);
    expect(nextAttentionOn(s, null, [])).toBe('2021-08-01');
  });

  it('confirmed and nothing owed soon: the opening of the first at-risk window', () => {
    expect(nextAttentionOn(withPayments([]), '2021-07-10', [])).toBe('2021-09-16');
  });

  it('null when everything is paid and nothing is pending', () => {
    let s = withPayments([[Y(4_000_000), '2021-09-01']]);
    [s] = ok(s, disburse('zone', Y(4_000_000), '2021-09-01'), ZC);
    expect(nextAttentionOn(s, '2021-09-02', [])).toBeNull();
    expect(nextAttentionOn(s, null, [])).toBeNull();
  });
});
