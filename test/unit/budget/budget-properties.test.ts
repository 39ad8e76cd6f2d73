/**
 * Properties of the budget's sums over random sequences of allocations, match confirmations,
 * decommitments, transfers, payments, reversals and terminations across several projects, dated
 * out of order (late entries and reversals change days already shown):
 *
 * - every indicator's figures, kept as the sum of the changes each entry writes
 *   (indicatorChanges), equal the sum over projects of what each adds to it, and it is never
 *   overdrawn (draws are refused by indicatorViolation, as the storage condition would);
 * - every execution report row, read from rollup buckets kept as the sum of the dated changes each
 *   entry writes (executionChanges → bucketChanges → figuresOfMonth), equals the sum over the
 *   group's projects of their attribution as of that day, for every day, grouping and filter;
 * - no fen is attributed twice or lost: allocations' stretches lie end to end, each holds at most
 *   its own money, transferred and paid money is all attributed, and inside the zone paid ≤
 *   transferred per allocation.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { addDays, compareDates, type BusinessDate } from '../../../domain/dates';
import { addFigures, fiscalYearContributions, indicatorContributions, zeroFigures, type BudgetFigures } from '../../../domain/budget/attribution';
import { executionChanges, indicatorChanges } from '../../../domain/budget/changes';
import { indicatorViolation } from '../../../domain/budget/control';
import { bucketChanges, executionRows, figuresOfMonth, monthOf, type ExecutionCell, type ExecutionGroupBy } from '../../../domain/budget/execution';
import { applyBudgetEvent, attributionAsOf, emptyFlows, flowDates, fromConfirmedOf, type BudgetEvent, type ProvinceFlows } from '../../../domain/budget/flows';
import { newIndicator, type Indicator } from '../../../domain/budget/indicator';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
if (process.env.PROPERTY_SEED) fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED) });

function holds(condition: boolean, what: string, detail?: unknown): void {
  if (!condition) throw new Error(`${what}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
}
function same(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// --- the world -------------------------------------------------------------------------------

const PROGRAMS = [{ code: 'PA', budgetControl: true }, { code: 'PB', budgetControl: false }];
const PLACES = [
  { zoneId: 'Z1', city: '南京市', programCode: 'PA' },
  { zoneId: 'Z2', city: '南京市', programCode: 'PA' },
  { zoneId: 'Z3', city: '苏州市', programCode: 'PB' },
  { zoneId: 'Z1', city: '南京市', programCode: 'PB' },
  // The same place as the first: two projects adding to the same rollup items.
  { zoneId: 'Z1', city: '南京市', programCode: 'PA' },
];
const INDICATORS: Indicator[] = [
  newIndicator({ indicatorNo: 'PA-2025', fiscalYear: 2025, programCode: 'PA', amountFen: 4000, issuedOn: '2025-01-01' }),
  newIndicator({ indicatorNo: 'PA-2026', fiscalYear: 2026, programCode: 'PA', amountFen: 3000, issuedOn: '2026-01-01' }),
  newIndicator({ indicatorNo: 'PB-2025', fiscalYear: 2025, programCode: 'PB', amountFen: 2500, issuedOn: '2025-01-01' }),
  newIndicator({ indicatorNo: 'PB-2026', fiscalYear: 2026, programCode: 'PB', amountFen: 3500, issuedOn: '2026-01-01' }),
];
const FIRST_DAY = '2025-01-01';
const dayOf = (n: number): BusinessDate => addDays(FIRST_DAY, n);
const DAYS = 730;

interface Project {
  place: (typeof PLACES)[number];
  flows: ProvinceFlows;
  /** Entries that may be reversed, with the event that undoes each. */
  reversible: { entryId: string; undo: Extract<BudgetEvent, { type: 'reversal' }>['undo'] }[];
  lastCommittedOn: BusinessDate | null;
  terminated: boolean;
  seq: number;
  /** Days after FIRST_DAY of the latest entry. */
  clock: number;
}

/**
 * Commands name their amount as a share (per cent) of what the project has for them, so that most
 * are possible; their day moves the project's clock forward, or lies up to 60 days before it (a
 * late entry).
 */
type Cmd =
  | { k: 'allocate'; p: number; amount: number; dt: number; indicator: number; pending: boolean }
  | { k: 'confirm'; p: number; pick: number; share: number }
  | { k: 'decommit'; p: number; share: number; dt: number }
  | { k: 'transfer'; p: number; share: number; dt: number }
  | { k: 'pay'; p: number; share: number; dt: number }
  | { k: 'reverse'; p: number; pick: number }
  | { k: 'terminate'; p: number; dt: number };

const project = fc.integer({ min: 0, max: PLACES.length - 1 });
const dt = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 45 }) }, { weight: 1, arbitrary: fc.integer({ min: -60, max: -1 }) });
const share = fc.integer({ min: 1, max: 100 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('allocate' as const), p: project, amount: fc.integer({ min: 1, max: 300 }), dt, indicator: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) }), pending: fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('confirm' as const), p: project, pick: fc.nat(), share }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('decommit' as const), p: project, share, dt }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('transfer' as const), p: project, share, dt }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('pay' as const), p: project, share, dt }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('reverse' as const), p: project, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('terminate' as const), p: project, dt: fc.integer({ min: 0, max: 45 }) }) },
);

// --- the books' own rule, as of every day -----------------------------------------------------

/** Transferred ≤ allocated and paid ≤ transferred (inside) or ≤ allocated (outside), on every day; nothing negative. */
function booksHold(flows: ProvinceFlows): boolean {
  if (flows.allocations.some((a) => a.pendingFen < 0 || a.pendingFen > a.amountFen - a.decommitments.reduce((t, d) => t + d.amountFen, 0))) return false;
  for (const d of [...flowDates(flows), null]) {
    const at = attributionAsOf(flows, d);
    const net = at.allocations.reduce((t, a) => t + a.allocatedFen, 0);
    if (at.allocations.some((a) => a.allocatedFen < 0)) return false;
    const t = flows.transfers.filter((x) => d === null || compareDates(x.valueDate, d) <= 0).reduce((s, x) => s + x.amountFen, 0);
    const p = flows.payments.filter((x) => d === null || compareDates(x.valueDate, d) <= 0).reduce((s, x) => s + x.amountFen, 0);
    if (t < 0 || p < 0 || t > net || p > (flows.insideZone ? t : net)) return false;
  }
  return true;
}

// --- the simulated table: indicator items and rollup buckets, moved only by the changes -------

interface Rollup {
  place: (typeof PLACES)[number];
  fiscalYear: number;
  month: string;
  buckets: Record<string, number>;
}

class Store {
  indicators = new Map<string, Indicator>(INDICATORS.map((i) => [i.indicatorNo, { ...i }]));
  /** key: fiscalYear|zone|program|month → that month's day buckets. */
  rollups = new Map<string, Rollup>();

  /** Applies one entry's changes, or refuses like the storage conditions: false when a draw does not fit. */
  write(p: Project, before: ProvinceFlows, after: ProvinceFlows): boolean {
    const changes = indicatorChanges(before, after);
    for (const c of changes) {
      const i = this.indicators.get(c.indicatorNo)!;
      // The condition on the item: headroom and open for a draw; never below zero for a give-back.
      if (c.allocatedFen > 0 && (i.amountFen - i.allocatedFen < c.allocatedFen || i.status !== 'open')) return false;
      holds(i.allocatedFen + c.allocatedFen >= 0, 'a give-back never takes an indicator below zero', c);
    }
    for (const c of changes) {
      const i = this.indicators.get(c.indicatorNo)!;
      this.indicators.set(c.indicatorNo, { ...i, ...addFigures(i, c) });
    }
    for (const c of executionChanges(before, after)) {
      const key = `${c.fiscalYear}|${p.place.zoneId}|${p.place.programCode}|${monthOf(c.on)}`;
      const r: Rollup = this.rollups.get(key) ?? { place: p.place, fiscalYear: c.fiscalYear, month: monthOf(c.on), buckets: {} };
      for (const [k, v] of Object.entries(bucketChanges(c))) r.buckets[k] = (r.buckets[k] ?? 0) + v;
      this.rollups.set(key, r);
    }
    return true;
  }

  cells(fiscalYear: number, asOf: BusinessDate): ExecutionCell[] {
    return [...this.rollups.values()].filter((r) => r.fiscalYear === fiscalYear).map((r) => ({
      zoneId: r.place.zoneId, city: r.place.city, programCode: r.place.programCode, figures: figuresOfMonth(r.month, r.buckets, asOf),
    }));
  }
}

// --- commands --------------------------------------------------------------------------------

const partOf = (total: number, percent: number) => Math.max(1, Math.floor((total * percent) / 100));
const sumOf = (xs: readonly { amountFen: number }[]) => xs.reduce((t, x) => t + x.amountFen, 0);

function eventOf(p: Project, c: Cmd, store: Store): BudgetEvent | null {
  const f = p.flows;
  const dateOf = (delta: number) => dayOf(Math.min(DAYS - 1, Math.max(0, p.clock + delta)));
  const current = attributionAsOf(f, null).allocations;
  const net = current.reduce((t, a) => t + a.allocatedFen, 0);
  const pending = f.allocations.reduce((t, a) => t + a.pendingFen, 0);
  const transferred = sumOf(f.transfers);
  const paid = sumOf(f.payments);
  switch (c.k) {
    case 'allocate': {
      if (p.terminated) return null;
      const valueDate = dateOf(c.dt);
      const program = PROGRAMS.find((x) => x.code === p.place.programCode)!;
      // -1: none named; 0: the program's indicator of the value date's year; 1: of the other year (a mismatch).
      const year = Number(valueDate.slice(0, 4));
      const no = c.indicator < 0 ? null : `${program.code}-${c.indicator === 0 ? year : year === 2025 ? 2026 : 2025}`;
      const indicator = no === null ? null : store.indicators.get(no) ?? null;
      if (indicatorViolation(program, indicator, { amountFen: c.amount, valueDate, indicatorNo: no })) return null;
      p.seq += 1;
      return { type: 'allocation', entryId: `A${p.seq}`, seq: p.seq, valueDate, amountFen: c.amount, indicatorNo: no, pending: c.pending };
    }
    case 'confirm': {
      const open = f.allocations.filter((a) => a.pendingFen > 0);
      if (open.length === 0 || p.terminated) return null;
      const a = open[c.pick % open.length]!;
      return { type: 'match-confirmation', allocationEntryId: a.entryId, provinceFen: partOf(a.pendingFen, c.share) };
    }
    case 'decommit': {
      const valueDate = dateOf(c.dt);
      if (p.lastCommittedOn !== null && compareDates(valueDate, p.lastCommittedOn) < 0) return null;
      const available = pending + Math.max(0, net - pending - (f.insideZone ? transferred : paid));
      if (available <= 0) return null;
      p.seq += 1;
      const entryId = `D${p.seq}`;
      const fromPending: { entryId: string; provinceFen: number }[] = [];
      let left = partOf(available, c.share);
      for (const a of f.allocations) {
        const take = Math.min(left, a.pendingFen);
        if (take > 0) fromPending.push({ entryId: a.entryId, provinceFen: take });
        left -= take;
      }
      return { type: 'decommitment', entryId, valueDate, fromPending, confirmedFen: left, fromConfirmed: fromConfirmedOf(f, fromPending, left) };
    }
    case 'transfer': {
      const room = net - pending - transferred;
      if (!f.insideZone || p.terminated || room <= 0) return null;
      return { type: 'transfer', valueDate: dateOf(c.dt), amountFen: partOf(room, c.share) };
    }
    case 'pay': {
      const room = (f.insideZone ? transferred : net) - paid;
      if (p.terminated || room <= 0) return null;
      return { type: 'payment', valueDate: dateOf(c.dt), amountFen: partOf(room, c.share), impliedTransfer: false };
    }
    case 'reverse':
      if (p.reversible.length === 0) return null;
      return { type: 'reversal', undo: p.reversible[c.pick % p.reversible.length]!.undo };
    case 'terminate':
      // Late in a project's life, so that most sequences have money moving first.
      if (p.terminated || p.seq < 10) return null;
      p.seq += 1;
      return { type: 'termination', entryId: `T${p.seq}`, valueDate: dateOf(c.dt) };
  }
}

function advance(p: Project, e: BudgetEvent): void {
  const d = 'valueDate' in e ? e.valueDate : null;
  if (d) p.clock = Math.max(p.clock, Math.round((Date.parse(d) - Date.parse(FIRST_DAY)) / 86_400_000));
}

function remember(p: Project, e: BudgetEvent): void {
  switch (e.type) {
    case 'allocation':
      p.reversible.push({ entryId: e.entryId, undo: { type: 'allocation', entryId: e.entryId } });
      p.lastCommittedOn = p.lastCommittedOn === null || compareDates(e.valueDate, p.lastCommittedOn) > 0 ? e.valueDate : p.lastCommittedOn;
      return;
    case 'decommitment':
      p.reversible.push({ entryId: e.entryId, undo: { type: 'decommitment', entryId: e.entryId } });
      return;
    case 'transfer':
      p.reversible.push({ entryId: `t${p.reversible.length}`, undo: { type: 'transfer', valueDate: e.valueDate, amountFen: e.amountFen } });
      return;
    case 'payment':
      p.reversible.push({ entryId: `p${p.reversible.length}`, undo: { type: 'payment', valueDate: e.valueDate, amountFen: e.amountFen, impliedTransfer: false } });
      return;
    case 'termination':
      p.terminated = true;
      return;
    case 'reversal':
      p.reversible = p.reversible.filter((r) => r.undo !== e.undo);
      return;
    default:
  }
}

// --- the sums over projects ------------------------------------------------------------------

function checkAttribution(projects: readonly Project[], asOf: BusinessDate | null): void {
  for (const p of projects) {
    const at = attributionAsOf(p.flows, asOf);
    same(at.unattributed, { transferredFen: 0, paidFen: 0 }, 'all transferred and paid money is attributed');
    let end = 0;
    for (const a of at.allocations) {
      holds(a.startFen === end, 'stretches lie end to end: no fen in two allocations', at.allocations);
      holds(a.transferredFen >= 0 && a.transferredFen <= a.allocatedFen && a.paidFen >= 0 && a.paidFen <= a.allocatedFen, 'an allocation holds at most its own money', a);
      if (p.flows.insideZone) holds(a.paidFen <= a.transferredFen, 'inside the zone an allocation is paid out of what was transferred of it', a);
      end += a.allocatedFen;
    }
  }
}

function checkIndicators(store: Store, projects: readonly Project[]): void {
  const sums = new Map<string, BudgetFigures>();
  for (const p of projects) {
    for (const c of indicatorContributions(attributionAsOf(p.flows, null)).values()) sums.set(c.indicatorNo, addFigures(sums.get(c.indicatorNo) ?? zeroFigures(), c));
  }
  for (const i of store.indicators.values()) {
    const { allocatedFen, transferredFen, paidFen } = i;
    same({ allocatedFen, transferredFen, paidFen }, sums.get(i.indicatorNo) ?? zeroFigures(), `indicator ${i.indicatorNo} equals the sum over projects`);
    holds(allocatedFen <= i.amountFen, `indicator ${i.indicatorNo} is never overdrawn`, i);
  }
}

function checkReport(store: Store, projects: readonly Project[], asOf: BusinessDate): void {
  for (const fiscalYear of [2025, 2026]) {
    const cells = store.cells(fiscalYear, asOf);
    const direct: ExecutionCell[] = projects.map((p) => ({
      zoneId: p.place.zoneId, city: p.place.city, programCode: p.place.programCode,
      figures: fiscalYearContributions(attributionAsOf(p.flows, asOf)).get(fiscalYear) ?? zeroFigures(),
    }));
    for (const groupBy of ['zone', 'city', 'program'] as ExecutionGroupBy[]) {
      for (const filter of [{}, { zoneId: 'Z1' }, { city: '南京市' }, { programCode: 'PB' }]) {
        const o = { fiscalYear, asOf };
        same(executionRows(groupBy, cells, filter, o), executionRows(groupBy, direct, filter, o), `report ${fiscalYear} by ${groupBy} ${JSON.stringify(filter)} as of ${asOf}`);
      }
    }
  }
}

test('indicators and the execution report equal the sums over projects on every day, and no fen is attributed twice', () => {
  fc.assert(
    fc.property(fc.array(cmd, { minLength: 50, maxLength: 120 }), fc.array(fc.integer({ min: -10, max: DAYS + 40 }), { minLength: 3, maxLength: 6 }), (cmds, probeDays) => {
      const store = new Store();
      const projects: Project[] = PLACES.map((place, i) => ({ place, flows: emptyFlows(i !== 2), reversible: [], lastCommittedOn: null, terminated: false, seq: 1, clock: 0 }));
      for (const c of cmds) {
        const p = projects[c.p]!;
        const event = eventOf(p, c, store);
        if (!event) continue;
        const after = applyBudgetEvent(p.flows, event);
        // What the project's decision would refuse (books broken on some day), or a draw that does not fit.
        if (!booksHold(after)) continue;
        if (!store.write(p, p.flows, after)) continue;
        p.flows = after;
        remember(p, event);
        advance(p, event);
        checkIndicators(store, projects);
      }
      checkAttribution(projects, null);
      const changeDays = [...new Set(projects.flatMap((p) => flowDates(p.flows)))].sort(compareDates);
      for (const d of changeDays) checkAttribution(projects, d);
      // The report on random days and on every third day something changed (its breakpoints).
      const reportDays = new Set([...probeDays.map(dayOf), ...changeDays.filter((_, i) => i % 3 === 0)]);
      for (const d of reportDays) checkReport(store, projects, d);
    }),
    { numRuns: RUNS },
  );
});
