/**
 * What every benchmark needs: DynamoDB Local in memory, tables, the deployed handlers invoked
 * in-process with API Gateway v2 events (no HTTP in between, as in Lambda), and small statistics.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, HARNESS_STORAGE_REQUEST_TIMEOUT_MS, startDynamoDbLocal, type DynamoDbLocalHandle } from '../../local/dynamodb-local';
import { ensureTable } from '../../local/table';
import { seedPrograms } from '../../domain/programs/seed';
import { makeCreditCode } from '../../domain/credit-code';
import type { Registration } from '../../domain/project/types';
import { apiGatewayEvent, type EventOptions } from '../support/api-gateway-event';

export type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string; headers?: Record<string, string> }>;

export const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
export const median = (xs: readonly number[]): number => percentile(xs, 50);
export const ms = (n: number): string => `${n.toFixed(2)} ms`;
export const now = (): number => performance.now();
export const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' / ');

/** CPU milliseconds a process has used so far (Linux /proc; clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime: fields 14 and 15 of stat
}

/** CPU used by this process and by DynamoDB Local while `work` ran, and the wall time. */
export async function measured<T>(dbPid: number, work: () => Promise<T>): Promise<{ result: T; wallMs: number; cpuMs: number; dbCpuMs: number }> {
  const c0 = process.cpuUsage();
  const d0 = cpuMsOf(dbPid);
  const t0 = now();
  const result = await work();
  const wallMs = now() - t0;
  const c = process.cpuUsage(c0);
  const dbCpuMs = cpuMsOf(dbPid) - d0;
  return { result, wallMs, cpuMs: (c.user + c.system) / 1000 + dbCpuMs, dbCpuMs };
}

export const CORES = cpus().length;

export interface Caller {
  sub: string;
  role: 'admin' | 'finance-officer' | 'zone-committee' | 'city-bureau' | 'auditor';
  zoneId?: string;
}
export const ADMIN: Caller = { sub: 'bench-admin', role: 'admin' };
export const ZONE: Caller = { sub: 'bench-zone', role: 'zone-committee', zoneId: 'B-ZONE-0' };
export const FINANCE: Caller = { sub: 'bench-finance', role: 'finance-officer' };
export const AUDITOR: Caller = { sub: 'bench-auditor', role: 'auditor' };

/** An API Gateway HTTP API (payload 2.0) event with the JWT authorizer's claims, as Lambda gets it. */
export const apiEvent = (method: 'GET' | 'POST', template: string, path: string, caller: Caller, opts: EventOptions = {}) => apiGatewayEvent(method, template, path, caller, opts);

const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 };

export interface Api {
  read: Handler;
  write: Handler;
  /** Calls a handler and insists on the status; returns the parsed body (or the raw text). */
  call(method: 'GET' | 'POST', template: string, path: string, caller: Caller, expected: number, opts?: { body?: unknown; query?: Record<string, string>; key?: string }): Promise<any>;
}

/** The read and write functions, imported once TABLE_NAME and DYNAMODB_ENDPOINT are set. */
export async function loadApi(): Promise<Api> {
  const read = (await import('../../functions/handlers/read')).handler as unknown as Handler;
  const write = (await import('../../functions/handlers/write')).handler as unknown as Handler;
  return {
    read,
    write,
    async call(method, template, path, caller, expected, opts = {}) {
      const res = await (method === 'GET' ? read : write)(apiEvent(method, template, path, caller, opts), context);
      if (res.statusCode !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${res.statusCode}: ${res.body?.slice(0, 500)}`);
      const type = res.headers?.['content-type'] ?? '';
      return type.includes('json') ? JSON.parse(res.body ?? 'null') : res.body;
    },
  };
}

export interface Database {
  local: DynamoDbLocalHandle;
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  /** A fresh table, made the current one (TABLE_NAME) for the handlers. */
  useNewTable(label: string): Promise<string>;
  /** Makes an existing table the current one. */
  use(table: string): void;
  stop(): Promise<void>;
}

export async function startDatabase(): Promise<Database> {
  const local = await startDynamoDbLocal({ inMemory: true });
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: local.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    // The emulator holding 50,000 projects is slower than DynamoDB: the harnesses' patience.
    STORAGE_REQUEST_TIMEOUT_MS: String(HARNESS_STORAGE_REQUEST_TIMEOUT_MS),
  });
  const raw = new DynamoDBClient({ endpoint: local.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  let n = 0;
  return {
    local,
    raw,
    doc,
    async useNewTable(label) {
      const table = `bench${label}${(n++).toString(36)}${Date.now().toString(36)}`;
      await ensureTable(raw, table);
      process.env.TABLE_NAME = table;
      return table;
    },
    use(table) {
      process.env.TABLE_NAME = table;
    },
    async stop() {
      raw.destroy();
      await local.stop();
    },
  };
}

/** Eight zones in two cities, one JS-2023-C cluster each: the groups every scale run shares. */
export const BENCH_GROUPS = Array.from({ length: 8 }, (_, i) => ({
  zoneId: `B-ZONE-${i}`,
  clusterId: `B-CL-${i}`,
  city: i % 2 === 0 ? '南京市' : '苏州市',
}));

/**
 * The budget indicator every bench allocation draws on: the seed programs are under budgetControl,
 * so each province allocation names one (checked in its own transaction, as in production).
 */
export const BENCH_INDICATOR = '基准指标〔2023〕JS-2023-C号';

/** Programs, zones and clusters through the API, as an administrator would set them up; the bench's budget indicator as a finance officer would. */
export async function seedCatalog(api: Api): Promise<void> {
  for (const p of seedPrograms) await api.call('POST', '/programs', '/programs', ADMIN, 201, { body: p });
  await api.call('POST', '/budget-indicators', '/budget-indicators', FINANCE, 201, {
    body: { indicatorNo: BENCH_INDICATOR, fiscalYear: 2023, programCode: 'JS-2023-C', amountFen: 9_000_000_000_000_000, issuedOn: '2023-01-10', reference: 'BENCH' },
  });
  for (const g of BENCH_GROUPS) {
    await api.call('POST', '/zones', '/zones', ADMIN, 201, { body: { zoneId: g.zoneId, name: `基准高新区 ${g.zoneId}`, city: g.city, level: 'national' } });
    await api.call('POST', '/clusters', '/clusters', ADMIN, 201, { body: { clusterId: g.clusterId, programCode: 'JS-2023-C', zoneId: g.zoneId, name: `基准集群 ${g.clusterId}`, industry: '生物医药' } });
  }
}

/** A JS-2023-C contract in one of the bench zones (the first unless said; 6 M yuan from each funder). */
export function benchRegistration(projectId: string, i: number, group = 0): Registration {
  const g = BENCH_GROUPS[group % BENCH_GROUPS.length]!;
  return {
    projectId,
    programCode: 'JS-2023-C',
    clusterId: g.clusterId,
    zoneId: g.zoneId,
    insideZone: true,
    title: '基准项目',
    owner: { name: `基准企业 ${i}`, creditCode: makeCreditCode(`91320100MB${String(i).padStart(7, '0')}`) },
    newInvestmentFen: 4_500_000_000,
    contract: { signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-12-31', provinceGrantFen: 600_000_000, zoneGrantFen: 600_000_000 },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2026-09-30', amountFen: 600_000_000 },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2026-10-31', amountFen: 600_000_000 },
    ],
  };
}

export const register = (api: Api, projectId: string, i: number, group = 0) =>
  api.call('POST', '/projects', '/projects', FINANCE, 201, { body: benchRegistration(projectId, i, group), key: `reg-${projectId}` });

export const allocate = (api: Api, projectId: string, key: string, amountFen = 100) =>
  api.call('POST', '/projects/{projectId}/allocations', `/projects/${projectId}/allocations`, FINANCE, 201, {
    body: { amountFen, valueDate: '2023-07-15', reference: 'BENCH', indicatorNo: BENCH_INDICATOR },
    key,
  });

/** An allocation whose status is the answer (a 503 after lost races is a figure, not a failure). */
export const tryAllocate = async (api: Api, projectId: string, key: string, amountFen = 100): Promise<number> =>
  (await api.write(apiEvent('POST', '/projects/{projectId}/allocations', `/projects/${projectId}/allocations`, FINANCE, { body: { amountFen, valueDate: '2023-07-15', reference: 'BENCH', indicatorNo: BENCH_INDICATOR }, key }), context)).statusCode;

/**
 * The zone's match of an allocation (a project keeps at most 100 allocations waiting for one, as
 * a real project does not pile them up): the benchmarks confirm between timed rounds.
 */
export const confirmMatch = (api: Api, projectId: string, allocationEntryId: string, key: string, amountFen = 100) =>
  api.call('POST', '/projects/{projectId}/match-confirmations', `/projects/${projectId}/match-confirmations`, ZONE, 201, {
    body: { allocationEntryId, amountFen, valueDate: '2023-07-15', reference: 'BENCH-ZC' },
    key,
  });
