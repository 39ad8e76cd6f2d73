/**
 * Property-based tests of the project aggregate: random registrations under each seed program,
 * then random command sequences driven through `decide` / `evolve`, checked after every step
 * against an independent reference model written from shared/RULES.md and API.md (not from the
 * implementation), and against the ledger's own invariants (caps, match ratio, funds, replay,
 * hash chain).
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { makeCreditCode } from '../../domain/credit-code';
import { addDays, addMonths, compareDates, daysBetween, type BusinessDate } from '../../domain/dates';
import { seedPrograms } from '../../domain/programs/seed';
import type { Program } from '../../domain/programs/program';
import { verifyChain, entryHash } from '../../domain/project/chain';
import type { Command, DecideContext } from '../../domain/project/commands';
import { decide } from '../../domain/project/decide';
import { clusterDelta } from '../../domain/project/effects';
import { evolve, replay } from '../../domain/project/evolve';
import type { Decision } from '../../domain/project/outcome';
import { balances, limits, type ClusterUsage } from '../../domain/project/position';
import type { Actor, Entry, Funder, ProjectState, Registration, Tranche } from '../../domain/project/types';

const YUAN = 100;
const RUNS = 200;

// ---------------------------------------------------------------------------------------------
// The rule book, transcribed from shared/RULES.md (independently of domain/programs/seed.ts).

interface Rulebook {
  match: { kind: 'exact' | 'at-least'; zone: number; province: number } | { kind: 'none' };
  provincePerProject: number | null;
  jointPerProject: number | null;
  /** joint ≤ newInvestment / shareDen, i.e. shareDen × joint ≤ newInvestment */
  shareDen: number | null;
  provincePerCluster: number | null;
  months: number;
  projectsPerCluster: number | null;
}

const RULEBOOK: Record<string, Rulebook> = {
  'JS-2021-CLUSTER': {
    match: { kind: 'exact', zone: 1, province: 1 },
    provincePerProject: null,
    jointPerProject: 10_000_000 * YUAN,
    shareDen: 3,
    provincePerCluster: 30_000_000 * YUAN,
    months: 42,
    projectsPerCluster: 8,
  },
  'JS-2023-C': {
    match: { kind: 'at-least', zone: 1, province: 1 },
    provincePerProject: 6_000_000 * YUAN,
    jointPerProject: null,
    shareDen: 3,
    provincePerCluster: null,
    months: 42,
    projectsPerCluster: null,
  },
  'NJ-CITY-CLUSTER': {
    match: { kind: 'none' },
    provincePerProject: null,
    jointPerProject: null,
    shareDen: null,
    provincePerCluster: null,
    months: 36,
    projectsPerCluster: null,
  },
};

const book = (p: Program): Rulebook => {
  const b = RULEBOOK[p.code];
  if (!b) throw new Error(`no rule book for ${p.code}`);
  return b;
};

/** Least zone money matching `province` fen (ceil(province × z / p)), 0 when no match applies. */
function requiredZone(rb: Rulebook, inside: boolean, province: number): number {
  if (rb.match.kind === 'none' || !inside) return 0;
  return Math.ceil((province * rb.match.zone) / rb.match.province);
}

function satisfies(rb: Rulebook, zone: number, province: number): boolean {
  if (rb.match.kind === 'none') return true;
  const lhs = BigInt(zone) * BigInt(rb.match.province);
  const rhs = BigInt(province) * BigInt(rb.match.zone);
  return rb.match.kind === 'exact' ? lhs === rhs : lhs >= rhs;
}

// ---------------------------------------------------------------------------------------------
// Scenario generation.

const NOWS = [
  { now: '2026-01-01T00:00:00.000Z', today: '2026-01-01' },
  { now: '2026-06-30T16:30:00.000Z', today: '2026-07-01' }, // 00:30 on 1 July in China
  { now: '2028-03-01T03:00:00.000Z', today: '2028-03-01' },
] as const;

interface Scenario {
  program: Program;
  registration: Registration;
  cluster: ClusterUsage;
  now: string;
  today: BusinessDate;
}

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const permille = fc.integer({ min: 0, max: 1000 });
const part = (total: number, pm: number): number => Math.floor((total * pm) / 1000);

function splitSchedule(funder: Funder, grant: number, weights: number[], dueSpots: number[], signedOn: BusinessDate, endsOn: BusinessDate): Tranche[] {
  if (grant === 0) return [];
  const k = Math.min(weights.length, grant);
  const w = weights.slice(0, k);
  const total = w.reduce((s, x) => s + x, 0);
  const span = daysBetween(signedOn, endsOn);
  const out: Tranche[] = [];
  let left = grant;
  for (let i = 0; i < k; i++) {
    const amount = i === k - 1 ? left : Math.max(1, Math.floor((grant * w[i]!) / total));
    left -= amount;
    out.push({
      trancheId: `${funder === 'province' ? 'P' : 'Z'}${i + 1}`,
      funder,
      dueOn: addDays(signedOn, part(span, dueSpots[i] ?? 500)),
      amountFen: amount,
    });
  }
  return out;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    program: fc.constantFrom(...seedPrograms),
    insideZone: fc.oneof(w(3, fc.constant(true)), w(1, fc.constant(false))),
    // New investment: worked-example values, or anything from 300,000 to 60,000,000 yuan.
    newInvestmentFen: fc.oneof(
      fc.constantFrom(24_000_000 * YUAN, 45_000_000 * YUAN, 30_000_000 * YUAN),
      fc.integer({ min: 300_000 * YUAN, max: 60_000_000 * YUAN }),
    ),
    maxGrants: fc.boolean(),
    provincePm: fc.integer({ min: 50, max: 1000 }),
    zonePm: permille,
    njProvinceYuan: fc.integer({ min: 1, max: 20_000_000 }),
    njZoneYuan: fc.integer({ min: 0, max: 20_000_000 }),
    signedOffsetDays: fc.integer({ min: 0, max: 900 }),
    startDelayDays: fc.integer({ min: 0, max: 60 }),
    shorterByDays: fc.integer({ min: 0, max: 500 }),
    weights: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 3 }),
    dueSpots: fc.array(permille, { minLength: 3, maxLength: 3 }),
    clusterUse: fc.constantFrom('none', 'random', 'tight'),
    clusterPm: permille,
    projectCount: fc.integer({ min: 0, max: 7 }),
    nowIndex: fc.integer({ min: 0, max: NOWS.length - 1 }),
    code: fc.integer({ min: 0, max: 9_999_999 }),
  })
  .map((g): Scenario => {
    const rb = book(g.program);
    const inside = g.insideZone;
    const NI = g.newInvestmentFen;
    let province: number;
    let zone: number;
    if (g.program.code === 'NJ-CITY-CLUSTER') {
      province = g.njProvinceYuan * YUAN;
      zone = inside ? g.njZoneYuan * YUAN : 0;
    } else {
      const shareMax = Math.floor(NI / rb.shareDen!);
      const jointMax = rb.jointPerProject === null ? shareMax : Math.min(rb.jointPerProject, shareMax);
      if (!inside) {
        const pMax = rb.provincePerProject === null ? jointMax : Math.min(rb.provincePerProject, jointMax);
        province = g.maxGrants ? pMax : Math.max(1, part(pMax, g.provincePm));
        zone = 0;
      } else if (rb.match.kind === 'exact') {
        const pMax = Math.floor(jointMax / 2);
        province = g.maxGrants ? pMax : Math.max(1, part(pMax, g.provincePm));
        zone = province;
      } else {
        const pMax = Math.min(rb.provincePerProject ?? Infinity, Math.floor(jointMax / 2));
        province = g.maxGrants ? pMax : Math.max(1, part(pMax, g.provincePm));
        // at least 1:1, and whatever joint room is left
        zone = g.maxGrants ? jointMax - province : province + part(jointMax - 2 * province, g.zonePm);
      }
    }
    const signedOn = addDays('2021-01-01', g.signedOffsetDays);
    const startsOn = addDays(signedOn, g.startDelayDays);
    const endsOn = addDays(addMonths(startsOn, rb.months), -1 - g.shorterByDays);
    const schedule = [
      ...splitSchedule('province', province, g.weights, g.dueSpots, signedOn, endsOn),
      ...splitSchedule('zone', zone, [...g.weights].reverse(), [...g.dueSpots].reverse(), signedOn, endsOn),
    ];
    const zoneId = 'ZONE-A';
    const clusterId = `CL-${g.program.code}`;
    const registration: Registration = {
      projectId: 'PRJ-1',
      programCode: g.program.code,
      clusterId,
      zoneId,
      insideZone: inside,
      title: '测试项目',
      owner: { name: '某某科技有限公司', creditCode: makeCreditCode(`91320100MA${String(g.code).padStart(7, '0')}`) },
      newInvestmentFen: NI,
      contract: { signedOn, startsOn, endsOn, provinceGrantFen: province, zoneGrantFen: zone },
      schedule,
    };
    const cap = rb.provincePerCluster;
    const pre =
      g.clusterUse === 'none' ? 0
      : g.clusterUse === 'random' ? part(cap ?? 50_000_000 * YUAN, g.clusterPm)
      // "tight": leave less room in the cluster than the project's grant
      : cap === null ? part(50_000_000 * YUAN, g.clusterPm) : Math.max(0, cap - part(province, g.clusterPm));
    const cluster: ClusterUsage = {
      clusterId,
      programCode: g.program.code,
      zoneId,
      provinceAllocatedFen: pre,
      zoneAllocatedFen: pre,
      projectCount: rb.projectsPerCluster === null ? g.projectCount : Math.min(g.projectCount, rb.projectsPerCluster - 1),
    };
    const { now, today } = NOWS[g.nowIndex]!;
    return { program: g.program, registration, cluster, now, today };
  });

// Commands as "seeds", resolved against the project as it stands when they run, so that many
// are accepted (fractions of the remaining headroom) and some just cross a limit.
type DateSel = { where: 'in' | 'before' | 'after'; pm: number };
type Op =
  | { op: 'allocate'; size: 'fraction' | 'headroom' | 'over' | 'random'; pm: number; extra: number; date: DateSel; poster: number; memo: string | null }
  | { op: 'confirm'; target: 'pending' | 'any' | 'bogus' | 'standalone'; pick: number; size: 'exact' | 'minus1' | 'plus1' | 'much-more' | 'room'; pm: number; date: DateSel; poster: number }
  | { op: 'disburse'; funder: Funder; size: 'fraction' | 'all' | 'over' | 'random'; pm: number; tranche: 'none' | 'own' | 'other' | 'bogus'; pick: number; date: DateSel; poster: number }
  | { op: 'reverse'; pick: number; anyEntry: boolean; sameActor: boolean };
type TamperKind = 'amount' | 'memo' | 'valueDate' | 'actor' | 'swap' | 'drop-last' | 'drop-middle' | 'reseal' | 'append' | 'truncate';
interface Step { op: Op; tamper: { kind: TamperKind; pos: number; pos2: number } }

const dateSel: fc.Arbitrary<DateSel> = fc.record({
  where: fc.oneof(w(10, fc.constant('in' as const)), w(1, fc.constant('before' as const)), w(1, fc.constant('after' as const))),
  pm: permille,
});
const poster = fc.integer({ min: 0, max: 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  w(3, fc.record({
    op: fc.constant('allocate' as const),
    size: fc.oneof(w(5, fc.constant('fraction' as const)), w(2, fc.constant('headroom' as const)), w(2, fc.constant('over' as const)), w(1, fc.constant('random' as const))),
    pm: fc.integer({ min: 1, max: 1000 }),
    extra: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 * YUAN })),
    date: dateSel,
    poster,
    memo: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
  })),
  w(3, fc.record({
    op: fc.constant('confirm' as const),
    target: fc.oneof(w(6, fc.constant('pending' as const)), w(2, fc.constant('any' as const)), w(1, fc.constant('bogus' as const)), w(2, fc.constant('standalone' as const))),
    pick: fc.nat(),
    size: fc.oneof(w(4, fc.constant('exact' as const)), w(1, fc.constant('minus1' as const)), w(1, fc.constant('plus1' as const)), w(1, fc.constant('much-more' as const)), w(2, fc.constant('room' as const))),
    pm: permille,
    date: dateSel,
    poster,
  })),
  w(3, fc.record({
    op: fc.constant('disburse' as const),
    funder: fc.constantFrom<Funder>('province', 'zone'),
    size: fc.oneof(w(5, fc.constant('fraction' as const)), w(2, fc.constant('all' as const)), w(2, fc.constant('over' as const)), w(1, fc.constant('random' as const))),
    pm: fc.integer({ min: 1, max: 1000 }),
    tranche: fc.oneof(w(4, fc.constant('none' as const)), w(4, fc.constant('own' as const)), w(1, fc.constant('other' as const)), w(1, fc.constant('bogus' as const))),
    pick: fc.nat(),
    date: dateSel,
    poster,
  })),
  w(2, fc.record({ op: fc.constant('reverse' as const), pick: fc.nat(), anyEntry: fc.boolean(), sameActor: fc.boolean() })),
);
const stepArb: fc.Arbitrary<Step> = fc.record({
  op: opArb,
  tamper: fc.record({
    kind: fc.constantFrom<TamperKind>('amount', 'memo', 'valueDate', 'actor', 'swap', 'drop-last', 'drop-middle', 'reseal', 'append', 'truncate'),
    pos: fc.nat(),
    pos2: fc.nat(),
  }),
});

// ---------------------------------------------------------------------------------------------
// Reference model: what RULES.md / API.md say the project's money looks like.

interface MAlloc { kind: 'allocation'; amount: number; valueDate: BusinessDate; postedBy: string; status: 'pending' | 'confirmed' | 'void' | 'reversed'; req: number; matchedBy: string | null }
interface MConf { kind: 'confirmation'; amount: number; postedBy: string; allocId: string | null; reversed: boolean }
interface MDisb { kind: 'disbursement'; funder: Funder; amount: number; postedBy: string; reversed: boolean }
interface MRev { kind: 'reversal'; postedBy: string }
type MRecord = MAlloc | MConf | MDisb | MRev;

class Model {
  readonly records = new Map<string, MRecord>();
  constructor(readonly s: Scenario, readonly rb: Rulebook) {}

  get reg() { return this.s.registration; }
  get matched(): boolean { return this.rb.match.kind !== 'none' && this.reg.insideZone; }

  private sum(pred: (r: MRecord) => number): number {
    let t = 0;
    for (const r of this.records.values()) t += pred(r);
    return t;
  }
  provincePending() { return this.sum((r) => (r.kind === 'allocation' && r.status === 'pending' ? r.amount : 0)); }
  provinceConfirmed() { return this.sum((r) => (r.kind === 'allocation' && r.status === 'confirmed' ? r.amount : 0)); }
  zonePending() { return this.sum((r) => (r.kind === 'allocation' && r.status === 'pending' ? r.req : 0)); }
  zoneConfirmed() { return this.sum((r) => (r.kind === 'confirmation' && !r.reversed ? r.amount : 0)); }
  provinceAllocated() { return this.provincePending() + this.provinceConfirmed(); }
  zoneAllocated() { return this.zonePending() + this.zoneConfirmed(); }
  confirmed(f: Funder) { return f === 'province' ? this.provinceConfirmed() : this.zoneConfirmed(); }
  disbursed(f: Funder) { return this.sum((r) => (r.kind === 'disbursement' && !r.reversed && r.funder === f ? r.amount : 0)); }

  outsidePeriod(d: BusinessDate): boolean {
    return compareDates(d, this.reg.contract.signedOn) < 0 || compareDates(d, this.reg.contract.endsOn) > 0;
  }

  /** Largest province allocation every cap and the contract allow now. */
  allocationRoom(clusterProvince: number): number {
    const P = this.provinceAllocated();
    const J = P + this.zoneAllocated();
    const k = this.matched ? 2 : 1; // 1:1 match: each province fen brings one zone fen with it
    const rooms = [this.reg.contract.provinceGrantFen - P];
    if (this.rb.provincePerProject !== null) rooms.push(this.rb.provincePerProject - P);
    if (this.rb.jointPerProject !== null) rooms.push(Math.floor((this.rb.jointPerProject - J) / k));
    if (this.rb.shareDen !== null) rooms.push(Math.floor((this.reg.newInvestmentFen - this.rb.shareDen * J) / (this.rb.shareDen * k)));
    if (this.rb.provincePerCluster !== null) rooms.push(this.rb.provincePerCluster - clusterProvince);
    if (this.matched) rooms.push(this.reg.contract.zoneGrantFen - this.zoneAllocated());
    return Math.max(0, Math.min(...rooms));
  }

  expect(cmd: Command, actor: Actor, clusterProvince: number): string | null {
    const c = this.reg.contract;
    switch (cmd.kind) {
      case 'register':
        throw new Error('not used');
      case 'allocate': {
        const a = cmd.amountFen;
        if (this.outsidePeriod(cmd.valueDate)) return 'implementation-period';
        if (this.matched && this.rb.match.kind === 'exact' && (a * this.rb.match.zone) % this.rb.match.province !== 0) return 'match-ratio';
        const P = this.provinceAllocated();
        const Z = this.zoneAllocated();
        const r = requiredZone(this.rb, this.reg.insideZone, a);
        if (this.rb.provincePerProject !== null && P + a > this.rb.provincePerProject) return 'province-per-project';
        if (this.rb.jointPerProject !== null && P + Z + a + r > this.rb.jointPerProject) return 'joint-per-project';
        if (this.rb.shareDen !== null && this.rb.shareDen * (P + Z + a + r) > this.reg.newInvestmentFen) return 'joint-share-of-new-investment';
        if (this.rb.provincePerCluster !== null && clusterProvince + a > this.rb.provincePerCluster) return 'province-per-cluster';
        if (P + a > c.provinceGrantFen) return 'contract-grant';
        if (Z + r > c.zoneGrantFen) return 'contract-grant';
        return null;
      }
      case 'confirm-match': {
        const id = cmd.allocationEntryId ?? null;
        let alloc: MAlloc | null = null;
        if (id === null) {
          if (this.rb.match.kind !== 'none') return 'match-not-pending';
        } else {
          const r = this.records.get(id);
          if (!r || r.kind !== 'allocation' || r.status !== 'pending') return 'match-not-pending';
          if (compareDates(cmd.valueDate, r.valueDate) < 0) return 'invalid';
          alloc = r;
        }
        if (this.outsidePeriod(cmd.valueDate)) return 'implementation-period';
        if (alloc && !satisfies(this.rb, cmd.amountFen, alloc.amount)) return 'match-ratio';
        const released = alloc?.req ?? 0;
        const joint = this.provinceAllocated() + this.zoneAllocated() - released + cmd.amountFen;
        if (this.rb.jointPerProject !== null && joint > this.rb.jointPerProject) return 'joint-per-project';
        if (this.rb.shareDen !== null && this.rb.shareDen * joint > this.reg.newInvestmentFen) return 'joint-share-of-new-investment';
        if (this.zoneAllocated() - released + cmd.amountFen > c.zoneGrantFen) return 'contract-grant';
        return null;
      }
      case 'disburse': {
        if (compareDates(cmd.paidOn, this.s.today) > 0) return 'invalid';
        if (this.outsidePeriod(cmd.paidOn)) return 'implementation-period';
        if (cmd.trancheId != null && !this.reg.schedule.some((t) => t.trancheId === cmd.trancheId && t.funder === cmd.funder)) return 'schedule-mismatch';
        if (this.disbursed(cmd.funder) + cmd.amountFen > this.confirmed(cmd.funder)) return 'insufficient-confirmed-funds';
        return null;
      }
      case 'reverse': {
        const t = this.records.get(cmd.entryId);
        if (!t || t.kind === 'reversal') return 'reversal-not-allowed';
        if (t.kind === 'confirmation' && t.allocId !== null) return 'reversal-not-allowed';
        if (t.kind === 'allocation' ? t.status === 'void' || t.status === 'reversed' : t.reversed) return 'reversal-not-allowed';
        if (t.postedBy === actor.sub) return 'four-eyes';
        const loss = { province: 0, zone: 0 };
        if (t.kind === 'allocation' && t.status === 'confirmed') {
          loss.province = t.amount;
          const m = t.matchedBy ? this.records.get(t.matchedBy) : undefined;
          if (m && m.kind === 'confirmation' && !m.reversed) loss.zone = m.amount;
        } else if (t.kind === 'confirmation') {
          loss.zone = t.amount;
        }
        for (const f of ['province', 'zone'] as const) {
          if (this.disbursed(f) > this.confirmed(f) - loss[f]) return 'reversal-not-allowed';
        }
        return null;
      }
    }
  }

  apply(cmd: Command, entryId: string, actor: Actor): void {
    switch (cmd.kind) {
      case 'register':
        return;
      case 'allocate':
        this.records.set(entryId, {
          kind: 'allocation',
          amount: cmd.amountFen,
          valueDate: cmd.valueDate,
          postedBy: actor.sub,
          status: this.matched ? 'pending' : 'confirmed',
          req: requiredZone(this.rb, this.reg.insideZone, cmd.amountFen),
          matchedBy: null,
        });
        return;
      case 'confirm-match': {
        const id = cmd.allocationEntryId ?? null;
        this.records.set(entryId, { kind: 'confirmation', amount: cmd.amountFen, postedBy: actor.sub, allocId: id, reversed: false });
        const a = id ? this.records.get(id) : undefined;
        if (a && a.kind === 'allocation') Object.assign(a, { status: 'confirmed', req: 0, matchedBy: entryId });
        return;
      }
      case 'disburse':
        this.records.set(entryId, { kind: 'disbursement', funder: cmd.funder, amount: cmd.amountFen, postedBy: actor.sub, reversed: false });
        return;
      case 'reverse': {
        this.records.set(entryId, { kind: 'reversal', postedBy: actor.sub });
        const t = this.records.get(cmd.entryId)!;
        if (t.kind === 'allocation') {
          const m = t.matchedBy ? this.records.get(t.matchedBy) : undefined;
          if (m && m.kind === 'confirmation') m.reversed = true;
          Object.assign(t, { status: t.status === 'pending' ? 'void' : 'reversed', req: 0 });
        } else if (t.kind !== 'reversal') {
          t.reversed = true;
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers.

/** toEqual, with a fast path (jest's matcher is slow over thousands of steps). */
function expectEqual(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

const PROVINCE_OFFICERS = ['fo-1', 'fo-2'];
const ZONE_OFFICERS = ['zc-1', 'zc-2'];
const actorFor = (funder: Funder, i: number): Actor =>
  funder === 'province' ? { sub: PROVINCE_OFFICERS[i % 2]!, role: 'finance-officer' } : { sub: ZONE_OFFICERS[i % 2]!, role: 'zone-committee' };

function pickDate(sel: DateSel, lo: BusinessDate, hi: BusinessDate, s: Scenario): BusinessDate {
  const c = s.registration.contract;
  if (sel.where === 'before') return addDays(c.signedOn, -1);
  if (sel.where === 'after') return addDays(c.endsOn, 1);
  if (compareDates(hi, lo) < 0) return lo;
  return addDays(lo, part(daysBetween(lo, hi), sel.pm));
}

const minD = (a: BusinessDate, b: BusinessDate) => (compareDates(a, b) <= 0 ? a : b);

/** Turns a command seed into a concrete command and the actor issuing it. */
function resolve(op: Op, s: Scenario, m: Model, entries: readonly Entry[], cluster: ClusterUsage): { cmd: Command; actor: Actor } {
  const c = s.registration.contract;
  switch (op.op) {
    case 'allocate': {
      const room = m.allocationRoom(cluster.provinceAllocatedFen);
      const amountFen =
        op.size === 'fraction' ? Math.max(1, part(room, op.pm))
        : op.size === 'headroom' ? Math.max(1, room)
        : op.size === 'over' ? room + 1 + op.extra
        : 1 + part(c.provinceGrantFen + 1_000_000 * YUAN, op.pm);
      return {
        cmd: { kind: 'allocate', amountFen, valueDate: pickDate(op.date, c.signedOn, c.endsOn, s), reference: `ALLOC-${entries.length + 1}`, memo: op.memo },
        actor: actorFor('province', op.poster),
      };
    }
    case 'confirm': {
      const pending = [...m.records.entries()].filter(([, r]) => r.kind === 'allocation' && r.status === 'pending');
      let allocationEntryId: string | null;
      if (op.target === 'standalone') allocationEntryId = null;
      else if (op.target === 'bogus') allocationEntryId = `${s.registration.projectId}.${999 + op.pick % 5}`;
      else if (op.target === 'pending' && pending.length > 0) allocationEntryId = pending[op.pick % pending.length]![0];
      else allocationEntryId = entries[op.pick % entries.length]!.entryId;
      const target = allocationEntryId ? m.records.get(allocationEntryId) : undefined;
      const province = target && target.kind === 'allocation' ? target.amount : 0;
      const required = target && target.kind === 'allocation' ? Math.max(1, requiredZone(m.rb, true, province)) : 1;
      const zoneRoom = Math.max(0, c.zoneGrantFen - m.zoneAllocated() + (target && target.kind === 'allocation' ? target.req : 0));
      const amountFen =
        op.size === 'exact' ? required
        : op.size === 'minus1' ? Math.max(1, required - 1)
        : op.size === 'plus1' ? required + 1
        : op.size === 'much-more' ? 2 * required + 1 + part(required, op.pm)
        : allocationEntryId === null ? Math.max(1, part(zoneRoom, op.pm))
        : required + part(Math.max(0, zoneRoom - required), op.pm);
      const lo = target && target.kind === 'allocation' ? target.valueDate : c.signedOn;
      return {
        cmd: { kind: 'confirm-match', allocationEntryId, amountFen, valueDate: pickDate(op.date, lo, c.endsOn, s), reference: `MATCH-${entries.length + 1}` },
        actor: actorFor('zone', op.poster),
      };
    }
    case 'disburse': {
      const available = Math.max(0, m.confirmed(op.funder) - m.disbursed(op.funder));
      const amountFen =
        op.size === 'fraction' ? Math.max(1, part(available, op.pm))
        : op.size === 'all' ? Math.max(1, available)
        : op.size === 'over' ? available + 1
        : 1 + part(c.provinceGrantFen + c.zoneGrantFen, op.pm);
      const own = s.registration.schedule.filter((t) => t.funder === op.funder);
      const other = s.registration.schedule.filter((t) => t.funder !== op.funder);
      const trancheId =
        op.tranche === 'own' && own.length > 0 ? own[op.pick % own.length]!.trancheId
        : op.tranche === 'other' && other.length > 0 ? other[op.pick % other.length]!.trancheId
        : op.tranche === 'bogus' ? 'NO-SUCH'
        : null;
      return {
        cmd: { kind: 'disburse', funder: op.funder, amountFen, paidOn: pickDate(op.date, c.signedOn, minD(c.endsOn, s.today), s), reference: `PAY-${entries.length + 1}`, trancheId },
        actor: actorFor(op.funder, op.poster),
      };
    }
    case 'reverse': {
      const money = [...m.records.keys()];
      const entryId = !op.anyEntry && money.length > 0 ? money[op.pick % money.length]! : entries[op.pick % entries.length]!.entryId;
      const t = m.records.get(entryId);
      const poster = t?.postedBy ?? 'fo-1';
      const role = poster.startsWith('zc') ? 'zone-committee' : 'finance-officer';
      const pool = role === 'zone-committee' ? ZONE_OFFICERS : PROVINCE_OFFICERS;
      const sub = op.sameActor ? poster : pool.find((x) => x !== poster)!;
      return { cmd: { kind: 'reverse', entryId, reason: 'correction' }, actor: { sub, role } };
    }
  }
}

const outcome = (d: Decision): string | null => (d.ok ? null : 'violation' in d ? d.violation.rule : 'invalid');

/**
 * One tampering of the stored chain, with the seq verifyChain must report (null: only `valid: false`
 * is required, for an entry appended beyond the head, where "the broken seq" is debatable).
 */
function tamperings(entries: readonly Entry[], kind: TamperKind, pos: number, pos2: number): { name: string; chain: Entry[]; brokenAtSeq: number | null } | null {
  const n = entries.length;
  const i = pos % n;
  const copy = entries.map((e) => ({ ...e }));
  const e = copy[i]!;
  switch (kind) {
    case 'amount':
      e.amountFen = e.amountFen === null ? 1 : e.amountFen + 1;
      return { name: `amountFen of seq ${i + 1}`, chain: copy, brokenAtSeq: i + 1 };
    case 'memo':
      e.memo = `${e.memo ?? ''}x`;
      return { name: `memo of seq ${i + 1}`, chain: copy, brokenAtSeq: i + 1 };
    case 'valueDate':
      e.valueDate = addDays(e.valueDate, 1);
      return { name: `valueDate of seq ${i + 1}`, chain: copy, brokenAtSeq: i + 1 };
    case 'actor':
      e.actor = { ...e.actor, sub: `${e.actor.sub}-x` };
      return { name: `actor of seq ${i + 1}`, chain: copy, brokenAtSeq: i + 1 };
    case 'swap': {
      if (n < 2) return null;
      let j = pos2 % n;
      if (j === i) j = (i + 1) % n;
      const [a, b] = [Math.min(i, j), Math.max(i, j)];
      [copy[a], copy[b]] = [copy[b]!, copy[a]!];
      return { name: `swap of seq ${a + 1} and ${b + 1}`, chain: copy, brokenAtSeq: a + 1 };
    }
    case 'drop-last':
      return { name: 'drop of the last entry', chain: copy.slice(0, -1), brokenAtSeq: n };
    case 'truncate':
      // Everything after seq i + 1 lost: the first missing seq is reported.
      if (i >= n - 1) return null;
      return { name: `truncate after seq ${i + 1}`, chain: copy.slice(0, i + 1), brokenAtSeq: i + 2 };
    case 'drop-middle':
      if (i === n - 1) return null;
      copy.splice(i, 1);
      return { name: `drop of seq ${i + 1}`, chain: copy, brokenAtSeq: i + 1 };
    case 'reseal': {
      // A forger who recomputes the entry's own hash is caught by the next link (or the head).
      e.amountFen = e.amountFen === null ? 1 : e.amountFen + 1;
      e.hash = entryHash(e);
      return { name: `resealed amountFen of seq ${i + 1}`, chain: copy, brokenAtSeq: i === n - 1 ? n : i + 2 };
    }
    case 'append': {
      // A forged entry correctly chained after the head: only the head can tell it does not belong.
      const last = copy[n - 1]!;
      const { hash: _h, ...body } = { ...last, seq: n + 1, entryId: `${last.projectId}.${n + 1}`, prevHash: last.hash, memo: 'forged' };
      copy.push({ ...body, hash: entryHash(body) });
      return { name: 'append after the head', chain: copy, brokenAtSeq: null };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The properties.

interface Tally { accepted: Record<string, number>; rejected: Record<string, number> }
const tally: Tally = { accepted: {}, rejected: {} };
const bump = (r: Record<string, number>, k: string) => { r[k] = (r[k] ?? 0) + 1; };

function checkInvariants(s: Scenario, m: Model, state: ProjectState, entries: readonly Entry[], cluster: ClusterUsage, preProvince: number, preZone: number): void {
  const rb = m.rb;
  const reg = s.registration;

  // 1. No cap is ever exceeded — the implementation's own list of limits ...
  for (const l of limits(state, cluster)) {
    if (l.usedFen > l.limitFen) throw new Error(`${l.rule} (${l.funder}) exceeded: ${l.usedFen} > ${l.limitFen}`);
  }
  // ... and each cap of RULES.md, computed from the reference model.
  const P = m.provinceAllocated();
  const Z = m.zoneAllocated();
  expect(P).toBeLessThanOrEqual(reg.contract.provinceGrantFen);
  expect(Z).toBeLessThanOrEqual(reg.contract.zoneGrantFen);
  if (rb.provincePerProject !== null) expect(P).toBeLessThanOrEqual(rb.provincePerProject);
  if (rb.jointPerProject !== null) expect(P + Z).toBeLessThanOrEqual(rb.jointPerProject);
  if (rb.shareDen !== null) expect(rb.shareDen * (P + Z)).toBeLessThanOrEqual(reg.newInvestmentFen);
  if (rb.provincePerCluster !== null) expect(cluster.provinceAllocatedFen).toBeLessThanOrEqual(rb.provincePerCluster);
  // The running cluster counters (maintained with clusterDelta) equal other projects + this one.
  expect(cluster.provinceAllocatedFen).toBe(preProvince + P);
  expect(cluster.zoneAllocatedFen).toBe(preZone + m.zoneConfirmed());

  // Balances agree with the reference model.
  const b = balances(state);
  expectEqual(b, {
    province: { allocatedFen: P, pendingFen: m.provincePending(), confirmedFen: m.provinceConfirmed(), disbursedFen: m.disbursed('province') },
    zone: { allocatedFen: Z, pendingFen: m.zonePending(), confirmedFen: m.zoneConfirmed(), disbursedFen: m.disbursed('zone') },
  });

  // 2. Every matched allocation is matched at the program's ratio; outside the zone no zone money at all.
  for (const [id, r] of Object.entries(state.records)) {
    if (r.kind === 'allocation' && r.matchedBy !== null) {
      const conf = state.records[r.matchedBy];
      if (!conf || conf.kind !== 'match-confirmation') throw new Error(`allocation ${id} matched by ${r.matchedBy}, which is not a confirmation`);
      expect(conf.allocationEntryId).toBe(id);
      expect(satisfies(rb, conf.amountFen, r.amountFen)).toBe(true);
    }
  }
  if (!reg.insideZone) {
    expect(b.zone).toEqual({ allocatedFen: 0, pendingFen: 0, confirmedFen: 0, disbursedFen: 0 });
    expect(Object.values(state.records).some((r) => r.kind === 'match-confirmation')).toBe(false);
  }

  // 3. Disbursed never exceeds confirmed.
  for (const f of ['province', 'zone'] as const) expect(b[f].disbursedFen).toBeLessThanOrEqual(b[f].confirmedFen);

  // 5. Replay from scratch rebuilds the incrementally evolved state.
  expectEqual(replay(entries), state);

  // 6. The chain verifies against the head.
  expectEqual(verifyChain(entries, { version: state.version, headHash: state.headHash }), { valid: true, entries: entries.length, headHash: state.headHash });
  expect(state.version).toBe(entries.length);
}

function run(s: Scenario, steps: Step[], exhaustiveTamper: boolean): void {
  const rb = book(s.program);
  const m = new Model(s, rb);
  const preProvince = s.cluster.provinceAllocatedFen;
  const preZone = s.cluster.zoneAllocatedFen;

  // Registration: a contract built to satisfy the program is accepted.
  const reg = decide(null, { kind: 'register', registration: s.registration }, {
    actor: { sub: 'fo-1', role: 'finance-officer' },
    now: s.now,
    cluster: s.cluster,
    program: s.program,
    enterpriseProjectCount: 0,
  });
  if (!reg.ok) throw new Error(`registration rejected: ${JSON.stringify(reg)}`);
  let state = deepFreeze(evolve(null, reg.entry));
  let entries: Entry[] = [deepFreeze(reg.entry)];
  const d0 = clusterDelta(null, state, reg.entry);
  let cluster: ClusterUsage = deepFreeze({ ...s.cluster, projectCount: s.cluster.projectCount + d0.projects });
  checkInvariants(s, m, state, entries, cluster, preProvince, preZone);

  for (const step of steps) {
    const { cmd, actor } = resolve(step.op, s, m, entries, cluster);
    const expected = m.expect(cmd, actor, cluster.provinceAllocatedFen);
    const before = structuredClone(state);
    const clusterBefore = structuredClone(cluster);
    const ctx: DecideContext = deepFreeze({ actor, now: s.now, cluster });
    const d = decide(state, deepFreeze(cmd), ctx);

    // decide never mutates its inputs (they are frozen, and still deep-equal their copies).
    expectEqual(state, before);
    expectEqual(cluster, clusterBefore);

    // The decision is the one RULES.md / API.md call for (first broken rule, in decide's order).
    if (outcome(d) !== expected) {
      throw new Error(`${JSON.stringify(cmd)} by ${actor.sub}: expected ${expected ?? 'accept'}, got ${JSON.stringify(d)}`);
    }
    if (!d.ok) {
      // 4. A rejected command changes nothing: the caller keeps the previous state, which is intact
      // (checked above); a violation of a limit says which limit, what was used and attempted.
      bump(tally.rejected, `${cmd.kind}:${expected}`);
      if ('violation' in d && ['contract-grant', 'province-per-project', 'joint-per-project', 'joint-share-of-new-investment', 'province-per-cluster', 'insufficient-confirmed-funds'].includes(d.violation.rule)) {
        const v = d.violation;
        expect(v.limitFen).toEqual(expect.any(Number));
        expect(v.usedFen).toEqual(expect.any(Number));
        expect(v.attemptedFen).toEqual(expect.any(Number));
        expect(v.usedFen! + v.attemptedFen!).toBeGreaterThan(v.limitFen!);
      }
    } else {
      bump(tally.accepted, cmd.kind);
      const e = d.entry;
      expect(e.seq).toBe(entries.length + 1);
      expect(e.entryId).toBe(`${s.registration.projectId}.${entries.length + 1}`);
      expect(e.prevHash).toBe(state.headHash);
      expect(e.recordedAt).toBe(s.now);
      expect(e.actor).toEqual(actor);
      if (cmd.kind === 'allocate') {
        expect(e).toMatchObject({ type: 'allocation', funder: 'province', amountFen: cmd.amountFen, valueDate: cmd.valueDate, status: m.matched ? 'pending-match' : 'confirmed' });
      } else if (cmd.kind === 'confirm-match') {
        expect(e).toMatchObject({ type: 'match-confirmation', funder: 'zone', amountFen: cmd.amountFen, refersTo: cmd.allocationEntryId ?? null, status: 'confirmed' });
      } else if (cmd.kind === 'disburse') {
        expect(e).toMatchObject({ type: 'disbursement', funder: cmd.funder, amountFen: cmd.amountFen, valueDate: cmd.paidOn, status: 'posted' });
      } else if (cmd.kind === 'reverse') {
        expect(e).toMatchObject({ type: 'reversal', refersTo: cmd.entryId, valueDate: s.today });
      }
      m.apply(cmd, e.entryId, actor);
      const next = deepFreeze(evolve(state, e));
      const delta = clusterDelta(state, next, e);
      cluster = deepFreeze({
        ...cluster,
        provinceAllocatedFen: cluster.provinceAllocatedFen + delta.provinceFen,
        zoneAllocatedFen: cluster.zoneAllocatedFen + delta.zoneFen,
        projectCount: cluster.projectCount + delta.projects,
      });
      state = next;
      entries = [...entries, deepFreeze(e)];
    }
    checkInvariants(s, m, state, entries, cluster, preProvince, preZone);

    // Tampering with one stored entry is detected at its seq.
    const t = tamperings(entries, step.tamper.kind, step.tamper.pos, step.tamper.pos2);
    if (t) {
      const v = verifyChain(t.chain, { version: state.version, headHash: state.headHash });
      if (v.valid || (t.brokenAtSeq !== null && v.brokenAtSeq !== t.brokenAtSeq)) throw new Error(`${t.name}: expected brokenAtSeq ${t.brokenAtSeq}, got ${JSON.stringify(v)}`);
    }
  }

  if (exhaustiveTamper) {
    for (let i = 0; i < entries.length; i++) {
      for (const kind of ['amount', 'memo', 'valueDate', 'actor', 'swap', 'drop-middle', 'reseal', 'truncate', 'append'] as const) {
        const t = tamperings(entries, kind, i, i + 1);
        if (!t) continue;
        const v = verifyChain(t.chain, { version: state.version, headHash: state.headHash });
        if (v.valid || (t.brokenAtSeq !== null && v.brokenAtSeq !== t.brokenAtSeq)) throw new Error(`${t.name}: expected brokenAtSeq ${t.brokenAtSeq}, got ${JSON.stringify(v)}`);
      }
    }
    const t = tamperings(entries, 'drop-last', 0, 0)!;
    expect(verifyChain(t.chain, { version: state.version, headHash: state.headHash })).toMatchObject({ valid: false, brokenAtSeq: entries.length });
  }
}

describe('project aggregate under random command sequences', () => {
  it('keeps every cap, match, funds, replay and chain invariant, and decides as RULES.md says', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(stepArb, { minLength: 1, maxLength: 40, size: 'max' }), fc.integer({ min: 0, max: 7 }), (s, steps, dice) => {
        // Every entry × every kind of tampering at the end of one run in eight (each step already tampers one).
        run(s, steps, dice === 0);
      }),
      { numRuns: RUNS },
    );
    // The generators must exercise acceptance, not only rejections.
    for (const kind of ['allocate', 'confirm-match', 'disburse', 'reverse']) expect(tally.accepted[kind] ?? 0).toBeGreaterThan(RUNS / 4);
    for (const rule of [
      'allocate:joint-share-of-new-investment',
      'allocate:province-per-cluster',
      'allocate:contract-grant',
      'allocate:implementation-period',
      'confirm-match:match-ratio',
      'confirm-match:match-not-pending',
      'disburse:insufficient-confirmed-funds',
      'disburse:schedule-mismatch',
      'reverse:four-eyes',
      'reverse:reversal-not-allowed',
    ]) expect(tally.rejected[rule] ?? 0).toBeGreaterThan(0);
  });
});
