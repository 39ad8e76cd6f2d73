/**
 * Properties of a project's ledger over random sequences of every command, checked step by step
 * against a small reference model written here from shared/API.md, shared/RULES.md and the
 * implementation choices of the domain redesign (not from the domain code):
 *
 * - the model predicts whether each command is accepted and, if not, which rules it may break
 *   (the domain must name one of them), and the balances, status and contract afterwards;
 * - invariants on the domain's own state: no cap exceeded; paid province ≤ transferred ≤ confirmed
 *   inside the zone; paid ≤ confirmed; recovered ≤ paid; the match rule on confirmed money;
 * - a rejected command changes nothing; rebuild(entries) equals the state after every step;
 * - the hash chain verifies and tampering is found at the right seq;
 * - lifecycle: nothing committed or passed on after closure, status moves forward only (but hold/release).
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { canonicalJson } from '../../domain/canonical-json';
import { makeCreditCode } from '../../domain/credit-code';
import { addDays, addMonths, compareDates } from '../../domain/dates';
import type { CapField, MatchRule, Program } from '../../domain/programs/program';
import { entryHash, sealEntry, verifyChain } from '../../domain/project/chain';
import type { Command, DecideContext, ReversalTarget } from '../../domain/project/commands';
import { decide, decideOnCurrentBooks } from '../../domain/project/decide';
import type { Decision } from '../../domain/project/outcome';
import { balances, limits, type ClusterUsage } from '../../domain/project/position';
import { evolve } from '../../domain/project/evolve';
import { rebuild, rebuildAsOf } from '../../domain/project/rebuild';
import { alertsAfterWrite } from '../../domain/alerts/after-write';
import { evaluate } from '../../domain/alerts/conditions';
import { reconcile } from '../../domain/alerts/reconcile';
import type { Actor, AdjustmentChange, Entry, Funder, ProjectState, ProjectStatus, RecoveryDue, Registration, Role, Tranche } from '../../domain/project/types';

// PROPERTY_RUNS=n runs more sequences; PROPERTY_SEED=<the seed a failure printed> replays that run.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
if (process.env.PROPERTY_SEED) fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED) });
const TODAY = '2030-01-01';
const NOW = '2030-01-01T04:00:00.000Z';

// Cheap assertions for the inner loop (jest's matchers cost more than the domain itself).
function same(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
function holds(condition: boolean, what: string, detail?: unknown): void {
  if (!condition) throw new Error(`${what}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
}
function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}

// ---------------------------------------------------------------------------------------------
// Programs with small caps (fen), so that random amounts reach them.

function program(code: string, year: number, match: MatchRule, caps: Partial<Program['caps']>, over: Partial<Program> = {}): Program {
  return {
    code,
    name: code,
    basis: 'test',
    year,
    match,
    caps: { provincePerProjectFen: null, jointPerProjectFen: null, jointShareOfNewInvestment: null, provincePerClusterFen: null, zonePerClusterFen: null, inPrinciple: [], ...caps },
    implementationMonths: 42,
    matchDeadlineDays: 30,
    graceDays: 30,
    quotas: { projectsPerEnterprise: null, projectsPerCluster: null, clustersPerZone: 1 },
    outsideZoneCountsInClusterCap: true,
    onwardPaymentDays: 30,
    maxExtensionMonths: 12,
    acceptanceApplicationDays: 90,
    funderNames: { province: '省级', zone: '高新区' },
    evidenceRequired: [],
    evidenceGraceDays: 15,
    budgetControl: false,
    ...over,
  };
}

const PROGRAMS: Program[] = [
  // 2021-like: exactly 1:1, joint per project (in principle), one third, cluster envelope per funder.
  program('PT-EXACT', 2021, { kind: 'exact', zone: 1, province: 1 }, {
    jointPerProjectFen: 1000, jointShareOfNewInvestment: { numerator: 1, denominator: 3 }, provincePerClusterFen: 1500, zonePerClusterFen: 1500, inPrinciple: ['jointPerProjectFen'],
  }),
  // 2023-like: at least 1:1, province per project (in principle), one third.
  program('PT-ATLEAST', 2023, { kind: 'at-least', zone: 1, province: 1 }, {
    provincePerProjectFen: 600, jointShareOfNewInvestment: { numerator: 1, denominator: 3 }, inPrinciple: ['provincePerProjectFen'],
  }),
  // At least 3:2 (zone ≥ 1.5 × province), one half, outside-zone province money not in the cluster cap.
  program('PT-ATLEAST-3-2', 2022, { kind: 'at-least', zone: 3, province: 2 }, {
    provincePerProjectFen: 500, jointPerProjectFen: 2000, jointShareOfNewInvestment: { numerator: 1, denominator: 2 }, provincePerClusterFen: 1200, zonePerClusterFen: 2000,
    inPrinciple: ['provincePerProjectFen', 'jointPerProjectFen'],
  }, { outsideZoneCountsInClusterCap: false }),
  // Nanjing-like: no match rule, no caps, 36 months.
  program('PT-NONE', 2023, { kind: 'none' }, {}, { implementationMonths: 36 }),
];

const CAP_RULES: Record<CapField, string> = {
  provincePerProjectFen: 'province-per-project',
  jointPerProjectFen: 'joint-per-project',
  jointShareOfNewInvestment: 'joint-share-of-new-investment',
  provincePerClusterFen: 'province-per-cluster',
  zonePerClusterFen: 'zone-per-cluster',
};

// ---------------------------------------------------------------------------------------------
// Arithmetic of the match rule zone : province = z : p

const ratioOf = (m: MatchRule) => (m.kind === 'none' ? { z: 1, p: 1 } : { z: m.zone, p: m.province });
const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);
/** Least zone money matching province money P: ⌈P·z/p⌉. */
const zoneFor = (m: MatchRule, provinceFen: number) => ceilDiv(provinceFen * ratioOf(m).z, ratioOf(m).p);
function matchHolds(m: MatchRule, zoneFen: number, provinceFen: number): boolean {
  if (m.kind === 'none') return true;
  const l = zoneFen * m.province;
  const r = provinceFen * m.zone;
  return m.kind === 'exact' ? l === r : l >= r;
}

// ---------------------------------------------------------------------------------------------
// The project's contract

interface Setup {
  program: Program;
  registration: Registration;
  others: { provinceFen: number; zoneFen: number };
}

function tranches(funder: Funder, amountFen: number, dues: [string, string]): Tranche[] {
  const prefix = funder === 'province' ? 'P' : 'Z';
  if (amountFen === 0) return [];
  if (amountFen === 1) return [{ trancheId: `${prefix}1`, funder, dueOn: dues[0], amountFen }];
  const a = Math.floor(amountFen / 2);
  return [{ trancheId: `${prefix}1`, funder, dueOn: dues[0], amountFen: a }, { trancheId: `${prefix}2`, funder, dueOn: dues[1], amountFen: amountFen - a }];
}

function scheduleFor(year: number, provinceFen: number, zoneFen: number): Tranche[] {
  return [
    ...tranches('province', provinceFen, [`${year}-06-30`, `${year + 1}-06-30`]),
    ...tranches('zone', zoneFen, [`${year}-07-31`, `${year + 1}-07-31`]),
  ];
}

const setupArb: fc.Arbitrary<Setup> = fc
  .record({
    programIndex: fc.integer({ min: 0, max: PROGRAMS.length - 1 }),
    inside: fc.constantFrom(true, true, true, false),
    provinceFen: fc.integer({ min: 1, max: 400 }),
    extraZone: fc.integer({ min: 0, max: 100 }),
    noneZone: fc.integer({ min: 0, max: 400 }),
    slack: fc.integer({ min: 0, max: 300 }),
    othersProvince: fc.integer({ min: 0, max: 1500 }),
    othersZone: fc.integer({ min: 0, max: 2000 }),
  })
  .map((r) => {
    const p = PROGRAMS[r.programIndex]!;
    const m = p.match;
    const provinceFen = r.provinceFen;
    const zoneFen = !r.inside ? 0 : m.kind === 'none' ? r.noneZone : m.kind === 'exact' ? (provinceFen * m.zone) / m.province : zoneFor(m, provinceFen) + r.extraZone;
    const share = p.caps.jointShareOfNewInvestment;
    const joint = provinceFen + zoneFen;
    const newInvestmentFen = (share ? ceilDiv(joint * share.denominator, share.numerator) : joint) + r.slack;
    const startsOn = `${p.year}-04-01`;
    const registration: Registration = {
      projectId: 'PX',
      programCode: p.code,
      clusterId: `CL-${p.code}`,
      zoneId: 'SZ-SIP',
      insideZone: r.inside,
      title: '性质测试',
      owner: { name: '测试有限公司', creditCode: makeCreditCode('91320500MA1000001') },
      newInvestmentFen,
      contract: { signedOn: `${p.year}-03-01`, startsOn, endsOn: addDays(addMonths(startsOn, p.implementationMonths), -1), provinceGrantFen: provinceFen, zoneGrantFen: zoneFen },
      schedule: scheduleFor(p.year, provinceFen, zoneFen),
    };
    return {
      program: p,
      registration,
      others: {
        provinceFen: Math.min(r.othersProvince, p.caps.provincePerClusterFen ?? r.othersProvince),
        zoneFen: Math.min(r.othersZone, p.caps.zonePerClusterFen ?? r.othersZone),
      },
    };
  });

// ---------------------------------------------------------------------------------------------
// Commands, symbolic: amounts, dates and references are resolved against the model when run.

type DateSlot = 'ys-1' | 'ys' | 's-1' | 's' | 'd' | 'a' | 'l-1' | 'l' | 'e' | 'e+1' | 't' | 't+1';
interface When { slot: DateSlot; offset: number }
/** An amount: absolute, or eighths of the room the model sees for that command, plus -1..1. */
type Amount = { abs: number } | { eighths: number; delta: number };
type Sub = 'alice' | 'bob';

type Spec =
  | { k: 'allocate'; amount: Amount; when: When; sub: Sub }
  | { k: 'confirm'; ref: number | null; amount: Amount; when: When; sub: Sub }
  | { k: 'transfer'; amount: Amount; when: When; sub: Sub }
  | { k: 'pay'; funder: Funder; amount: Amount; when: When; tranche: 'none' | 'own' | 'other'; sub: Sub }
  | { k: 'recover'; funder: Funder; amount: Amount; when: When; sub: Sub }
  | { k: 'decommit'; province: Amount | null; zone: Amount | null; when: When; sub: Sub }
  | { k: 'reverse'; ref: number; sub: Sub }
  | { k: 'propose-exception'; rule: number; delta: number; sub: Sub }
  | { k: 'approve-exception'; ref: number; sub: Sub }
  | { k: 'propose-adjustment'; change: AdjSpec; sub: Sub }
  | { k: 'approve-adjustment'; ref: number; sub: Sub }
  | { k: 'inspect'; when: When; sub: Sub }
  | { k: 'hold'; sub: Sub }
  | { k: 'release'; right: boolean; sub: Sub }
  | { k: 'apply-acceptance'; when: When; sub: Sub }
  | { k: 'decide-acceptance'; pass: boolean; when: When; due: DueSpec | null; sub: Sub }
  | { k: 'propose-termination'; due: DueSpec | null; sub: Sub }
  | { k: 'approve-termination'; ref: number; sub: Sub };

type AdjSpec =
  | { a: 'extend'; months: number }
  | { a: 'grants'; deltaProvince: number; zone: 'ratio' | 'below' | 'above'; schedule: boolean }
  | { a: 'investment'; delta: number };
/** A recovery due: eighths of what the owner holds (plus -1..1), due some days after the decision. */
interface DueSpec { eighths: number; delta: number; days: number }

const sub = fc.constantFrom<Sub>('alice', 'bob');
const when = fc.record({
  slot: fc.oneof(
    { weight: 12, arbitrary: fc.constant<DateSlot>('d') },
    { weight: 4, arbitrary: fc.constant<DateSlot>('a') },
    { weight: 1, arbitrary: fc.constantFrom<DateSlot>('ys-1', 'ys', 's-1', 's', 'l-1', 'l', 'e', 'e+1', 't', 't+1') },
  ),
  offset: fc.integer({ min: 0, max: 700 }),
});
const amount: fc.Arbitrary<Amount> = fc.oneof(
  { weight: 1, arbitrary: fc.integer({ min: -1, max: 300 }).map((abs) => ({ abs })) },
  { weight: 4, arbitrary: fc.record({ eighths: fc.integer({ min: 0, max: 9 }), delta: fc.constantFrom(-1, 0, 0, 0, 1) }) },
);
/** Dates around the end of the period, for the acceptance commands. */
const late = fc.record({ slot: fc.constantFrom<DateSlot>('l-1', 'l', 'l', 'e', 'e+1', 't', 't', 'd', 't+1'), offset: fc.integer({ min: 0, max: 700 }) });
const due: fc.Arbitrary<DueSpec | null> = fc.option(fc.record({ eighths: fc.integer({ min: 0, max: 9 }), delta: fc.integer({ min: -1, max: 1 }), days: fc.integer({ min: -1, max: 60 }) }));
const funder = fc.constantFrom<Funder>('province', 'zone');
/** A reference to an earlier entry, counted back from the latest (recent ones most often). */
const ref = fc.oneof({ weight: 4, arbitrary: fc.nat(2) }, { weight: 1, arbitrary: fc.nat(50) });

const specArb: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ k: fc.constant('allocate' as const), amount, when, sub }) },
  { weight: 8, arbitrary: fc.record({ k: fc.constant('confirm' as const), ref: fc.option(ref, { freq: 4 }), amount, when, sub }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('transfer' as const), amount, when, sub }) },
  { weight: 8, arbitrary: fc.record({ k: fc.constant('pay' as const), funder, amount, when, tranche: fc.constantFrom<'none' | 'own' | 'other'>('none', 'none', 'own', 'own', 'own', 'other'), sub }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('recover' as const), funder, amount, when, sub }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('decommit' as const), province: fc.option(amount, { freq: 2 }), zone: fc.option(amount, { freq: 2 }), when, sub }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('reverse' as const), ref, sub }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('propose-exception' as const), rule: fc.nat(6), delta: fc.integer({ min: -5, max: 600 }), sub }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('approve-exception' as const), ref, sub }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('propose-adjustment' as const),
      change: fc.oneof(
        fc.record({ a: fc.constant('extend' as const), months: fc.constantFrom(-6, 1, 6, 12, 13) }),
        fc.record({ a: fc.constant('grants' as const), deltaProvince: fc.integer({ min: -50, max: 200 }), zone: fc.constantFrom<'ratio' | 'below' | 'above'>('ratio', 'ratio', 'below', 'above'), schedule: fc.boolean() }),
        fc.record({ a: fc.constant('investment' as const), delta: fc.integer({ min: -300, max: 300 }) }),
      ),
      sub,
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('approve-adjustment' as const), ref, sub }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('inspect' as const), when, sub }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('hold' as const), sub }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('release' as const), right: fc.constantFrom(true, true, true, false), sub }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('apply-acceptance' as const), when: late, sub }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('decide-acceptance' as const), pass: fc.boolean(), when: late, due, sub }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('propose-termination' as const), due, sub }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('approve-termination' as const), ref, sub }) },
);

// ---------------------------------------------------------------------------------------------
// The reference model

interface MAllocation { id: string; seq: number; amountFen: number; valueDate: string; poster: string; pendingMatch: boolean }
interface MOpen { id: string; pendingFen: number }
type MEffect =
  | { t: 'allocation'; id: string; amountFen: number; pendingMatch: boolean }
  | { t: 'match-confirmation'; zoneFen: number; provinceFen: number; allocationId: string | null }
  | { t: 'transfer'; amountFen: number; valueDate: string }
  | { t: 'disbursement'; funder: Funder; amountFen: number }
  | { t: 'recovery'; funder: Funder; amountFen: number }
  | { t: 'decommitment'; fromPending: { id: string; fen: number }[]; fromConfirmedFen: number; zoneFen: number }
  | { t: 'other'; type: string };
interface MEntry { id: string; type: string; poster: string; effect: MEffect }
interface MProposal { kind: 'cap-exception' | 'adjustment' | 'termination'; id: string; proposer: string; rule?: string; limitFen?: number; change?: AdjustmentChange; due?: { fen: number; on: string } | null }
interface MTerms { provinceGrantFen: number; zoneGrantFen: number; endsOn: string; schedule: Tranche[]; newInvestmentFen: number }

interface Model {
  program: Program;
  reg: Registration;
  inside: boolean;
  others: { provinceFen: number; zoneFen: number };
  status: ProjectStatus;
  holdId: string | null;
  terms: MTerms;
  allocations: Map<string, MAllocation>;
  open: MOpen[];
  p: { confirmed: number; decommitted: number; transferred: number; paid: number; recovered: number };
  z: { confirmed: number; decommitted: number; paid: number; recovered: number };
  transfers: Map<string, number>;
  exceptions: Map<string, number>;
  proposals: MProposal[];
  allProposals: MProposal[];
  applied: string | null;
  /** Latest value date of an accepted allocation or confirmation: a decommitment may not precede it. */
  lastCommittedOn: string | null;
  entries: MEntry[];
}

const clone = (m: Model): Model => ({
  ...m,
  terms: { ...m.terms },
  allocations: new Map(m.allocations),
  open: m.open.map((o) => ({ ...o })),
  p: { ...m.p },
  z: { ...m.z },
  transfers: new Map(m.transfers),
  exceptions: new Map(m.exceptions),
  proposals: [...m.proposals],
  allProposals: [...m.allProposals],
  entries: [...m.entries],
});

function newModel(s: Setup, registrationId: string): Model {
  const c = s.registration.contract;
  return {
    program: s.program,
    reg: s.registration,
    inside: s.registration.insideZone,
    others: s.others,
    status: 'active',
    holdId: null,
    terms: { provinceGrantFen: c.provinceGrantFen, zoneGrantFen: c.zoneGrantFen, endsOn: c.endsOn, schedule: s.registration.schedule, newInvestmentFen: s.registration.newInvestmentFen },
    allocations: new Map(),
    open: [],
    p: { confirmed: 0, decommitted: 0, transferred: 0, paid: 0, recovered: 0 },
    z: { confirmed: 0, decommitted: 0, paid: 0, recovered: 0 },
    lastCommittedOn: null,
    transfers: new Map(),
    exceptions: new Map(),
    proposals: [],
    allProposals: [],
    applied: null,
    entries: [{ id: registrationId, type: 'registration', poster: 'alice', effect: { t: 'other', type: 'registration' } }],
  };
}

const matched = (m: Model) => m.inside && m.program.match.kind !== 'none';
const pPending = (m: Model) => m.open.reduce((t, o) => t + o.pendingFen, 0);
const zPending = (m: Model) => (matched(m) ? m.open.reduce((t, o) => t + zoneFor(m.program.match, o.pendingFen), 0) : 0);
const pAllocated = (m: Model) => pPending(m) + m.p.confirmed;
const zAllocated = (m: Model) => zPending(m) + m.z.confirmed;
const closed = (s: ProjectStatus) => s === 'closed-accepted' || s === 'closed-failed' || s === 'terminated';
const ownerHolds = (m: Model) => m.p.paid + m.z.paid - m.p.recovered - m.z.recovered;

function programLimit(m: Model, field: CapField, newInvestmentFen = m.terms.newInvestmentFen): number | null {
  if (field === 'jointShareOfNewInvestment') {
    const s = m.program.caps.jointShareOfNewInvestment;
    return s ? Math.floor((newInvestmentFen * s.numerator) / s.denominator) : null;
  }
  return m.program.caps[field];
}
function limitOf(m: Model, field: CapField, newInvestmentFen?: number): number | null {
  const base = programLimit(m, field, newInvestmentFen);
  if (base === null) return null;
  return m.exceptions.get(CAP_RULES[field]) ?? base;
}

interface Usage { rule: string; used: number; limit: number | null }
function usages(m: Model): Usage[] {
  const pa = pAllocated(m);
  const za = zAllocated(m);
  const countsInCluster = m.inside || m.program.outsideZoneCountsInClusterCap;
  return [
    { rule: 'province-per-project', used: pa, limit: limitOf(m, 'provincePerProjectFen') },
    { rule: 'joint-per-project', used: pa + za, limit: limitOf(m, 'jointPerProjectFen') },
    { rule: 'joint-share-of-new-investment', used: pa + za, limit: limitOf(m, 'jointShareOfNewInvestment') },
    { rule: 'province-per-cluster', used: m.others.provinceFen + (countsInCluster ? pa : 0), limit: limitOf(m, 'provincePerClusterFen') },
    { rule: 'zone-per-cluster', used: m.others.zoneFen + za, limit: limitOf(m, 'zonePerClusterFen') },
    { rule: 'contract-grant', used: pa, limit: m.terms.provinceGrantFen },
    { rule: 'contract-grant', used: za, limit: m.terms.zoneGrantFen },
  ];
}

/** Caps whose usage the step raised past their limit ("every allocation event is checked against every cap"). */
function capsBroken(before: Model, after: Model, all = false): string[] {
  const b = usages(before);
  return usages(after).flatMap((u, i) => (u.limit !== null && u.used > u.limit && (all || u.used > b[i]!.used) ? [u.rule] : []));
}

/** The money-flow invariants of API.md and the match rule on confirmed money. */
function flowsBroken(m: Model): string[] {
  const out: string[] = [];
  if (m.inside) {
    if (m.p.transferred > m.p.confirmed) out.push('insufficient-confirmed-funds');
    if (m.p.paid > m.p.transferred) out.push('insufficient-transferred-funds');
  } else if (m.p.paid > m.p.confirmed) out.push('insufficient-confirmed-funds');
  if (m.z.paid > m.z.confirmed) out.push('insufficient-confirmed-funds');
  if (m.p.recovered > m.p.paid || m.z.recovered > m.z.paid) out.push('insufficient-disbursed-funds');
  if (m.inside && !matchHolds(m.program.match, m.z.confirmed, m.p.confirmed)) out.push('match-ratio');
  return out;
}

/** What a status forbids, on the change a step makes (used for reversals). */
function statusBroken(before: Model, after: Model): string[] {
  const grew = (f: (x: Model) => number) => f(after) > f(before);
  if (before.status === 'on-hold' && (grew((x) => x.p.transferred) || grew((x) => x.p.paid) || grew((x) => x.z.paid))) return ['project-on-hold'];
  if (closed(before.status)) {
    const paysAllowed = before.status === 'closed-accepted';
    if (grew(pAllocated) || grew(zAllocated) || grew((x) => x.p.transferred) || (!paysAllowed && (grew((x) => x.p.paid) || grew((x) => x.z.paid)))) return ['project-closed'];
  }
  return [];
}

function movePending(m: Model, id: string, deltaFen: number): void {
  const i = m.open.findIndex((o) => o.id === id);
  if (i >= 0) m.open[i] = { id, pendingFen: m.open[i]!.pendingFen + deltaFen };
  else m.open.push({ id, pendingFen: deltaFen });
  m.open = m.open.filter((o) => o.pendingFen !== 0).sort((a, b) => m.allocations.get(a.id)!.seq - m.allocations.get(b.id)!.seq);
}

/** What the model expects of one command. */
interface Expectation {
  /** Acceptable refusals ('invalid', 'conflict' or a rule id); empty: the command must be accepted. */
  refusals: Set<string>;
  /**
   * Refusals also acceptable where the model cannot tell: a confirmed allocation may have given
   * part of a later decommitment's confirmed money (which allocations it came out of is the
   * budget's attribution, domain/budget/flows.ts, property-tested in test/unit/budget/).
   */
  mayRefuse?: Set<string>;
  /** The model after the command, when accepted. */
  after: Model;
  /** Checks on the entry produced. */
  entry?: (e: Entry) => void;
}

interface Resolved {
  command: Command;
  actor: Actor;
  expect: Expectation;
}

const ROLE: Record<Spec['k'], Role> = {
  allocate: 'finance-officer', confirm: 'zone-committee', transfer: 'finance-officer', pay: 'zone-committee', recover: 'finance-officer',
  decommit: 'finance-officer', reverse: 'finance-officer', 'propose-exception': 'admin', 'approve-exception': 'admin', 'propose-adjustment': 'finance-officer',
  'approve-adjustment': 'admin', inspect: 'city-bureau', hold: 'admin', release: 'admin', 'apply-acceptance': 'zone-committee', 'decide-acceptance': 'admin',
  'propose-termination': 'admin', 'approve-termination': 'admin',
};

function dateOf(m: Model, w: When, allocationDate?: string): string {
  const y = m.program.year;
  const signed = m.reg.contract.signedOn;
  switch (w.slot) {
    case 'ys-1': return `${y - 1}-12-31`;
    case 'ys': return `${y}-01-01`;
    case 's-1': return addDays(signed, -1);
    case 's': return signed;
    case 'd': return addDays(signed, w.offset);
    case 'a': return allocationDate ?? addDays(signed, w.offset);
    case 'l-1': return addDays(m.terms.endsOn, -91);
    case 'l': return addDays(m.terms.endsOn, -90);
    case 'e': return m.terms.endsOn;
    case 'e+1': return addDays(m.terms.endsOn, 1);
    case 't': return TODAY;
    case 't+1': return addDays(TODAY, 1);
  }
}

const resolveAmount = (a: Amount, room: number): number => ('abs' in a ? a.abs : Math.max(1, Math.floor((Math.max(0, room) * a.eighths) / 8)) + a.delta);

/** Checks common to every money date: after today → 400; before `earliest` → implementation-period. */
function dateChecks(refusals: Set<string>, date: string, earliest: string): void {
  if (compareDates(date, TODAY) > 0) refusals.add('invalid');
  if (compareDates(date, earliest) < 0) refusals.add('implementation-period');
}
const yearStart = (m: Model) => `${m.program.year}-01-01`;

function adjustment(m: Model, spec: AdjSpec): AdjustmentChange {
  switch (spec.a) {
    case 'extend':
      return { contract: { endsOn: addMonths(m.terms.endsOn, spec.months) } };
    case 'investment':
      return { newInvestmentFen: Math.max(1, m.terms.newInvestmentFen + spec.delta) };
    case 'grants': {
      const provinceFen = Math.max(1, pAllocated(m) + spec.deltaProvince);
      const mr = m.program.match;
      let zoneFen = !m.inside ? 0 : mr.kind === 'none' ? m.terms.zoneGrantFen : zoneFor(mr, provinceFen);
      if (spec.zone === 'below') zoneFen -= 1;
      if (spec.zone === 'above') zoneFen += 7;
      zoneFen = Math.max(0, zoneFen);
      return {
        contract: { provinceGrantFen: provinceFen, zoneGrantFen: zoneFen },
        ...(spec.schedule ? { schedule: scheduleFor(m.program.year, provinceFen, zoneFen) } : {}),
      };
    }
  }
}

/** Every rule a contract change breaks against the model as it stands (RULES.md, API.md Lifecycle). */
function adjustmentBroken(m: Model, change: AdjustmentChange): string[] {
  const out: string[] = [];
  const p = change.contract?.provinceGrantFen ?? m.terms.provinceGrantFen;
  const z = change.contract?.zoneGrantFen ?? m.terms.zoneGrantFen;
  const endsOn = change.contract?.endsOn ?? m.terms.endsOn;
  const schedule = change.schedule ?? m.terms.schedule;
  const ni = change.newInvestmentFen ?? m.terms.newInvestmentFen;
  const c = m.reg.contract;
  if (compareDates(endsOn, c.startsOn) < 0 || compareDates(endsOn, addMonths(c.endsOn, m.program.maxExtensionMonths)) > 0) out.push('implementation-period');
  if (schedule.some((t) => compareDates(t.dueOn, c.signedOn) < 0 || compareDates(t.dueOn, endsOn) > 0)) out.push('implementation-period');
  if (m.inside ? !matchHolds(m.program.match, z, p) : z !== 0) out.push('match-ratio');
  const over = (limit: number | null, v: number) => limit !== null && v > limit;
  if (over(limitOf(m, 'provincePerProjectFen'), p)) out.push('province-per-project');
  if (over(limitOf(m, 'jointPerProjectFen'), p + z)) out.push('joint-per-project');
  if (over(limitOf(m, 'jointShareOfNewInvestment', ni), p + z)) out.push('joint-share-of-new-investment');
  const sum = (f: Funder) => schedule.filter((t) => t.funder === f).reduce((t, x) => t + x.amountFen, 0);
  if (sum('province') !== p || sum('zone') !== z) out.push('schedule-mismatch');
  if (p < pAllocated(m) || z < zAllocated(m)) out.push('contract-grant');
  return out;
}

/** The i-th item counted back from the latest. */
const fromEnd = <T>(xs: readonly T[], i: number): T => xs[xs.length - 1 - (i % xs.length)]!;

function proposalRef(m: Model, kind: MProposal['kind'], i: number): MProposal | string {
  const pending = m.proposals.filter((p) => p.kind === kind);
  const all = i < 3 && pending.length > 0 ? pending : m.allProposals.filter((p) => p.kind === kind);
  return all.length === 0 ? `${m.reg.projectId}.999` : fromEnd(all, i);
}

function recoveryDue(m: Model, spec: DueSpec | null, from: string, refusals: Set<string>): { fen: number; on: string } | null {
  if (!spec) return null;
  const fen = Math.max(1, Math.floor((Math.max(0, ownerHolds(m)) * spec.eighths) / 8) + spec.delta);
  const on = addDays(from, spec.days);
  if (compareDates(on, from) < 0) refusals.add('invalid');
  if (fen > ownerHolds(m)) refusals.add('insufficient-disbursed-funds');
  return { fen, on };
}

/** Resolves a symbolic command against the model and predicts its outcome. */
function resolve(m: Model, spec: Spec, nextId: string): Resolved {
  const actor: Actor = { sub: spec.sub, role: ROLE[spec.k] };
  const refusals = new Set<string>();
  const after = clone(m);
  const mayRefuse = new Set<string>();
  const done = (command: Command, entry?: (e: Entry) => void): Resolved => ({ command, actor, expect: { refusals, after, mayRefuse, ...(entry ? { entry } : {}) } });
  const record = (effect: MEffect, type: string) => after.entries.push({ id: nextId, type, poster: spec.sub, effect });

  switch (spec.k) {
    case 'allocate': {
      const amountFen = resolveAmount(spec.amount, m.terms.provinceGrantFen - pAllocated(m));
      const valueDate = dateOf(m, spec.when);
      if (amountFen <= 0) refusals.add('invalid');
      if (closed(m.status)) refusals.add('project-closed');
      dateChecks(refusals, valueDate, yearStart(m));
      const pendingMatch = matched(m);
      after.allocations.set(nextId, { id: nextId, seq: m.entries.length + 1, amountFen, valueDate, poster: spec.sub, pendingMatch });
      if (pendingMatch) after.open.push({ id: nextId, pendingFen: amountFen });
      else after.p.confirmed += amountFen;
      record({ t: 'allocation', id: nextId, amountFen, pendingMatch }, 'allocation');
      after.lastCommittedOn = m.lastCommittedOn && compareDates(m.lastCommittedOn, valueDate) > 0 ? m.lastCommittedOn : valueDate;
      if (amountFen > 0) capsBroken(m, after).forEach((r) => refusals.add(r));
      return done({ type: 'allocation', amountFen, valueDate, reference: 'ALLOC' }, (e) => same(e.status, pendingMatch ? 'pending-match' : 'confirmed', 'allocation status'));
    }

    case 'confirm': {
      // Mostly one still pending (recent first), sometimes any allocation ever posted.
      const openIds = m.open.map((o) => o.id);
      const allocationIds = spec.ref !== null && spec.ref < 3 && openIds.length > 0 ? openIds : [...m.allocations.keys()];
      const allocationId = spec.ref === null ? null : allocationIds.length === 0 ? `${m.reg.projectId}.999` : fromEnd(allocationIds, spec.ref);
      const open = allocationId ? m.open.find((o) => o.id === allocationId) : undefined;
      const mr = m.program.match;
      const room = open ? zoneFor(mr, open.pendingFen) : m.terms.zoneGrantFen - zAllocated(m);
      const amountFen = resolveAmount(spec.amount, room);
      const valueDate = dateOf(m, spec.when, allocationId ? m.allocations.get(allocationId)?.valueDate : undefined);
      if (amountFen <= 0) refusals.add('invalid');
      if (closed(m.status)) refusals.add('project-closed');
      dateChecks(refusals, valueDate, yearStart(m));
      let provinceFen = 0;
      let ok = amountFen > 0;
      if (allocationId !== null) {
        if (!open) {
          refusals.add('match-not-pending');
          ok = false;
        } else {
          if (compareDates(valueDate, m.allocations.get(allocationId)!.valueDate) < 0) refusals.add('invalid');
          const { z, p } = ratioOf(mr);
          if (mr.kind === 'exact') {
            if ((amountFen * p) % z !== 0 || (amountFen * p) / z > open.pendingFen) {
              refusals.add('match-ratio');
              ok = false;
            } else provinceFen = (amountFen * p) / z;
          } else provinceFen = Math.min(open.pendingFen, Math.floor((amountFen * p) / z));
        }
      } else if (mr.kind === 'exact' && m.inside) {
        refusals.add('match-ratio');
        ok = false;
      }
      if (ok) {
        after.z.confirmed += amountFen;
        after.p.confirmed += provinceFen;
        if (allocationId && provinceFen > 0) movePending(after, allocationId, -provinceFen);
        record({ t: 'match-confirmation', zoneFen: amountFen, provinceFen, allocationId }, 'match-confirmation');
        after.lastCommittedOn = m.lastCommittedOn && compareDates(m.lastCommittedOn, valueDate) > 0 ? m.lastCommittedOn : valueDate;
        capsBroken(m, after).forEach((r) => refusals.add(r));
        flowsBroken(after).forEach((r) => refusals.add(r));
      }
      return done({ type: 'match-confirmation', allocationEntryId: allocationId, amountFen, valueDate, reference: 'MATCH' }, (e) => same(e.details, { provinceFen }, 'province part confirmed'));
    }

    case 'transfer': {
      const amountFen = resolveAmount(spec.amount, m.p.confirmed - m.p.transferred);
      const valueDate = dateOf(m, spec.when);
      if (amountFen <= 0) refusals.add('invalid');
      if (!m.inside) refusals.add('transfer-not-applicable');
      if (m.status === 'on-hold') refusals.add('project-on-hold');
      if (closed(m.status)) refusals.add('project-closed');
      dateChecks(refusals, valueDate, m.reg.contract.signedOn);
      after.p.transferred += amountFen;
      after.transfers.set(valueDate, (after.transfers.get(valueDate) ?? 0) + amountFen);
      record({ t: 'transfer', amountFen, valueDate }, 'transfer');
      if (amountFen > 0) flowsBroken(after).forEach((r) => refusals.add(r));
      return done({ type: 'transfer', amountFen, valueDate, reference: 'XFER' });
    }

    case 'pay': {
      const f = spec.funder;
      const room = f === 'zone' ? m.z.confirmed - m.z.paid : m.inside ? m.p.transferred - m.p.paid : m.p.confirmed - m.p.paid;
      const amountFen = resolveAmount(spec.amount, room);
      const paidOn = dateOf(m, spec.when);
      const own = m.terms.schedule.filter((t) => t.funder === f);
      const trancheId = spec.tranche === 'none' || (spec.tranche === 'own' && own.length === 0) ? null : spec.tranche === 'own' ? own[0]!.trancheId : f === 'province' ? 'Z1' : 'P1';
      if (amountFen <= 0) refusals.add('invalid');
      if (m.status === 'on-hold') refusals.add('project-on-hold');
      if (m.status === 'closed-failed' || m.status === 'terminated') refusals.add('project-closed');
      dateChecks(refusals, paidOn, m.reg.contract.signedOn);
      if (trancheId !== null && !own.some((t) => t.trancheId === trancheId)) refusals.add('schedule-mismatch').add('invalid');
      if (f === 'province') after.p.paid += amountFen;
      else after.z.paid += amountFen;
      record({ t: 'disbursement', funder: f, amountFen }, 'disbursement');
      if (amountFen > 0) flowsBroken(after).forEach((r) => refusals.add(r));
      const afterPeriod = compareDates(paidOn, m.terms.endsOn) > 0;
      return done({ type: 'disbursement', funder: f, amountFen, paidOn, reference: 'PAY', trancheId }, (e) => same(e.details, { trancheId, afterPeriod }, 'payment details'));
    }

    case 'recover': {
      const f = spec.funder;
      const amountFen = resolveAmount(spec.amount, f === 'province' ? m.p.paid - m.p.recovered : m.z.paid - m.z.recovered);
      const valueDate = dateOf(m, spec.when);
      if (amountFen <= 0) refusals.add('invalid');
      dateChecks(refusals, valueDate, m.reg.contract.signedOn);
      if (f === 'province') after.p.recovered += amountFen;
      else after.z.recovered += amountFen;
      record({ t: 'recovery', funder: f, amountFen }, 'recovery');
      if (amountFen > 0) flowsBroken(after).forEach((r) => refusals.add(r));
      return done({ type: 'recovery', funder: f, amountFen, valueDate, reference: 'RET', reason: '缴回' });
    }

    case 'decommit': {
      const passedOn = m.inside ? m.p.transferred : m.p.paid;
      const provinceRoom = pPending(m) + Math.max(0, m.p.confirmed - passedOn);
      const zoneRoom = Math.max(0, m.z.confirmed - m.z.paid);
      const provinceFen = spec.province ? Math.max(0, resolveAmount(spec.province, provinceRoom)) : 0;
      const zoneFen = spec.zone ? Math.max(0, resolveAmount(spec.zone, zoneRoom)) : 0;
      const valueDate = dateOf(m, spec.when);
      dateChecks(refusals, valueDate, yearStart(m));
      if (m.lastCommittedOn !== null && compareDates(valueDate, m.lastCommittedOn) < 0) refusals.add('invalid');
      if (provinceFen === 0 && zoneFen === 0) refusals.add('invalid');
      if (provinceFen > provinceRoom || zoneFen > zoneRoom) refusals.add('insufficient-confirmed-funds');
      let left = provinceFen;
      const fromPending: { id: string; fen: number }[] = [];
      for (const o of m.open) {
        if (left === 0) break;
        const take = Math.min(left, o.pendingFen);
        fromPending.push({ id: o.id, fen: take });
        left -= take;
      }
      for (const part of fromPending) movePending(after, part.id, -part.fen);
      after.p.confirmed -= left;
      after.p.decommitted += provinceFen;
      after.z.confirmed -= zoneFen;
      after.z.decommitted += zoneFen;
      record({ t: 'decommitment', fromPending, fromConfirmedFen: left, zoneFen }, 'decommitment');
      if (!refusals.has('insufficient-confirmed-funds')) flowsBroken(after).forEach((r) => refusals.add(r));
      return done({ type: 'decommitment', provinceFen, zoneFen, valueDate, reference: 'HJ', reason: '核减' }, (e) => {
        const d = e.details as { fromPending: { entryId: string; provinceFen: number }[]; provinceFromConfirmedFen: number; zoneFen: number };
        same(d.fromPending.map((p) => [p.entryId, p.provinceFen]), fromPending.map((p) => [p.id, p.fen]), 'decommitted from pending');
        same([d.provinceFromConfirmedFen, d.zoneFen], [left, zoneFen], 'decommitted from confirmed');
      });
    }

    case 'reverse': {
      const target = fromEnd(m.entries, spec.ref);
      const reversed = m.entries.some((e) => e.type === 'reversal' && (e.effect as { t: 'other'; type: string }).type === `reversal:${target.id}`);
      const e = target.effect;
      const reversible = ['allocation', 'match-confirmation', 'transfer', 'disbursement', 'recovery', 'decommitment'].includes(target.type);
      if (!reversible || reversed) refusals.add('reversal-not-allowed');
      if (target.poster === spec.sub) refusals.add('four-eyes');
      let ok = reversible && !reversed;
      if (ok) {
        switch (e.t) {
          case 'allocation':
            if (e.pendingMatch) {
              const open = m.open.find((o) => o.id === e.id);
              if (!open || open.pendingFen !== e.amountFen) {
                refusals.add('reversal-not-allowed');
                ok = false;
              } else after.open = after.open.filter((o) => o.id !== e.id);
            } else {
              // A decommitment that took part of it is reversed first (the money it gave back
              // would be given back twice): certainly when it took from its pending part; maybe
              // when it took confirmed money, which may have come out of another allocation.
              const later = m.entries.slice(m.entries.findIndex((x) => x.id === target.id) + 1).filter((x) => x.effect.t === 'decommitment' && !m.entries.some((r) => r.type === 'reversal' && (r.effect as { t: 'other'; type: string }).type === `reversal:${x.id}`));
              const parts = later.map((x) => x.effect as Extract<MEffect, { t: 'decommitment' }>);
              if (parts.some((d) => d.fromPending.some((p) => p.id === e.id && p.fen > 0))) {
                refusals.add('reversal-not-allowed');
                ok = false;
              } else if (parts.some((d) => d.fromConfirmedFen > 0)) mayRefuse.add('reversal-not-allowed');
              after.p.confirmed -= e.amountFen;
            }
            break;
          case 'match-confirmation':
            after.z.confirmed -= e.zoneFen;
            after.p.confirmed -= e.provinceFen;
            if (e.allocationId && e.provinceFen > 0) movePending(after, e.allocationId, e.provinceFen);
            break;
          case 'transfer':
            after.p.transferred -= e.amountFen;
            after.transfers.set(e.valueDate, (after.transfers.get(e.valueDate) ?? 0) - e.amountFen);
            break;
          case 'disbursement':
            if (e.funder === 'province') after.p.paid -= e.amountFen;
            else after.z.paid -= e.amountFen;
            break;
          case 'recovery':
            if (e.funder === 'province') after.p.recovered -= e.amountFen;
            else after.z.recovered -= e.amountFen;
            break;
          case 'decommitment':
            for (const part of e.fromPending) movePending(after, part.id, part.fen);
            after.p.confirmed += e.fromConfirmedFen;
            after.p.decommitted -= e.fromPending.reduce((t, x) => t + x.fen, 0) + e.fromConfirmedFen;
            after.z.confirmed += e.zoneFen;
            after.z.decommitted -= e.zoneFen;
            break;
          case 'other':
            break;
        }
      }
      if (ok) {
        statusBroken(m, after).forEach((r) => refusals.add(r));
        if (capsBroken(m, after).length > 0 || flowsBroken(after).length > 0) refusals.add('reversal-not-allowed');
      }
      record({ t: 'other', type: `reversal:${target.id}` }, 'reversal');
      return done({ type: 'reversal', entryId: target.id, reason: '冲销' }, (x) => same(x.refersTo, target.id, 'reversal target'));
    }

    case 'propose-exception': {
      const rules = [...Object.values(CAP_RULES), 'contract-grant', 'match-ratio'];
      const rule = rules[spec.rule % rules.length]!;
      const field = (Object.keys(CAP_RULES) as CapField[]).find((f) => CAP_RULES[f] === rule);
      const base = field ? programLimit(m, field) : null;
      const limitFen = Math.max(1, (base ?? 100) + spec.delta);
      if (closed(m.status)) refusals.add('project-closed');
      if (!field || !m.program.caps.inPrinciple.includes(field) || base === null) refusals.add('cap-not-exceptable');
      else if (limitFen <= base) refusals.add('invalid');
      const proposal: MProposal = { kind: 'cap-exception', id: nextId, proposer: spec.sub, rule, limitFen };
      after.proposals = [...after.proposals.filter((p) => !(p.kind === 'cap-exception' && p.rule === rule)), proposal];
      after.allProposals.push(proposal);
      record({ t: 'other', type: 'cap-exception-proposal' }, 'cap-exception-proposal');
      return done({ type: 'cap-exception-proposal', rule, limitFen, reference: 'PIFU', reason: '重大项目' });
    }

    case 'approve-exception': {
      const p = proposalRef(m, 'cap-exception', spec.ref);
      const id = typeof p === 'string' ? p : p.id;
      if (closed(m.status)) refusals.add('project-closed');
      const pending = m.proposals.find((x) => x.id === id);
      if (!pending) refusals.add('proposal-not-pending');
      else {
        if (pending.proposer === spec.sub) refusals.add('four-eyes');
        after.exceptions.set(pending.rule!, pending.limitFen!);
        after.proposals = after.proposals.filter((x) => x.id !== id);
      }
      record({ t: 'other', type: 'cap-exception-approval' }, 'cap-exception-approval');
      return done({ type: 'cap-exception-approval', proposalEntryId: id });
    }

    case 'propose-adjustment': {
      const change = adjustment(m, spec.change);
      if (closed(m.status)) refusals.add('project-closed');
      adjustmentBroken(m, change).forEach((r) => refusals.add(r));
      const proposal: MProposal = { kind: 'adjustment', id: nextId, proposer: spec.sub, change };
      after.proposals = [...after.proposals.filter((p) => p.kind !== 'adjustment'), proposal];
      after.allProposals.push(proposal);
      record({ t: 'other', type: 'adjustment-proposal' }, 'adjustment-proposal');
      return done({ type: 'adjustment-proposal', change, reference: 'TZ', reason: '调整' });
    }

    case 'approve-adjustment': {
      const p = proposalRef(m, 'adjustment', spec.ref);
      const id = typeof p === 'string' ? p : p.id;
      if (closed(m.status)) refusals.add('project-closed');
      const pending = m.proposals.find((x) => x.id === id);
      if (!pending) refusals.add('proposal-not-pending');
      else {
        if (pending.proposer === spec.sub) refusals.add('four-eyes');
        const change = pending.change!;
        adjustmentBroken(m, change).forEach((r) => refusals.add(r));
        after.terms = {
          provinceGrantFen: change.contract?.provinceGrantFen ?? m.terms.provinceGrantFen,
          zoneGrantFen: change.contract?.zoneGrantFen ?? m.terms.zoneGrantFen,
          endsOn: change.contract?.endsOn ?? m.terms.endsOn,
          schedule: change.schedule ?? m.terms.schedule,
          newInvestmentFen: change.newInvestmentFen ?? m.terms.newInvestmentFen,
        };
        after.proposals = after.proposals.filter((x) => x.id !== id);
        capsBroken(m, after, true).forEach((r) => refusals.add(r));
      }
      record({ t: 'other', type: 'adjustment-approval' }, 'adjustment-approval');
      return done({ type: 'adjustment-approval', proposalEntryId: id });
    }

    case 'inspect': {
      const inspectedOn = dateOf(m, spec.when);
      dateChecks(refusals, inspectedOn, m.reg.contract.signedOn);
      record({ t: 'other', type: 'inspection' }, 'inspection');
      return done({ type: 'inspection', kind: 'supervision', inspectedOn, result: 'pass', reference: 'JC' });
    }

    case 'hold': {
      if (m.status === 'on-hold') refusals.add('project-on-hold').add('conflict');
      if (closed(m.status)) refusals.add('project-closed');
      after.status = 'on-hold';
      after.holdId = nextId;
      record({ t: 'other', type: 'hold' }, 'hold');
      return done({ type: 'hold', reason: '暂停', reference: 'ZT' });
    }

    case 'release': {
      const holds = m.entries.filter((e) => e.type === 'hold');
      const holdEntryId = spec.right ? (m.holdId ?? holds[holds.length - 1]?.id ?? m.entries[0]!.id) : m.entries[0]!.id;
      if (m.status !== 'on-hold' || m.holdId !== holdEntryId) refusals.add('not-on-hold');
      after.status = 'active';
      after.holdId = null;
      record({ t: 'other', type: 'hold-release' }, 'hold-release');
      return done({ type: 'hold-release', holdEntryId });
    }

    case 'apply-acceptance': {
      const appliedOn = dateOf(m, spec.when);
      if (closed(m.status)) refusals.add('project-closed');
      if (m.applied !== null) refusals.add('conflict');
      dateChecks(refusals, appliedOn, addDays(m.terms.endsOn, -90));
      after.applied = appliedOn;
      record({ t: 'other', type: 'acceptance-application' }, 'acceptance-application');
      return done({ type: 'acceptance-application', appliedOn, reference: 'YS' });
    }

    case 'decide-acceptance': {
      const decidedOn = dateOf(m, spec.when);
      if (closed(m.status)) refusals.add('project-closed');
      if (m.applied === null) refusals.add('acceptance-not-applied');
      else if (compareDates(decidedOn, m.applied) < 0) refusals.add('invalid');
      if (compareDates(decidedOn, TODAY) > 0) refusals.add('invalid');
      const d = recoveryDue(m, spec.due, decidedOn, refusals);
      after.status = spec.pass ? 'closed-accepted' : 'closed-failed';
      after.holdId = null;
      after.proposals = [];
      record({ t: 'other', type: 'acceptance-result' }, 'acceptance-result');
      return done({ type: 'acceptance-result', result: spec.pass ? 'pass' : 'fail', decidedOn, reference: 'JL', recoveryDueFen: d?.fen ?? null, recoveryDueOn: d?.on ?? null });
    }

    case 'propose-termination': {
      if (closed(m.status)) refusals.add('project-closed');
      const d = recoveryDue(m, spec.due, TODAY, refusals);
      const proposal: MProposal = { kind: 'termination', id: nextId, proposer: spec.sub, due: d };
      after.proposals = [...after.proposals.filter((p) => p.kind !== 'termination'), proposal];
      after.allProposals.push(proposal);
      record({ t: 'other', type: 'termination-proposal' }, 'termination-proposal');
      return done({ type: 'termination-proposal', reason: '终止', reference: 'ZZ', recoveryDueFen: d?.fen ?? null, recoveryDueOn: d?.on ?? null });
    }

    case 'approve-termination': {
      const p = proposalRef(m, 'termination', spec.ref);
      const id = typeof p === 'string' ? p : p.id;
      if (closed(m.status)) refusals.add('project-closed');
      const pending = m.proposals.find((x) => x.id === id);
      if (!pending) refusals.add('proposal-not-pending');
      else {
        if (pending.proposer === spec.sub) refusals.add('four-eyes');
        if (pending.due && pending.due.fen > ownerHolds(m)) refusals.add('insufficient-disbursed-funds');
      }
      after.status = 'terminated';
      after.holdId = null;
      after.proposals = [];
      after.p.decommitted += pPending(m); // pending allocations are voided
      after.open = [];
      record({ t: 'other', type: 'termination-approval' }, 'termination-approval');
      return done({ type: 'termination-approval', proposalEntryId: id });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing the domain with the model, and the invariants of the domain's own state

function expectSameAsModel(s: ProjectState, m: Model): void {
  const b = balances(s);
  const pending = pPending(m);
  same({ status: s.status, province: b.province, zone: b.zone }, {
    status: m.status,
    province: {
      allocatedFen: pending + m.p.confirmed, pendingFen: pending, confirmedFen: m.p.confirmed, decommittedFen: m.p.decommitted,
      transferredFen: m.p.transferred, heldAtZoneFen: m.inside ? Math.max(0, m.p.transferred - m.p.paid) : 0, disbursedFen: m.p.paid, recoveredFen: m.p.recovered,
    },
    zone: { allocatedFen: zAllocated(m), pendingFen: zPending(m), confirmedFen: m.z.confirmed, decommittedFen: m.z.decommitted, disbursedFen: m.z.paid, recoveredFen: m.z.recovered },
  }, 'status and balances');
  same(s.openAllocations.map((a) => [a.entryId, a.pendingFen]), m.open.map((o) => [o.id, o.pendingFen]), 'pending allocations');
  const c = s.terms.contract;
  same([c.provinceGrantFen, c.zoneGrantFen, c.endsOn, s.terms.newInvestmentFen], [m.terms.provinceGrantFen, m.terms.zoneGrantFen, m.terms.endsOn, m.terms.newInvestmentFen], 'contract terms');
  same(s.transfers.map((t) => [t.valueDate, t.amountFen]), [...m.transfers.entries()].filter(([, v]) => v !== 0).sort(([x], [y]) => compareDates(x, y)), 'transfers per value date');
  same([s.hold?.entryId ?? null, s.acceptance?.appliedOn ?? null], [m.holdId, m.applied], 'hold and acceptance');
  // The limits in force (exceptions included) are the model's.
  for (const l of limits(s)) {
    const field = (Object.keys(CAP_RULES) as CapField[]).find((f) => CAP_RULES[f] === l.rule);
    if (field) same(l.limitFen, limitOf(m, field), `limit ${l.rule}`);
  }
}

function clusterOf(m: Model): ClusterUsage {
  const counts = m.inside || m.program.outsideZoneCountsInClusterCap;
  return {
    clusterId: m.reg.clusterId, programCode: m.program.code, zoneId: m.reg.zoneId,
    provinceAllocatedFen: m.others.provinceFen + (counts ? pAllocated(m) : 0), zoneAllocatedFen: m.others.zoneFen + zAllocated(m), projectCount: 1,
  };
}

function expectInvariants(s: ProjectState, cluster: ClusterUsage): void {
  const b = balances(s);
  const p = b.province;
  const z = b.zone;
  for (const l of limits(s, cluster)) holds(l.usedFen <= l.limitFen, `cap ${l.rule} (${l.funder}) exceeded`, l);
  holds([...Object.values(p), ...Object.values(z)].every((v) => v >= 0), 'a balance is negative', b);
  if (s.registration.insideZone) {
    holds(p.disbursedFen <= p.transferredFen! && p.transferredFen! <= p.confirmedFen, 'inside the zone: paid province ≤ transferred ≤ confirmed', p);
    holds(matchHolds(s.rules.match, z.confirmedFen, p.confirmedFen), 'the match rule on confirmed money', b);
  } else {
    holds(p.transferredFen === 0 && p.heldAtZoneFen === 0, 'outside the zone nothing is transferred', p);
  }
  holds(p.disbursedFen <= p.confirmedFen && z.disbursedFen <= z.confirmedFen, 'paid ≤ confirmed', b);
  holds(p.recoveredFen <= p.disbursedFen && z.recoveredFen <= z.disbursedFen, 'recovered ≤ paid', b);
  holds(p.allocatedFen === p.pendingFen + p.confirmedFen && z.allocatedFen === z.pendingFen + z.confirmedFen, 'allocated = pending + confirmed', b);
}

const FORWARD: Record<ProjectStatus, ProjectStatus[]> = {
  active: ['active', 'on-hold', 'closed-accepted', 'closed-failed', 'terminated'],
  'on-hold': ['on-hold', 'active', 'closed-accepted', 'closed-failed', 'terminated'],
  'closed-accepted': ['closed-accepted'],
  'closed-failed': ['closed-failed'],
  terminated: ['terminated'],
};

function expectLifecycle(before: ProjectState, after: ProjectState): void {
  holds(FORWARD[before.status].includes(after.status), `status ${before.status} → ${after.status}`);
  if (before.status === 'closed-accepted' || before.status === 'closed-failed' || before.status === 'terminated') {
    const [b, a] = [balances(before), balances(after)];
    holds(a.province.allocatedFen <= b.province.allocatedFen && a.zone.allocatedFen <= b.zone.allocatedFen, `${before.status}: nothing more committed`, { b, a });
    holds(a.province.transferredFen! <= b.province.transferredFen!, `${before.status}: nothing more passed on`, { b, a });
    if (before.status !== 'closed-accepted') {
      holds(a.province.disbursedFen <= b.province.disbursedFen && a.zone.disbursedFen <= b.zone.disbursedFen, `${before.status}: nothing more paid`, { b, a });
    }
  }
}

const outcomeOf = (d: Decision): string => (d.ok ? 'accepted' : 'violation' in d ? d.violation.rule : 'invalid' in d ? 'invalid' : 'conflict');

interface Run { entries: Entry[]; state: ProjectState; model: Model; outcomes: string[]; statuses: Set<ProjectStatus> }

/** Drives the commands through decide/evolve and the model, checking every step. */
function run(setup: Setup, specs: Spec[], checkReplay = true): Run {
  const reg = decide(null, { type: 'registration', registration: setup.registration }, {
    actor: { sub: 'alice', role: 'finance-officer' }, now: NOW, program: setup.program, enterpriseProjectCount: 0,
    cluster: { clusterId: setup.registration.clusterId, programCode: setup.program.code, zoneId: setup.registration.zoneId, provinceAllocatedFen: setup.others.provinceFen, zoneAllocatedFen: setup.others.zoneFen, projectCount: 0 },
  });
  if (!reg.ok) throw new Error(`registration refused: ${JSON.stringify(reg)}`);
  const entries: Entry[] = [reg.entry];
  let state = reg.after;
  let model = newModel(setup, reg.entry.entryId);
  const outcomes: string[] = [];
  const statuses = new Set<ProjectStatus>(['active']);
  for (const spec of specs) {
    const nextId = `${state.registration.projectId}.${state.version + 1}`;
    const r = resolve(model, spec, nextId);
    const ctx: DecideContext = { actor: r.actor, now: NOW, cluster: clusterOf(model) };
    ctx.history = entries;
    // Frozen: decide must change nothing it was given (a write to a frozen object throws).
    const d = decide(deepFreeze(state), r.command, ctx);
    const outcome = outcomeOf(d);
    outcomes.push(outcome);
    const allowed = [...(r.expect.refusals.size === 0 ? ['accepted'] : r.expect.refusals), ...(r.expect.mayRefuse ?? [])].sort();
    const past = d.ok || !('violation' in d) ? undefined : d.violation.brokenOn;
    if (past !== undefined) {
      // Refused for a day already shown (or an obligation recorded since): right on the current
      // books, as the model says, and a replay of every day of the history it would leave agrees.
      holds(allowed.includes('accepted'), `step ${outcomes.length}: refused for ${past} where the model expects ${allowed}`, d);
      const current = decideOnCurrentBooks(state, r.command, ctx);
      if (!current.ok) throw new Error(`step ${outcomes.length}: refused on the current books too: ${JSON.stringify(current)}`);
      const broken = brokenDays(candidateHistory(entries, current.entry));
      holds(broken.includes(past), `step ${outcomes.length}: refused for ${past}, but a replay of every day finds ${JSON.stringify(broken)}`, d);
      pastRefusals.push((d as { violation: { rule: string } }).violation.rule);
      expectSameAsModel(state, model);
      continue;
    }
    if (!allowed.includes(outcome)) {
      throw new Error(`step ${outcomes.length}: ${JSON.stringify({ command: r.command, actor: r.actor.sub, expected: allowed, got: d.ok ? 'accepted' : d, status: state.status })}`);
    }
    if (!d.ok) {
      expectSameAsModel(state, model);
      continue;
    }
    r.expect.entry?.(d.entry);
    const e = d.entry;
    same([e.seq, e.entryId, e.prevHash, e.recordedAt, e.actor], [state.version + 1, nextId, state.headHash, NOW, r.actor], 'entry chaining');
    expectLifecycle(state, d.after);
    entries.push(d.entry);
    state = d.after;
    statuses.add(state.status);
    model = r.expect.after;
    expectSameAsModel(state, model);
    expectInvariants(state, clusterOf(model));
    if (checkReplay) same(canonicalJson(rebuild(entries)), canonicalJson(state), 'rebuild(entries) = state');
    if (e.type === 'reversal') {
      // The books after a correction are those of the history without what was taken back.
      const without = rebuild(inForce(entries))!;
      same(balances(state), balances(without), `step ${outcomes.length}: books after reversing ${e.refersTo} = a replay of the entries in force`);
      same(outstandingDue(state), outstandingDue(without), `step ${outcomes.length}: recovery due after reversing ${e.refersTo}`);
    }
  }
  return { entries, state, model, outcomes, statuses };
}

/** Rules named by refusals for a day already shown, over every run (a guard that the path is reached). */
const pastRefusals: string[] = [];

// ---------------------------------------------------------------------------------------------
// Every day of a history, replayed on its own (the oracle of history-check.ts)

/** The history an accepted entry would leave: a reversal leaves it without its target from the target's date on. */
function candidateHistory(entries: readonly Entry[], added: Entry): Entry[] {
  return [...entries, added];
}

/** The entries in force: without reversals and without what they reversed. */
function inForce(entries: readonly Entry[]): Entry[] {
  const reversed = new Set(entries.filter((e) => e.type === 'reversal').map((e) => e.refersTo));
  return entries.filter((e) => e.type !== 'reversal' && !reversed.has(e.entryId));
}

/**
 * What a view as of `day` should show: the entries dated up to it, without reversals (dated as
 * their targets in this format) and without what they reversed.
 */
function validOn(entries: readonly Entry[], day: string): Entry[] {
  return inForce(entries.filter((e) => e.type === 'registration' || compareDates(e.valueDate, day) <= 0));
}

const outstandingDue = (s: ProjectState): number | null => {
  const due = s.recoveryDue;
  return due ? due.amountFen - (s.province.recoveredFen + s.zone.recoveredFen - due.recoveredBeforeFen) : null;
};

/** Money rules broken in the books of one day: absolute, since a history made by decide has no old breach. */
function dayBroken(s: ProjectState): string[] {
  const b = balances(s);
  const out: string[] = [];
  const figures = [...Object.values(b.province), ...Object.values(b.zone)];
  if (figures.some((v) => (v ?? 0) < 0) || s.openAllocations.some((a) => a.pendingFen <= 0) || s.transfers.some((t) => t.amountFen <= 0)) out.push('negative');
  const p = b.province;
  const z = b.zone;
  if (s.registration.insideZone) {
    if (p.transferredFen! > p.confirmedFen) out.push('transferred > confirmed');
    if (p.disbursedFen > p.transferredFen!) out.push('paid > transferred');
    if (!matchHolds(s.rules.match, z.confirmedFen, p.confirmedFen)) out.push('match');
  } else if (p.disbursedFen > p.confirmedFen) out.push('paid > confirmed');
  if (z.disbursedFen > z.confirmedFen) out.push('zone paid > confirmed');
  if (p.recoveredFen > p.disbursedFen || z.recoveredFen > z.disbursedFen) out.push('recovered > paid');
  return out;
}

/**
 * The days (and the dates of obligations) a history breaks: every day replayed on its own from
 * the entries valid that day; every termination and recovery due checked against the entries in
 * force just before it, in the order they were recorded.
 */
function brokenDays(entries: readonly Entry[]): string[] {
  const broken: string[] = [];
  const days = [...new Set(entries.map((e) => e.valueDate))].sort(compareDates);
  for (const day of days) if (dayBroken(rebuild(validOn(entries, day))!).length > 0) broken.push(day);
  let s: ProjectState | null = null;
  for (const e of inForce(entries)) {
    if (s && (e.type === 'termination-approval' || e.type === 'acceptance-result')) {
      const d = e.details as { voidedFen?: number; recoveryDue: RecoveryDue | null };
      const pending = s.openAllocations.reduce((t, a) => t + a.pendingFen, 0);
      const held = s.province.disbursedFen + s.zone.disbursedFen - s.province.recoveredFen - s.zone.recoveredFen;
      if ((e.type === 'termination-approval' && d.voidedFen !== pending) || (d.recoveryDue && d.recoveryDue.amountFen > held)) broken.push(e.valueDate);
    }
    s = evolve(s, e);
  }
  return broken;
}

/** How a run closes the project, if it does, before a few more commands. */
function closing(how: 'none' | 'pass' | 'fail' | 'fail-recovery' | 'terminate' | 'terminate-recovery'): Spec[] {
  const apply: Spec = { k: 'apply-acceptance', when: { slot: 'l', offset: 0 }, sub: 'alice' };
  switch (how) {
    case 'none': return [];
    case 'pass': return [apply, { k: 'decide-acceptance', pass: true, when: { slot: 't', offset: 0 }, due: null, sub: 'bob' }];
    case 'fail': return [apply, { k: 'decide-acceptance', pass: false, when: { slot: 't', offset: 0 }, due: null, sub: 'bob' }];
    case 'fail-recovery': return [apply, { k: 'decide-acceptance', pass: false, when: { slot: 't', offset: 0 }, due: { eighths: 4, delta: 0, days: 30 }, sub: 'bob' }];
    case 'terminate': return [{ k: 'propose-termination', due: null, sub: 'alice' }, { k: 'approve-termination', ref: 0, sub: 'bob' }];
    case 'terminate-recovery': return [{ k: 'propose-termination', due: { eighths: 2, delta: 0, days: 10 }, sub: 'alice' }, { k: 'approve-termination', ref: 0, sub: 'bob' }];
  }
}
/** Corrections of entries from before the closing: what a termination voided and a recovery due assumed. */
const corrections = fc.array(fc.record({ k: fc.constant('reverse' as const), ref: fc.nat(12), sub }), { maxLength: 4 });
const specsArb = fc
  .tuple(
    fc.array(specArb, { minLength: 8, maxLength: 32 }),
    fc.constantFrom<'none' | 'pass' | 'fail' | 'fail-recovery' | 'terminate' | 'terminate-recovery'>('none', 'pass', 'fail', 'fail-recovery', 'terminate', 'terminate-recovery'),
    corrections,
    fc.array(specArb, { maxLength: 10 }),
  )
  .map(([body, how, fixes, tail]) => [...body, ...closing(how), ...fixes, ...tail]);

// =============================================================================================
describe('a project under random sequences of every command', () => {
  it('follows the reference model, keeps every invariant, and rebuilds from its entries after every step', () => {
    const seen = new Map<string, number>();
    const statuses = new Set<ProjectStatus>();
    fc.assert(
      fc.property(setupArb, specsArb, (setup, specs) => {
        const r = run(setup, specs);
        for (const o of r.outcomes) seen.set(o, (seen.get(o) ?? 0) + 1);
        for (const x of r.statuses) statuses.add(x);
      }),
      { numRuns: RUNS },
    );
    // The runs reached both sides of most rules (a guard against a generator that only ever fails).
    const total = [...seen.values()].reduce((t, n) => t + n, 0);
    expect((seen.get('accepted') ?? 0) / total).toBeGreaterThan(0.15);
    for (const status of ['on-hold', 'closed-accepted', 'closed-failed', 'terminated'] as const) expect({ status, reached: statuses.has(status) }).toEqual({ status, reached: true });
    for (const rule of ['insufficient-confirmed-funds', 'insufficient-transferred-funds', 'match-ratio', 'contract-grant', 'four-eyes', 'project-closed', 'reversal-not-allowed', 'implementation-period', 'invalid']) {
      expect({ rule, seen: (seen.get(rule) ?? 0) > 0 }).toEqual({ rule, seen: true });
    }
  });

  it('as of any day of its history (GET /projects/{id}?asOf) no figure is negative, every money rule holds, and the books are a replay of the entries valid that day', () => {
    fc.assert(
      fc.property(setupArb, specsArb, (setup, specs) => {
        const { entries } = run(setup, specs, false);
        const days = [...new Set(entries.flatMap((e) => [e.valueDate, addDays(e.valueDate, -1)]))].sort(compareDates);
        for (const day of days) {
          const shown = rebuildAsOf(entries, day)!;
          const replayed = rebuild(validOn(entries, day))!;
          same(balances(shown), balances(replayed), `as of ${day}: the books shown = a replay of the entries valid that day`);
          holds(dayBroken(shown).length === 0, `as of ${day}`, { broken: dayBroken(shown), entries: entries.map((e) => [e.seq, e.type, e.valueDate, e.amountFen, e.refersTo]) });
        }
        holds(brokenDays(entries).length === 0, 'no obligation broken', brokenDays(entries));
      }),
      { numRuns: RUNS },
    );
    // Refusals for a day already shown happened, and not only for one rule.
    expect(pastRefusals.length).toBeGreaterThan(0);
    expect(new Set(pastRefusals).size).toBeGreaterThan(1);
  });

  it('an entry settles the open alerts as the sweep of its day would: that sweep then only raises, and the entry resolves or updates only what it changed', () => {
    let settled = 0;
    fc.assert(
      fc.property(setupArb, specsArb, (setup, specs) => {
        const { entries } = run(setup, specs, false);
        const pid = entries[0]!.projectId;
        let before = rebuild(entries.slice(0, 1))!;
        for (let i = 1; i < entries.length; i++) {
          const after = rebuild(entries.slice(0, i + 1))!;
          // Recorded on a day on or after every value date, as the write path is (a few spreads).
          const last = compareDates(before.lastValueDate, after.lastValueDate) > 0 ? before.lastValueDate : after.lastValueDate;
          const day = [last, addDays(last, 10), addDays(last, 40), addDays(last, 100)][i % 4]!;
          const swept = reconcile(pid, [], evaluate(before, day), day).open;
          const write = alertsAfterWrite(pid, swept, before, after, day);
          holds(write.changes.every((c) => c.kindOfChange !== 'raised'), 'a write raises nothing', write.changes);
          holds(write.open.every((a) => swept.some((b) => b.alertId === a.alertId)), 'a write opens nothing');
          const sweepAfter = reconcile(pid, write.open, evaluate(after, day), day);
          holds(sweepAfter.changes.every((c) => c.kindOfChange === 'raised'), `step ${i}: the day's sweep after the entry finds nothing to update or resolve`, sweepAfter.changes);
          // What the entry did not change it leaves as the sweep left it.
          const untouched = swept.filter((a) => write.open.some((b) => b === a));
          const sameWas = evaluate(before, day);
          const sameIs = evaluate(after, day);
          for (const a of untouched) {
            const key = (c: { kind: string; funder: string | null }) => c.kind === a.kind && c.funder === a.funder;
            same(sameIs.find(key), sameWas.find(key), `step ${i}: an alert left as it was is one whose condition the entry did not change`);
          }
          settled += write.changes.length;
          before = after;
        }
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 3)) },
    );
    // The runs did resolve or update alerts (a guard against a generator that never does).
    expect(settled).toBeGreaterThan(0);
  });

  it('the hash chain verifies, and tampering is found at the right seq', () => {
    fc.assert(
      fc.property(setupArb, specsArb, fc.nat(), fc.constantFrom('edit', 'reseal', 'drop-last', 'drop', 'swap', 'forge'), (setup, specs, pick, how) => {
        const { entries, state } = run(setup, specs, false);
        const head = { version: state.version, headHash: state.headHash };
        expect(verifyChain(entries, head)).toEqual({ valid: true, entries: entries.length, headHash: state.headHash });
        const n = entries.length;
        const k = pick % n; // 0-based index of the entry tampered with
        const copy = entries.map((e) => ({ ...e }));
        let brokenAtSeq: number;
        switch (how) {
          case 'edit':
            copy[k] = { ...copy[k]!, memo: `${copy[k]!.memo ?? ''}改` };
            brokenAtSeq = k + 1;
            break;
          case 'reseal': {
            const body = { ...copy[k]!, reference: `${copy[k]!.reference ?? ''}改` };
            copy[k] = { ...body, hash: entryHash(body) };
            brokenAtSeq = k + 1 < n ? k + 2 : n; // the next link breaks; at the end, the head no longer matches
            break;
          }
          case 'drop-last':
            copy.pop();
            brokenAtSeq = n;
            break;
          case 'drop':
            if (n < 2) return;
            copy.splice(k, 1);
            brokenAtSeq = k + 1 < n ? k + 1 : n;
            break;
          case 'swap':
            if (k + 1 >= n) return;
            [copy[k], copy[k + 1]] = [copy[k + 1]!, copy[k]!];
            brokenAtSeq = k + 1;
            break;
          default: {
            const last = copy[n - 1]!;
            const { hash: _h, ...rest } = last;
            copy.push(sealEntry({ ...rest, seq: n + 1, entryId: `PX.${n + 1}`, prevHash: last.hash }));
            brokenAtSeq = n + 1;
          }
        }
        const verdict = verifyChain(copy, head);
        expect(verdict.valid).toBe(false);
        if (!verdict.valid) expect(verdict.brokenAtSeq).toBe(brokenAtSeq);
      }),
      { numRuns: 60 },
    );
  });
});
