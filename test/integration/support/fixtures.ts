import { makeCreditCode } from '../../../domain/credit-code';
import { seedPrograms } from '../../../domain/programs/seed';
import type { Registration } from '../../../domain/project/types';
import { readPartition, startTestApi, type TestApi, type TestResponse } from './api';

export const YUAN = 100;
let counter = 0;

/** A valid, unique unified social credit code. */
export const creditCode = (): string => makeCreditCode(`91320100MA${String(++counter + Math.floor(Math.random() * 1e6)).padStart(7, '0')}`);

export const uniqueId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}${(++counter).toString(36)}`;

/** Programs, two zones and one cluster per program, as an admin would set them up. */
export async function seedReferenceData(api: TestApi) {
  const admin = api.token('admin');
  for (const p of seedPrograms) expectOk(await api.request('POST', '/programs', { token: admin, body: p }));
  const zones = [
    { zoneId: 'NJ-HTZ', name: '南京高新技术产业开发区', city: '南京市', level: 'national' },
    { zoneId: 'SZ-SIP', name: '苏州工业园区', city: '苏州市', level: 'national' },
  ];
  for (const z of zones) expectOk(await api.request('POST', '/zones', { token: admin, body: z }));
  const clusters = [
    { clusterId: 'NJ-BIO-2023', programCode: 'JS-2023-C', zoneId: 'NJ-HTZ', name: '南京生物医药集群', industry: '生物医药' },
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
    owner: { name: '南京某生物医药有限公司', creditCode: creditCode() },
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

/** RULES.md's 2021 worked example: new investment 24,000,000 yuan → joint cap 8,000,000, 4,000,000 each. */
export function registration2021(overrides: Partial<Registration> = {}): Registration {
  return {
    projectId: uniqueId('JQ2021'),
    programCode: 'JS-2021-CLUSTER',
    clusterId: 'SZ-NANO-2021',
    zoneId: 'SZ-SIP',
    insideZone: true,
    title: '纳米压印装备产业化',
    owner: { name: '苏州某纳米科技有限公司', creditCode: creditCode() },
    newInvestmentFen: 24_000_000 * YUAN,
    contract: { signedOn: '2021-06-01', startsOn: '2021-07-01', endsOn: '2024-12-31', provinceGrantFen: 4_000_000 * YUAN, zoneGrantFen: 4_000_000 * YUAN },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2021-09-30', amountFen: 4_000_000 * YUAN },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2021-10-31', amountFen: 4_000_000 * YUAN },
    ],
    ...overrides,
  };
}

let keySeq = 0;
export const idemKey = (): string => `k-${Date.now().toString(36)}-${++keySeq}`;

/** Small client for the ledger flow with the right role per call. */
export function ledger(api: TestApi, zoneId: string) {
  const finance = api.token('finance-officer', undefined, 'fo-alice');
  const finance2 = api.token('finance-officer', undefined, 'fo-bob');
  const zone = api.token('zone-committee', zoneId, `zc-${zoneId}`);
  const post = (path: string, token: string, body: unknown, key = idemKey()) =>
    api.request('POST', path, { token, body, headers: { 'Idempotency-Key': key } });
  const allocate = (id: string, amountFen: number, valueDate = '2023-07-15', token = finance) =>
    post(`/projects/${id}/allocations`, token, { amountFen, valueDate, reference: `苏财教〔2023〕${++keySeq}号` });
  const confirm = (id: string, allocationEntryId: string | null, amountFen: number, valueDate = '2023-08-01', token = zone) =>
    post(`/projects/${id}/match-confirmations`, token, { ...(allocationEntryId ? { allocationEntryId } : {}), amountFen, valueDate, reference: `ZC-${++keySeq}` });
  return {
    finance, finance2, zone,
    register: (reg: Registration) => post('/projects', finance, reg),
    allocate,
    confirm,
    disburse: (id: string, funder: 'province' | 'zone', amountFen: number, paidOn = '2023-09-15', trancheId?: string) =>
      post(`/projects/${id}/disbursements`, funder === 'province' ? finance : zone, { funder, amountFen, paidOn, reference: `PAY-${++keySeq}`, ...(trancheId ? { trancheId } : {}) }),
    /** A province allocation confirmed in full by the zone; resolves to the allocation's entry id. */
    allocateMatched: async (id: string, amountFen: number, valueDate = '2023-07-15', confirmedOn = '2023-08-01'): Promise<string> => {
      const allocationEntryId = expectOk(await allocate(id, amountFen, valueDate)).body.entry.entryId as string;
      expectOk(await confirm(id, allocationEntryId, amountFen, confirmedOn));
      return allocationEntryId;
    },
    reverse: (id: string, entryId: string, token = finance2) => post(`/projects/${id}/reversals`, token, { entryId, reason: '录入错误，冲正' }),
    post,
  };
}

/** A new zone with its own cluster under a program (quotas allow one cluster per zone). */
export async function freshCluster(api: TestApi, programCode: string): Promise<{ zoneId: string; clusterId: string }> {
  const admin = api.token('admin');
  const zoneId = uniqueId('Z');
  const clusterId = uniqueId('C');
  expectOk(await api.request('POST', '/zones', { token: admin, body: { zoneId, name: `测试高新区 ${zoneId}`, city: '常州市', level: 'provincial' } }));
  expectOk(await api.request('POST', '/clusters', { token: admin, body: { clusterId, programCode, zoneId, name: `集群 ${clusterId}`, industry: '智能制造' } }));
  return { zoneId, clusterId };
}

/** Version and history length: what must not move when a request is refused. */
export async function footprint(api: TestApi, projectId: string) {
  const auditor = api.token('auditor');
  const project = expectOk(await api.request('GET', `/projects/${projectId}`, { token: auditor }));
  const history = expectOk(await api.request('GET', `/projects/${projectId}/history?limit=500`, { token: auditor }));
  return { version: project.body.version as number, entries: (history.body.entries as unknown[]).length, headHash: project.body.headHash as string };
}

/**
 * The footprint plus the project's idempotency records: what a refused request (400/401/403) must
 * leave exactly as it was, since those answers are not remembered.
 */
export async function refusalFootprint(api: TestApi, projectId: string) {
  const idemp = (await readPartition(api.tableName, `PROJECT#${projectId}`, 'IDEMP#')).map((i) => String(i.sk));
  return { ...(await footprint(api, projectId)), idemp };
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

/**
 * The usual test-file setup: an API on a fresh table (with the reference data when `seeded`),
 * started before the file's tests and closed after them. The returned object stands for that API
 * once started.
 */
export function useTestApi({ seeded }: { seeded: boolean }): TestApi {
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
