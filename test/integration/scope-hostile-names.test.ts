/**
 * Scope holds whatever names the data contains (issue 18 §3). Cities whose names hold the key
 * separator (`X#东区`), the encoding of another name (`X%23东区`), other separators (`X|Y`,
 * `X/东区`), another city's name plus a zone id (`X#HX-A`), or are a prefix of another name
 * (`南京` / `南京市`, zone `HX-A` / `HX-A-2`); in each zone one lagging project and one on time.
 * On every list and report a city bureau or a zone committee can call — each filter, lagging=true
 * included, page by page — each sees exactly its own projects, and an auditor's `city=` exactly that
 * city's. Names a key cannot hold safely (control and invisible characters) are refused: 400 in a
 * request, 401 in a token's scope claim.
 */
import ExcelJS from 'exceljs';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Registration } from '../../domain/project/types';
import { rawClient, type TestResponse } from './support/api';
import { YUAN, expectOk, expectProblem, ledger, registration2023, useSeededApi } from './support/fixtures';

const api = useSeededApi();

const PROGRAM = 'JS-2023-C';
/** The sweep's day: the default schedule (P1 due 2023-09-30, Z1 2023-10-31) is past its grace, the late one is not due. */
const SWEEP_ON = '2024-01-15';
const ALLOCATED_FEN = 1_000_000 * YUAN;

/** Zone id → its city. Zone ids are fixed: a fresh table per test file. */
const ZONES: [zoneId: string, city: string][] = [
  ['HX-A', 'X'],
  ['HX-A-2', 'X'],
  ['HX-B', 'X#东区'],
  ['HX-C', 'X#HX-A'],
  ['HX-D', 'X%23东区'],
  ['HX-E', 'X|Y'],
  ['HX-F', 'X/东区'],
  ['HX-G', 'X#'],
  ['HN-A', '南京'],
  ['HN-B', '南京市'],
];
const CITIES = [...new Set(ZONES.map(([, city]) => city))];

interface Project { projectId: string; zoneId: string; clusterId: string; city: string; lagging: boolean }
const projects: Project[] = [];

const clusterOf = (zoneId: string) => `${zoneId}-C`;
const cityOf = (zoneId: string) => ZONES.find(([z]) => z === zoneId)![1];

/** The default 2023 schedule is late by SWEEP_ON; this one falls due later. */
const onTime = (reg: Registration): Registration => ({
  ...reg,
  schedule: [
    { trancheId: 'P1', funder: 'province', dueOn: '2024-03-31', amountFen: 3_000_000 * YUAN },
    { trancheId: 'P2', funder: 'province', dueOn: '2025-03-31', amountFen: 3_000_000 * YUAN },
    { trancheId: 'Z1', funder: 'zone', dueOn: '2024-04-30', amountFen: 3_000_000 * YUAN },
    { trancheId: 'Z2', funder: 'zone', dueOn: '2025-04-30', amountFen: 3_000_000 * YUAN },
  ],
});

beforeAll(async () => {
  const admin = api.token('admin');
  for (const [zoneId, city] of ZONES) {
    expect((await api.request('POST', '/zones', { token: admin, body: { zoneId, name: `高新区 ${zoneId}`, city, level: 'provincial' } })).status).toBe(201);
    expectOk(await api.request('POST', '/clusters', { token: admin, body: { clusterId: clusterOf(zoneId), programCode: PROGRAM, zoneId, name: `集群 ${zoneId}`, industry: '智能制造' } }));
  }
  for (const [zoneId, city] of ZONES) {
    const l = ledger(api, zoneId, city);
    for (const lagging of [true, false]) {
      const base = registration2023({ projectId: `${zoneId}-${lagging ? 'L' : 'N'}`, zoneId, clusterId: clusterOf(zoneId) });
      const reg = lagging ? base : onTime(base);
      expectOk(await l.register(reg));
      await l.allocateMatched(reg.projectId, ALLOCATED_FEN, '2023-07-15', '2023-08-01');
      projects.push({ projectId: reg.projectId, zoneId, clusterId: clusterOf(zoneId), city, lagging });
    }
  }
  // The sweep raises the lag alerts and puts the late projects into the lagging index.
  const sweep = expectOk(await api.request('POST', '/alerts/sweep', { token: admin, body: { asOf: SWEEP_ON } }));
  expect(sweep.body.raised).toBeGreaterThanOrEqual(ZONES.length);
}, 180_000);

// --- who sees what ----------------------------------------------------------------------------

interface Viewer {
  name: string;
  token: () => string;
  /** Added to every query: the auditor's city filter. */
  query: string;
  /** The projects this viewer must see, exactly. */
  scope: Project[];
}

const q = (v: string) => encodeURIComponent(v);
const viewers = (): Viewer[] => [
  ...CITIES.map((city) => ({ name: `the city bureau of ${city}`, token: () => api.token('city-bureau', city, `cb-${q(city)}`), query: '', scope: projects.filter((p) => p.city === city) })),
  ...ZONES.map(([zoneId]) => ({ name: `the zone committee of ${zoneId}`, token: () => api.token('zone-committee', zoneId, `zc-${zoneId}`), query: '', scope: projects.filter((p) => p.zoneId === zoneId) })),
  ...CITIES.map((city) => ({ name: `an auditor with city=${city}`, token: () => api.token('auditor', undefined, 'aud-amy'), query: `&city=${q(city)}`, scope: projects.filter((p) => p.city === city) })),
];
const byName = (name: string) => viewers().find((v) => v.name === name)!;
const NAMES = [
  ...CITIES.map((c) => `the city bureau of ${c}`),
  ...ZONES.map(([z]) => `the zone committee of ${z}`),
  ...CITIES.map((c) => `an auditor with city=${c}`),
];

/** Every page of a listing (small pages, so cursors are followed too); `filters` start with `&`. */
async function everyPage(path: string, filters: string, field: string, token: string): Promise<Record<string, any>[]> {
  const out: Record<string, any>[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const res: TestResponse = expectOk(await api.request('GET', `${path}?limit=3${filters}${cursor ? `&cursor=${q(cursor)}` : ''}`, { token }));
    out.push(...(res.body[field] as Record<string, any>[]));
    cursor = res.body.nextCursor as string | null;
    if (!cursor) return out;
  }
  throw new Error(`${path}: more than 200 pages`);
}

const ids = (list: { projectId: string }[]) => [...new Set(list.map((p) => p.projectId))].sort();
const zonesOf = (scope: Project[]) => [...new Set(scope.map((p) => p.zoneId))];
const clustersOf = (scope: Project[]) => [...new Set(scope.map((p) => p.clusterId))];

describe.each(NAMES)('%s', (name) => {
  test('GET /projects: every filter, lagging=true included, lists exactly its projects', async () => {
    const v = byName(name);
    const token = v.token();
    const cases: [string, Project[]][] = [
      ['', v.scope],
      ['&lagging=true', v.scope.filter((p) => p.lagging)],
      ['&lagging=false', v.scope.filter((p) => !p.lagging)],
      ['&status=active', v.scope],
      ['&status=active&lagging=true', v.scope.filter((p) => p.lagging)],
      [`&programCode=${PROGRAM}`, v.scope],
      [`&programCode=${PROGRAM}&lagging=true`, v.scope.filter((p) => p.lagging)],
      ...zonesOf(v.scope).flatMap((z): [string, Project[]][] => [
        [`&zoneId=${z}`, v.scope.filter((p) => p.zoneId === z)],
        [`&zoneId=${z}&lagging=true`, v.scope.filter((p) => p.zoneId === z && p.lagging)],
      ]),
      ...clustersOf(v.scope).flatMap((c): [string, Project[]][] => [
        [`&clusterId=${c}`, v.scope.filter((p) => p.clusterId === c)],
        [`&clusterId=${c}&lagging=true`, v.scope.filter((p) => p.clusterId === c && p.lagging)],
      ]),
    ];
    for (const [filter, expected] of cases) {
      const listed = await everyPage('/projects', `${v.query}${filter}`, 'projects', token);
      expect({ filter, ids: ids(listed as Project[]) }).toEqual({ filter, ids: ids(expected) });
      // The balances shown are the project's own: the allocation each one received.
      for (const p of listed) expect(p.balances.province.allocatedFen).toBe(ALLOCATED_FEN);
    }
    expect(v.scope.some((p) => p.lagging)).toBe(true);
  });

  test('GET /alerts and GET /activity list exactly its projects', async () => {
    const v = byName(name);
    const token = v.token();
    const alertCases = ['', '&status=open', '&kind=disbursement-lag', ...zonesOf(v.scope).map((z) => `&zoneId=${z}`)];
    for (const filter of alertCases) {
      const alerts = await everyPage('/alerts', `${v.query}${filter}`, 'alerts', token);
      const zone = /zoneId=([^&]+)/.exec(filter)?.[1];
      // A project's alerts; the budget's alerts of a zone (execution-behind: no project) are checked below, by their zone.
      const ofProjects = alerts.filter((a) => a.projectId !== null);
      expect({ filter, ids: ids(ofProjects as Project[]) }).toEqual({ filter, ids: ids(v.scope.filter((p) => p.lagging && (!zone || p.zoneId === zone))) });
      const owned = new Set(v.scope.map((p) => p.projectId));
      for (const a of ofProjects) expect({ filter, projectId: a.projectId, inScope: owned.has(a.projectId), city: a.city }).toEqual({ filter, projectId: a.projectId, inScope: true, city: cityOf(a.zoneId) });
      const zonesInScope = new Set(zonesOf(v.scope));
      for (const a of alerts.filter((x) => x.projectId === null)) {
        expect({ filter, kind: a.kind, zoneInScope: zonesInScope.has(a.zoneId), city: a.city }).toEqual({ filter, kind: 'execution-behind', zoneInScope: true, city: cityOf(a.zoneId) });
      }
    }
    for (const filter of ['', ...zonesOf(v.scope).map((z) => `&zoneId=${z}`)]) {
      const entries = await everyPage('/activity', `${v.query}${filter}`, 'entries', token);
      const zone = /zoneId=([^&]+)/.exec(filter)?.[1];
      expect({ filter, ids: ids(entries as Project[]) }).toEqual({ filter, ids: ids(v.scope.filter((p) => !zone || p.zoneId === zone)) });
      for (const e of entries) expect({ filter, city: e.city }).toEqual({ filter, city: cityOf(e.zoneId) });
    }
  });

  test.each(['program', 'zone', 'cluster', 'city'] as const)('GET /reports/portfolio and portfolio.xlsx by %s show exactly its rows', async (groupBy) => {
    const v = byName(name);
    const token = v.token();
    const groups = { program: () => [PROGRAM], zone: () => zonesOf(v.scope), cluster: () => clustersOf(v.scope), city: () => [...new Set(v.scope.map((p) => p.city))] }[groupBy]().sort();
    const path = `/reports/portfolio?groupBy=${groupBy}${v.query}`;
    const report = expectOk(await api.request('GET', path, { token })).body;
    expect((report.rows as { group: string }[]).map((r) => r.group).sort()).toEqual(groups);
    expect(report.totals).toMatchObject({
      projects: v.scope.length,
      laggingCount: v.scope.filter((p) => p.lagging).length,
      // One program, so one pair of funding bodies holds all the money.
      funders: [expect.objectContaining({ projects: v.scope.length, province: expect.objectContaining({ allocatedFen: v.scope.length * ALLOCATED_FEN }) })],
    });
    for (const row of report.rows) if (row.attributes.city !== undefined) expect(v.scope.map((p) => p.city)).toContain(row.attributes.city);

    const res = await fetch(`${api.url}${path.replace('/portfolio?', '/portfolio.xlsx?')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('资金到位情况表')!;
    const firstColumn = [...Array(sheet.rowCount).keys()].map((i) => (sheet.getRow(i + 1).values as unknown[])[1]);
    expect(firstColumn.at(-1)).toBe('合计');
    expect(firstColumn.slice(1, -1).map(String).sort()).toEqual(groups);
    expect((sheet.getRow(sheet.rowCount).values as unknown[])[3]).toBe(v.scope.length);
  });
});

test('a city bureau reads no project of a city whose name starts with its own: a direct GET is 404', async () => {
  for (const [mine, other] of [['X', 'X#东区'], ['X', 'X#HX-A'], ['X#东区', 'X%23东区'], ['南京', '南京市']] as const) {
    const token = api.token('city-bureau', mine, `cb-${q(mine)}`);
    for (const p of projects.filter((x) => x.city === other)) {
      expectProblem(await api.request('GET', `/projects/${p.projectId}`, { token }), 404);
    }
    expectProblem(await api.request('GET', `/projects?city=${q(other)}&lagging=true`, { token }), 403);
  }
});

test('an auditor naming a city and a zone of another city gets nothing', async () => {
  const auditor = api.token('auditor');
  for (const [city, zoneId] of [['X', 'HX-B'], ['X', 'HX-C'], ['X#东区', 'HX-D'], ['南京', 'HN-B']] as const) {
    for (const filter of ['', '&lagging=true']) {
      const listed = await everyPage('/projects', `&city=${q(city)}&zoneId=${zoneId}${filter}`, 'projects', auditor);
      expect({ city, zoneId, filter, listed }).toEqual({ city, zoneId, filter, listed: [] });
    }
  }
});

test('a lagging key spelled the old way (city not encoded) widens no scope: city and zone are matched exactly', async () => {
  // Before issue 18 the key was <city>#<zone>#<id> as typed: these fall under "X#" and "X#HX-A#".
  const victims = ['HX-B-L', 'HX-C-L'].map((id) => projects.find((p) => p.projectId === id)!);
  const client = rawClient();
  const keyOf = (p: Project) => ({ pk: `PROJECT#${p.projectId}`, sk: 'STATE' });
  const stored = await Promise.all(victims.map(async (p) => (await client.send(new GetCommand({ TableName: api.tableName, Key: keyOf(p), ConsistentRead: true }))).Item!.lagSk as string));
  const setLagSk = (p: Project, lagSk: string) =>
    client.send(new UpdateCommand({ TableName: api.tableName, Key: keyOf(p), UpdateExpression: 'SET lagSk = :k', ExpressionAttributeValues: { ':k': lagSk } }));
  try {
    for (const p of victims) await setLagSk(p, `${p.city}#${p.zoneId}#${p.projectId}`);
    const auditor = api.token('auditor');
    for (const [who, token, filters, expected] of [
      ['the city bureau of X', api.token('city-bureau', 'X', 'cb-X'), '&lagging=true', ['HX-A-2-L', 'HX-A-L']],
      ['an auditor with city=X', auditor, '&city=X&lagging=true', ['HX-A-2-L', 'HX-A-L']],
      ['the zone committee of HX-A', api.token('zone-committee', 'HX-A', 'zc-HX-A'), '&lagging=true', ['HX-A-L']],
      ['an auditor with city=X&zoneId=HX-A', auditor, '&city=X&zoneId=HX-A&lagging=true', ['HX-A-L']],
    ] as const) {
      expect({ who, ids: ids((await everyPage('/projects', filters, 'projects', token)) as Project[]) }).toEqual({ who, ids: [...expected] });
    }
  } finally {
    for (const [i, p] of victims.entries()) await setLagSk(p, stored[i]!);
    client.destroy();
  }
});

// --- names a key cannot hold safely ---------------------------------------------------------

const UNPRINTABLE = ['南京\u0000市', '南京\n市', '南京\u0007', 'X\u202E区东', 'X\u200B', 'X\u2028Y', 'X\uE000', 'X'.repeat(101)];
/** A name as a test title can show it: every character outside ASCII letters and CJK escaped. */
const shown = (s: string) => (s.length > 100 ? `${s[0]} × ${s.length}` : s.replace(/[^\x21-\x7e\u4e00-\u9fff]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`));

test.each(UNPRINTABLE.map((c) => [shown(c), c]))('POST /zones with the city %s → 400, nothing stored', async (_shown, city) => {
  const admin = api.token('admin');
  const before = expectOk(await api.request('GET', '/zones', { token: admin })).body;
  const res = await api.request('POST', '/zones', { token: admin, body: { zoneId: 'HX-BAD', name: '高新区', city, level: 'provincial' } });
  expectProblem(res, 400);
  expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining([expect.stringMatching(/city/)]));
  expect(expectOk(await api.request('GET', '/zones', { token: admin })).body).toEqual(before);
});

test.each(['/projects?', '/projects?lagging=true&', '/alerts?', '/activity?', '/reports/portfolio?groupBy=city&', '/reports/portfolio.xlsx?groupBy=zone&'])('GET %scity=<control character> → 400', async (path) => {
  for (const city of ['南京\u0000市', 'X\n', 'X\u202E']) {
    const res = await api.request('GET', `${path}city=${q(city)}`, { token: api.token('auditor') });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining([expect.stringMatching(/city/)]));
  }
});

test.each([
  ['custom:city with a control character', () => api.tokenWith({ role: 'city-bureau', city: 'X\n', sub: 'cb-bad-1' }), /custom:city/],
  ['custom:city with a bidi override', () => api.tokenWith({ role: 'city-bureau', city: 'X\u202E区东', sub: 'cb-bad-2' }), /custom:city/],
  ['custom:city with surrounding spaces', () => api.tokenWith({ role: 'city-bureau', city: ' X ', sub: 'cb-bad-3' }), /custom:city/],
  ['custom:city over 100 characters', () => api.tokenWith({ role: 'city-bureau', city: 'X'.repeat(101), sub: 'cb-bad-4' }), /custom:city/],
  ['custom:zoneId with a separator', () => api.tokenWith({ role: 'zone-committee', zone: 'HX-A#x', sub: 'zc-bad-1' }), /custom:zoneId/],
] as const)('a token whose %s → 401 on every read', async (_name, token, detail) => {
  for (const path of ['/projects', '/projects?lagging=true', '/alerts', '/activity', '/reports/portfolio?groupBy=city', `/projects/${projects[0]!.projectId}`]) {
    const res = await api.request('GET', path, { token: token() });
    expectProblem(res, 401);
    expect({ path, detail: res.body.detail }).toEqual({ path, detail: expect.stringMatching(detail) });
  }
});
