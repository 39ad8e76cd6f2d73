/**
 * The execution report through HTTP, as a property (issue 20, items 3 and 6): after random
 * allocations, match confirmations, decommitments, reversals, transfers and payments across
 * several projects, zones, cities, programs and dates — each posted to the API on DynamoDB Local,
 * refused or not as the rules say — every figure of GET /reports/execution, by zone, city and
 * program, for every fiscal year and several days, equals the sum over the group's projects of
 * what each project's own recorded history attributes to that fiscal year as of that day (the
 * documented rule: transfers and payments cover allocations oldest first). Beside it, per
 * project, the attributed figures add up to the project's own balances, and per program and year
 * the report equals the indicator's figures.
 *
 * Each run has zones and cities of its own; the two programs are this file's own, so their rows
 * sum every project of every run so far. PROPERTY_RUNS and PROPERTY_SEED as in the unit properties.
 */
import fc from 'fast-check';
import { addDays, compareDates, type BusinessDate } from '../../domain/dates';
import { fiscalYearContributions, addFigures, zeroFigures, type BudgetFigures } from '../../domain/budget/attribution';
import { flowsOfHistory } from '../../domain/budget/entries';
import { attributionAsOf, type ProvinceFlows } from '../../domain/budget/flows';
import type { Entry } from '../../domain/project/types';
import type { TestResponse } from './support/api';
import {
  YUAN, customProgram, expectCreated, expectOk, fixtureIndicatorNo, freshCluster, ledger, registration2023, registrationOutside2023, today, uniqueId, useSeededApi, type Ledger,
} from './support/fixtures';

const api = useSeededApi();
const RUNS = Number(process.env.PROPERTY_RUNS ?? 4);
if (process.env.PROPERTY_SEED) fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED) });

const FIRST_DAY = '2023-07-01';
const TODAY = today();
const LAST_DAY = compareDates(addDays(TODAY, -1), '2026-11-30') < 0 ? addDays(TODAY, -1) : '2026-11-30';
const YEARS = [2023, 2024, 2025, 2026].filter((y) => `${y}-01-01` <= TODAY);

/** Where each project of a run is: zone (0–2; zones 0 and 1 share a city), program (0–1), inside the zone or not. */
const PLACES = [
  { zone: 0, program: 0, inside: true },
  { zone: 0, program: 1, inside: false },
  { zone: 1, program: 0, inside: false },
  { zone: 2, program: 0, inside: true },
  { zone: 2, program: 1, inside: true },
] as const;

type Cmd =
  | { k: 'allocate'; p: number; amount: number; dt: number }
  | { k: 'confirm'; p: number; dt: number }
  | { k: 'transfer'; p: number; share: number; dt: number }
  | { k: 'pay'; p: number; share: number; dt: number }
  | { k: 'decommit'; p: number; share: number; dt: number }
  | { k: 'reverse'; p: number; pick: number };

const p = fc.integer({ min: 0, max: PLACES.length - 1 });
// Mostly forward, sometimes a late entry up to 40 days before the project's latest.
const dt = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 160 }) }, { weight: 1, arbitrary: fc.integer({ min: -40, max: -1 }) });
const share = fc.integer({ min: 1, max: 100 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('allocate' as const), p, amount: fc.integer({ min: 1, max: 60 }), dt }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('confirm' as const), p, dt }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('transfer' as const), p, share, dt }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('pay' as const), p, share, dt }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('decommit' as const), p, share, dt }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('reverse' as const), p, pick: fc.nat() }) },
);

interface Project {
  projectId: string;
  zoneId: string;
  city: string;
  programCode: string;
  inside: boolean;
  l: Ledger;
  /** Days after FIRST_DAY of its latest command. */
  clock: number;
  /** Entries posted, with the token of the other person of the role that may reverse them. */
  reversible: { entryId: string; token: string }[];
  /** Filled after the run, from the recorded history. */
  flows?: ProvinceFlows;
}

/**
 * The first run, before the random ones: every kind of command accepted at least once, money of
 * three fiscal years, payments covering an older year's allocation, a reversed payment.
 */
const EXAMPLE: Cmd[] = [
  { k: 'allocate', p: 0, amount: 50, dt: 10 }, { k: 'confirm', p: 0, dt: 5 }, { k: 'transfer', p: 0, share: 60, dt: 20 }, { k: 'pay', p: 0, share: 50, dt: 10 },
  { k: 'allocate', p: 1, amount: 40, dt: 30 }, { k: 'pay', p: 1, share: 30, dt: 200 }, { k: 'allocate', p: 1, amount: 20, dt: 10 },
  { k: 'decommit', p: 1, share: 50, dt: 10 }, { k: 'reverse', p: 1, pick: 1 },
  { k: 'allocate', p: 2, amount: 30, dt: 400 }, { k: 'pay', p: 2, share: 100, dt: 200 },
  { k: 'allocate', p: 3, amount: 30, dt: 5 }, { k: 'confirm', p: 3, dt: 5 }, { k: 'transfer', p: 3, share: 100, dt: 300 }, { k: 'pay', p: 3, share: 40, dt: 250 },
  { k: 'allocate', p: 4, amount: 10, dt: 600 }, { k: 'confirm', p: 4, dt: 10 }, { k: 'transfer', p: 4, share: 50, dt: 300 }, { k: 'pay', p: 4, share: 100, dt: 20 },
  { k: 'decommit', p: 0, share: 50, dt: 30 }, { k: 'reverse', p: 0, pick: 0 },
];

/** Commands the API accepted (201), by kind, over every run. */
const accepted: Record<string, number> = {};

/** Every project this file registered: the programs' rows sum them all. */
const everyProject: Project[] = [];
let programs: [string, string];

beforeAll(async () => {
  programs = [await customProgram(api, {}), await customProgram(api, {})];
}, 300_000);

const ceilShare = (fen: number, pct: number) => Math.ceil((fen * pct) / 100);

/** A late entry may be dated before what the project's dates allow: a 400 on its date alone. */
const refusedDate = (res: TestResponse) =>
  res.status === 400 && Array.isArray(res.body.errors) && res.body.errors.every((e: { path: string }) => e.path === 'valueDate' || e.path === 'paidOn');

/**
 * A POST retried on 503 with the same Idempotency-Key; 201, or a refusal the rules give (409,
 * 422, a date out of order). Anything else fails the property.
 */
async function posted(send: (key: string) => Promise<TestResponse>): Promise<TestResponse> {
  const key = uniqueId('prop').replace(/[^A-Za-z0-9-]/g, 'x');
  let res = await send(key);
  for (let i = 0; i < 10 && res.status === 503; i++) res = await send(key);
  if (res.status !== 201 && res.status !== 409 && res.status !== 422 && !refusedDate(res)) throw new Error(`unexpected ${res.status}: ${res.text}`);
  return res;
}

async function run(cmds: Cmd[]): Promise<void> {
  const admin = api.token('admin');
  const cities = [uniqueId('性质市'), uniqueId('性质市')];
  const zoneCity = [cities[0]!, cities[0]!, cities[1]!];
  const zones = await Promise.all(zoneCity.map((city) => freshCluster(api, programs[0], city)));
  const clusters = await Promise.all(zones.map(async ({ zoneId }) => {
    const clusterId = uniqueId('C');
    expectOk(await api.request('POST', '/clusters', { token: admin, body: { clusterId, programCode: programs[1], zoneId, name: `集群 ${clusterId}`, industry: '智能制造' } }));
    return clusterId;
  }));
  const projects: Project[] = [];
  for (const place of PLACES) {
    const { zoneId, clusterId } = zones[place.zone]!;
    const programCode = programs[place.program];
    const where = { programCode, zoneId, clusterId: place.program === 0 ? clusterId : clusters[place.zone]! };
    const reg = place.inside ? registration2023(where) : registrationOutside2023(where);
    const l = ledger(api, zoneId, zoneCity[place.zone]);
    expectCreated(await l.register(reg));
    projects.push({ projectId: reg.projectId, zoneId, city: zoneCity[place.zone]!, programCode, inside: place.inside, l, clock: 0, reversible: [] });
  }
  everyProject.push(...projects);

  for (const c of cmds) {
    const pr = projects[c.p]!;
    const { l, projectId } = pr;
    if (c.k === 'reverse') {
      if (pr.reversible.length === 0) continue;
      const target = pr.reversible[c.pick % pr.reversible.length]!;
      const res = await posted((key) => l.post(`/projects/${projectId}/reversals`, target.token, { entryId: target.entryId, reason: '录入错误，冲正' }, key));
      if (res.status === 201) accepted.reverse = (accepted.reverse ?? 0) + 1;
      continue;
    }
    const day = Math.max(0, pr.clock + c.dt);
    const on: BusinessDate = compareDates(addDays(FIRST_DAY, day), LAST_DAY) > 0 ? LAST_DAY : addDays(FIRST_DAY, day);
    const view = await l.project(projectId);
    const b = view.balances.province;
    let res: TestResponse | null = null;
    let reverser = l.finance2;
    switch (c.k) {
      case 'allocate':
        res = await posted(async (key) => l.post(`/projects/${projectId}/allocations`, l.finance, { amountFen: c.amount * 10_000 * YUAN, valueDate: on, reference: '苏财教〔性质〕1号', indicatorNo: fixtureIndicatorNo(pr.programCode, Number(on.slice(0, 4))) }, key));
        break;
      case 'confirm': {
        const pending = view.pendingAllocations[0];
        if (!pending) continue;
        res = await posted((key) => l.post(`/projects/${projectId}/match-confirmations`, l.zone, { allocationEntryId: pending.entryId, amountFen: pending.pendingFen, valueDate: on, reference: '配套确认' }, key));
        reverser = l.zone2;
        break;
      }
      case 'transfer': {
        const room = b.confirmedFen - b.transferredFen;
        if (!pr.inside || room <= 0) continue;
        res = await posted((key) => l.post(`/projects/${projectId}/transfers`, l.finance, { amountFen: ceilShare(room, c.share), valueDate: on, reference: '下达' }, key));
        break;
      }
      case 'pay': {
        const room = (pr.inside ? b.transferredFen : b.confirmedFen) - b.disbursedFen;
        if (room <= 0) continue;
        const token = pr.inside ? l.zone : l.finance;
        res = await posted((key) => l.post(`/projects/${projectId}/disbursements`, token, { funder: 'province', amountFen: ceilShare(room, c.share), paidOn: on, reference: '拨付' }, key));
        if (pr.inside) reverser = l.zone2;
        break;
      }
      case 'decommit': {
        const room = b.allocatedFen - (pr.inside ? b.transferredFen : b.disbursedFen);
        if (room <= 0) continue;
        res = await posted((key) => l.post(`/projects/${projectId}/decommitments`, l.finance, { provinceFen: ceilShare(room, c.share), valueDate: on, reference: '核减', reason: '项目调整核减' }, key));
        break;
      }
    }
    if (res?.status === 201) {
      accepted[c.k] = (accepted[c.k] ?? 0) + 1;
      pr.clock = Math.max(pr.clock, day);
      pr.reversible.push({ entryId: res.body.entry.entryId, token: reverser });
    }
  }
  await check(projects);
}

const history = async (projectId: string): Promise<Entry[]> => {
  const entries: Entry[] = [];
  let cursor: string | null = null;
  do {
    const body: { entries: Entry[]; nextCursor: string | null } = expectOk(await api.request('GET', `/projects/${projectId}/history?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: api.token('auditor') })).body;
    entries.push(...body.entries);
    cursor = body.nextCursor;
  } while (cursor);
  return entries;
};

const contribution = (flows: ProvinceFlows, year: number, asOf: BusinessDate): BudgetFigures =>
  fiscalYearContributions(attributionAsOf(flows, asOf)).get(year) ?? zeroFigures();

const figures = (f: BudgetFigures) => ({ allocatedFen: f.allocatedFen, transferredFen: f.transferredFen, paidFen: f.paidFen });

async function check(runProjects: Project[]): Promise<void> {
  for (const pr of runProjects) {
    pr.flows = flowsOfHistory(await history(pr.projectId));
    // The attributed figures, over every fiscal year as the project stands, are its own balances.
    const b = (await pr.l.project(pr.projectId)).balances.province;
    const total = [...fiscalYearContributions(attributionAsOf(pr.flows, null)).values()].reduce(addFigures, zeroFigures());
    expect({ projectId: pr.projectId, ...figures(total) }).toEqual({ projectId: pr.projectId, allocatedFen: b.allocatedFen, transferredFen: b.transferredFen, paidFen: b.disbursedFen });
  }
  const ourGroups = {
    zone: new Set(everyProject.map((x) => x.zoneId)),
    city: new Set(everyProject.map((x) => x.city)),
    program: new Set(everyProject.map((x) => x.programCode)),
  };
  const groupOf = { zone: (x: Project) => x.zoneId, city: (x: Project) => x.city, program: (x: Project) => x.programCode };
  const lastOn = runProjects.reduce((d, x) => (compareDates(addDays(FIRST_DAY, x.clock), d) > 0 ? addDays(FIRST_DAY, x.clock) : d), FIRST_DAY);
  for (const year of YEARS) {
    const days = [...new Set([`${year}-03-31`, `${year}-09-30`, `${year}-12-31`, lastOn, TODAY])].filter((d) => d <= TODAY);
    for (const asOf of days) {
      for (const groupBy of ['zone', 'city', 'program'] as const) {
        const body = expectOk(await api.request('GET', `/reports/execution?fiscalYear=${year}&groupBy=${groupBy}&asOf=${asOf}`, { token: api.token('auditor') })).body;
        const got = new Map<string, ReturnType<typeof figures>>();
        for (const row of body.rows) if (ourGroups[groupBy].has(row.group)) got.set(row.group, figures(row));
        const expected = new Map<string, ReturnType<typeof figures>>();
        for (const x of everyProject) {
          const g = groupOf[groupBy](x);
          expected.set(g, figures(addFigures(expected.get(g) ?? zeroFigures(), contribution(x.flows!, year, asOf))));
        }
        // Groups without money that year are left out of the report.
        for (const [g, f] of expected) if (f.allocatedFen === 0 && f.transferredFen === 0 && f.paidFen === 0) expected.delete(g);
        const sorted = (m: Map<string, unknown>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
        expect({ year, asOf, groupBy, rows: sorted(got) }).toEqual({ year, asOf, groupBy, rows: sorted(expected) });
      }
    }
    // As the books stand, each program's row is its indicator of the year.
    const now = expectOk(await api.request('GET', `/reports/execution?fiscalYear=${year}&groupBy=program&asOf=${TODAY}`, { token: api.token('auditor') })).body;
    for (const code of programs) {
      const indicator = expectOk(await api.request('GET', `/budget-indicators/${encodeURIComponent(fixtureIndicatorNo(code, year))}`, { token: api.token('auditor') })).body.indicator;
      const row = now.rows.find((r: { group: string }) => r.group === code);
      expect({ code, year, ...(row ? figures(row) : figures(zeroFigures())) }).toEqual({ code, year, ...figures(indicator) });
    }
  }
}

test('every figure of the execution report equals the sum over its group’s projects, after random commands through HTTP', async () => {
  await fc.assert(fc.asyncProperty(fc.array(cmd, { minLength: 10, maxLength: 28 }), run), { numRuns: RUNS, endOnFailure: true, examples: [[EXAMPLE]] });
  // The runs did post money of several fiscal years, and every kind of command (the property is not about empty reports).
  const years = new Set(everyProject.flatMap((x) => x.flows!.allocations.map((a) => a.valueDate.slice(0, 4))));
  expect(years.size).toBeGreaterThanOrEqual(3);
  for (const k of ['allocate', 'confirm', 'transfer', 'pay', 'decommit', 'reverse']) expect({ k, accepted: (accepted[k] ?? 0) > 0 }).toEqual({ k, accepted: true });
}, 1_200_000);
