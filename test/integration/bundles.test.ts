/**
 * What ships is what is tested. Every other test imports the TypeScript sources; AWS runs the
 * esbuild bundles of `npm run build` (dist/), with their aliases, the packages shipped beside them
 * and loaded by `import()`, the export name the stack gives Lambda, and API Gateway's event shape.
 *
 * Here one scripted scenario runs twice through the same local API Gateway (local/server.ts), each
 * time on a table of its own: once against the sources, once against the bundles, both run as local
 * Lambdas (local/lambda-handlers.ts: one Node process per function, the environment built the way
 * the stack and Lambda build it, credentials as environment variables only). The answers must be
 * the same once what legitimately differs is normalised away (the instants written now, and the
 * hashes that cover them), and they are checked directly as well: the path of the money, a 422
 * with its figures, an idempotent replay, a 503 under a frozen database, the scheduled sweep, a
 * digest with its inclusion proof, history.xlsx, portfolio.xlsx, an Excel import, and the alert
 * publisher on the stream records of the outbox items the sweep wrote, publishing to stand-ins of
 * SNS and EventBridge. A bundle that does not load fails here, and so does one that answers
 * differently.
 *
 * dist/ is built first when it is missing or stale (local/ensure-bundles.ts), so a fresh clone
 * needs no extra step. This file runs its own DynamoDB Local: freezing it disturbs no other test.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import ExcelJS from 'exceljs';
import { makeCreditCode } from '../../domain/credit-code';
import { verifyInclusion } from '../../domain/digest/merkle';
import { seedPrograms } from '../../domain/programs/seed';
import { keys } from '../../functions/lib/storage/keys';
import { allHandlerNames } from '../../functions/routes';
import { DIST_DIR } from '../../infra/build';
import { BUNDLE_FILE, MAX_BUNDLE_KB, REPO_ROOT } from '../../infra/bundling';
import { LOCAL_CREDENTIALS, LOCAL_REGION, LOCAL_STORAGE_REQUEST_TIMEOUT_MS, freePort, startDynamoDbLocal, type DynamoDbLocalHandle } from '../../local/dynamodb-local';
import { bundlesStaleReason, ensureBundles, type EnsureBundlesResult } from '../../local/ensure-bundles';
import { lambdaContext, type HandlerLoader } from '../../local/handler-loader';
import { lambdaHandlers } from '../../local/lambda-handlers';
import { createLocalServer } from '../../local/server';
import { ensureTable } from '../../local/table';
import { testApiFor, uniqueTableName, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { expectCreated, expectOk, expectRule, fixtureIndicatorNo, registration2023, seedReferenceData, today } from './support/fixtures';

const IND_2025 = fixtureIndicatorNo('JS-2023-C', 2025);

jest.setTimeout(120_000);

type Code = 'sources' | 'bundles';
const CODES: Code[] = ['sources', 'bundles'];

/** One run of the scenario: its table, its digest file, what its functions printed. */
interface Side {
  code: Code;
  tableName: string;
  digestDir: string;
  output: string[];
}

/**
 * Evidence files of both sides, kept by this process's local store behind the local servers'
 * /local/objects: the functions, processes of their own, sign URLs with the same key and see the
 * same directory (local/lambda-handlers.ts passes them on, as `npm start -- --bundles` does).
 */
const evidenceDir = mkdtempSync(join(tmpdir(), 'fundledger-bundles-evidence-'));
process.env.EVIDENCE_DIR = evidenceDir;
process.env.LOCAL_OBJECTS_SECRET = randomBytes(32).toString('base64url');
/** The origin the functions' URLs point at: either side's server serves this process's store. */
const objectsOrigin: { url?: string } = {};

let ddb: DynamoDbLocalHandle;
let built: EnsureBundlesResult;
const sides = {} as Record<Code, Side>;
const apis = {} as Record<Code, TestApi>;
const loaders = {} as Record<Code, HandlerLoader>;
const cleanups: Array<() => Promise<void>> = [];

/** The values a local Lambda of this side is built from: nothing is taken from this process's environment. */
function envFor(side: Side, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    TABLE_NAME: side.tableName,
    DYNAMODB_ENDPOINT: ddb.endpoint,
    STORAGE_REQUEST_TIMEOUT_MS: String(LOCAL_STORAGE_REQUEST_TIMEOUT_MS),
    DIGEST_DIR: side.digestDir,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    EVIDENCE_DIR: evidenceDir,
    LOCAL_OBJECTS_SECRET: process.env.LOCAL_OBJECTS_SECRET,
    // Read when an environment starts, after the servers listen.
    get LOCAL_OBJECTS_ORIGIN() {
      return objectsOrigin.url;
    },
    ...extra,
  };
}

function functionsOf(side: Side, extra: Record<string, string | undefined> = {}): HandlerLoader {
  const loader = lambdaHandlers({ code: side.code, env: envFor(side, extra), log: (line, fn) => side.output.push(`${fn}: ${line}`) });
  cleanups.push(() => loader.close());
  return loader;
}

async function serve(side: Side, loader: HandlerLoader): Promise<TestApi> {
  const server = await createLocalServer({ port: 0, host: '127.0.0.1', consoleDir: null, handlers: loader });
  const api = await testApiFor(server, side.tableName);
  cleanups.push(() => api.close());
  return api;
}

beforeAll(async () => {
  built = await ensureBundles();
  ddb = await startDynamoDbLocal({ inMemory: true });
  const admin = new DynamoDBClient({ endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    for (const code of CODES) {
      const side: Side = { code, tableName: uniqueTableName(), digestDir: mkdtempSync(join(tmpdir(), `fundledger-${code}-digests-`)), output: [] };
      await ensureTable(admin, side.tableName);
      sides[code] = side;
    }
  } finally {
    admin.destroy();
  }
  await Promise.all(
    CODES.map(async (code) => {
      loaders[code] = functionsOf(sides[code]);
      apis[code] = await serve(sides[code], loaders[code]);
    }),
  );
  objectsOrigin.url = apis.sources.url;
}, 180_000);

afterAll(async () => {
  if (ddb?.pid) process.kill(ddb.pid, 'SIGCONT');
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await ddb?.stop();
  for (const side of Object.values(sides)) rmSync(side.digestDir, { recursive: true, force: true });
  rmSync(evidenceDir, { recursive: true, force: true });
});

// --- comparing answers ------------------------------------------------------------------------

const HEX64 = /\b[0-9a-f]{64}\b/g;
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z/g;
/** An instant as exports for people show it: China time, to the second. */
const CHINA_INSTANT = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/g;
/** Headers that differ by nature (transport, request ids); every other one is compared. */
const TRANSPORT_HEADERS = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'apigw-requestid']);

/**
 * Replaces what may legitimately differ between two runs: instants written during this test
 * (recordedAt, createdAt; value dates years ago stay) and 64-hex hashes, numbered in order of
 * first appearance so that "this hash is that one" is still compared. Everything else stays.
 */
function normaliser(): (value: unknown) => unknown {
  const hashes = new Map<string, string>();
  const text = (s: string): string =>
    s
      .replace(HEX64, (h) => {
        if (!hashes.has(h)) hashes.set(h, `<hash ${hashes.size + 1}>`);
        return hashes.get(h)!;
      })
      .replace(INSTANT, (t) => (Math.abs(Date.parse(t) - Date.now()) < 6 * 3600_000 ? '<now>' : t))
      .replace(CHINA_INSTANT, (t) => (Math.abs(Date.parse(`${t.replace(' ', 'T')}+08:00`) - Date.now()) < 6 * 3600_000 ? '<now>' : t));
  const value = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (v instanceof Date) return text(v.toISOString());
    if (Array.isArray(v)) return v.map(value);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x)]));
    return v;
  };
  return value;
}

/** One request and its answer, or a value the scenario noted (a parsed workbook). */
interface Exchange {
  step: string;
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** A TestApi that writes every contract-checked request and answer down, and a way to note other values. */
function recording(api: TestApi): { api: TestApi; transcript: Exchange[]; note: (step: string, body: unknown) => void } {
  const transcript: Exchange[] = [];
  const request = async <T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>> => {
    const res = await api.request<T>(method, path, options);
    const headers = Object.fromEntries(Object.entries(res.headers).filter(([k]) => !TRANSPORT_HEADERS.has(k)));
    transcript.push({ step: `${method} ${path}`, status: res.status, headers, body: res.body });
    return res;
  };
  return { api: { ...api, request }, transcript, note: (step, body) => transcript.push({ step, body }) };
}

/** The same steps, one by one: the first that differs is named with both answers. */
function expectSameAnswers(transcripts: Record<Code, Exchange[]>): void {
  const [sources, bundles] = [normaliser()(transcripts.sources), normaliser()(transcripts.bundles)] as Exchange[][];
  expect(bundles!.map((e) => e.step)).toEqual(sources!.map((e) => e.step));
  for (const [i, expected] of sources!.entries()) {
    try {
      expect(bundles![i]).toEqual(expected);
    } catch (err) {
      (err as Error).message = `step ${i + 1}, ${expected.step}: the bundles answer differently from the sources\n${(err as Error).message}`;
      throw err;
    }
  }
}

// --- the scenario -----------------------------------------------------------------------------

const PROJECT = 'BA2023-B001';
const LAGGING = 'BA2023-B002';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const code = (n: number): string => makeCreditCode(`91320100MA${String(n).padStart(7, '0')}`);

/** API.md's path of the money: province 6,000,000 yuan, the zone 7,000,000 (above 1:1). */
const moneyPath = () =>
  registration2023({
    projectId: PROJECT,
    owner: { name: '南京示例生物科技有限公司', creditCode: code(1) },
    newInvestmentFen: 4_500_000_000,
    contract: { signedOn: '2025-06-01', startsOn: '2025-07-01', endsOn: '2028-12-31', provinceGrantFen: 600_000_000, zoneGrantFen: 700_000_000 },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2025-09-30', amountFen: 600_000_000 },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2025-10-31', amountFen: 700_000_000 },
    ],
  });

/** A worksheet as values and number formats, cell by cell. */
function sheetCells(ws: ExcelJS.Worksheet): Record<string, { value: unknown; numFmt: string | undefined }> {
  const cells: Record<string, { value: unknown; numFmt: string | undefined }> = {};
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => (cells[cell.address] = { value: cell.value, numFmt: cell.numFmt })));
  return cells;
}

async function download(api: TestApi, path: string, token: string): Promise<{ headers: Record<string, string | null>; workbook: ExcelJS.Workbook }> {
  const res = await fetch(api.url + path, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${bytes.toString('utf8').slice(0, 300)}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { headers: { 'content-type': res.headers.get('content-type'), 'content-disposition': res.headers.get('content-disposition') }, workbook };
}

const workbookView = (workbook: ExcelJS.Workbook) => workbook.worksheets.map((ws) => ({ name: ws.name, state: ws.state, cells: sheetCells(ws) }));

/** Deterministic throughout (ids, keys, references, credit codes), so two runs can be compared. */
async function scenario(api: TestApi, note: (step: string, body: unknown) => void) {
  const finance = api.token('finance-officer', undefined, 'fo-alice');
  const zone = api.token('zone-committee', 'NJ-HTZ', 'zc-htz');
  const auditor = api.token('auditor', undefined, 'aud-amy');
  const admin = api.token('admin', undefined, 'adm-ann');
  const post = (path: string, token: string, body: unknown, key?: string) =>
    api.request('POST', path, { token, body, ...(key ? { headers: { 'Idempotency-Key': key } } : {}) });
  const p = (route: string, id = PROJECT) => `/projects/${id}/${route}`;
  const get = (path: string, token = auditor) => api.request('GET', path, { token });

  await seedReferenceData(api);
  expectCreated(await post('/projects', finance, moneyPath(), 'reg-b001'));
  const allocated = expectCreated(await post(p('allocations'), finance, { amountFen: 600_000_000, valueDate: '2025-07-15', reference: '苏财教〔2025〕12号', indicatorNo: IND_2025 }, 'alloc-1'));
  const overCap = await post(p('allocations'), finance, { amountFen: 1, valueDate: '2025-07-16', reference: '苏财教〔2025〕13号', indicatorNo: IND_2025 }, 'alloc-2');
  const unbudgeted = await post(p('allocations'), finance, { amountFen: 1, valueDate: '2025-07-16', reference: '苏财教〔2025〕14号' }, 'alloc-3');
  expectCreated(await post(p('match-confirmations'), zone, { allocationEntryId: allocated.body.entry.entryId, amountFen: 400_000_000, valueDate: '2025-08-01', reference: '宁高管〔2025〕3号' }, 'match-1'));
  expectCreated(await post(p('match-confirmations'), zone, { allocationEntryId: allocated.body.entry.entryId, amountFen: 300_000_000, valueDate: '2025-08-20', reference: '宁高管〔2025〕5号' }, 'match-2'));
  const transfer = { amountFen: 600_000_000, valueDate: '2025-09-01', reference: '苏财预〔2025〕88号' };
  const transferred = expectCreated(await post(p('transfers'), finance, transfer, 'tr-1'));
  const replayed = await post(p('transfers'), finance, transfer, 'tr-1');
  const reused = await post(p('transfers'), finance, { ...transfer, amountFen: 1 }, 'tr-1');
  const wrongPayer = await post(p('disbursements'), finance, { funder: 'province', amountFen: 600_000_000, paidOn: '2025-09-20', reference: '国库支付 0001', trancheId: 'P1' }, 'pay-x');
  expectCreated(await post(p('disbursements'), zone, { funder: 'province', amountFen: 600_000_000, paidOn: '2025-09-20', reference: '国库支付 0001', trancheId: 'P1' }, 'pay-1'));
  expectCreated(await post(p('disbursements'), zone, { funder: 'zone', amountFen: 700_000_000, paidOn: '2025-10-20', reference: '宁高新财 0002', trancheId: 'Z1' }, 'pay-2'));

  // Bad input, and bodies API Gateway hands over base64-encoded (a form, as `curl -d` sends it).
  const invalid = await post(p('allocations'), finance, { amountFen: -5, valueDate: '2025-02-30', reference: '' }, 'bad-1');
  const form = await api.request('POST', p('allocations'), { token: finance, rawBody: 'amountFen=1', contentType: 'application/x-www-form-urlencoded', headers: { 'Idempotency-Key': 'form-1' } });
  const noToken = await api.request('GET', `/projects/${PROJECT}`);
  const missing = await get('/projects/NO-SUCH-1');
  // cognito:groups as API Gateway flattens it: "[auditor finance-officer]", and a token with no role of ours.
  const twoGroups = await get(`/projects/${PROJECT}`, api.tokenWith({ groups: ['auditor', 'finance-officer'], sub: 'two-hats' }));
  const noRole = await get(`/projects/${PROJECT}`, api.tokenWith({ groups: ['everyone'], sub: 'nobody' }));

  // A project left behind (allocated in 2023, never matched, nothing paid) for the sweep.
  expectCreated(await post('/projects', finance, registration2023({ projectId: LAGGING, owner: { name: '南京滞后科技有限公司', creditCode: code(2) } }), 'reg-b002'));
  expectCreated(await post(p('allocations', LAGGING), finance, { amountFen: 300_000_000, valueDate: '2023-07-15', reference: '苏财教〔2023〕7号', indicatorNo: fixtureIndicatorNo('JS-2023-C', 2023) }, 'alloc-l1'));

  const project = expectOk(await get(`/projects/${PROJECT}`)).body;
  await get(`/projects/${PROJECT}?asOf=2025-08-31`);
  await get(`/projects/${PROJECT}/history`);
  await get(`/projects/${PROJECT}/history.csv`);
  await get('/projects?zoneId=NJ-HTZ');
  await get('/reports/portfolio?groupBy=zone');
  await get(`/budget-indicators/${encodeURIComponent(IND_2025)}`);
  await get('/budget-indicators?fiscalYear=2025&programCode=JS-2023-C');
  await get('/reports/execution?fiscalYear=2025&groupBy=zone&asOf=2025-12-31');

  const digest = expectCreated(await post('/digests', admin, undefined)).body;
  const verified = expectOk(await get(`/projects/${PROJECT}/verify?digest=${digest.digestId}`)).body;
  await get(`/digests/${digest.digestId}`);

  const history = await download(api, `/projects/${PROJECT}/history.xlsx`, auditor);
  note('history.xlsx', { headers: history.headers, sheets: workbookView(history.workbook) });
  const portfolio = await download(api, '/reports/portfolio.xlsx?groupBy=zone', auditor);
  note('portfolio.xlsx', { headers: portfolio.headers, sheets: workbookView(portfolio.workbook) });
  const execution = await download(api, '/reports/execution.xlsx?fiscalYear=2025&groupBy=zone&asOf=2025-12-31', auditor);
  note('execution.xlsx', { headers: execution.headers, sheets: workbookView(execution.workbook) });

  // An Excel import: the template filled with one good row and one with a bad credit code.
  const template = await download(api, '/imports/projects/template.xlsx', finance);
  note('template.xlsx', { headers: template.headers, sheets: workbookView(template.workbook) });
  const rows = template.workbook.getWorksheet('项目登记')!;
  const schedule = template.workbook.getWorksheet('拨付计划')!;
  const row = (id: string, creditCode: string) =>
    [id, 'JS-2023-C', 'NJ-BIO-2023', 'NJ-HTZ', '是', 'Excel 导入项目', `南京导入科技有限公司 ${id}`, creditCode, 45_000_000, '2023-06-01', '2023-07-01', '2026-12-31', 5_000_000.5, 5_000_000.5];
  rows.addRow(row('XL-B001', code(3)));
  rows.addRow(row('XL-B002', '91320100MA1XXXXXX9'));
  for (const id of ['XL-B001', 'XL-B002']) {
    schedule.addRow([id, 'P1', '省级', '2023-09-30', 5_000_000.5]);
    schedule.addRow([id, 'Z1', '高新区', '2023-10-31', 5_000_000.5]);
  }
  const upload = Buffer.from(await template.workbook.xlsx.writeBuffer());
  const imported = await api.request('POST', '/imports/projects', { token: finance, rawBody: upload, contentType: XLSX });
  await get('/projects/XL-B001');

  return { allocated, overCap, unbudgeted, transferred, replayed, reused, wrongPayer, invalid, form, noToken, missing, twoGroups, noRole, project, digest, verified, history: history.workbook, portfolio: portfolio.workbook, imported };
}

type Outcome = Awaited<ReturnType<typeof scenario>>;
const outcomes = {} as Record<Code, Outcome>;

// --- the tests --------------------------------------------------------------------------------

describe('the Lambda bundles', () => {
  it('are current and within their limits, and each loads by the export the stack names, as do the sources', async () => {
    expect(bundlesStaleReason()).toBeNull();
    expect(built.report?.problems ?? []).toEqual([]);
    const oversized = allHandlerNames().filter((name) => statSync(join(DIST_DIR, name, BUNDLE_FILE)).size / 1024 > MAX_BUNDLE_KB);
    expect(oversized).toEqual([]);
    for (const code of CODES) {
      for (const name of allHandlerNames()) await expect(loaders[code].load(name)).resolves.toEqual(expect.any(Function));
    }
  });

  it('seeds the programs from the deploy-time custom resource', async () => {
    const event = {
      RequestType: 'Create', RequestId: randomUUID(), ResponseURL: 'https://cloudformation-custom-resource-response.invalid/', ResourceType: 'Custom::SeedPrograms',
      LogicalResourceId: 'SeedPrograms', StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/fundledger/1', ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:seed', ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:seed' },
    };
    const answers = {} as Record<Code, unknown>;
    for (const code of CODES) {
      const seed = await loaders[code].load('seed-programs');
      answers[code] = await seed(event, lambdaContext('seed-programs', randomUUID()));
      const programs = expectOk(await apis[code].request('GET', '/programs', { token: apis[code].token('auditor') })).body.programs;
      expect(programs.map((p: { code: string }) => p.code).sort()).toEqual(seedPrograms.map((p) => p.code).sort());
    }
    expect(answers.bundles).toEqual({ PhysicalResourceId: 'fundledger-seed-programs' });
    expect(answers.bundles).toEqual(answers.sources);
  });

  it('answer the path of the money, errors, exports, a digest and an import as the sources do', async () => {
    const transcripts = {} as Record<Code, Exchange[]>;
    await Promise.all(
      CODES.map(async (code) => {
        const rec = recording(apis[code]);
        outcomes[code] = await scenario(rec.api, rec.note);
        transcripts[code] = rec.transcript;
      }),
    );
    expectSameAnswers(transcripts);

    const o = outcomes.bundles;
    expectRule(o.overCap, 'province-per-project', { limitFen: 600_000_000, usedFen: 600_000_000, attemptedFen: 1 });
    expectRule(o.unbudgeted, 'indicator-required', { attemptedFen: 1 });
    expect(o.replayed.status).toBe(201);
    expect(o.replayed.headers['idempotent-replayed']).toBe('true');
    expect(o.replayed.body.entry).toEqual(o.transferred.body.entry);
    expect(o.transferred.headers['idempotent-replayed']).toBeUndefined();
    expect(o.reused.status).toBe(409);
    expect(o.wrongPayer.status).toBe(403);
    expect(o.invalid.status).toBe(400);
    expect(o.invalid.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['amountFen', 'valueDate']));
    expect(o.form.status).toBe(415);
    expect(o.noToken.status).toBe(401);
    expect(o.missing.status).toBe(404);
    expect(o.twoGroups.status).toBe(200);
    expect(o.noRole.status).toBe(403);
    expect(o.project.balances.province).toMatchObject({ allocatedFen: 600_000_000, confirmedFen: 600_000_000, transferredFen: 600_000_000, disbursedFen: 600_000_000 });
    expect(o.project.balances.zone).toMatchObject({ confirmedFen: 700_000_000, disbursedFen: 700_000_000 });
    expect(o.project.version).toBe(7);

    expect(o.verified).toMatchObject({ valid: true, entries: 7, digest: { digestId: o.digest.digestId, included: true, chainMatches: true, leaf: { projectId: PROJECT, entries: 7 } } });
    const proof = o.verified.digest;
    expect(verifyInclusion(proof.leaf, proof.leafIndex, proof.treeSize, proof.proof, o.digest.root)).toBe(true);

    const ledgerSheet = o.history.getWorksheet('台账')!;
    expect(ledgerSheet.actualRowCount).toBeGreaterThan(7);
    expect(o.portfolio.worksheets.length).toBeGreaterThan(0);
    expect(o.imported.status).toBe(200);
    expect(o.imported.body).toMatchObject({ registered: 1, failed: 1 });
  });

  it('take evidence as the sources do: declared, uploaded to the signed URL, checked, recorded in the chain, downloaded byte for byte; a disguised executable refused', async () => {
    const receipt = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(30_000, 7)]);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(3_000, 1)]);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const run = async (api: TestApi) => {
      const zone = api.token('zone-committee', 'NJ-HTZ', 'zc-htz');
      const auditor = api.token('auditor', undefined, 'aud-amy');
      const payment = `${PROJECT}.6`;
      const attach = async (bytes: Buffer, fileName: string, key: string) => {
        const declared = await api.request('POST', `/projects/${PROJECT}/evidence`, {
          token: zone, headers: { 'Idempotency-Key': `${key}-d` },
          body: { refersTo: payment, kind: 'payment-receipt', fileName, contentType: 'application/pdf', sizeBytes: bytes.length, sha256: sha(bytes) },
        });
        expectCreated(declared);
        const put = await fetch(declared.body.uploadUrl, { method: 'PUT', headers: declared.body.uploadHeaders, body: new Uint8Array(bytes) });
        const completed = await api.request('POST', `/projects/${PROJECT}/evidence/${declared.body.evidenceId}/complete`, { token: zone, headers: { 'Idempotency-Key': `${key}-c` } });
        return { evidenceId: declared.body.evidenceId as string, put: put.status, completed };
      };
      const good = await attach(receipt, '国库支付回单.pdf', 'ev-1');
      const link = expectOk(await api.request('GET', `/projects/${PROJECT}/evidence/${good.evidenceId}?redirect=false`, { token: auditor })).body;
      const bytes = Buffer.from(await (await fetch(link.url)).arrayBuffer());
      const bad = await attach(exe, 'invoice.pdf', 'ev-2');
      const verified = expectOk(await api.request('GET', `/projects/${PROJECT}/verify`, { token: auditor })).body;
      const history = expectOk(await api.request('GET', `/projects/${PROJECT}/history`, { token: auditor })).body;
      // What may differ between the runs: the random evidence ids, the hashes and times that cover them.
      const { evidenceId: _id, ...details } = good.completed.body.entry.details;
      return {
        put: [good.put, bad.put],
        completed: { status: good.completed.status, type: good.completed.body.entry.type, refersTo: good.completed.body.entry.refersTo, details },
        download: { fileName: link.fileName, same: bytes.equals(receipt) },
        refused: { status: bad.completed.status, rule: bad.completed.body.rule, detail: bad.completed.body.detail },
        verified: { valid: verified.valid, entries: verified.entries, evidenceFiles: verified.evidenceFiles },
        evidenceOfPayment: history.evidence[payment].map((r: { fileName: string; sha256: string }) => [r.fileName, r.sha256]),
      };
    };
    const answers = { sources: await run(apis.sources), bundles: await run(apis.bundles) };
    expect(answers.bundles).toEqual(answers.sources);
    expect(answers.bundles).toEqual({
      put: [200, 200],
      completed: { status: 201, type: 'evidence', refersTo: `${PROJECT}.6`, details: { kind: 'payment-receipt', sha256: sha(receipt), sizeBytes: receipt.length, contentType: 'application/pdf', fileName: '国库支付回单.pdf' } },
      download: { fileName: '国库支付回单.pdf', same: true },
      refused: { status: 422, rule: 'evidence-mismatch', detail: 'declared application/pdf, but the file is a Windows executable (MZ), not a PDF (%PDF-)' },
      verified: { valid: true, entries: 8, evidenceFiles: 1 },
      evidenceOfPayment: [['国库支付回单.pdf', sha(receipt)]],
    });
  });

  it('answer 503 with Retry-After while the database is frozen, as the sources do, write nothing, and take the retry', async () => {
    // The deployed storage budget (functions/lib/storage/client.ts), not the emulator's patience.
    const deployed = {} as Record<Code, TestApi>;
    await Promise.all(
      CODES.map(async (code) => {
        const loader = functionsOf(sides[code], { STORAGE_REQUEST_TIMEOUT_MS: undefined });
        for (const name of ['read', 'write']) await loader.load(name);
        deployed[code] = await serve(sides[code], loader);
      }),
    );
    const allocation = (api: TestApi) =>
      fetch(`${api.url}/projects/${LAGGING}/allocations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token('finance-officer')}`, 'content-type': 'application/json', 'idempotency-key': 'frozen-1' },
        body: JSON.stringify({ amountFen: 100_000_000, valueDate: '2023-08-01', reference: '苏财教〔2023〕9号', indicatorNo: fixtureIndicatorNo('JS-2023-C', 2023) }),
        signal: AbortSignal.timeout(15_000),
      });
    const listing = (api: TestApi) => fetch(`${api.url}/projects`, { headers: { authorization: `Bearer ${api.token('auditor')}` }, signal: AbortSignal.timeout(15_000) });
    const version = async (api: TestApi) => expectOk(await api.request('GET', `/projects/${LAGGING}`, { token: api.token('auditor') })).body.version as number;
    const before = { sources: await version(deployed.sources), bundles: await version(deployed.bundles) };

    process.kill(ddb.pid!, 'SIGSTOP');
    let during: Record<Code, { status: number; retryAfter: string | null; contentType: string | null; body: unknown }[]>;
    try {
      const answers = await Promise.all(CODES.map((code) => Promise.all([allocation(deployed[code]), listing(deployed[code])])));
      during = Object.fromEntries(
        await Promise.all(
          CODES.map(async (code, i) => [
            code,
            await Promise.all(answers[i]!.map(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), contentType: r.headers.get('content-type'), body: await r.json() }))),
          ]),
        ),
      ) as typeof during;
    } finally {
      process.kill(ddb.pid!, 'SIGCONT');
    }
    for (const answer of during.bundles) {
      expect(answer).toMatchObject({ status: 503, contentType: 'application/problem+json', body: { status: 503, title: 'Service Unavailable' } });
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    expect(normaliser()(during.bundles)).toEqual(normaliser()(during.sources));
    expect({ sources: await version(deployed.sources), bundles: await version(deployed.bundles) }).toEqual(before);

    for (const code of CODES) {
      const retry = await allocation(deployed[code]);
      expect(retry.status).toBe(201);
      expect(await version(deployed[code])).toBe(before[code] + 1);
    }
  });
});

// --- SNS and EventBridge stand-ins --------------------------------------------------------------

interface Published {
  events: Array<{ authorization: string; body: any }>;
  messages: Array<{ authorization: string; params: Record<string, string> }>;
  /** When set, EventBridge reports every entry as failed. */
  refuseEvents: boolean;
  url: string;
  close(): Promise<void>;
}

const readAll = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Answers PutEvents (JSON 1.1) and SNS Publish (query protocol) as the services do, and keeps what it got. */
async function messagingStandIn(): Promise<Published> {
  const state: Omit<Published, 'url' | 'close'> = { events: [], messages: [], refuseEvents: false };
  const server = createServer((req, res) => {
    void readAll(req).then((text) => {
      const authorization = req.headers.authorization ?? '';
      if (req.headers['x-amz-target'] === 'AWSEvents.PutEvents') {
        const body = JSON.parse(text) as { Entries: unknown[] };
        if (!state.refuseEvents) state.events.push({ authorization, body });
        const answer = state.refuseEvents
          ? { FailedEntryCount: body.Entries.length, Entries: body.Entries.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'refused by the stand-in' })) }
          : { FailedEntryCount: 0, Entries: body.Entries.map(() => ({ EventId: randomUUID() })) };
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
        return;
      }
      state.messages.push({ authorization, params: Object.fromEntries(new URLSearchParams(text)) });
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(`<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, { url, close: () => new Promise<void>((r) => server.close(() => r())) });
}

/** Outbox items as the table's stream delivers their insertion (NEW_IMAGE), filtered as the event source filters. */
async function outboxStreamRecords(tableName: string): Promise<{ Records: unknown[] }> {
  const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const out = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, FilterExpression: 'begins_with(pk, :outbox)', ExpressionAttributeValues: { ':outbox': { S: keys.outbox('').pk } } }),
    );
    const images = (out.Items ?? []).sort((a, b) => String(a.pk!.S).localeCompare(String(b.pk!.S)));
    const now = Math.floor(Date.now() / 1000);
    return {
      Records: images.map((image: Record<string, AttributeValue>, i) => ({
        eventID: randomUUID().replace(/-/g, ''),
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: LOCAL_REGION,
        dynamodb: {
          ApproximateCreationDateTime: now,
          Keys: { pk: image.pk, sk: image.sk },
          NewImage: image,
          SequenceNumber: String(4_000_000_000_000_000_000n + BigInt(i)),
          SizeBytes: JSON.stringify(image).length,
          StreamViewType: 'NEW_IMAGE',
        },
        eventSourceARN: `arn:aws:dynamodb:${LOCAL_REGION}:123456789012:table/${tableName}/stream/2026-01-01T00:00:00.000`,
      })),
    };
  } finally {
    client.destroy();
  }
}

describe('the background bundles', () => {
  const standIns = {} as Record<Code, Published>;
  const alerting = {} as Record<Code, HandlerLoader>;
  const ALERT_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:fundledger-alerts';

  beforeAll(async () => {
    for (const code of CODES) {
      standIns[code] = await messagingStandIn();
      cleanups.push(() => standIns[code].close());
      // As deployed: an alert topic and the default bus, here reached through the SDK's endpoint variables.
      alerting[code] = functionsOf(sides[code], {
        ALERT_TOPIC_ARN, EVENT_BUS_NAME: 'default', AWS_ENDPOINT_URL_SNS: standIns[code].url, AWS_ENDPOINT_URL_EVENTBRIDGE: standIns[code].url,
      });
    }
  });

  it('the scheduled sweep raises the alerts, queues their notifications for the stream and writes the day’s digest, as the sources do', async () => {
    const results = {} as Record<Code, any>;
    for (const code of CODES) {
      const sweep = await alerting[code].load('sweep-scheduled');
      // What EventBridge Scheduler sends (infra/constructs/background.ts).
      results[code] = await sweep({ source: 'fundledger.schedule', job: 'daily-sweep' }, lambdaContext('sweep-scheduled', randomUUID()));
    }
    expect(results.bundles).toMatchObject({ asOf: today(), raised: expect.any(Number), skipped: 0, published: 0, publishFailed: 0, digestId: `${today()}.2` });
    expect(results.bundles.raised).toBeGreaterThan(0);
    expect(results.bundles).toEqual(results.sources);
    for (const code of CODES) expect(standIns[code].events.length + standIns[code].messages.length).toBe(0);

    const digests = {} as Record<Code, unknown>;
    for (const code of CODES) digests[code] = expectOk(await apis[code].request('GET', `/digests/${results[code].digestId}`, { token: apis[code].token('auditor') })).body;
    expect(digests.bundles).toMatchObject({ digestId: `${today()}.2`, trigger: 'sweep' });
    expect(normaliser()(digests.bundles)).toEqual(normaliser()(digests.sources));
  });

  it('the alert publisher publishes each stream record to EventBridge and SNS with the environment’s credentials, reports a refused one for retry, and marks what it sent', async () => {
    const seen = {} as Record<Code, unknown>;
    for (const code of CODES) {
      const stream = await outboxStreamRecords(sides[code].tableName);
      expect(stream.Records.length).toBeGreaterThan(0);
      const publish = await alerting[code].load('publish-alerts');
      const standIn = standIns[code];

      standIn.refuseEvents = true;
      const first = stream.Records[0] as { dynamodb: { SequenceNumber: string; Keys: { pk: { S: string } } } };
      const refused = await publish({ Records: [first] }, lambdaContext('publish-alerts', randomUUID()));
      expect(refused).toEqual({ batchItemFailures: [{ itemIdentifier: first.dynamodb.SequenceNumber }] });
      expect(standIn.messages).toHaveLength(0);
      const stillPending = await outboxStreamRecords(sides[code].tableName);
      expect((stillPending.Records[0] as { dynamodb: { NewImage: Record<string, AttributeValue> } }).dynamodb.NewImage.publishedAt).toBeUndefined();

      standIn.refuseEvents = false;
      expect(await publish(stream, lambdaContext('publish-alerts', randomUUID()))).toEqual({ batchItemFailures: [] });
      expect(standIn.events).toHaveLength(stream.Records.length);
      expect(standIn.messages).toHaveLength(stream.Records.length);
      for (const { authorization, body } of standIn.events) {
        expect(authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/\\d{8}/${LOCAL_REGION}/events/aws4_request`));
        expect(body.Entries).toEqual([{ Source: 'fundledger', DetailType: 'FundLedger Alert', EventBusName: 'default', Detail: expect.any(String) }]);
      }
      for (const { authorization, params } of standIn.messages) {
        expect(authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/\\d{8}/${LOCAL_REGION}/sns/aws4_request`));
        expect(params).toMatchObject({ Action: 'Publish', TopicArn: ALERT_TOPIC_ARN, Subject: expect.stringMatching(/^FundLedger (raised|resolved): /) });
      }
      const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      const details = standIn.events.map((e) => JSON.parse(e.body.Entries[0].Detail)).sort((a, b) => byId(a.notificationId, b.notificationId));
      expect(details.map((d) => d.notificationId)).toEqual(stream.Records.map((r) => (r as { dynamodb: { Keys: { pk: { S: string } } } }).dynamodb.Keys.pk.S.replace(keys.outbox('').pk, '')).sort(byId));
      // The projects' alerts, and the budget's (no project): the fixtures' indicators left unallocated.
      expect(details.every((d) => d.alert.projectId === LAGGING || d.alert.projectId === 'XL-B001' || (d.alert.projectId === null && d.alert.kind === 'indicator-unallocated'))).toBe(true);

      const after = await outboxStreamRecords(sides[code].tableName);
      for (const record of after.Records as { dynamodb: { NewImage: Record<string, AttributeValue> } }[]) {
        expect(record.dynamodb.NewImage.publishedAt?.S).toEqual(expect.any(String));
        expect(record.dynamodb.NewImage.gsi2pk).toBeUndefined();
      }
      seen[code] = { details, messages: standIn.messages.map((m) => ({ Subject: m.params.Subject, Message: m.params.Message })).sort((a, b) => a.Message!.localeCompare(b.Message!)) };
    }
    expect(normaliser()(seen.bundles)).toEqual(normaliser()(seen.sources));
  });
});

describe('a bundle that cannot serve', () => {
  const broken = mkdtempSync(join(tmpdir(), 'fundledger-broken-dist-'));
  afterAll(() => rmSync(broken, { recursive: true, force: true }));
  const write = (name: string, code: string) => {
    mkdirSync(join(broken, name), { recursive: true });
    writeFileSync(join(broken, name, 'index.js'), code);
  };

  it('fails to load without the export the stack names, or when its code throws at load, and answers 500; so does a result over 6 MB', async () => {
    write('public', 'exports.main = async () => ({ statusCode: 200, body: "{}" });');
    write('read', 'throw new Error("boom at init");');
    write('write', 'exports.handler = async () => ({ statusCode: 200, headers: { "content-type": "text/plain" }, body: "x".repeat(7 * 1024 * 1024) });');
    const side = sides.bundles;
    const loader = lambdaHandlers({ code: 'bundles', distDir: broken, env: envFor(side), log: (line, fn) => side.output.push(`${fn}: ${line}`) });
    cleanups.push(() => loader.close());
    await expect(loader.load('public')).rejects.toThrow(/index\.handler is undefined or not exported/);
    await expect(loader.load('read')).rejects.toMatchObject({ name: expect.stringMatching(/^Runtime\.ImportModuleError/), message: 'boom at init' });
    await expect(loader.load('seed-programs')).rejects.toThrow(/is missing: run npm run build/);

    const server = await createLocalServer({ port: 0, host: '127.0.0.1', consoleDir: null, handlers: loader });
    cleanups.push(() => server.close());
    const token = apis.bundles.token('finance-officer');
    expect((await fetch(`${server.url}/health`)).status).toBe(500);
    expect((await fetch(`${server.url}/projects`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(500);
    const oversized = await fetch(`${server.url}/programs`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(oversized.status).toBe(500);
  });
});

describe('npm start -- --bundles', () => {
  it('serves the bundles as local Lambdas with the credentials it sets, and leaves none of them running when stopped', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), POWERTOOLS_LOG_LEVEL: 'SILENT' };
    // Nothing of this run may leak in: the test DynamoDB endpoint, npm's own config, a profile.
    for (const name of ['DYNAMODB_ENDPOINT', 'DYNAMODB_PORT', 'FUNDLEDGER_DATA_DIR', 'TABLE_NAME', 'DIGEST_DIR', 'npm_config_in_memory', 'npm_config_demo', 'npm_config_bundles']) delete env[name];
    env.AWS_PROFILE = 'not-used-by-the-bundles';
    // Its own process group, so that whatever it started can be found (and, at worst, stopped) by the group id.
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['local/start.ts', '--', '--in-memory', '--no-demo', '--bundles'], {
      cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    // Processes of its group still running (an exited one waiting to be reaped, state Z, is not).
    const group = (): string[] =>
      spawnSync('ps', ['-o', 'stat=,pid=,args=', '-g', String(child.pid)], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('Z'));
    try {
      const url = `http://127.0.0.1:${port}`;
      const auditor = apis.bundles.token('auditor');
      // Up once the programs are seeded (through the write bundle, with the credentials start.ts put in the environment).
      // On a fresh clone npm start builds the web console first (over a minute on a busy machine).
      const deadline = Date.now() + 240_000;
      let programs: Array<{ code: string }> = [];
      while (programs.length < seedPrograms.length) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start -- --bundles did not come up:\n${output}`);
        await new Promise((r) => setTimeout(r, 500));
        const res = await fetch(`${url}/programs`, { headers: { authorization: `Bearer ${auditor}` } }).catch(() => null);
        if (res?.status === 200) programs = ((await res.json()) as { programs: Array<{ code: string }> }).programs;
      }
      expect(output).toMatch(/^bundles: serving the Lambda bundles in dist\//m);
      expect(group().filter((l) => l.includes('lambda-runtime.cjs') && l.includes(`${join(REPO_ROOT, 'dist')}/`)).length).toBeGreaterThanOrEqual(2);
      expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([exited, new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), 20_000)))]);
      clearTimeout(timer);
      const left = group();
      if (left.length > 0) process.kill(-child.pid!, 'SIGKILL');
      expect({ code, left }).toEqual({ code: 0, left: [] });
    }
  }, 300_000);
});
