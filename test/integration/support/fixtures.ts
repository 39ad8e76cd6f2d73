import { chinaDate } from '../../../domain/dates';
import { randomCreditCode } from '../../support/credit-code';
import { seedPrograms } from '../../../domain/programs/seed';
import type { Registration } from '../../../domain/project/types';
import { readPartition, startTestApi, type TestApi, type TestResponse } from './api';

export const YUAN = 100;
let counter = 0;

export const uniqueId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}${(++counter).toString(36)}`;

/** Today in China (the API's "not after today" dates are checked against this). */
export const today = (): string => chinaDate(new Date());

export const NANJING = '南京市';
export const SUZHOU = '苏州市';

/** Zones of the reference data: two in Nanjing, one in Suzhou. */
export const ZONES = [
  { zoneId: 'NJ-HTZ', name: '南京高新技术产业开发区', city: NANJING, level: 'national' },
  { zoneId: 'NJ-JNZ', name: '南京江宁高新技术产业园区', city: NANJING, level: 'provincial' },
  { zoneId: 'SZ-SIP', name: '苏州工业园区', city: SUZHOU, level: 'national' },
] as const;

/**
 * The budget indicator (预算指标) the fixtures' allocations of a program and fiscal year draw on:
 * the seed programs are under budgetControl, so every province allocation names one. Created as a
 * finance officer would (POST /budget-indicators), large enough for every test's allocations;
 * tests of the budget itself make their own.
 */
export const fixtureIndicatorNo = (programCode: string, fiscalYear: number): string => `测试指标〔${fiscalYear}〕${programCode}号`;
export const FIXTURE_INDICATOR_FEN = 10_000_000_000 * YUAN;
/** The fiscal years the fixtures' allocations fall in: from 2020 to next year. */
export const fixtureYears = (): number[] => {
  const last = Number(today().slice(0, 4)) + 1;
  return Array.from({ length: last - 2020 + 1 }, (_, i) => 2020 + i);
};

/** A program's fixture indicators, one per fiscal year of fixtureYears(). */
export async function fixtureIndicators(api: TestApi, programCode: string): Promise<void> {
  const finance = api.token('finance-officer', undefined, 'fo-budget');
  for (const fiscalYear of fixtureYears()) {
    expectOk(await api.request('POST', '/budget-indicators', {
      token: finance,
      body: { indicatorNo: fixtureIndicatorNo(programCode, fiscalYear), fiscalYear, programCode, amountFen: FIXTURE_INDICATOR_FEN, issuedOn: `${Math.min(fiscalYear, Number(today().slice(0, 4)))}-01-01`, reference: '测试用预算指标' },
    }));
  }
}

/** The project's program, as the fixtures registered it (or read once). */
const programOfProject = new Map<string, string>();
export const rememberProgram = (projectId: string, programCode: string) => programOfProject.set(projectId, programCode);
async function programOf(api: TestApi, projectId: string): Promise<string | null> {
  const known = programOfProject.get(projectId);
  if (known) return known;
  const res = await api.request('GET', `/projects/${encodeURIComponent(projectId)}`, { token: api.token('auditor') });
  if (res.status !== 200) return null;
  programOfProject.set(projectId, res.body.programCode);
  return res.body.programCode as string;
}

/** The fixture indicator an allocation of the project on that day names (none for an unknown project). */
export async function indicatorFor(api: TestApi, projectId: string, valueDate: string): Promise<{ indicatorNo?: string }> {
  const program = await programOf(api, projectId);
  return program ? { indicatorNo: fixtureIndicatorNo(program, Number(valueDate.slice(0, 4))) } : {};
}

/** Programs, three zones and their clusters, as an admin would set them up; the programs' budget indicators as a finance officer would. */
export async function seedReferenceData(api: TestApi) {
  const admin = api.token('admin');
  for (const p of seedPrograms) expectOk(await api.request('POST', '/programs', { token: admin, body: p }));
  for (const p of seedPrograms) await fixtureIndicators(api, p.code);
  for (const z of ZONES) expectOk(await api.request('POST', '/zones', { token: admin, body: z }));
  const clusters = [
    { clusterId: 'NJ-BIO-2023', programCode: 'JS-2023-C', zoneId: 'NJ-HTZ', name: '南京生物医药集群', industry: '生物医药' },
    { clusterId: 'NJ-JN-2023', programCode: 'JS-2023-C', zoneId: 'NJ-JNZ', name: '江宁智能电网集群', industry: '智能电网' },
    { clusterId: 'SZ-BIO-2023', programCode: 'JS-2023-C', zoneId: 'SZ-SIP', name: '苏州生物医药集群', industry: '生物医药' },
    { clusterId: 'SZ-NANO-2021', programCode: 'JS-2021-CLUSTER', zoneId: 'SZ-SIP', name: '苏州纳米技术集群', industry: '纳米技术' },
    { clusterId: 'NJ-CITY-AI', programCode: 'NJ-CITY-CLUSTER', zoneId: 'NJ-HTZ', name: '南京人工智能集群', industry: '人工智能' },
  ];
  for (const c of clusters) expectOk(await api.request('POST', '/clusters', { token: admin, body: c }));
}

export function expectOk(res: TestResponse): TestResponse {
  if (res.status >= 300) throw new Error(`unexpected ${res.status}: ${res.text}`);
  return res;
}

/** API.md's 2023 worked example: new investment 45,000,000 yuan; 6,000,000 + 6,000,000 granted. */
export function registration2023(overrides: Partial<Registration> = {}): Registration {
  return {
    projectId: uniqueId('BA2023'),
    programCode: 'JS-2023-C',
    clusterId: 'NJ-BIO-2023',
    zoneId: 'NJ-HTZ',
    insideZone: true,
    title: '新型抗体药物产业化',
    owner: { name: '南京某生物医药有限公司', creditCode: randomCreditCode() },
    newInvestmentFen: 45_000_000 * YUAN,
    contract: { signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-12-31', provinceGrantFen: 6_000_000 * YUAN, zoneGrantFen: 6_000_000 * YUAN },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 3_000_000 * YUAN },
      { trancheId: 'P2', funder: 'province', dueOn: '2024-03-31', amountFen: 3_000_000 * YUAN },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: 3_000_000 * YUAN },
      { trancheId: 'Z2', funder: 'zone', dueOn: '2024-04-30', amountFen: 3_000_000 * YUAN },
    ],
    ...overrides,
  };
}

/** A 2023 project outside the zone: province adjustment support alone (zone grant 0). */
export function registrationOutside2023(overrides: Partial<Registration> = {}): Registration {
  return registration2023({
    projectId: uniqueId('OUT2023'),
    insideZone: false,
    title: '区外企业调剂支持项目',
    owner: { name: '南京某区外科技有限公司', creditCode: randomCreditCode() },
    contract: { signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-12-31', provinceGrantFen: 2_000_000 * YUAN, zoneGrantFen: 0 },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 1_000_000 * YUAN },
      { trancheId: 'P2', funder: 'province', dueOn: '2024-03-31', amountFen: 1_000_000 * YUAN },
    ],
    ...overrides,
  });
}

/** RULES.md's 2021 worked example: new investment 24,000,000 yuan → joint cap 8,000,000, 4,000,000 each. */
export function registration2021(overrides: Partial<Registration> = {}): Registration {
  return {
    projectId: uniqueId('JQ2021'),
    programCode: 'JS-2021-CLUSTER',
    clusterId: 'SZ-NANO-2021',
    zoneId: 'SZ-SIP',
    insideZone: true,
    title: '纳米压印装备产业化',
    owner: { name: '苏州某纳米科技有限公司', creditCode: randomCreditCode() },
    newInvestmentFen: 24_000_000 * YUAN,
    contract: { signedOn: '2021-06-01', startsOn: '2021-07-01', endsOn: '2024-12-31', provinceGrantFen: 4_000_000 * YUAN, zoneGrantFen: 4_000_000 * YUAN },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2021-09-30', amountFen: 4_000_000 * YUAN },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2021-10-31', amountFen: 4_000_000 * YUAN },
    ],
    ...overrides,
  };
}

/** A Nanjing city project (no match rule, no caps; funders 市级 / 园区), 36 months. */
export function registrationNanjing(overrides: Partial<Registration> = {}): Registration {
  return registration2023({
    projectId: uniqueId('NJCITY'),
    programCode: 'NJ-CITY-CLUSTER',
    clusterId: 'NJ-CITY-AI',
    title: '人工智能开放平台',
    owner: { name: '南京某人工智能有限公司', creditCode: randomCreditCode() },
    contract: { signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-06-30', provinceGrantFen: 2_000_000 * YUAN, zoneGrantFen: 1_000_000 * YUAN },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 2_000_000 * YUAN },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: 1_000_000 * YUAN },
    ],
    ...overrides,
  });
}

let keySeq = 0;
export const idemKey = (): string => `k-${Date.now().toString(36)}-${++keySeq}`;
const ref = (prefix: string) => `${prefix}-${++keySeq}`;

type Funder = 'province' | 'zone';
export interface RecoveryDue { recoveryDueFen: number; recoveryDueOn: string }

/**
 * Small client for the ledger with the right role per call. Two people per role, for four-eyes:
 * finance fo-alice / fo-bob, zone zc-<zone> / zc2-<zone>, admin adm-ann / adm-ben.
 */
export function ledger(api: TestApi, zoneId: string, city: string = ZONES.find((z) => z.zoneId === zoneId)?.city ?? NANJING) {
  const finance = api.token('finance-officer', undefined, 'fo-alice');
  const finance2 = api.token('finance-officer', undefined, 'fo-bob');
  const zone = api.token('zone-committee', zoneId, `zc-${zoneId}`);
  const zone2 = api.token('zone-committee', zoneId, `zc2-${zoneId}`);
  const admin = api.token('admin', undefined, 'adm-ann');
  const admin2 = api.token('admin', undefined, 'adm-ben');
  const cityBureau = api.token('city-bureau', city, `cb-${city}`);
  const auditor = api.token('auditor', undefined, 'aud-amy');
  const post = (path: string, token: string, body: unknown, key = idemKey()) =>
    api.request('POST', path, { token, body, headers: { 'Idempotency-Key': key } });
  const p = (id: string, route: string) => `/projects/${id}/${route}`;

  /** Names the fixture indicator of the project's program and the value date's year. */
  const allocate = async (id: string, amountFen: number, valueDate = '2023-07-15', token = finance) =>
    post(p(id, 'allocations'), token, { amountFen, valueDate, reference: `苏财教〔2023〕${++keySeq}号`, ...(await indicatorFor(api, id, valueDate)) });
  const confirm = (id: string, allocationEntryId: string | null, amountFen: number, valueDate = '2023-08-01', token = zone) =>
    post(p(id, 'match-confirmations'), token, { ...(allocationEntryId ? { allocationEntryId } : {}), amountFen, valueDate, reference: ref('ZC') });
  const transfer = (id: string, amountFen: number, valueDate = '2023-08-15', token = finance) =>
    post(p(id, 'transfers'), token, { amountFen, valueDate, reference: ref('下达') });
  /** A payment to the owner; inside the zone the zone committee pays both shares (the default token). */
  const disburse = (id: string, funder: Funder, amountFen: number, paidOn = '2023-09-15', trancheId?: string, token = zone) =>
    post(p(id, 'disbursements'), token, { funder, amountFen, paidOn, reference: ref('PAY'), ...(trancheId ? { trancheId } : {}) });
  const project = async (id: string) => expectOk(await api.request('GET', `/projects/${id}`, { token: auditor })).body;
  const entryIdOf = (res: TestResponse) => expectOk(res).body.entry.entryId as string;

  return {
    finance, finance2, zone, zone2, admin, admin2, cityBureau, auditor,
    post,
    register: (reg: Registration, token = finance) => {
      rememberProgram(reg.projectId, reg.programCode);
      return post('/projects', token, reg);
    },
    project,
    allocate,
    confirm,
    transfer,
    disburse,
    /** Outside the zone the province pays the owner directly (finance officer). */
    payOutside: (id: string, amountFen: number, paidOn = '2023-09-15', trancheId?: string) => disburse(id, 'province', amountFen, paidOn, trancheId, finance),
    recover: (id: string, funder: Funder, amountFen: number, valueDate = '2023-12-01', token = funder === 'province' ? finance : zone) =>
      post(p(id, 'recoveries'), token, { funder, amountFen, valueDate, reference: ref('缴回'), reason: '项目结余资金缴回' }),
    decommit: (id: string, amounts: { provinceFen?: number; zoneFen?: number }, valueDate = '2023-12-15', token = finance) =>
      post(p(id, 'decommitments'), token, { ...amounts, valueDate, reference: ref('核减'), reason: '项目调整核减' }),
    reverse: (id: string, entryId: string, token = finance2) => post(p(id, 'reversals'), token, { entryId, reason: '录入错误，冲正' }),
    proposeException: (id: string, rule: string, limitFen: number, token = admin) =>
      post(p(id, 'cap-exceptions'), token, { rule, limitFen, reference: ref('苏科资〔2024〕'), reason: '经专题会议研究同意' }),
    approveException: (id: string, entryId: string, token = admin2) => post(p(id, `cap-exceptions/${entryId}/approval`), token, {}),
    proposeAdjustment: (id: string, change: Record<string, unknown>, token = finance) =>
      post(p(id, 'adjustments'), token, { ...change, reference: ref('调整'), reason: '项目调整' }),
    approveAdjustment: (id: string, entryId: string, token = admin) => post(p(id, `adjustments/${entryId}/approval`), token, {}),
    inspect: (id: string, kind: 'mid-term' | 'supervision' | 'fund-use', inspectedOn: string, result: 'pass' | 'rectify' | 'fail' = 'pass', token = admin) =>
      post(p(id, 'inspections'), token, { kind, inspectedOn, result, reference: ref('检查') }),
    hold: (id: string, token = admin) => post(p(id, 'holds'), token, { reason: '审计发现问题，暂停拨付', reference: ref('暂停') }),
    release: (id: string, holdEntryId: string, token = finance) => post(p(id, `holds/${holdEntryId}/release`), token, {}),
    applyAcceptance: (id: string, appliedOn: string, token = zone) => post(p(id, 'acceptance-applications'), token, { appliedOn, reference: ref('验收申请') }),
    decideAcceptance: (id: string, result: 'pass' | 'fail', decidedOn: string, due?: RecoveryDue, token = admin) =>
      post(p(id, 'acceptance-results'), token, { result, decidedOn, reference: ref('验收'), ...(due ?? {}) }),
    proposeTermination: (id: string, due?: RecoveryDue, token = admin) =>
      post(p(id, 'termination'), token, { reason: '项目无法继续实施', reference: ref('终止'), ...(due ?? {}) }),
    approveTermination: (id: string, entryId: string, token = admin2) => post(p(id, `termination/${entryId}/approval`), token, {}),
    /** A province allocation confirmed in full by the zone; resolves to the allocation's entry id. */
    allocateMatched: async (id: string, amountFen: number, valueDate = '2023-07-15', confirmedOn = '2023-08-01', zoneFen = amountFen): Promise<string> => {
      const allocationEntryId = entryIdOf(await allocate(id, amountFen, valueDate));
      expectOk(await confirm(id, allocationEntryId, zoneFen, confirmedOn));
      return allocationEntryId;
    },
    entryIdOf,
  };
}

export type Ledger = ReturnType<typeof ledger>;

/** A new zone with its own cluster under a program (quotas allow one cluster per zone). */
export async function freshCluster(api: TestApi, programCode: string, city = '常州市'): Promise<{ zoneId: string; clusterId: string }> {
  const admin = api.token('admin');
  const zoneId = uniqueId('Z');
  const clusterId = uniqueId('C');
  expectOk(await api.request('POST', '/zones', { token: admin, body: { zoneId, name: `测试高新区 ${zoneId}`, city, level: 'provincial' } }));
  expectOk(await api.request('POST', '/clusters', { token: admin, body: { clusterId, programCode, zoneId, name: `集群 ${clusterId}`, industry: '智能制造' } }));
  return { zoneId, clusterId };
}

/** A program of the tests' own (POST /programs), from the 2023 seed with changes. */
export async function customProgram(api: TestApi, changes: Record<string, unknown>): Promise<string> {
  const code = uniqueId('TP');
  const base = seedPrograms.find((p) => p.code === 'JS-2023-C')!;
  const body = { ...base, code, name: `测试专项 ${code}`, ...changes, caps: { ...base.caps, ...((changes.caps as object | undefined) ?? {}) } };
  expectOk(await api.request('POST', '/programs', { token: api.token('admin'), body }));
  if (body.budgetControl !== false) await fixtureIndicators(api, code);
  return code;
}

/** Version and history length: what must not move when a request is refused. */
export async function footprint(api: TestApi, projectId: string) {
  const auditor = api.token('auditor');
  const project = expectOk(await api.request('GET', `/projects/${projectId}`, { token: auditor }));
  const history = expectOk(await api.request('GET', `/projects/${projectId}/history?limit=500`, { token: auditor }));
  return { version: project.body.version as number, entries: (history.body.entries as unknown[]).length, headHash: project.body.headHash as string };
}

/**
 * The footprint plus the project's idempotency records and balances: what a refused request
 * (400/401/403/404) must leave exactly as it was, since those answers are not remembered.
 */
export async function refusalFootprint(api: TestApi, projectId: string) {
  const items = await readPartition(api.tableName, `PROJECT#${projectId}`);
  const idemp = items.filter((i) => String(i.sk).startsWith('IDEMP#')).map((i) => String(i.sk));
  const markers = items.filter((i) => String(i.sk).startsWith('REVERSED#')).map((i) => String(i.sk));
  const project = expectOk(await api.request('GET', `/projects/${projectId}`, { token: api.token('auditor') })).body;
  return { ...(await footprint(api, projectId)), idemp, markers, balances: project.balances, status: project.status };
}

/** Asserts a problem+json answer with the status, a title and a detail, and not a replay. */
export function expectProblem(res: TestResponse, status: number): void {
  expect({ status: res.status, text: res.text }).toEqual({ status, text: expect.any(String) });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  expect(res.headers['idempotent-replayed']).toBeUndefined();
}

/** Asserts a 422 problem with the rule id and, when given, the limit figures. */
export function expectRule(res: TestResponse, rule: string, figures: { limitFen?: number; usedFen?: number; attemptedFen?: number } = {}) {
  if (res.status !== 422 || res.body.rule !== rule) throw new Error(`expected 422 ${rule}, got ${res.status}: ${res.text}`);
  if (res.headers['content-type'] !== 'application/problem+json') throw new Error(`content-type ${res.headers['content-type']}`);
  for (const [k, v] of Object.entries(figures)) {
    if (res.body[k] !== v) throw new Error(`expected ${k} = ${v}, got ${res.body[k]} in ${res.text}`);
  }
}

/** Asserts a 201 and returns the answer (with the request and body in the message otherwise). */
export function expectCreated(res: TestResponse): TestResponse {
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${res.text}`);
  return res;
}

/**
 * A fresh 2021 cluster with `count` projects, each granted the most a project can get
 * (5,000,000 yuan per funder: the 10,000,000 joint cap), so that 6 of them fill the cluster's
 * 30,000,000 yuan province cap.
 */
export async function clusterWithFullGrants(api: TestApi, count: number) {
  const { zoneId, clusterId } = await freshCluster(api, 'JS-2021-CLUSTER');
  const l = ledger(api, zoneId);
  const projectIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const reg = registration2021({
      zoneId, clusterId, newInvestmentFen: 30_000_000 * YUAN,
      contract: { ...registration2021().contract, provinceGrantFen: 5_000_000 * YUAN, zoneGrantFen: 5_000_000 * YUAN },
      schedule: [
        { trancheId: 'P1', funder: 'province', dueOn: '2021-09-30', amountFen: 5_000_000 * YUAN },
        { trancheId: 'Z1', funder: 'zone', dueOn: '2021-10-31', amountFen: 5_000_000 * YUAN },
      ],
    });
    expectOk(await l.register(reg));
    projectIds.push(reg.projectId);
  }
  return { zoneId, clusterId, l, projectIds };
}

/** A registered project (any fixture) and its ledger client. */
export async function registered(api: TestApi, reg: Registration) {
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  return { id: reg.projectId, reg, l };
}

/**
 * The usual test-file setup: an API on a fresh table (with the reference data when `seeded`),
 * started before the file's tests and closed after them. The returned object stands for that API
 * once started.
 */
export function useTestApi({ seeded }: { seeded: boolean }): TestApi {
  // Tests walk whole money paths over HTTP on a machine shared with other work: 5 s is too short.
  jest.setTimeout(60_000);
  let api: TestApi | undefined;
  beforeAll(async () => {
    api = await startTestApi();
    if (seeded) await seedReferenceData(api);
  }, 60_000);
  afterAll(() => api?.close());
  return new Proxy({} as TestApi, {
    get: (_, key) => {
      if (!api) throw new Error('the test API is used before beforeAll started it');
      return Reflect.get(api, key);
    },
  });
}

export const useSeededApi = (): TestApi => useTestApi({ seeded: true });

/** RFC 4180 rows of a CSV text (quotes, doubled quotes, CRLF), without the BOM. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && src[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** The history CSV's bytes as Excel reads them (fetch's text() would drop the BOM): for people, or `machine`. */
export async function historyCsvBytes(api: TestApi, projectId: string, token = api.token('auditor'), format: 'people' | 'machine' = 'people'): Promise<Buffer> {
  const res = await fetch(`${api.url}/projects/${projectId}/history.csv${format === 'machine' ? '?format=machine' : ''}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`history.csv answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Fen from a "1234.56" yuan cell (exact: string arithmetic, no float). */
export const fenOfYuan = (s: string): number => {
  if (s === '') return 0;
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(s);
  if (!m) throw new Error(`not a yuan amount: ${s}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
};

/**
 * Checks that each per-balance column of the project's CSV sums to that balance of the project
 * view (API.md: "per-balance columns that sum to the balances"); returns the parsed rows.
 */
export async function expectCsvSumsToBalances(api: TestApi, projectId: string) {
  const project = expectOk(await api.request('GET', `/projects/${projectId}`, { token: api.token('auditor') })).body;
  const [machine, people] = await Promise.all([historyCsvBytes(api, projectId, undefined, 'machine'), historyCsvBytes(api, projectId)]);
  for (const bytes of [machine, people]) expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const [header, ...rows] = parseCsv(machine.toString('utf8'));
  const [peopleHeader, ...peopleRows] = parseCsv(people.toString('utf8'));
  // The CSV for people carries the same balance columns, in the same order, under their Chinese names.
  const peopleFirst = peopleHeader!.findIndex((h) => /（元）$/.test(h) && h !== '金额（元）');
  const columns = header!.flatMap((name, i) => {
    const m = /^(province|zone)\.(\w+)Yuan$/.exec(name);
    return m ? [{ name, i, funder: m[1]!, field: `${m[2]}Fen` }] : [];
  });
  expect(columns).toHaveLength(11);
  columns.forEach(({ name, i, funder, field }, k) => {
    const balance = project.balances[funder][field];
    expect({ column: name, sum: rows.reduce((s, r) => s + fenOfYuan(r[i] ?? ''), 0) }).toEqual({ column: name, sum: balance });
    const j = peopleFirst + k;
    expect({ column: peopleHeader![j], sum: peopleRows.reduce((s, r) => s + fenOfYuan(r[j] ?? ''), 0) }).toEqual({ column: peopleHeader![j], sum: balance });
  });
  return { header: header!, rows };
}
